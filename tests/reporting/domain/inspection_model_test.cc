#include "services/reporting/domain/inspection_model.h"

#include <random>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/inspection/domain/appeals.h"
#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting {
namespace {

using ::testing::HasSubstr;
using namespace testing;  // NOLINT: the builders

std::vector<std::tuple<int64_t, int64_t, SubjectProfile>> Rows(const InspectionModel& model) {
  std::vector<std::tuple<int64_t, int64_t, SubjectProfile>> rows;
  model.ForEachSubjectRow(ToDayNumber(Date(1930, 1, 1)), ToDayNumber(Date(9999, 12, 31)),
                          [&](const SubjectRow& row) {
                            rows.emplace_back(model.InspectionId(row.inspection),
                                              model.Subject(row.subject).id, row.profile);
                          });
  std::sort(rows.begin(), rows.end());
  return rows;
}

Inspection TwoSubjects(InspectionStage stage) {
  return MakeInspection(5, InspectionType::kThematicInspection, ConductingBody::kStandingCommittee,
                        10, Date(2023, 3, 10), {OrganizationSubject(11), MemberSubject(7001, 111)},
                        stage);
}

TEST(InspectionModel, UpsertingTheSameStateTwiceChangesNothing) {
  InspectionModel model;
  ASSERT_TRUE(model.UpsertInspection(TwoSubjects(InspectionStage::kDecided)).ok());
  const auto first = Rows(model);
  ASSERT_TRUE(model.UpsertInspection(TwoSubjects(InspectionStage::kDecided)).ok());
  EXPECT_EQ(Rows(model), first);
  EXPECT_EQ(model.live_subject_rows(), 2u);
  EXPECT_EQ(model.inspection_count(), 1u);

  const DisciplinaryDecision d = MakeDecision(9, {SubjectKind::kMember, 7001}, 111,
                                              DisciplineForm::kWarning, 11, Date(2023, 5, 2));
  ASSERT_TRUE(model.UpsertDecision(d).ok());
  ASSERT_TRUE(model.UpsertDecision(d).ok());
  EXPECT_EQ(model.decision_count(), 1u);
  int decisions = 0;
  model.ForEachDecision(ToDayNumber(Date(2023, 1, 1)), ToDayNumber(Date(2023, 12, 31)),
                        [&](uint32_t, const DecisionRow&) { ++decisions; });
  EXPECT_EQ(decisions, 1);

  const Appeal a = MakeAppeal(3, 9, 10, Date(2023, 5, 20));
  ASSERT_TRUE(model.UpsertAppeal(a).ok());
  ASSERT_TRUE(model.UpsertAppeal(a).ok());
  EXPECT_EQ(model.appeal_count(), 1u);
  int linked = 0;
  for (uint32_t s = model.decision(0).first_appeal; s != kNoSlot; s = model.appeals()[s].next) {
    ++linked;
  }
  EXPECT_EQ(linked, 1);
}

TEST(InspectionModel, ALaterStageReplacesTheOutcomes) {
  InspectionModel model;
  ASSERT_TRUE(model.UpsertInspection(TwoSubjects(InspectionStage::kDecided)).ok());
  Inspection concluded = TwoSubjects(InspectionStage::kConcluded);
  concluded.subjects[1].outcome = SubjectOutcome::kShortcomings;
  ASSERT_TRUE(model.UpsertInspection(concluded).ok());
  int shortcomings = 0;
  model.ForEachSubjectRow(0, kOpenEnd - 1, [&](const SubjectRow& row) {
    if (UnpackSubjectProfile(row.profile).outcome == SubjectOutcome::kShortcomings) {
      ++shortcomings;
    }
  });
  EXPECT_EQ(shortcomings, 1);
  EXPECT_EQ(model.live_subject_rows(), 2u);
}

TEST(InspectionModel, CancelledAndPlannedInspectionsHaveNoRows) {
  InspectionModel model;
  ASSERT_TRUE(model.UpsertInspection(TwoSubjects(InspectionStage::kInProgress)).ok());
  EXPECT_EQ(model.live_subject_rows(), 2u);
  ASSERT_TRUE(model.UpsertInspection(TwoSubjects(InspectionStage::kCancelled)).ok());
  EXPECT_EQ(model.live_subject_rows(), 0u);
  EXPECT_TRUE(Rows(model).empty());
  Inspection planned = TwoSubjects(InspectionStage::kPlanned);
  planned.decision.date.reset();
  ASSERT_TRUE(model.UpsertInspection(planned).ok());
  EXPECT_TRUE(Rows(model).empty());
}

TEST(InspectionModel, ANewDecisionDateMovesTheRows) {
  InspectionModel model;
  ASSERT_TRUE(model.UpsertInspection(TwoSubjects(InspectionStage::kDecided)).ok());
  Inspection redated = TwoSubjects(InspectionStage::kDecided);
  redated.decision.date = Date(2023, 9, 1);
  redated.subjects.push_back(MemberSubject(7002, 111));
  ASSERT_TRUE(model.UpsertInspection(redated).ok());
  int march = 0;
  int september = 0;
  model.ForEachSubjectRow(ToDayNumber(Date(2023, 3, 1)), ToDayNumber(Date(2023, 3, 31)),
                          [&](const SubjectRow&) { ++march; });
  model.ForEachSubjectRow(ToDayNumber(Date(2023, 9, 1)), ToDayNumber(Date(2023, 9, 30)),
                          [&](const SubjectRow&) { ++september; });
  EXPECT_EQ(march, 0);
  EXPECT_EQ(september, 3);
  EXPECT_EQ(model.live_subject_rows(), 3u);
}

TEST(InspectionModel, ManyRewritesCompactAndKeepEveryInspectionsRows) {
  InspectionModel model;
  for (int round = 0; round < 6; ++round) {
    for (int64_t id = 1; id <= 50; ++id) {
      std::vector<InspectionSubject> subjects;
      for (int k = 0; k <= (id + round) % 4; ++k)
        subjects.push_back(MemberSubject(id * 10 + k, 111));
      ASSERT_TRUE(model
                      .UpsertInspection(CommitteeInspection(id, 10, Date(2023, 4, 1 + id % 28),
                                                            std::move(subjects)))
                      .ok());
    }
  }
  std::map<int64_t, int> per_inspection;
  for (const auto& [inspection, subject, profile] : Rows(model)) ++per_inspection[inspection];
  for (int64_t id = 1; id <= 50; ++id) {
    EXPECT_EQ(per_inspection[id], (id + 5) % 4 + 1) << id;
  }
}

TEST(InspectionModel, AStaleVersionIsIgnored) {
  InspectionModel model;
  Inspection newer = TwoSubjects(InspectionStage::kConcluded);
  newer.version = 7;
  newer.subjects[0].outcome = SubjectOutcome::kShortcomings;
  Inspection older = TwoSubjects(InspectionStage::kDecided);
  older.version = 6;
  older.subjects.push_back(MemberSubject(7003, 111));
  ASSERT_TRUE(model.UpsertInspection(newer).ok());
  ASSERT_TRUE(model.UpsertInspection(older).ok());
  EXPECT_EQ(model.live_subject_rows(), 2u);
}

TEST(InspectionModel, BadRecordsAreRefusedNamingTheField) {
  InspectionModel model;
  Inspection bad = TwoSubjects(InspectionStage::kDecided);
  bad.subjects[1].organization_id_at_decision = 0;
  absl::Status s = model.UpsertInspection(bad);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("inspection.subjects[1].organization_id_at_decision"));
  bad = TwoSubjects(InspectionStage::kDecided);
  bad.subjects[0].outcome = static_cast<SubjectOutcome>(77);
  EXPECT_THAT(std::string(model.UpsertInspection(bad).message()),
              HasSubstr("inspection.subjects[0].outcome"));
  bad = TwoSubjects(InspectionStage::kDecided);
  bad.type = static_cast<InspectionType>(-3);
  EXPECT_THAT(std::string(model.UpsertInspection(bad).message()), HasSubstr("inspection.type"));
  bad = TwoSubjects(InspectionStage::kDecided);
  bad.decision.date = Date(40000, 1, 1);
  EXPECT_THAT(std::string(model.UpsertInspection(bad).message()),
              HasSubstr("inspection.decision.date"));
  bad = TwoSubjects(InspectionStage::kDecided);
  bad.subjects[0].subject.id = int64_t{1} << 62;
  EXPECT_THAT(std::string(model.UpsertInspection(bad).message()),
              HasSubstr("inspection.subjects[0].subject.id"));
  EXPECT_EQ(model.live_subject_rows(), 0u);
  EXPECT_EQ(model.inspection_count(), 0u);

