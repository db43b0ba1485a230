// appeals create/get/list/resolve: appeals against disciplinary decisions (khiếu nại kỷ luật).
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/inspection_support.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using inspection_v1::Appeal;
using Stub = InspectionStub;

const std::vector<Column>& AppealColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"RECEIVED", "received_date"},
      {"FILED", "filed_date"},
      {"RESOLVED BY", "resolving_organization"},
      {"DUE", "resolution_due_date"},
      {"OUTCOME", "resolution.outcome"},
      {"RESOLVED", "resolution.date"},
  };
  return *kColumns;
}

void PrintAppeal(CommandContext& ctx, const Appeal& appeal) {
  PrintResource(ctx.options().output, AppealColumns(), appeal, ctx.out());
}

// "disciplinaryDecisions/D/appeals/A" as given, or from DECISION and APPEAL ids.
absl::StatusOr<std::string> AppealNameFrom(const std::vector<std::string>& positional) {
  if (positional.size() == 2) {
    return absl::StrCat(DisciplinaryDecisionName(positional[0]), "/appeals/", positional[1]);
  }
  if (absl::StrContains(positional[0], "/appeals/")) return positional[0];
  return absl::InvalidArgumentError(
      "name the appeal as disciplinaryDecisions/ID/appeals/ID or DECISION APPEAL");
}

