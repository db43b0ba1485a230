// programmes create/get/list/update: the annual programmes of inspection and supervision.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/inspection_support.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using inspection_v1::Programme;
using Stub = InspectionStub;

const std::vector<Column>& ProgrammeColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"}, {"ORGANIZATION", "organization"}, {"BODY", "conducting_body"},
      {"YEAR", "year"}, {"DECISION", "decision.number"},  {"UPDATED", "update_time"},
  };
  return *kColumns;
}

void PrintProgramme(CommandContext& ctx, const Programme& programme) {
  PrintResource(ctx.options().output, ProgrammeColumns(), programme, ctx.out());
}

// The planned items of the --item options; empty when none is given.
absl::StatusOr<std::vector<inspection_v1::PlannedItem>> ItemsFrom(const ParsedArgs& args) {
  std::vector<inspection_v1::PlannedItem> items;
  for (const std::string& text : args.Occurrences("item")) {
    absl::StatusOr<inspection_v1::PlannedItem> item = ParsePlannedItem(text);
    if (!item.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--item: ", item.status().message()));
    }
    items.push_back(*std::move(item));
  }
  return items;
}

OptionSpec ItemOption() {
  return {"item", OptionKind::kValue, "TYPE|CONTENT|SUBJECTS|YYYY-MM-DD",
          "a planned item, once per item in order; subjects separated by ';' "
          "(organizations/ID, members/ID)"};
}

absl::Status Create(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::CreateProgrammeRequest request;
  Programme& programme = *request.mutable_programme();
  if (auto json = args.Value("json")) {
    if (absl::Status s = MessageFromJsonFile(*json, programme); !s.ok()) return s;
  }
  if (auto organization = args.Value("organization")) {
    programme.set_organization(OrganizationName(*organization));
  }
  auto body = EnumFrom<inspection_v1::ConductingBody>(args, "conducting_body");
  if (!body.ok()) return body.status();
  if (body->has_value()) programme.set_conducting_body(**body);
  auto year = IntFrom(args, "year", 1930);
  if (!year.ok()) return year.status();
  if (year->has_value()) programme.set_year(**year);
  auto decision = DecisionFrom(args);
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) *programme.mutable_decision() = **decision;
  auto items = ItemsFrom(args);
  if (!items.ok()) return items.status();
  if (!items->empty()) {
    programme.clear_planned_items();
    for (auto& item : *items) *programme.add_planned_items() = std::move(item);
  }
  if (programme.organization().empty()) {
    return absl::InvalidArgumentError("--organization (or organization in --json) is required");
  }
  request.set_request_id(RequestIdFrom(args));
  Programme created;
  if (absl::Status s = Mutate(ctx, &Stub::CreateProgramme, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintProgramme(ctx, created);
  return absl::OkStatus();
}

absl::Status Get(CommandContext& ctx) {
  inspection_v1::GetProgrammeRequest request;
  request.set_name(ProgrammeName(ctx.args().positional()[0]));
  Programme programme;
  if (absl::Status s = Call(ctx, &Stub::GetProgramme, request, &programme); !s.ok()) return s;
  PrintProgramme(ctx, programme);
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::ListProgrammesRequest request;
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  auto year = IntFrom(args, "year", 1930);
  if (!year.ok()) return year.status();
  if (year->has_value()) request.set_year(**year);
  absl::StatusOr<Paging> paging = PagingFromArgs(args);
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, ProgrammeColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListProgrammes, request, *paging,
      [](const inspection_v1::ListProgrammesResponse& r) -> const auto& { return r.programmes(); },
      [&](const Programme& p) { printer.Add(p); });
}

absl::Status Update(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::UpdateProgrammeRequest request;
  const std::string name = ProgrammeName(args.positional()[0]);
  Programme& programme = *request.mutable_programme();
  auto decision = DecisionFrom(args);
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) {
    *programme.mutable_decision() = **decision;
    request.mutable_update_mask()->add_paths("decision");
  }
  auto items = ItemsFrom(args);
  if (!items.ok()) return items.status();
  if (!items->empty()) {
    for (auto& item : *items) *programme.add_planned_items() = std::move(item);
    request.mutable_update_mask()->add_paths("planned_items");
  }
  if (request.update_mask().paths().empty()) {
    return absl::InvalidArgumentError(
        "nothing to update; give --decision_number/--decision_date/--decision_issuer or --item");
  }
  std::string etag = args.ValueOr("etag", "");
  if (etag.empty()) {
    inspection_v1::GetProgrammeRequest get;
    get.set_name(name);
    Programme current;
    if (absl::Status s = Call(ctx, &Stub::GetProgramme, get, &current); !s.ok()) return s;
    etag = current.etag();
  }
  programme.set_name(name);
  programme.set_etag(etag);
  request.set_request_id(RequestIdFrom(args));
  Programme updated;
  if (absl::Status s = Mutate(ctx, &Stub::UpdateProgramme, request, &updated, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintProgramme(ctx, updated);
  return absl::OkStatus();
}

}  // namespace

void RegisterProgrammeCommands(CommandRegistry& registry) {
  const auto* bodies = google::protobuf::GetEnumDescriptor<inspection_v1::ConductingBody>();
  registry.Add({"programmes", "create", "", 0, 0,
                "Adopt an annual programme of inspection and supervision.",
                "Planned items are given in order, one --item each, or in --json.",
                Concat(
                    std::vector<OptionSpec>{
                        JsonOption("the programme"),
                        {"organization", OptionKind::kValue, "ORGANIZATION",
                         "whose committee or UBKT adopts it (required)"},
                        {"conducting_body", OptionKind::kValue, "BODY",
                         absl::StrCat("who conducts the planned work: ", EnumChoices(*bodies))},
                        {"year", OptionKind::kValue, "YYYY", "the year the programme covers"},
                        ItemOption()},
                    DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
                Create});
  registry.Add({"programmes", "get", "PROGRAMME", 1, 1, "Show one programme.", "", {}, Get});
  registry.Add(
      {"programmes", "list", "", 0, 0, "List programmes, every page.",
       "Without --subtree: everything inside the caller's scopes.",
       Concat(std::vector<OptionSpec>{{"subtree", OptionKind::kValue, "ORGANIZATION",
                                       "programmes of organizations in this subtree"},
                                      {"year", OptionKind::kValue, "YYYY", "only this year"}},
              PagingOptions()),
       List});
  registry.Add(
      {"programmes", "update", "PROGRAMME", 1, 1, "Change a programme's decision or planned items.",
       "--item replaces the planned items with those given; items an inspection already carries "
       "out stay.",
       Concat(std::vector<OptionSpec>{ItemOption(),
                                      {"etag", OptionKind::kValue, "ETAG",
                                       "refuse the change if the programme changed since this "
                                       "etag (default: its current etag)"}},
              DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
       Update});
}

}  // namespace dangbo::ctl
