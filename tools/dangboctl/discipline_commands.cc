// decisions create/get/list: disciplinary decisions (quyết định kỷ luật).
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

using inspection_v1::DisciplinaryDecision;
using Stub = InspectionStub;

const std::vector<Column>& DecisionColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"SUBJECT", "subject"},
      {"FORM", "form"},
      {"NUMBER", "number"},
      {"DATE", "decision_date"},
      {"DECIDED BY", "deciding_organization"},
      {"BODY", "deciding_body"},
      {"CATEGORY", "violation_category"},
      {"MEMBERSHIP", "membership_sync.state"},
  };
  return *kColumns;
}

void PrintDecision(CommandContext& ctx, const DisciplinaryDecision& decision) {
  PrintResource(ctx.options().output, DecisionColumns(), decision, ctx.out());
}

// Fields set from options of the same name.
const std::vector<std::string>& CreateFields() {
  static const auto* const kFields = new std::vector<std::string>{
      "form",           "deciding_body",      "number", "decision_date",
      "effective_date", "violation_category", "reasons"};
  return *kFields;
}

absl::Status Create(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::CreateDisciplinaryDecisionRequest request;
  DisciplinaryDecision& decision = *request.mutable_disciplinary_decision();
  if (auto json = args.Value("json")) {
    if (absl::Status s = MessageFromJsonFile(*json, decision); !s.ok()) return s;
  }
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(args, CreateFields(), decision);
  if (!set.ok()) return set.status();
  if (auto subject = args.Value("subject")) {
    absl::StatusOr<std::string> name = SubjectName(*subject);
    if (!name.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--subject: ", name.status().message()));
    }
    decision.set_subject(*name);
  }
  if (auto organization = args.Value("deciding_organization")) {
    decision.set_deciding_organization(OrganizationName(*organization));
  }
  if (auto inspection = args.Value("source_inspection")) {
    decision.set_source_inspection(InspectionName(*inspection));
  }
  const std::vector<std::string> dates = args.Values("violation_date");
  if (!dates.empty()) decision.clear_violation_dates();
  for (const std::string& text : dates) {
    absl::StatusOr<google::type::Date> date = ParseDate(text);
    if (!date.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--violation_date: ", date.status().message()));
    }
    *decision.add_violation_dates() = *date;
  }
  for (const std::string& text : args.Occurrences("aggravating")) {
    decision.add_aggravating_circumstances(text);
  }
  for (const std::string& text : args.Occurrences("mitigating")) {
    decision.add_mitigating_circumstances(text);
  }
  if (decision.subject().empty()) {
    return absl::InvalidArgumentError("--subject (or subject in --json) is required");
  }
  request.set_request_id(RequestIdFrom(args));
  DisciplinaryDecision created;
  if (absl::Status s =
          Mutate(ctx, &Stub::CreateDisciplinaryDecision, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintDecision(ctx, created);
  return absl::OkStatus();
}

absl::Status Get(CommandContext& ctx) {
  inspection_v1::GetDisciplinaryDecisionRequest request;
  request.set_name(DisciplinaryDecisionName(ctx.args().positional()[0]));
  DisciplinaryDecision decision;
  if (absl::Status s = Call(ctx, &Stub::GetDisciplinaryDecision, request, &decision); !s.ok()) {
    return s;
  }
  PrintDecision(ctx, decision);
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::ListDisciplinaryDecisionsRequest request;
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  if (auto subject = args.Value("subject")) {
    absl::StatusOr<std::string> name = SubjectName(*subject);
    if (!name.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--subject: ", name.status().message()));
    }
    request.set_subject(*name);
  }
  auto forms = EnumsFrom<inspection_v1::DisciplineForm>(args, "form");
  if (!forms.ok()) return forms.status();
  for (auto form : *forms) request.add_forms(form);
  for (const auto& [option, field] :
       {std::pair{"decided_from",
                  &inspection_v1::ListDisciplinaryDecisionsRequest::mutable_decided_from},
        std::pair{"decided_to",
                  &inspection_v1::ListDisciplinaryDecisionsRequest::mutable_decided_to}}) {
    auto date = DateFrom(args, option);
    if (!date.ok()) return date.status();
    if (date->has_value()) *(request.*field)() = **date;
  }
  absl::StatusOr<Paging> paging = PagingFromArgs(args);
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, DecisionColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListDisciplinaryDecisions, request, *paging,
      [](const inspection_v1::ListDisciplinaryDecisionsResponse& r) -> const auto& {
        return r.disciplinary_decisions();
      },
      [&](const DisciplinaryDecision& d) { printer.Add(d); });
}

}  // namespace

void RegisterDisciplineCommands(CommandRegistry& registry) {
  const auto* type = DisciplinaryDecision::descriptor();
  const auto* forms = google::protobuf::GetEnumDescriptor<inspection_v1::DisciplineForm>();
  registry.Add(
      {"decisions", "create", "", 0, 0, "Record a disciplinary decision.",
       "Refused when the form does not fit the subject (a probationary member is only\n"
       "reprimanded or warned, removal from post needs a post, dissolution an organization),\n"
       "the deciding body lacks the authority, or the violation is time-barred.",
       Concat(
           std::vector<OptionSpec>{
               JsonOption("the decision"),
               {"subject", OptionKind::kValue, "SUBJECT",
                "organizations/ID or members/ID (required)"},
               {"deciding_organization", OptionKind::kValue, "ORGANIZATION", "whose body decides"},
               {"violation_date", OptionKind::kList, "YYYY-MM-DD",
                "a date of the acts disciplined"},
               {"source_inspection", OptionKind::kValue, "INSPECTION",
                "the inspection the decision came from"},
               {"aggravating", OptionKind::kValue, "TEXT", "a tình tiết tăng nặng; once each"},
               {"mitigating", OptionKind::kValue, "TEXT", "a tình tiết giảm nhẹ; once each"}},
           FieldOptions(*type, CreateFields()), std::vector<OptionSpec>{RequestIdOption()}),
       Create});
  registry.Add(
      {"decisions", "get", "DECISION", 1, 1, "Show one disciplinary decision.", "", {}, Get});
  registry.Add({"decisions", "list", "", 0, 0, "List disciplinary decisions, every page.",
                "Without --subtree: those whose subject lies inside the caller's scopes.",
                Concat(
                    std::vector<OptionSpec>{
                        {"subtree", OptionKind::kValue, "ORGANIZATION",
                         "decisions whose subject's organization lies in this subtree"},
                        {"subject", OptionKind::kValue, "SUBJECT", "only about this subject"},
                        {"form", OptionKind::kList, "FORM",
                         absl::StrCat("only these forms: ", EnumChoices(*forms))},
                        {"decided_from", OptionKind::kValue, "YYYY-MM-DD", "dated on or after"},
                        {"decided_to", OptionKind::kValue, "YYYY-MM-DD", "dated on or before"}},
                    PagingOptions()),
                List});
}

}  // namespace dangbo::ctl
