#include "services/inspection/api/mapping.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/dates.h"
#include "common/api/etag.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "google/protobuf/any.pb.h"
#include "nlohmann/json.hpp"
#include "services/inspection/domain/enum_names.h"
#include "services/membership/domain/dates.h"

namespace dangbo::inspection {
namespace {

using api::ParseOptionalDate;
using api::ResourceName;
using api::SetProtoDate;

constexpr size_t kShortText = 256;
constexpr size_t kLongText = 20000;
constexpr int kMaxListItems = 1000;

std::string Field(std::string_view parent, std::string_view child) {
  return absl::StrCat(ToAbsl(parent), ".", ToAbsl(child));
}
std::string Item(std::string_view parent, int index) {
  return absl::StrCat(ToAbsl(parent), "[", index, "]");
}

// Domain and wire enums share their numbering by design, so mapping is a checked cast.
template <typename Domain>
absl::StatusOr<Domain> EnumFromProto(std::string_view field, int value, bool (*valid)(int)) {
  if (!valid(value)) return status::InvalidField(field, absl::StrCat("unknown value ", value));
  return static_cast<Domain>(value);
}

absl::StatusOr<std::string> Text(std::string_view field, const std::string& value,
                                 size_t max_chars) {
  DANGBO_RETURN_IF_ERROR(status::ValidateText(field, value, max_chars, /*required=*/false));
  return value;
}
absl::StatusOr<std::string> LongText(std::string_view field, const std::string& value) {
  DANGBO_RETURN_IF_ERROR(
      status::ValidateMultilineText(field, value, kLongText, /*required=*/false));
  return value;
}

absl::Status CheckCount(std::string_view field, int size) {
  if (size > kMaxListItems) {
    return status::InvalidField(field, absl::StrCat("at most ", kMaxListItems, " entries"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> Paragraphs(
    std::string_view field, const google::protobuf::RepeatedPtrField<std::string>& in) {
  DANGBO_RETURN_IF_ERROR(CheckCount(field, in.size()));
  std::vector<std::string> out;
  for (int i = 0; i < in.size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(std::string text, LongText(Item(field, i), in[i]));
    out.push_back(std::move(text));
  }
  return out;
}

absl::StatusOr<std::optional<int64_t>> OptionalId(std::string_view field,
                                                  std::string_view collection,
                                                  const std::string& name) {
  if (name.empty()) return std::nullopt;
  DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId(field, collection, name));
  return id;
}

absl::StatusOr<int64_t> RequiredId(std::string_view field, std::string_view collection,
                                   const std::string& name) {
  if (name.empty()) return status::InvalidField(field, "required");
  return api::ParseResourceId(field, collection, name);
}

template <typename Enum, typename Proto>
void AddEnums(const std::vector<Enum>& in, google::protobuf::RepeatedField<int>* out) {
  for (Enum e : in) out->Add(static_cast<int>(static_cast<Proto>(e)));
}

}  // namespace

absl::StatusOr<SubjectRef> SubjectFromName(std::string_view field, std::string_view name) {
  if (name.empty()) return status::InvalidField(field, "required");
  const std::string text(name);
  if (absl::StartsWith(text, absl::StrCat(ToAbsl(kMembers), "/"))) {
    DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId(field, kMembers, name));
    return SubjectRef{.kind = SubjectKind::kMember, .id = id};
  }
  if (absl::StartsWith(text, absl::StrCat(ToAbsl(kOrganizations), "/"))) {
    DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId(field, kOrganizations, name));
    return SubjectRef{.kind = SubjectKind::kOrganization, .id = id};
  }
  return status::InvalidField(field, "must name organizations/{id} or members/{id}");
}

std::string SubjectName(const SubjectRef& subject) {
  return ResourceName(subject.kind == SubjectKind::kMember ? kMembers : kOrganizations,
                      subject.id);
}

std::string NoticeName(int64_t inspection_id, int revision) {
  return absl::StrCat(ResourceName(kInspections, inspection_id), "/conclusionNotices/", revision);
}

absl::StatusOr<std::pair<int64_t, int>> ParseNoticeName(std::string_view field,
                                                        std::string_view name) {
  std::vector<std::string> parts = absl::StrSplit(ToAbsl(name), '/');
  int64_t inspection = 0;
  int revision = 0;
  if (parts.size() != 4 || parts[0] != kInspections || parts[2] != "conclusionNotices" ||
      !absl::SimpleAtoi(parts[1], &inspection) || inspection <= 0 ||
      !absl::SimpleAtoi(parts[3], &revision) || revision <= 0) {
    return status::InvalidField(field,
                                "must be inspections/{id}/conclusionNotices/{revision}");
  }
  return std::make_pair(inspection, revision);
}

std::string AppealName(int64_t decision_id, int64_t appeal_id) {
  return absl::StrCat(ResourceName(kDisciplinaryDecisions, decision_id), "/appeals/", appeal_id);
}

absl::StatusOr<std::pair<int64_t, int64_t>> ParseAppealName(std::string_view field,
                                                            std::string_view name) {
  std::vector<std::string> parts = absl::StrSplit(ToAbsl(name), '/');
  int64_t decision = 0;
  int64_t appeal = 0;
  if (parts.size() != 4 || parts[0] != kDisciplinaryDecisions || parts[2] != "appeals" ||
      !absl::SimpleAtoi(parts[1], &decision) || decision <= 0 ||
      !absl::SimpleAtoi(parts[3], &appeal) || appeal <= 0) {
    return status::InvalidField(field, "must be disciplinaryDecisions/{id}/appeals/{id}");
  }
  return std::make_pair(decision, appeal);
}

std::string RuleVersionName(Date effective_from) {
  return absl::StrCat("ruleVersions/", membership::FormatDate(effective_from));
}

absl::StatusOr<Date> ParseRuleVersionName(std::string_view field, std::string_view name) {
  constexpr std::string_view kPrefix = "ruleVersions/";
  if (name.substr(0, kPrefix.size()) != kPrefix) {
    return status::InvalidField(field, "must be ruleVersions/{yyyy-mm-dd}");
  }
  absl::StatusOr<Date> day = membership::ParseDate(name.substr(kPrefix.size()));
  if (!day.ok()) return status::InvalidField(field, "must be ruleVersions/{yyyy-mm-dd}");
  return *day;
}

absl::StatusOr<DecisionRef> DecisionRefFromProto(std::string_view field,
                                                 const dangbo::type::v1::Decision& in) {
  DecisionRef out;
  DANGBO_ASSIGN_OR_RETURN(out.number, Text(Field(field, "number"), in.number(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.date, ParseOptionalDate(Field(field, "date"), in.date()));
  DANGBO_ASSIGN_OR_RETURN(out.issuer, Text(Field(field, "issuer"), in.issuer(), 255));
  return out;
}

dangbo::type::v1::Decision DecisionRefToProto(const DecisionRef& in) {
  dangbo::type::v1::Decision out;
  out.set_number(in.number);
  if (in.date) *out.mutable_date() = api::ToProtoDate(*in.date);
  out.set_issuer(in.issuer);
  return out;
}

absl::StatusOr<std::vector<PlannedItem>> PlannedItemsFromProto(
    std::string_view field, const google::protobuf::RepeatedPtrField<pb::PlannedItem>& in) {
  DANGBO_RETURN_IF_ERROR(CheckCount(field, in.size()));
  std::vector<PlannedItem> out;
  for (int i = 0; i < in.size(); ++i) {
    const std::string f = Item(field, i);
    PlannedItem item;
    DANGBO_ASSIGN_OR_RETURN(item.type,
                            EnumFromProto<InspectionType>(Field(f, "type"), in[i].type(),
                                                          pb::InspectionType_IsValid));
    if (item.type == InspectionType::kUnspecified) {
      return status::InvalidField(Field(f, "type"), "required");
    }
    DANGBO_ASSIGN_OR_RETURN(item.content, LongText(Field(f, "content"), in[i].content()));
    DANGBO_RETURN_IF_ERROR(CheckCount(Field(f, "subjects"), in[i].subjects_size()));
    for (int s = 0; s < in[i].subjects_size(); ++s) {
      DANGBO_ASSIGN_OR_RETURN(SubjectRef subject,
                              SubjectFromName(Item(Field(f, "subjects"), s), in[i].subjects(s)));
      item.subjects.push_back(subject);
    }
    DANGBO_ASSIGN_OR_RETURN(item.planned_start,
                            ParseOptionalDate(Field(f, "planned_start"), in[i].planned_start()));
    // `inspection` is output only: the service links an item when an inspection carries it out.
    out.push_back(std::move(item));
  }
  return out;
}

absl::StatusOr<Programme> ProgrammeFromProto(std::string_view field, const pb::Programme& in) {
  Programme out;
  DANGBO_ASSIGN_OR_RETURN(out.organization_id, RequiredId(Field(field, "organization"),
                                                          kOrganizations, in.organization()));
  DANGBO_ASSIGN_OR_RETURN(out.conducting_body, EnumFromProto<ConductingBody>(
                                                   Field(field, "conducting_body"),
                                                   in.conducting_body(), pb::ConductingBody_IsValid));
  if (out.conducting_body == ConductingBody::kUnspecified) {
    return status::InvalidField(Field(field, "conducting_body"), "required");
  }
  if (in.year() < 1930 || in.year() > 9999) {
    return status::InvalidField(Field(field, "year"), "must be a year from 1930");
  }
  out.year = in.year();
  DANGBO_ASSIGN_OR_RETURN(out.decision, DecisionRefFromProto(Field(field, "decision"),
                                                             in.decision()));
  DANGBO_ASSIGN_OR_RETURN(out.items,
                          PlannedItemsFromProto(Field(field, "planned_items"), in.planned_items()));
  return out;
}

pb::Programme ProgrammeToProto(const Programme& in) {
  pb::Programme out;
  out.set_name(ResourceName(kProgrammes, in.id));
  out.set_organization(ResourceName(kOrganizations, in.organization_id));
  out.set_conducting_body(static_cast<pb::ConductingBody>(in.conducting_body));
  out.set_year(in.year);
  *out.mutable_decision() = DecisionRefToProto(in.decision);
  for (const PlannedItem& item : in.items) {
    pb::PlannedItem* p = out.add_planned_items();
    p->set_type(static_cast<pb::InspectionType>(item.type));
    p->set_content(item.content);
    for (const SubjectRef& s : item.subjects) p->add_subjects(SubjectName(s));
    SetProtoDate(item.planned_start, p->mutable_planned_start());
    if (!item.planned_start) p->clear_planned_start();
    if (item.inspection_id) p->set_inspection(ResourceName(kInspections, *item.inspection_id));
  }
  out.set_etag(api::Etag(in.version));
  return out;
}

absl::StatusOr<std::vector<TeamMember>> TeamFromProto(
    std::string_view field, const google::protobuf::RepeatedPtrField<pb::TeamMember>& in) {
  DANGBO_RETURN_IF_ERROR(CheckCount(field, in.size()));
  std::vector<TeamMember> out;
  for (int i = 0; i < in.size(); ++i) {
    const std::string f = Item(field, i);
    TeamMember member;
    DANGBO_ASSIGN_OR_RETURN(member.member_id, RequiredId(Field(f, "member"), kMembers,
                                                         in[i].member()));
    DANGBO_ASSIGN_OR_RETURN(member.full_name,
                            Text(Field(f, "full_name"), in[i].full_name(), kShortText));
    DANGBO_ASSIGN_OR_RETURN(member.role, EnumFromProto<TeamRole>(Field(f, "role"), in[i].role(),
                                                                 pb::TeamRole_IsValid));
    out.push_back(std::move(member));
  }
  return out;
}

absl::StatusOr<InspectionSubject> InspectionSubjectFromProto(std::string_view field,
                                                             const pb::InspectionSubject& in) {
  InspectionSubject out;
  DANGBO_ASSIGN_OR_RETURN(out.subject, SubjectFromName(Field(field, "subject"), in.subject()));
  out.committee_member = in.committee_member();
  DANGBO_ASSIGN_OR_RETURN(out.outcome,
                          EnumFromProto<SubjectOutcome>(Field(field, "outcome"), in.outcome(),
                                                        pb::SubjectOutcome_IsValid));
  return out;
}

absl::StatusOr<Finding> FindingFromProto(std::string_view field, const pb::Finding& in) {
  Finding out;
  DANGBO_ASSIGN_OR_RETURN(out.subject, SubjectFromName(Field(field, "subject"), in.subject()));
  DANGBO_ASSIGN_OR_RETURN(out.text, LongText(Field(field, "text"), in.text()));
  if (out.text.empty()) return status::InvalidField(Field(field, "text"), "required");
  DANGBO_ASSIGN_OR_RETURN(out.category, EnumFromProto<ViolationCategory>(
                                            Field(field, "violation_category"),
                                            in.violation_category(), pb::ViolationCategory_IsValid));
  return out;
}

absl::StatusOr<Inspection> InspectionFromProto(std::string_view field, const pb::Inspection& in) {
  Inspection out;
  DANGBO_ASSIGN_OR_RETURN(out.type, EnumFromProto<InspectionType>(
                                        Field(field, "type"), in.type(), pb::InspectionType_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.conducting_body, EnumFromProto<ConductingBody>(
                                                   Field(field, "conducting_body"),
                                                   in.conducting_body(), pb::ConductingBody_IsValid));
  if (!in.conducting_organization().empty()) {
    DANGBO_ASSIGN_OR_RETURN(out.conducting_organization_id,
                            api::ParseResourceId(Field(field, "conducting_organization"),
                                                 kOrganizations, in.conducting_organization()));
  }
  DANGBO_ASSIGN_OR_RETURN(out.conducting_level,
                          EnumFromProto<Level>(Field(field, "conducting_level"),
                                               in.conducting_level(), pb::Level_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.programme_id,
                          OptionalId(Field(field, "programme"), kProgrammes, in.programme()));
  DANGBO_ASSIGN_OR_RETURN(out.decision, DecisionRefFromProto(Field(field, "decision"),
                                                             in.decision()));
  DANGBO_ASSIGN_OR_RETURN(out.content, LongText(Field(field, "content"), in.content()));
  DANGBO_ASSIGN_OR_RETURN(out.period_from,
                          ParseOptionalDate(Field(field, "period_start"), in.period_start()));
  DANGBO_ASSIGN_OR_RETURN(out.period_to,
                          ParseOptionalDate(Field(field, "period_end"), in.period_end()));
  if (in.planned_duration_working_days() < 0) {
    return status::InvalidField(Field(field, "planned_duration_working_days"),
                                "must not be negative");
  }
  out.planned_duration_working_days = in.planned_duration_working_days();
  // Checked here and not only by the duration rules, which apply from DECIDED: a PLANNED
  // inspection would otherwise keep a negative extension.
  if (in.extension_working_days() < 0) {
    return status::InvalidField(Field(field, "extension_working_days"), "must not be negative");
  }
  out.extension_working_days = in.extension_working_days();
  DANGBO_ASSIGN_OR_RETURN(out.team, TeamFromProto(Field(field, "team_members"), in.team_members()));
  DANGBO_RETURN_IF_ERROR(CheckCount(Field(field, "subjects"), in.subjects_size()));
  for (int i = 0; i < in.subjects_size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(
        InspectionSubject subject,
        InspectionSubjectFromProto(Item(Field(field, "subjects"), i), in.subjects(i)));
    out.subjects.push_back(subject);
  }
  DANGBO_RETURN_IF_ERROR(CheckCount(Field(field, "findings"), in.findings_size()));
  for (int i = 0; i < in.findings_size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(Finding finding,
                            FindingFromProto(Item(Field(field, "findings"), i), in.findings(i)));
    out.findings.push_back(std::move(finding));
  }
  return out;
}

pb::Inspection InspectionToProto(const Inspection& in) {
  pb::Inspection out;
  out.set_name(ResourceName(kInspections, in.id));
  out.set_type(static_cast<pb::InspectionType>(in.type));
  out.set_conducting_body(static_cast<pb::ConductingBody>(in.conducting_body));
  out.set_conducting_organization(ResourceName(kOrganizations, in.conducting_organization_id));
  out.set_conducting_level(static_cast<pb::Level>(in.conducting_level));
  if (in.programme_id) out.set_programme(ResourceName(kProgrammes, *in.programme_id));
  out.set_stage(static_cast<pb::InspectionStage>(in.stage));
  *out.mutable_decision() = DecisionRefToProto(in.decision);
  out.set_content(in.content);
  auto date = [](const std::optional<Date>& day, google::type::Date* field) {
    if (day) *field = api::ToProtoDate(*day);
  };
  date(in.period_from, out.mutable_period_start());
  date(in.period_to, out.mutable_period_end());
  if (!in.period_from) out.clear_period_start();
  if (!in.period_to) out.clear_period_end();
  out.set_planned_duration_working_days(in.planned_duration_working_days);
  out.set_extension_working_days(in.extension_working_days);
  for (const TeamMember& m : in.team) {
    pb::TeamMember* p = out.add_team_members();
    p->set_member(ResourceName(kMembers, m.member_id));
    p->set_full_name(m.full_name);
    p->set_role(static_cast<pb::TeamRole>(m.role));
  }
  for (const InspectionSubject& s : in.subjects) {
    pb::InspectionSubject* p = out.add_subjects();
    p->set_subject(SubjectName(s.subject));
    p->set_committee_member(s.committee_member);
    if (s.organization_id_at_decision != 0) {
      p->set_organization_at_decision(ResourceName(kOrganizations, s.organization_id_at_decision));
    }
    p->set_outcome(static_cast<pb::SubjectOutcome>(s.outcome));
  }
  for (const Finding& f : in.findings) {
    pb::Finding* p = out.add_findings();
    p->set_subject(SubjectName(f.subject));
    p->set_text(f.text);
    p->set_violation_category(static_cast<pb::ViolationCategory>(f.category));
  }
  if (in.started_date) *out.mutable_started_date() = api::ToProtoDate(*in.started_date);
  if (in.reported_date) *out.mutable_reported_date() = api::ToProtoDate(*in.reported_date);
  if (in.concluded_date) *out.mutable_concluded_date() = api::ToProtoDate(*in.concluded_date);
  if (in.closed_date) *out.mutable_closed_date() = api::ToProtoDate(*in.closed_date);
  if (in.cancelled_date) *out.mutable_cancelled_date() = api::ToProtoDate(*in.cancelled_date);
  out.set_cancellation_reason(in.cancellation_reason);
  if (in.notice) *out.mutable_conclusion_notice() = NoticeToProto(*in.notice);
  for (const TaskCompletion& c : in.task_completions) {
    pb::TaskCompletion* p = out.add_task_completions();
    p->set_task_number(c.task_number);
    *p->mutable_completed_date() = api::ToProtoDate(c.completed_date);
    p->set_note(c.note);
  }
  out.set_etag(api::Etag(in.version));
  return out;
}

absl::StatusOr<ConclusionNotice> NoticeFromProto(std::string_view field,
                                                 const pb::ConclusionNotice& in) {
  ConclusionNotice out;
  DANGBO_ASSIGN_OR_RETURN(out.correction_reason,
                          LongText(Field(field, "correction_reason"), in.correction_reason()));
  DANGBO_ASSIGN_OR_RETURN(out.number, Text(Field(field, "number"), in.number(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.issued_date,
                          ParseOptionalDate(Field(field, "issued_date"), in.issued_date()));
  DANGBO_ASSIGN_OR_RETURN(out.strengths, Paragraphs(Field(field, "strengths"), in.strengths()));
  DANGBO_ASSIGN_OR_RETURN(out.shortcomings,
                          Paragraphs(Field(field, "shortcomings"), in.shortcomings()));
  DANGBO_ASSIGN_OR_RETURN(out.causes, Paragraphs(Field(field, "causes"), in.causes()));
  const std::string tasks = Field(field, "required_tasks");
  DANGBO_RETURN_IF_ERROR(CheckCount(tasks, in.required_tasks_size()));
  for (int i = 0; i < in.required_tasks_size(); ++i) {
    const pb::RequiredTask& t = in.required_tasks(i);
    const std::string f = Item(tasks, i);
    RequiredTask task;
    DANGBO_ASSIGN_OR_RETURN(task.text, LongText(Field(f, "text"), t.text()));
    DANGBO_ASSIGN_OR_RETURN(task.assignee, Text(Field(f, "assignee"), t.assignee(), kShortText));
    DANGBO_ASSIGN_OR_RETURN(task.due_date, ParseOptionalDate(Field(f, "due_date"), t.due_date()));
    out.required_tasks.push_back(std::move(task));
  }
  DANGBO_RETURN_IF_ERROR(CheckCount(Field(field, "distribution"), in.distribution_size()));
  for (int i = 0; i < in.distribution_size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(std::string to, Text(Item(Field(field, "distribution"), i),
                                                 in.distribution(i), kShortText));
    out.distribution.push_back(std::move(to));
  }
  DANGBO_ASSIGN_OR_RETURN(out.signed_by, Text(Field(field, "signed_by"), in.signed_by(),
                                              kShortText));
  return out;
}

pb::ConclusionNotice NoticeToProto(const ConclusionNotice& in) {
  pb::ConclusionNotice out;
  out.set_name(NoticeName(in.inspection_id, in.revision));
  out.set_revision(in.revision);
  if (in.supersedes_revision) out.set_supersedes_revision(*in.supersedes_revision);
  out.set_correction_reason(in.correction_reason);
  out.set_number(in.number);
  if (in.issued_date) *out.mutable_issued_date() = api::ToProtoDate(*in.issued_date);
  for (const std::string& s : in.strengths) out.add_strengths(s);
  for (const std::string& s : in.shortcomings) out.add_shortcomings(s);
  for (const std::string& s : in.causes) out.add_causes(s);
  for (const RequiredTask& t : in.required_tasks) {
    pb::RequiredTask* p = out.add_required_tasks();
    p->set_text(t.text);
    p->set_assignee(t.assignee);
    if (t.due_date) *p->mutable_due_date() = api::ToProtoDate(*t.due_date);
  }
  for (const std::string& d : in.distribution) out.add_distribution(d);
  out.set_signed_by(in.signed_by);
  return out;
}

absl::StatusOr<TaskCompletion> TaskCompletionFromProto(std::string_view field,
                                                       const pb::TaskCompletion& in) {
  TaskCompletion out;
  if (in.task_number() <= 0) {
    return status::InvalidField(Field(field, "task_number"), "must be a task's 1-based number");
  }
  out.task_number = in.task_number();
  DANGBO_ASSIGN_OR_RETURN(out.completed_date, api::ParseRequiredDate(Field(field, "completed_date"),
                                                                     in.completed_date()));
  DANGBO_ASSIGN_OR_RETURN(out.note, LongText(Field(field, "note"), in.note()));
  return out;
}

absl::StatusOr<DisciplinaryDecision> DisciplinaryDecisionFromProto(
    std::string_view field, const pb::DisciplinaryDecision& in) {
  DisciplinaryDecision out;
  DANGBO_ASSIGN_OR_RETURN(out.subject, SubjectFromName(Field(field, "subject"), in.subject()));
  DANGBO_ASSIGN_OR_RETURN(out.form, EnumFromProto<DisciplineForm>(Field(field, "form"), in.form(),
                                                                  pb::DisciplineForm_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.deciding_organization_id,
                          RequiredId(Field(field, "deciding_organization"), kOrganizations,
                                     in.deciding_organization()));
  DANGBO_ASSIGN_OR_RETURN(out.deciding_body, EnumFromProto<DecidingBody>(
                                                 Field(field, "deciding_body"), in.deciding_body(),
                                                 pb::DecidingBody_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.number, Text(Field(field, "number"), in.number(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.decision_date, api::ParseRequiredDate(Field(field, "decision_date"),
                                                                    in.decision_date()));
  DANGBO_ASSIGN_OR_RETURN(std::optional<Date> effective,
                          ParseOptionalDate(Field(field, "effective_date"), in.effective_date()));
  out.effective_date = effective.value_or(out.decision_date);
  const std::string violations = Field(field, "violation_dates");
  DANGBO_RETURN_IF_ERROR(CheckCount(violations, in.violation_dates_size()));
  for (int i = 0; i < in.violation_dates_size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(Date day,
                            api::ParseRequiredDate(Item(violations, i), in.violation_dates(i)));
    out.violation_dates.push_back(day);
  }
  DANGBO_ASSIGN_OR_RETURN(out.category, EnumFromProto<ViolationCategory>(
                                            Field(field, "violation_category"),
                                            in.violation_category(), pb::ViolationCategory_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.reasons, LongText(Field(field, "reasons"), in.reasons()));
  DANGBO_ASSIGN_OR_RETURN(out.source_inspection_id,
                          OptionalId(Field(field, "source_inspection"), kInspections,
                                     in.source_inspection()));
  DANGBO_ASSIGN_OR_RETURN(out.aggravating_circumstances,
                          Paragraphs(Field(field, "aggravating_circumstances"),
                                     in.aggravating_circumstances()));
  DANGBO_ASSIGN_OR_RETURN(out.mitigating_circumstances,
                          Paragraphs(Field(field, "mitigating_circumstances"),
                                     in.mitigating_circumstances()));
  // member_standing, holds_post and subject_organization are membership's answer, not the
  // caller's: the handler fills them.
  return out;
}

pb::DisciplinaryDecision DisciplinaryDecisionToProto(const DisciplinaryDecision& in,
                                                     const pb::MembershipSync& sync) {
  pb::DisciplinaryDecision out;
  out.set_name(ResourceName(kDisciplinaryDecisions, in.id));
  out.set_subject(SubjectName(in.subject));
  out.set_member_standing(static_cast<pb::MemberStanding>(in.member_standing));
  out.set_holds_post(in.holds_post);
  if (in.subject_organization_id != 0) {
    out.set_subject_organization(ResourceName(kOrganizations, in.subject_organization_id));
  }
  out.set_form(static_cast<pb::DisciplineForm>(in.form));
  out.set_deciding_organization(ResourceName(kOrganizations, in.deciding_organization_id));
  out.set_deciding_body(static_cast<pb::DecidingBody>(in.deciding_body));
  out.set_number(in.number);
  *out.mutable_decision_date() = api::ToProtoDate(in.decision_date);
  *out.mutable_effective_date() = api::ToProtoDate(in.effective_date);
  for (Date d : in.violation_dates) *out.add_violation_dates() = api::ToProtoDate(d);
  out.set_violation_category(static_cast<pb::ViolationCategory>(in.category));
  out.set_reasons(in.reasons);
  if (in.source_inspection_id) {
    out.set_source_inspection(ResourceName(kInspections, *in.source_inspection_id));
  }
  for (const std::string& s : in.aggravating_circumstances) out.add_aggravating_circumstances(s);
  for (const std::string& s : in.mitigating_circumstances) out.add_mitigating_circumstances(s);
  *out.mutable_membership_sync() = sync;
  out.set_etag(api::Etag(in.version));
  return out;
}

absl::StatusOr<Appeal> AppealFromProto(std::string_view field, const pb::Appeal& in) {
  Appeal out;
  DANGBO_ASSIGN_OR_RETURN(out.received_date, api::ParseRequiredDate(Field(field, "received_date"),
                                                                    in.received_date()));
  DANGBO_ASSIGN_OR_RETURN(out.filed_date,
                          api::ParseRequiredDate(Field(field, "filed_date"), in.filed_date()));
  DANGBO_ASSIGN_OR_RETURN(out.resolving_organization_id,
                          RequiredId(Field(field, "resolving_organization"), kOrganizations,
                                     in.resolving_organization()));
  DANGBO_ASSIGN_OR_RETURN(out.resolving_level,
                          EnumFromProto<Level>(Field(field, "resolving_level"),
                                               in.resolving_level(), pb::Level_IsValid));
  return out;
}

absl::StatusOr<AppealResolution> AppealResolutionFromProto(std::string_view field,
                                                           const pb::AppealResolution& in) {
  AppealResolution out;
  DANGBO_ASSIGN_OR_RETURN(out.outcome,
                          EnumFromProto<AppealOutcome>(Field(field, "outcome"), in.outcome(),
                                                       pb::AppealOutcome_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.date, api::ParseRequiredDate(Field(field, "date"), in.date()));
  DANGBO_ASSIGN_OR_RETURN(out.number, Text(Field(field, "number"), in.number(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.new_form,
                          EnumFromProto<DisciplineForm>(Field(field, "new_form"), in.new_form(),
                                                        pb::DisciplineForm_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.reasons, LongText(Field(field, "reasons"), in.reasons()));
  return out;
}

pb::Appeal AppealToProto(const StoredAppeal& in) {
  const Appeal& a = in.appeal;
  pb::Appeal out;
  out.set_name(AppealName(a.decision_id, a.id));
  *out.mutable_received_date() = api::ToProtoDate(a.received_date);
  *out.mutable_filed_date() = api::ToProtoDate(a.filed_date);
  out.set_resolving_organization(ResourceName(kOrganizations, a.resolving_organization_id));
  out.set_resolving_level(static_cast<pb::Level>(a.resolving_level));
  if (a.resolution) {
    pb::AppealResolution* r = out.mutable_resolution();
    r->set_outcome(static_cast<pb::AppealOutcome>(a.resolution->outcome));
    *r->mutable_date() = api::ToProtoDate(a.resolution->date);
    r->set_number(a.resolution->number);
    r->set_new_form(static_cast<pb::DisciplineForm>(a.resolution->new_form));
    r->set_reasons(a.resolution->reasons);
  }
  *out.mutable_resolution_due_date() = api::ToProtoDate(in.resolution_due_date);
  out.set_etag(api::Etag(a.version));
  return out;
}

pb::RuleVersion RuleVersionToProto(const RuleVersionRecord& record, const InspectionRules& rules) {
  pb::RuleVersion out;
  out.set_name(RuleVersionName(record.effective_from));
  *out.mutable_effective_date() = api::ToProtoDate(record.effective_from);
  for (DisciplineForm f : rules.organization_forms) {
    out.add_organization_forms(static_cast<pb::DisciplineForm>(f));
  }
  for (DisciplineForm f : rules.full_member_forms) {
    out.add_full_member_forms(static_cast<pb::DisciplineForm>(f));
  }
  for (DisciplineForm f : rules.probationary_member_forms) {
    out.add_probationary_member_forms(static_cast<pb::DisciplineForm>(f));
  }
  for (const AuthorityCell& cell : rules.authority) {
    pb::AuthorityCell* p = out.add_authority();
    p->set_deciding_body(static_cast<pb::DecidingBody>(cell.body));
    p->set_subject_kind(static_cast<pb::SubjectKind>(cell.subject));
    for (DisciplineForm f : cell.forms) p->add_forms(static_cast<pb::DisciplineForm>(f));
  }
  out.set_reprimand_limitation_years(rules.reprimand_limitation_years);
  out.set_warning_limitation_years(rules.warning_limitation_years);
  out.set_removal_limitation_years(rules.removal_limitation_years);
  out.set_expulsion_limitation_years(rules.expulsion_limitation_years);
  out.set_dissolution_limitation_years(rules.dissolution_limitation_years);
  for (ViolationCategory c : rules.unlimited_categories) {
    out.add_unlimited_categories(static_cast<pb::ViolationCategory>(c));
  }
  out.set_appeal_filing_working_days(rules.appeal_filing_working_days);
  out.set_appeal_filing_months(rules.appeal_filing_months);
  out.set_appeal_resolution_working_days(rules.appeal_resolution_working_days);
  out.set_appeal_resolution_working_days_central(rules.appeal_resolution_working_days_central);
  for (const DurationLimit& limit : rules.duration_limits) {
    pb::DurationLimit* p = out.add_duration_limits();
    p->set_type(static_cast<pb::InspectionType>(limit.type));
    p->set_level(static_cast<pb::Level>(limit.level));
    p->set_working_days(limit.working_days);
  }
  out.set_extension_divisor(rules.extension_divisor);
  out.set_duration_ends_at(static_cast<pb::InspectionStage>(rules.duration_ends_at));
  *out.mutable_update_time() = api::ToProtoTimestamp(record.update_time);
  out.set_etag(api::Etag(record.version));
  return out;
}

namespace {

// Enum values as FromJson names them; an out-of-range value is the caller's mistake.
template <typename Domain>
absl::StatusOr<nlohmann::json> EnumNames(std::string_view field,
                                         const google::protobuf::RepeatedField<int>& values,
                                         bool (*valid)(int), const char* (*name)(Domain)) {
  nlohmann::json out = nlohmann::json::array();
  for (int i = 0; i < values.size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(Domain value, EnumFromProto<Domain>(Item(field, i), values[i], valid));
    if (static_cast<int>(value) == 0) return status::InvalidField(Item(field, i), "unspecified");
    out.push_back(name(value));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> RuleOverridesJson(std::string_view field, const pb::RuleVersion& in,
                                              const std::vector<std::string>& paths) {
  const bool all_set = paths.empty();
  auto named = [&](std::string_view path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
  nlohmann::json out = nlohmann::json::object();
  auto integer = [&](std::string_view key, int value) -> absl::Status {
    if (all_set ? value != 0 : named(key)) {
      if (value < 0) return status::InvalidField(Field(field, key), "must not be negative");
      out[std::string(key)] = value;
    }
    return absl::OkStatus();
  };
  auto forms = [&](std::string_view key,
                   const google::protobuf::RepeatedField<int>& values) -> absl::Status {
    if (all_set ? !values.empty() : named(key)) {
      DANGBO_ASSIGN_OR_RETURN(out[std::string(key)],
                              EnumNames<DisciplineForm>(Field(field, key), values,
                                                        pb::DisciplineForm_IsValid,
                                                        &DisciplineFormName));
    }
    return absl::OkStatus();
  };
  DANGBO_RETURN_IF_ERROR(forms("organization_forms", in.organization_forms()));
  DANGBO_RETURN_IF_ERROR(forms("full_member_forms", in.full_member_forms()));
  DANGBO_RETURN_IF_ERROR(forms("probationary_member_forms", in.probationary_member_forms()));
  if (all_set ? in.authority_size() > 0 : named("authority")) {
    nlohmann::json cells = nlohmann::json::array();
    for (int i = 0; i < in.authority_size(); ++i) {
      const pb::AuthorityCell& cell = in.authority(i);
      const std::string f = Item(Field(field, "authority"), i);
      DANGBO_ASSIGN_OR_RETURN(DecidingBody body, EnumFromProto<DecidingBody>(
                                                     Field(f, "deciding_body"),
                                                     cell.deciding_body(), pb::DecidingBody_IsValid));
      DANGBO_ASSIGN_OR_RETURN(SubjectKind kind,
                              EnumFromProto<SubjectKind>(Field(f, "subject_kind"),
                                                         cell.subject_kind(), pb::SubjectKind_IsValid));
      if (body == DecidingBody::kUnspecified) {
        return status::InvalidField(Field(f, "deciding_body"), "required");
      }
      if (kind == SubjectKind::kUnspecified) {
        return status::InvalidField(Field(f, "subject_kind"), "required");
      }
      DANGBO_ASSIGN_OR_RETURN(nlohmann::json cell_forms,
                              EnumNames<DisciplineForm>(Field(f, "forms"), cell.forms(),
                                                        pb::DisciplineForm_IsValid,
                                                        &DisciplineFormName));
      cells.push_back({{"body", DecidingBodyName(body)},
                       {"subject", SubjectKindName(kind)},
                       {"forms", std::move(cell_forms)}});
    }
    out["authority"] = std::move(cells);
  }
  DANGBO_RETURN_IF_ERROR(integer("reprimand_limitation_years", in.reprimand_limitation_years()));
  DANGBO_RETURN_IF_ERROR(integer("warning_limitation_years", in.warning_limitation_years()));
  DANGBO_RETURN_IF_ERROR(integer("removal_limitation_years", in.removal_limitation_years()));
  DANGBO_RETURN_IF_ERROR(integer("expulsion_limitation_years", in.expulsion_limitation_years()));
  DANGBO_RETURN_IF_ERROR(
      integer("dissolution_limitation_years", in.dissolution_limitation_years()));
  if (all_set ? in.unlimited_categories_size() > 0 : named("unlimited_categories")) {
    DANGBO_ASSIGN_OR_RETURN(out["unlimited_categories"],
                            EnumNames<ViolationCategory>(Field(field, "unlimited_categories"),
                                                         in.unlimited_categories(),
                                                         pb::ViolationCategory_IsValid,
                                                         &ViolationCategoryName));
  }
  DANGBO_RETURN_IF_ERROR(integer("appeal_filing_working_days", in.appeal_filing_working_days()));
  DANGBO_RETURN_IF_ERROR(integer("appeal_filing_months", in.appeal_filing_months()));
  DANGBO_RETURN_IF_ERROR(
      integer("appeal_resolution_working_days", in.appeal_resolution_working_days()));
  DANGBO_RETURN_IF_ERROR(integer("appeal_resolution_working_days_central",
                                 in.appeal_resolution_working_days_central()));
  if (all_set ? in.duration_limits_size() > 0 : named("duration_limits")) {
    nlohmann::json limits = nlohmann::json::array();
    for (int i = 0; i < in.duration_limits_size(); ++i) {
      const pb::DurationLimit& limit = in.duration_limits(i);
      const std::string f = Item(Field(field, "duration_limits"), i);
      DANGBO_ASSIGN_OR_RETURN(InspectionType type,
                              EnumFromProto<InspectionType>(Field(f, "type"), limit.type(),
                                                            pb::InspectionType_IsValid));
      DANGBO_ASSIGN_OR_RETURN(Level level, EnumFromProto<Level>(Field(f, "level"), limit.level(),
                                                                pb::Level_IsValid));
      if (type == InspectionType::kUnspecified) {
        return status::InvalidField(Field(f, "type"), "required");
      }
      if (level == Level::kUnspecified) return status::InvalidField(Field(f, "level"), "required");
      if (limit.working_days() < 0) {
        return status::InvalidField(Field(f, "working_days"), "must not be negative");
      }
      limits.push_back({{"type", InspectionTypeName(type)},
                        {"level", LevelName(level)},
                        {"working_days", limit.working_days()}});
    }
    out["duration_limits"] = std::move(limits);
  }
  DANGBO_RETURN_IF_ERROR(integer("extension_divisor", in.extension_divisor()));
  if (all_set ? in.duration_ends_at() != 0 : named("duration_ends_at")) {
    DANGBO_ASSIGN_OR_RETURN(InspectionStage stage,
                            EnumFromProto<InspectionStage>(Field(field, "duration_ends_at"),
                                                           in.duration_ends_at(),
                                                           pb::InspectionStage_IsValid));
    if (stage == InspectionStage::kUnspecified) {
      return status::InvalidField(Field(field, "duration_ends_at"), "required");
    }
    out["duration_ends_at"] = InspectionStageName(stage);
  }
  return out.dump();
}

absl::StatusOr<Inspection> ImportedInspectionFromProto(std::string_view field,
                                                       const pb::Inspection& in) {
  DANGBO_ASSIGN_OR_RETURN(Inspection out, InspectionFromProto(field, in));
  DANGBO_ASSIGN_OR_RETURN(out.stage, EnumFromProto<InspectionStage>(
                                         Field(field, "stage"), in.stage(), pb::InspectionStage_IsValid));
  for (int i = 0; i < in.subjects_size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(
        std::optional<int64_t> at,
        OptionalId(Field(Item(Field(field, "subjects"), i), "organization_at_decision"),
                   kOrganizations, in.subjects(i).organization_at_decision()));
    out.subjects[i].organization_id_at_decision = at.value_or(0);
  }
  DANGBO_ASSIGN_OR_RETURN(out.started_date,
                          ParseOptionalDate(Field(field, "started_date"), in.started_date()));
  DANGBO_ASSIGN_OR_RETURN(out.reported_date,
                          ParseOptionalDate(Field(field, "reported_date"), in.reported_date()));
  DANGBO_ASSIGN_OR_RETURN(out.concluded_date,
                          ParseOptionalDate(Field(field, "concluded_date"), in.concluded_date()));
  DANGBO_ASSIGN_OR_RETURN(out.closed_date,
                          ParseOptionalDate(Field(field, "closed_date"), in.closed_date()));
  DANGBO_ASSIGN_OR_RETURN(out.cancelled_date,
                          ParseOptionalDate(Field(field, "cancelled_date"), in.cancelled_date()));
  DANGBO_ASSIGN_OR_RETURN(out.cancellation_reason, LongText(Field(field, "cancellation_reason"),
                                                            in.cancellation_reason()));
  if (in.has_conclusion_notice()) {
    DANGBO_ASSIGN_OR_RETURN(ConclusionNotice notice,
                            NoticeFromProto(Field(field, "conclusion_notice"),
                                            in.conclusion_notice()));
    notice.revision = 1;
    notice.supersedes_revision.reset();
    out.notice = std::move(notice);
  }
  DANGBO_RETURN_IF_ERROR(CheckCount(Field(field, "task_completions"), in.task_completions_size()));
  for (int i = 0; i < in.task_completions_size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(TaskCompletion completion,
                            TaskCompletionFromProto(Item(Field(field, "task_completions"), i),
                                                    in.task_completions(i)));
    out.task_completions.push_back(std::move(completion));
  }
  return out;
}

absl::StatusOr<DisciplinaryDecision> ImportedDecisionFromProto(std::string_view field,
                                                               const pb::DisciplinaryDecision& in) {
  DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision out, DisciplinaryDecisionFromProto(field, in));
  DANGBO_ASSIGN_OR_RETURN(out.member_standing,
                          EnumFromProto<MemberStanding>(Field(field, "member_standing"),
                                                        in.member_standing(),
                                                        pb::MemberStanding_IsValid));
  out.holds_post = in.holds_post();
  DANGBO_ASSIGN_OR_RETURN(std::optional<int64_t> organization,
                          OptionalId(Field(field, "subject_organization"), kOrganizations,
                                     in.subject_organization()));
  out.subject_organization_id = organization.value_or(0);
  return out;
}

absl::StatusOr<Appeal> ImportedAppealFromProto(std::string_view field, const pb::Appeal& in) {
  DANGBO_ASSIGN_OR_RETURN(Appeal out, AppealFromProto(field, in));
  if (in.has_resolution()) {
    DANGBO_ASSIGN_OR_RETURN(out.resolution,
                            AppealResolutionFromProto(Field(field, "resolution"), in.resolution()));
  }
  return out;
}

ChangeRecord MakeChange(std::string resource, std::string_view verb,
                        const google::protobuf::Message& payload) {
  google::protobuf::Any any;
  any.PackFrom(payload);
  return ChangeRecord{
      .resource = std::move(resource),
      .change_type = absl::StrCat(payload.GetDescriptor()->full_name(), ".", ToAbsl(verb)),
      .payload = any.SerializeAsString()};
}

}  // namespace dangbo::inspection
