#include "tests/reporting/domain/national_model.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting::testing {

NationalShape NationalShape::Small() {
  return {.upper_committees = 10,
          .grassroots_per_upper = 10,
          .cells_per_grassroots = 19,
          .inspections = 20000,
          .subject_rows = 100000,
          .decisions = 15000,
          .members = 280000};
}

std::vector<OrganizationVersion> GenerateOrganizations(const NationalShape& shape,
                                                       std::mt19937_64& random) {
  const int grassroots_count = shape.grassroots();
  std::vector<OrganizationVersion> rows;
  rows.push_back(Version(kNationalRoot, std::nullopt, Date(2007, 1, 1), std::nullopt,
                         OrganizationKind::kBlocCommittee));
  for (int u = 0; u < shape.upper_committees; ++u) {
    rows.push_back(Version(UpperCommitteeId(u), kNationalRoot, Date(2007, 1, 1), std::nullopt,
                           OrganizationKind::kUpperLevelCommittee));
  }
  std::vector<int> merged_into(grassroots_count, -1);
  std::vector<Date> merged_on(grassroots_count);
  for (int g = 0; g < grassroots_count; ++g) {
    const int64_t parent = UpperCommitteeId(g / shape.grassroots_per_upper);
    if (g % 10 == 3) {
      const Date moved = kNationalFirstDay + static_cast<int>(random() % kNationalDays);
      const int64_t to = UpperCommitteeId(static_cast<int>(random() % shape.upper_committees));
      rows.push_back(Version(GrassrootsId(g), parent, Date(2007, 1, 1), moved,
                             OrganizationKind::kGrassrootsCommittee));
      rows.push_back(
          Version(GrassrootsId(g), to, moved, std::nullopt, OrganizationKind::kGrassrootsCommittee));
    } else if (g % 30 == 7 && g + 1 < grassroots_count) {  // merged into its neighbour
      merged_on[g] = kNationalFirstDay + static_cast<int>(random() % kNationalDays);
      merged_into[g] = g + 1;
      rows.push_back(Version(GrassrootsId(g), parent, Date(2007, 1, 1), merged_on[g],
                             OrganizationKind::kGrassrootsCommittee));
    } else {
      rows.push_back(Version(GrassrootsId(g), parent, Date(2007, 1, 1), std::nullopt,
                             OrganizationKind::kGrassrootsCommittee));
    }
  }
  for (int c = 0; c < shape.cells(); ++c) {
    const int g = c / shape.cells_per_grassroots;
    if (merged_into[g] >= 0) {
      rows.push_back(Version(CellId(c), GrassrootsId(g), Date(2007, 1, 1), merged_on[g]));
      rows.push_back(Version(CellId(c), GrassrootsId(merged_into[g]), merged_on[g]));
    } else {
      rows.push_back(Version(CellId(c), GrassrootsId(g), Date(2007, 1, 1)));
    }
  }
  return rows;
}