  DisciplinaryDecision d = MakeDecision(9, {SubjectKind::kMember, 7001}, 111,
                                        DisciplineForm::kWarning, 11, Date(2023, 5, 2));
  d.form = static_cast<DisciplineForm>(9);
  EXPECT_THAT(std::string(model.UpsertDecision(d).message()), HasSubstr("decision.form"));
  Appeal a = MakeAppeal(3, 9, 10, Date(2023, 5, 20),
                        Resolution(static_cast<AppealOutcome>(12), Date(2023, 6, 1)));
  EXPECT_THAT(std::string(model.UpsertAppeal(a).message()), HasSubstr("appeal.resolution.outcome"));
  EXPECT_EQ(model.decision_count(), 0u);
  EXPECT_EQ(model.appeal_count(), 0u);
}

TEST(InspectionModel, AnAppealBeforeItsDecisionWaitsForIt) {
  InspectionModel model;
  ASSERT_TRUE(model.UpsertAppeal(MakeAppeal(3, 9, 10, Date(2023, 5, 20))).ok());
  EXPECT_EQ(model.decision_count(), 0u);
  EXPECT_FALSE(model.decision(model.appeals()[0].decision).known());
  ASSERT_TRUE(model
                  .UpsertDecision(MakeDecision(9, {SubjectKind::kMember, 7001}, 111,
                                               DisciplineForm::kWarning, 11, Date(2023, 5, 2)))
                  .ok());
  EXPECT_EQ(model.decision_count(), 1u);
  EXPECT_TRUE(model.decision(model.appeals()[0].decision).known());
}

