#include "services/inspection/domain/enum_names.h"

#include <utility>

namespace dangbo::inspection {
namespace {

template <typename E>
using NameTable = std::pair<E, const char*>;

constexpr NameTable<InspectionType> kTypes[] = {
    {InspectionType::kThematicInspection, "THEMATIC_INSPECTION"},
    {InspectionType::kThematicSupervision, "THEMATIC_SUPERVISION"},
    {InspectionType::kRegularSupervision, "REGULAR_SUPERVISION"},
    {InspectionType::kViolationSignsInspection, "VIOLATION_SIGNS_INSPECTION"},
    {InspectionType::kInspectionDutyInspection, "INSPECTION_DUTY_INSPECTION"},
    {InspectionType::kDisciplineExecutionInspection, "DISCIPLINE_EXECUTION_INSPECTION"},
    {InspectionType::kFinanceInspection, "FINANCE_INSPECTION"},
    {InspectionType::kDuesInspection, "DUES_INSPECTION"},
    {InspectionType::kDenunciation, "DENUNCIATION"},
    {InspectionType::kDisciplineAppeal, "DISCIPLINE_APPEAL"},
    {InspectionType::kSelfInspection, "SELF_INSPECTION"},
};

constexpr NameTable<ConductingBody> kConductingBodies[] = {
    {ConductingBody::kExecutiveCommittee, "EXECUTIVE_COMMITTEE"},
    {ConductingBody::kStandingCommittee, "STANDING_COMMITTEE"},
    {ConductingBody::kCell, "CELL"},
    {ConductingBody::kInspectionCommittee, "INSPECTION_COMMITTEE"},
    {ConductingBody::kStaffBody, "STAFF_BODY"},
};

constexpr NameTable<Level> kLevels[] = {
    {Level::kCentral, "CENTRAL"},
    {Level::kProvincial, "PROVINCIAL"},
    {Level::kDistrict, "DISTRICT"},
    {Level::kGrassroots, "GRASSROOTS"},
};

constexpr NameTable<InspectionStage> kStages[] = {
    {InspectionStage::kPlanned, "PLANNED"},
    {InspectionStage::kDecided, "DECIDED"},
    {InspectionStage::kInProgress, "IN_PROGRESS"},
    {InspectionStage::kReported, "REPORTED"},
    {InspectionStage::kConcluded, "CONCLUDED"},
    {InspectionStage::kNoticeIssued, "NOTICE_ISSUED"},
    {InspectionStage::kFollowUp, "FOLLOW_UP"},
    {InspectionStage::kClosed, "CLOSED"},
    {InspectionStage::kCancelled, "CANCELLED"},
};

constexpr NameTable<SubjectKind> kSubjectKinds[] = {
    {SubjectKind::kOrganization, "ORGANIZATION"},
    {SubjectKind::kMember, "MEMBER"},
};

constexpr NameTable<SubjectOutcome> kOutcomes[] = {
    {SubjectOutcome::kNotAssessed, "NOT_ASSESSED"},
    {SubjectOutcome::kGood, "GOOD"},
    {SubjectOutcome::kShortcomings, "SHORTCOMINGS"},
    {SubjectOutcome::kViolation, "VIOLATION"},
    {SubjectOutcome::kViolationRequiresDiscipline, "VIOLATION_REQUIRES_DISCIPLINE"},
};

constexpr NameTable<DisciplineForm> kForms[] = {
    {DisciplineForm::kReprimand, "REPRIMAND"},
    {DisciplineForm::kWarning, "WARNING"},
    {DisciplineForm::kRemovalFromPost, "REMOVAL_FROM_POST"},
    {DisciplineForm::kExpulsion, "EXPULSION"},
    {DisciplineForm::kDissolution, "DISSOLUTION"},
};

constexpr NameTable<ViolationCategory> kCategories[] = {
    {ViolationCategory::kInternalPolitics, "INTERNAL_POLITICS"},
    {ViolationCategory::kNationalSecurityDefence, "NATIONAL_SECURITY_DEFENCE"},
    {ViolationCategory::kForgedDiploma, "FORGED_DIPLOMA"},
    {ViolationCategory::kPoliticalIdeology, "POLITICAL_IDEOLOGY"},
    {ViolationCategory::kOrganizationalPrinciples, "ORGANIZATIONAL_PRINCIPLES"},
    {ViolationCategory::kCadreWork, "CADRE_WORK"},
    {ViolationCategory::kFinanceAndAssets, "FINANCE_AND_ASSETS"},
    {ViolationCategory::kLandAndResources, "LAND_AND_RESOURCES"},
    {ViolationCategory::kCorruptionAndWaste, "CORRUPTION_AND_WASTE"},
    {ViolationCategory::kMoralityAndLifestyle, "MORALITY_AND_LIFESTYLE"},
    {ViolationCategory::kPartyActivity, "PARTY_ACTIVITY"},
    {ViolationCategory::kOther, "OTHER"},
};

constexpr NameTable<AppealOutcome> kAppealOutcomes[] = {
    {AppealOutcome::kUpheld, "UPHELD"},
    {AppealOutcome::kReduced, "REDUCED"},
    {AppealOutcome::kIncreased, "INCREASED"},
    {AppealOutcome::kAnnulled, "ANNULLED"},
};

constexpr NameTable<DecidingBody> kDecidingBodies[] = {
    {DecidingBody::kCell, "CELL"},
    {DecidingBody::kSubCommittee, "SUB_COMMITTEE"},
    {DecidingBody::kGrassrootsExecutive, "GRASSROOTS_EXECUTIVE"},
    {DecidingBody::kGrassrootsExecutiveUpperPowers, "GRASSROOTS_EXECUTIVE_UPPER_POWERS"},
    {DecidingBody::kGrassrootsStandingCommittee, "GRASSROOTS_STANDING_COMMITTEE"},
    {DecidingBody::kGrassrootsInspectionCommittee, "GRASSROOTS_INSPECTION_COMMITTEE"},
    {DecidingBody::kUpperExecutive, "UPPER_EXECUTIVE"},
    {DecidingBody::kUpperStandingCommittee, "UPPER_STANDING_COMMITTEE"},
    {DecidingBody::kUpperInspectionCommittee, "UPPER_INSPECTION_COMMITTEE"},
};

template <typename E, size_t N>
const char* NameOf(const NameTable<E> (&table)[N], E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "UNSPECIFIED";
}

template <typename E, size_t N>
std::optional<E> Parse(const NameTable<E> (&table)[N], std::string_view name) {
  for (const auto& [v, n] : table) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace

const char* InspectionTypeName(InspectionType type) { return NameOf(kTypes, type); }
const char* ConductingBodyName(ConductingBody body) { return NameOf(kConductingBodies, body); }
const char* LevelName(Level level) { return NameOf(kLevels, level); }
const char* InspectionStageName(InspectionStage stage) { return NameOf(kStages, stage); }
const char* SubjectKindName(SubjectKind kind) { return NameOf(kSubjectKinds, kind); }
const char* SubjectOutcomeName(SubjectOutcome outcome) { return NameOf(kOutcomes, outcome); }
const char* DisciplineFormName(DisciplineForm form) { return NameOf(kForms, form); }
const char* ViolationCategoryName(ViolationCategory category) {
  return NameOf(kCategories, category);
}
const char* AppealOutcomeName(AppealOutcome outcome) { return NameOf(kAppealOutcomes, outcome); }
const char* DecidingBodyName(DecidingBody body) { return NameOf(kDecidingBodies, body); }

std::optional<InspectionType> ParseInspectionType(std::string_view name) {
  return Parse(kTypes, name);
}
std::optional<Level> ParseLevel(std::string_view name) { return Parse(kLevels, name); }
std::optional<InspectionStage> ParseInspectionStage(std::string_view name) {
  return Parse(kStages, name);
}
std::optional<SubjectKind> ParseSubjectKind(std::string_view name) {
  return Parse(kSubjectKinds, name);
}
std::optional<DisciplineForm> ParseDisciplineForm(std::string_view name) {
  return Parse(kForms, name);
}
std::optional<ViolationCategory> ParseViolationCategory(std::string_view name) {
  return Parse(kCategories, name);
}
std::optional<DecidingBody> ParseDecidingBody(std::string_view name) {
  return Parse(kDecidingBodies, name);
}

}  // namespace dangbo::inspection