void GenerateInspections(const NationalShape& shape, std::mt19937_64& random,
                         absl::FunctionRef<void(const inspection::Inspection&)> emit) {
  struct Kind {
    InspectionType type;
    ConductingBody body;
    int percent;
  };
  const Kind kinds[] = {
      {InspectionType::kThematicInspection, ConductingBody::kStandingCommittee, 35},
      {InspectionType::kThematicSupervision, ConductingBody::kExecutiveCommittee, 35},
      {InspectionType::kViolationSignsInspection, ConductingBody::kInspectionCommittee, 10},
      {InspectionType::kInspectionDutyInspection, ConductingBody::kInspectionCommittee, 5},
      {InspectionType::kDisciplineExecutionInspection, ConductingBody::kInspectionCommittee, 5},
      {InspectionType::kFinanceInspection, ConductingBody::kInspectionCommittee, 5},
      {InspectionType::kDuesInspection, ConductingBody::kInspectionCommittee, 5},
  };
  const SubjectOutcome outcomes[] = {
      SubjectOutcome::kGood,      SubjectOutcome::kGood,
      SubjectOutcome::kGood,      SubjectOutcome::kShortcomings,
      SubjectOutcome::kViolation, SubjectOutcome::kViolationRequiresDiscipline};
  const int grassroots_count = shape.grassroots();
  const int cells = shape.cells();
  int rows = 0;
  for (int i = 0; i < shape.inspections; ++i) {
    int pick = static_cast<int>(random() % 100);
    const Kind* kind = &kinds[0];
    for (const Kind& k : kinds) {
      if (pick < k.percent) {
        kind = &k;
        break;
      }
      pick -= k.percent;
    }
    // 1 to 9 subjects, 5 on average, and exactly shape.subject_rows in all.
    int count = 1 + static_cast<int>(random() % 9);
    if (i == shape.inspections - 1) count = shape.subject_rows - rows;
    count = std::min(count, shape.subject_rows - rows - (shape.inspections - 1 - i));
    count = std::max(count, 1);
    rows += count;
    std::vector<InspectionSubject> subjects;
    subjects.reserve(count);
    for (int k = 0; k < count; ++k) {
      const SubjectOutcome outcome = outcomes[random() % 6];
      if (random() % 5 == 0) {
        const int64_t org = random() % 2 == 0
                                ? GrassrootsId(static_cast<int>(random() % grassroots_count))
                                : CellId(static_cast<int>(random() % cells));
        subjects.push_back(OrganizationSubject(org, outcome));
      } else {
        subjects.push_back(MemberSubject(1 + static_cast<int64_t>(random() % shape.members),
                                         CellId(static_cast<int>(random() % cells)), outcome,
                                         random() % 20 == 0));
      }
    }
    emit(MakeInspection(
        i + 1, kind->type, kind->body,
        UpperCommitteeId(static_cast<int>(random() % shape.upper_committees)),
        kNationalFirstDay + static_cast<int>(random() % kNationalDays), std::move(subjects)));
  }
  // Cancelled inspections on top, which count in no figure.
  for (int i = 0; i < shape.inspections / 50; ++i) {
    emit(MakeInspection(
        shape.inspections + i + 1, InspectionType::kThematicInspection,
        ConductingBody::kStandingCommittee, UpperCommitteeId(i % shape.upper_committees),
        kNationalFirstDay + static_cast<int>(random() % kNationalDays),
        {MemberSubject(1 + static_cast<int64_t>(random() % shape.members), CellId(i % cells))},
        InspectionStage::kCancelled));
  }
}

void GenerateDiscipline(const NationalShape& shape, std::mt19937_64& random,
                        absl::FunctionRef<void(const inspection::DisciplinaryDecision&)> decision,
                        absl::FunctionRef<void(const inspection::Appeal&)> appeal) {
  const DisciplineForm member_forms[] = {DisciplineForm::kReprimand, DisciplineForm::kWarning,
                                         DisciplineForm::kRemovalFromPost,
                                         DisciplineForm::kExpulsion};
  const DisciplineForm organization_forms[] = {DisciplineForm::kReprimand, DisciplineForm::kWarning,
                                               DisciplineForm::kDissolution};
  const int cells_per_grassroots = shape.cells_per_grassroots;
  int64_t appeal_id = 0;
  for (int i = 0; i < shape.decisions; ++i) {
    const int g = static_cast<int>(random() % shape.grassroots());
    const Date day = kNationalFirstDay + static_cast<int>(random() % kNationalDays);
    DisciplinaryDecision d;
    if (random() % 20 == 0) {
      d = MakeDecision(i + 1, {SubjectKind::kOrganization, CellId(g * cells_per_grassroots)},
                       CellId(g * cells_per_grassroots), organization_forms[random() % 3],
                       GrassrootsId(g), day);
    } else {
      const int cell = static_cast<int>(random() % shape.cells());
      d = MakeDecision(i + 1,
                       {SubjectKind::kMember, 1 + static_cast<int64_t>(random() % shape.members)},
                       CellId(cell), member_forms[random() % 4],
                       random() % 3 == 0 ? CellId(cell) : GrassrootsId(cell / cells_per_grassroots),
                       day);
    }
    decision(d);
    if (random() % 33 == 0) {
      const AppealOutcome outcome =
          random() % 2 == 0 ? AppealOutcome::kUpheld : AppealOutcome::kAnnulled;
      appeal(MakeAppeal(++appeal_id, d.id, UpperCommitteeId(g / shape.grassroots_per_upper),
                        day + 20, Resolution(outcome, day + 80)));
    }
  }
}

}  // namespace dangbo::reporting::testing
