// inspections create/get/list/update: the inspections and supervisions themselves.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/inspection_support.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using inspection_v1::Inspection;
using Stub = InspectionStub;

// Fields set from options of the same name on create.
const std::vector<std::string>& CreateFields() {
  static const auto* const kFields = new std::vector<std::string>{"type",
                                                                  "conducting_body",
                                                                  "conducting_level",
                                                                  "content",
                                                                  "period_start",
                                                                  "period_end",
                                                                  "planned_duration_working_days",
                                                                  "extension_working_days"};
  return *kFields;
}

// UpdateInspectionRequest.update_mask's allowed paths that an option of the same name sets.
const std::vector<std::string>& UpdateFields() {
  static const auto* const kFields =
      new std::vector<std::string>{"content", "period_start", "period_end",
                                   "planned_duration_working_days", "extension_working_days"};
  return *kFields;
}

OptionSpec TeamOption() {
  return {"team", OptionKind::kValue, "MEMBER|FULL NAME|ROLE",
          "a team member, once each; role leader, deputy_leader, member or secretary"};
}

// The --team options; empty when none is given.
absl::StatusOr<std::vector<inspection_v1::TeamMember>> TeamFrom(const ParsedArgs& args) {
  std::vector<inspection_v1::TeamMember> team;
  for (const std::string& text : args.Occurrences("team")) {
    absl::StatusOr<inspection_v1::TeamMember> member = ParseTeamMember(text);
    if (!member.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--team: ", member.status().message()));
    }
    team.push_back(*std::move(member));
  }
  return team;
}

absl::Status Create(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::CreateInspectionRequest request;
  Inspection& inspection = *request.mutable_inspection();
  if (auto json = args.Value("json")) {
    if (absl::Status s = MessageFromJsonFile(*json, inspection); !s.ok()) return s;
  }
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(args, CreateFields(), inspection);
  if (!set.ok()) return set.status();
  if (auto organization = args.Value("conducting_organization")) {
    inspection.set_conducting_organization(OrganizationName(*organization));
  }
  if (auto programme = args.Value("programme")) inspection.set_programme(ProgrammeName(*programme));
  auto item = IntFrom(args, "planned_item", 1);
  if (!item.ok()) return item.status();
  if (item->has_value()) request.set_planned_item_number(**item);
  auto decision = DecisionFrom(args);
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) *inspection.mutable_decision() = **decision;
  auto team = TeamFrom(args);
  if (!team.ok()) return team.status();
  if (!team->empty()) {
    inspection.clear_team_members();
    for (auto& member : *team) *inspection.add_team_members() = std::move(member);
  }
  auto subjects = SubjectsFrom(args, "subject");
  if (!subjects.ok()) return subjects.status();
  for (const std::string& subject : *subjects) inspection.add_subjects()->set_subject(subject);
  auto committee = SubjectsFrom(args, "committee_subject");
  if (!committee.ok()) return committee.status();
  for (const std::string& subject : *committee) {
    inspection_v1::InspectionSubject* added = inspection.add_subjects();
    added->set_subject(subject);
    added->set_committee_member(true);
  }
  if (auto path = args.Value("subjects_csv")) {
    auto rows = ReadCsvFile(ctx, *path, ReadSubjectsCsv);
    if (!rows.ok()) return rows.status();
    for (auto& row : rows->rows) *inspection.add_subjects() = std::move(row);
  }
  if (inspection.type() == inspection_v1::INSPECTION_TYPE_UNSPECIFIED) {
    return absl::InvalidArgumentError("--type (or type in --json) is required");
  }
  if (inspection.conducting_organization().empty()) {
    return absl::InvalidArgumentError(
        "--conducting_organization (or conductingOrganization in --json) is required");
  }
  request.set_request_id(RequestIdFrom(args));
  Inspection created;
  if (absl::Status s =
          Mutate(ctx, &Stub::CreateInspection, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintInspection(ctx, created);
  return absl::OkStatus();
}

absl::Status Get(CommandContext& ctx) {
  inspection_v1::GetInspectionRequest request;
  request.set_name(InspectionName(ctx.args().positional()[0]));
  Inspection inspection;
  if (absl::Status s = Call(ctx, &Stub::GetInspection, request, &inspection); !s.ok()) return s;
  PrintInspection(ctx, inspection);
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::ListInspectionsRequest request;
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  auto types = EnumsFrom<inspection_v1::InspectionType>(args, "type");
  if (!types.ok()) return types.status();
  for (auto type : *types) request.add_types(type);
  auto stages = EnumsFrom<inspection_v1::InspectionStage>(args, "stage");
  if (!stages.ok()) return stages.status();
  for (auto stage : *stages) request.add_stages(stage);
  if (auto subject = args.Value("subject")) {
    absl::StatusOr<std::string> name = SubjectName(*subject);
    if (!name.ok())
      return absl::InvalidArgumentError(absl::StrCat("--subject: ", name.status().message()));
    request.set_subject(*name);
  }
  for (const auto& [option, field] :
       {std::pair{"decided_from", &inspection_v1::ListInspectionsRequest::mutable_decided_from},
        std::pair{"decided_to", &inspection_v1::ListInspectionsRequest::mutable_decided_to}}) {
    auto date = DateFrom(args, option);
    if (!date.ok()) return date.status();
    if (date->has_value()) *(request.*field)() = **date;
  }
  absl::StatusOr<bool> overdue = args.Flag("overdue_only");
  if (!overdue.ok()) return overdue.status();
  request.set_overdue_only(*overdue);
  absl::StatusOr<Paging> paging = PagingFromArgs(args);
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, InspectionColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListInspections, request, *paging,
      [](const inspection_v1::ListInspectionsResponse& r) -> const auto& {
        return r.inspections();
      },
      [&](const Inspection& i) { printer.Add(i); });
}