// The model's compact standing agrees with the inspection service's StandingAt on every day
// from the effective date on.
TEST(InspectionModel, StandingAgreesWithTheInspectionServicesRule) {
  std::mt19937 random(20240501);
  const DisciplineForm forms[] = {DisciplineForm::kReprimand, DisciplineForm::kWarning,
                                  DisciplineForm::kRemovalFromPost, DisciplineForm::kExpulsion};
  const AppealOutcome outcomes[] = {AppealOutcome::kUpheld, AppealOutcome::kReduced,
                                    AppealOutcome::kIncreased, AppealOutcome::kAnnulled};
  for (int trial = 0; trial < 200; ++trial) {
    InspectionModel model;
    DisciplinaryDecision d =
        MakeDecision(1, {SubjectKind::kMember, 5}, 111, forms[random() % 4], 11, Date(2023, 1, 2));
    ASSERT_TRUE(model.UpsertDecision(d).ok());
    std::vector<Appeal> appeals;
    const int n = static_cast<int>(random() % 4);
    for (int i = 0; i < n; ++i) {
      const Date filed = Date(2023, 1, 5) + static_cast<int>(random() % 30);
      std::optional<AppealResolution> resolution;
      if (random() % 4 != 0) {
        const AppealOutcome outcome = outcomes[random() % 4];
        const bool new_form =
            outcome == AppealOutcome::kReduced || outcome == AppealOutcome::kIncreased;
        // Several resolutions on one day test the tie order.
        resolution = Resolution(outcome, filed + static_cast<int>(random() % 3) * 20,
                                new_form ? forms[random() % 4] : DisciplineForm::kUnspecified);
      }
      appeals.push_back(MakeAppeal(i + 1, 1, 10, filed, resolution));
      ASSERT_TRUE(model.UpsertAppeal(appeals.back()).ok());
    }
    for (Date day = d.effective_date; day <= Date(2023, 6, 1); day += 7) {
      const inspection::DecisionStanding expected = inspection::StandingAt(d, appeals, day);
      const Standing actual = model.StandingBy(0, ToDayNumber(day));
      ASSERT_EQ(actual.in_force, expected.in_force) << trial << " " << day;
      ASSERT_EQ(actual.form, expected.form) << trial << " " << day;
    }
  }
}

TEST(InspectionModel, SubjectRowsAreCompact) {
  EXPECT_LE(sizeof(SubjectRow), 20u);
  InspectionModel model;
  for (int64_t id = 1; id <= 20000; ++id) {
    std::vector<InspectionSubject> subjects;
    for (int k = 0; k < 5; ++k) subjects.push_back(MemberSubject(id * 5 + k, 100 + id % 500));
    ASSERT_TRUE(
        model
            .UpsertInspection(CommitteeInspection(
                id, 10, Date(2015, 1, 1) + static_cast<int>(id % 3650), std::move(subjects)))
            .ok());
  }
  EXPECT_EQ(model.live_subject_rows(), 100000u);
  // Rows, the subject index and the inspection index together: well under 200 bytes a row
  // (the national model's 2 million rows in well under 400 MiB).
  EXPECT_LT(model.MemoryBytes() / model.live_subject_rows(), 200u);
}

}  // namespace
}  // namespace dangbo::reporting