absl::Status Create(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::CreateAppealRequest request;
  request.set_parent(DisciplinaryDecisionName(args.positional()[0]));
  Appeal& appeal = *request.mutable_appeal();
  for (const auto& [option, field] : {std::pair{"received_date", &Appeal::mutable_received_date},
                                      std::pair{"filed_date", &Appeal::mutable_filed_date}}) {
    auto date = DateFrom(args, option);
    if (!date.ok()) return date.status();
    if (!date->has_value())
      return absl::InvalidArgumentError(absl::StrCat("--", option, " is required"));
    *(appeal.*field)() = **date;
  }
  if (auto organization = args.Value("resolving_organization")) {
    appeal.set_resolving_organization(OrganizationName(*organization));
  }
  auto level = EnumFrom<inspection_v1::Level>(args, "resolving_level");
  if (!level.ok()) return level.status();
  if (level->has_value()) appeal.set_resolving_level(**level);
  request.set_request_id(RequestIdFrom(args));
  Appeal created;
  if (absl::Status s = Mutate(ctx, &Stub::CreateAppeal, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintAppeal(ctx, created);
  return absl::OkStatus();
}

absl::Status Get(CommandContext& ctx) {
  absl::StatusOr<std::string> name = AppealNameFrom(ctx.args().positional());
  if (!name.ok()) return name.status();
  inspection_v1::GetAppealRequest request;
  request.set_name(*name);
  Appeal appeal;
  if (absl::Status s = Call(ctx, &Stub::GetAppeal, request, &appeal); !s.ok()) return s;
  PrintAppeal(ctx, appeal);
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  inspection_v1::ListAppealsRequest request;
  request.set_parent(DisciplinaryDecisionName(ctx.args().positional()[0]));
  absl::StatusOr<Paging> paging = PagingFromArgs(ctx.args());
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, AppealColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListAppeals, request, *paging,
      [](const inspection_v1::ListAppealsResponse& r) -> const auto& { return r.appeals(); },
      [&](const Appeal& a) { printer.Add(a); });
}

absl::Status Resolve(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  absl::StatusOr<std::string> name = AppealNameFrom(args.positional());
  if (!name.ok()) return name.status();
  inspection_v1::ResolveAppealRequest request;
  request.set_name(*name);
  inspection_v1::AppealResolution& resolution = *request.mutable_resolution();
  auto outcome = EnumFrom<inspection_v1::AppealOutcome>(args, "outcome");
  if (!outcome.ok()) return outcome.status();
  if (!outcome->has_value()) return absl::InvalidArgumentError("--outcome is required");
  resolution.set_outcome(**outcome);
  auto date = DateFrom(args, "date");
  if (!date.ok()) return date.status();
  if (!date->has_value()) return absl::InvalidArgumentError("--date is required");
  *resolution.mutable_date() = **date;
  resolution.set_number(args.ValueOr("number", ""));
  resolution.set_reasons(args.ValueOr("reasons", ""));
  auto form = EnumFrom<inspection_v1::DisciplineForm>(args, "new_form");
  if (!form.ok()) return form.status();
  const bool changes_form = resolution.outcome() == inspection_v1::APPEAL_OUTCOME_REDUCED ||
                            resolution.outcome() == inspection_v1::APPEAL_OUTCOME_INCREASED;
  if (changes_form && !form->has_value()) {
    return absl::InvalidArgumentError(
        "--new_form is required when the form is reduced or increased");
  }
  if (!changes_form && form->has_value()) {
    return absl::InvalidArgumentError("--new_form goes only with --outcome=reduced or increased");
  }
  if (form->has_value()) resolution.set_new_form(**form);
  std::string etag = args.ValueOr("etag", "");
  if (etag.empty()) {
    inspection_v1::GetAppealRequest get;
    get.set_name(*name);
    Appeal current;
    if (absl::Status s = Call(ctx, &Stub::GetAppeal, get, &current); !s.ok()) return s;
    etag = current.etag();
  }
  request.set_etag(etag);
  request.set_request_id(RequestIdFrom(args));
  Appeal resolved;
  if (absl::Status s = Mutate(ctx, &Stub::ResolveAppeal, request, &resolved, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintAppeal(ctx, resolved);
  return absl::OkStatus();
}

}  // namespace

void RegisterAppealCommands(CommandRegistry& registry) {
  const auto* levels = google::protobuf::GetEnumDescriptor<inspection_v1::Level>();
  const auto* outcomes = google::protobuf::GetEnumDescriptor<inspection_v1::AppealOutcome>();
  const auto* forms = google::protobuf::GetEnumDescriptor<inspection_v1::DisciplineForm>();
  registry.Add({"appeals",
                "create",
                "DECISION",
                1,
                1,
                "File an appeal against a disciplinary decision.",
                "Refused past the filing deadline, counted from --received_date.",
                {{"received_date", OptionKind::kValue, "YYYY-MM-DD",
                  "the day the appellant received the decision (required)"},
                 {"filed_date", OptionKind::kValue, "YYYY-MM-DD",
                  "the day the resolving body received the appeal (required)"},
                 {"resolving_organization", OptionKind::kValue, "ORGANIZATION",
                  "the level above the deciding body"},
                 {"resolving_level", OptionKind::kValue, "LEVEL",
                  absl::StrCat("its level: ", EnumChoices(*levels))},
                 RequestIdOption()},
                Create});
  registry.Add(
      {"appeals", "get", "APPEAL | DECISION APPEAL", 1, 2, "Show one appeal.", "", {}, Get});
  registry.Add({"appeals", "list", "DECISION", 1, 1, "The appeals against a decision.", "",
                PagingOptions(), List});
  registry.Add({"appeals",
                "resolve",
                "APPEAL | DECISION APPEAL",
                1,
                2,
                "Resolve an appeal.",
                "The outcome changes the decision's standing from --date.",
                {{"outcome", OptionKind::kValue, "OUTCOME",
                  absl::StrCat("required: ", EnumChoices(*outcomes))},
                 {"date", OptionKind::kValue, "YYYY-MM-DD", "the resolution's date (required)"},
                 {"number", OptionKind::kValue, "NUMBER", "the resolving decision's number"},
                 {"new_form", OptionKind::kValue, "FORM",
                  absl::StrCat("with reduced or increased, the form that now applies: ",
                               EnumChoices(*forms))},
                 {"reasons", OptionKind::kValue, "TEXT", "why"},
                 {"etag", OptionKind::kValue, "ETAG",
                  "refuse if the appeal changed since this etag (default: its current etag)"},
                 RequestIdOption()},
                Resolve});
}

}  // namespace dangbo::ctl