absl::Status Update(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::UpdateInspectionRequest request;
  const std::string name = InspectionName(args.positional()[0]);
  Inspection& inspection = *request.mutable_inspection();
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(args, UpdateFields(), inspection);
  if (!set.ok()) return set.status();
  for (const std::string& path : *set) request.mutable_update_mask()->add_paths(path);
  auto decision = DecisionFrom(args);
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) {
    *inspection.mutable_decision() = **decision;
    request.mutable_update_mask()->add_paths("decision");
  }
  auto team = TeamFrom(args);
  if (!team.ok()) return team.status();
  if (!team->empty()) {
    for (auto& member : *team) *inspection.add_team_members() = std::move(member);
    request.mutable_update_mask()->add_paths("team_members");
  }
  if (request.update_mask().paths().empty()) {
    std::vector<std::string> options;
    for (const std::string& path : UpdateFields()) options.push_back(OptionNameOf(path));
    return absl::InvalidArgumentError(absl::StrCat("nothing to update; give one of --",
                                                   absl::StrJoin(options, ", --"),
                                                   ", --team or the decision options"));
  }
  absl::StatusOr<std::string> etag = InspectionEtag(ctx, name);
  if (!etag.ok()) return etag.status();
  inspection.set_name(name);
  inspection.set_etag(*etag);
  request.set_request_id(RequestIdFrom(args));
  Inspection updated;
  if (absl::Status s =
          Mutate(ctx, &Stub::UpdateInspection, request, &updated, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintInspection(ctx, updated);
  return absl::OkStatus();
}

}  // namespace

void RegisterInspectionCommands(CommandRegistry& registry) {
  const auto* type = Inspection::descriptor();
  const auto* types = google::protobuf::GetEnumDescriptor<inspection_v1::InspectionType>();
  const auto* stages = google::protobuf::GetEnumDescriptor<inspection_v1::InspectionStage>();
  registry.Add(
      {"inspections", "create", "", 0, 0, "Create an inspection or supervision, with its subjects.",
       "Created at DECIDED when the decision, content, period, team and duration are given,\n"
       "else at PLANNED. Subjects come from --subject, --committee_subject and --subjects-csv\n"
       "(a CSV with the columns subject[,committee_member]; the header line is optional;\n"
       "subjects are written organizations/ID or members/ID). Every row of the file is\n"
       "checked before anything is sent.",
       Concat(std::vector<OptionSpec>{JsonOption("the inspection")},
              FieldOptions(*type, CreateFields()),
              std::vector<OptionSpec>{
                  {"conducting_organization", OptionKind::kValue, "ORGANIZATION",
                   "whose body conducts it (required)"},
                  {"programme", OptionKind::kValue, "PROGRAMME",
                   "the programme whose planned item it carries out"},
                  {"planned_item", OptionKind::kValue, "N",
                   "the 1-based number of that item in the programme"},
                  TeamOption(),
                  {"subject", OptionKind::kList, "SUBJECT", "organizations/ID or members/ID"},
                  {"committee_subject", OptionKind::kList, "MEMBER",
                   "a member subject who sits on a committee (cấp ủy viên)"},
                  {"subjects_csv", OptionKind::kValue, "FILE",
                   "the subjects from a CSV file: subject[,committee_member]"}},
              DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
       Create});
  registry.Add({"inspections",
                "get",
                "INSPECTION",
                1,
                1,
                "Show one inspection with its subjects, findings, notice and follow-up.",
                "",
                {},
                Get});
  registry.Add({"inspections", "list", "", 0, 0, "List inspections and supervisions, every page.",
                "Without --subtree: everything conducted inside the caller's scopes.",
                Concat(
                    std::vector<OptionSpec>{
                        {"subtree", OptionKind::kValue, "ORGANIZATION",
                         "conducted by organizations in this subtree"},
                        {"type", OptionKind::kList, "TYPE",
                         absl::StrCat("only these types: ", EnumChoices(*types))},
                        {"stage", OptionKind::kList, "STAGE",
                         absl::StrCat("only these stages: ", EnumChoices(*stages))},
                        {"subject", OptionKind::kValue, "SUBJECT", "only those of this subject"},
                        {"decided_from", OptionKind::kValue, "YYYY-MM-DD", "decided on or after"},
                        {"decided_to", OptionKind::kValue, "YYYY-MM-DD", "decided on or before"},
                        {"overdue_only", OptionKind::kFlag, "", "only those past their duration"}},
                    PagingOptions()),
                List});
  registry.Add({"inspections", "update", "INSPECTION", 1, 1,
                "Change an inspection's decision, content, period, duration, extension or team.",
                "Allowed before the conclusion. --team replaces the whole team.",
                Concat(FieldOptions(*type, UpdateFields()),
                       std::vector<OptionSpec>{TeamOption(), InspectionEtagOption()},
                       DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
                Update});
}

}  // namespace dangbo::ctl
