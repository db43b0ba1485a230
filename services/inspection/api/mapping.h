// Protos of dangbo.inspection.v1 to the domain model (services/inspection/domain/model.h) and
// back. Input mapping checks what the wire can carry but the domain cannot (resource names,
// dates, enum ranges, text lengths), naming the field; the domain rules check the rest.
#ifndef DANGBO_SERVICES_INSPECTION_API_MAPPING_H_
#define DANGBO_SERVICES_INSPECTION_API_MAPPING_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dangbo/inspection/v1/discipline.pb.h"
#include "dangbo/inspection/v1/inspection.pb.h"
#include "dangbo/inspection/v1/programme.pb.h"
#include "dangbo/inspection/v1/rules.pb.h"
#include "dangbo/type/v1/decision.pb.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/model.h"
#include "services/inspection/store/store.h"

namespace dangbo::inspection {

namespace pb = ::dangbo::inspection::v1;

inline constexpr std::string_view kOrganizations = "organizations";
inline constexpr std::string_view kMembers = "members";
inline constexpr std::string_view kProgrammes = "programmes";
inline constexpr std::string_view kInspections = "inspections";
inline constexpr std::string_view kDisciplinaryDecisions = "disciplinaryDecisions";

// `organizations/{id}` or `members/{id}`.
absl::StatusOr<SubjectRef> SubjectFromName(std::string_view field, std::string_view name);
std::string SubjectName(const SubjectRef& subject);

// `inspections/{id}/conclusionNotices/{revision}`.
std::string NoticeName(int64_t inspection_id, int revision);
absl::StatusOr<std::pair<int64_t, int>> ParseNoticeName(std::string_view field,
                                                        std::string_view name);
// `disciplinaryDecisions/{decision}/appeals/{appeal}`.
std::string AppealName(int64_t decision_id, int64_t appeal_id);
absl::StatusOr<std::pair<int64_t, int64_t>> ParseAppealName(std::string_view field,
                                                            std::string_view name);
// `ruleVersions/{yyyy-mm-dd}`.
std::string RuleVersionName(Date effective_from);
absl::StatusOr<Date> ParseRuleVersionName(std::string_view field, std::string_view name);

absl::StatusOr<DecisionRef> DecisionRefFromProto(std::string_view field,
                                                 const dangbo::type::v1::Decision& in);
dangbo::type::v1::Decision DecisionRefToProto(const DecisionRef& in);

// The fields a caller may set; output-only fields are ignored.
absl::StatusOr<Programme> ProgrammeFromProto(std::string_view field, const pb::Programme& in);
absl::StatusOr<std::vector<PlannedItem>> PlannedItemsFromProto(
    std::string_view field, const google::protobuf::RepeatedPtrField<pb::PlannedItem>& in);
pb::Programme ProgrammeToProto(const Programme& in);

absl::StatusOr<std::vector<TeamMember>> TeamFromProto(
    std::string_view field, const google::protobuf::RepeatedPtrField<pb::TeamMember>& in);
// `subject`, `committee_member` and `outcome`; organization_at_decision is the service's.
absl::StatusOr<InspectionSubject> InspectionSubjectFromProto(std::string_view field,
                                                             const pb::InspectionSubject& in);
absl::StatusOr<Finding> FindingFromProto(std::string_view field, const pb::Finding& in);
// Type, conducting body and organization, level, programme, decision, content, period,
// durations, team, subjects and findings; stage dates and the notice come through their RPCs.
absl::StatusOr<Inspection> InspectionFromProto(std::string_view field, const pb::Inspection& in);
pb::Inspection InspectionToProto(const Inspection& in);

absl::StatusOr<ConclusionNotice> NoticeFromProto(std::string_view field,
                                                 const pb::ConclusionNotice& in);
pb::ConclusionNotice NoticeToProto(const ConclusionNotice& in);
absl::StatusOr<TaskCompletion> TaskCompletionFromProto(std::string_view field,
                                                       const pb::TaskCompletion& in);

absl::StatusOr<DisciplinaryDecision> DisciplinaryDecisionFromProto(
    std::string_view field, const pb::DisciplinaryDecision& in);
// `sync` is what the queued membership calls of the decision say (none: not required).
pb::DisciplinaryDecision DisciplinaryDecisionToProto(const DisciplinaryDecision& in,
                                                     const pb::MembershipSync& sync);

absl::StatusOr<Appeal> AppealFromProto(std::string_view field, const pb::Appeal& in);
absl::StatusOr<AppealResolution> AppealResolutionFromProto(std::string_view field,
                                                           const pb::AppealResolution& in);
pb::Appeal AppealToProto(const StoredAppeal& in);

// Records of ImportInspectionWork, which carry what the single-record RPCs set step by step.
// The inspection as it ended: InspectionFromProto's fields plus the stage, the stage dates, the
// cancellation reason, each subject's organization_at_decision (0 when not given), the notice
// in force (as revision 1) and the task completions.
absl::StatusOr<Inspection> ImportedInspectionFromProto(std::string_view field,
                                                       const pb::Inspection& in);
// DisciplinaryDecisionFromProto's fields plus the standing, post and subject organization the
// record gives (unspecified, false and 0 when not given).
absl::StatusOr<DisciplinaryDecision> ImportedDecisionFromProto(std::string_view field,
                                                               const pb::DisciplinaryDecision& in);
// AppealFromProto's fields plus the resolution, when given.
absl::StatusOr<Appeal> ImportedAppealFromProto(std::string_view field, const pb::Appeal& in);

// The whole rules in force from `effective_from`.
pb::RuleVersion RuleVersionToProto(const RuleVersionRecord& record, const InspectionRules& rules);
// The overrides a RuleVersion carries, in InspectionRuleBook::FromJson's format: the fields
// named by `paths` (RuleVersion field names), or with an empty `paths` every field set to a
// non-default value.
absl::StatusOr<std::string> RuleOverridesJson(std::string_view field, const pb::RuleVersion& in,
                                              const std::vector<std::string>& paths);

// A change-feed entry carrying `payload` as an Any; change_type is
// "<payload's full type name>.<verb>", e.g. "dangbo.inspection.v1.Inspection.created".
ChangeRecord MakeChange(std::string resource, std::string_view verb,
                        const google::protobuf::Message& payload);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_API_MAPPING_H_
