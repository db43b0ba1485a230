#include "services/inspection/domain/appeals.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/domain/fixtures.h"

namespace dangbo::inspection {
namespace {

using fixtures::WarningOfFullMember;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Form = DisciplineForm;
using Outcome = AppealOutcome;

class AppealsTest : public ::testing::Test {
 protected:
  // The fixture's warning, decided just before Tết 2025.
  static DisciplinaryDecision Decision() {
    DisciplinaryDecision d = WarningOfFullMember();
    d.decision_date = Date(2025, 1, 17);
    d.effective_date = Date(2025, 1, 17);
    return d;
  }
  static Appeal Filed(int64_t id, Date received, Date filed, Level level = Level::kProvincial) {
    return {.id = id,
            .decision_id = 7,
            .received_date = received,
            .filed_date = filed,
            .resolving_organization_id = 1,
            .resolving_level = level};
  }
  static Appeal Resolved(Appeal appeal, Outcome outcome, Date date,
                         Form new_form = Form::kUnspecified) {
    appeal.resolution = AppealResolution{.outcome = outcome, .date = date, .new_form = new_form};
    return appeal;
  }
  absl::Status File(const Appeal& appeal, const std::vector<Appeal>& earlier = {}) {
    return CheckAppealFiling(Decision(), earlier, appeal, rules_, calendar_, today_);
  }
  absl::Status Resolve(const Appeal& appeal, const AppealResolution& resolution,
                       const std::vector<Appeal>& others = {}) {
    std::vector<Appeal> all = others;
    all.push_back(appeal);
    return CheckAppealResolution(Decision(), all, appeal, resolution, rules_, today_);
  }

  InspectionRules rules_;
  HolidayCalendar calendar_ = HolidayCalendar::VietnamDefault();
  Date today_{2026, 11, 23};
};

// --- Filing deadline ---

TEST_F(AppealsTest, FilingDeadline_AcrossTet2025_SkipsTheHolidayAndItsCompensation) {
  // Received Monday 2025-01-20: 5 working days before Tết, then Jan 28–Feb 3 off.
  EXPECT_EQ(AppealFilingDeadline(Date(2025, 1, 20), rules_, calendar_), Date(2025, 3, 10));
  EXPECT_EQ(AppealFilingDeadline(Date(2025, 1, 20), rules_, HolidayCalendar()), Date(2025, 3, 3));
}

TEST_F(AppealsTest, File_OnTheLastDayAfterTet_IsOk) {
  EXPECT_TRUE(File(Filed(1, Date(2025, 1, 20), Date(2025, 3, 10))).ok());
}

TEST_F(AppealsTest, File_TheDayAfterTheDeadline_IsFailedPrecondition) {
  absl::Status status = File(Filed(1, Date(2025, 1, 20), Date(2025, 3, 11)));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()),
              StartsWith("filed_date: 2025-03-11 is after the deadline of "
                         "2025-03-10 (30 working days"));
}

TEST_F(AppealsTest, FilingDeadline_InCalendarMonths_WhenConfigured) {
  rules_.appeal_filing_months = 1;
  EXPECT_EQ(AppealFilingDeadline(Date(2025, 1, 20), rules_, calendar_), Date(2025, 2, 20));
  EXPECT_EQ(AppealFilingDeadline(Date(2025, 1, 31), rules_, calendar_), Date(2025, 2, 28));
}

TEST_F(AppealsTest, File_ReceivedBeforeTheDecision_IsFailedPrecondition) {
  absl::Status status = File(Filed(1, Date(2025, 1, 16), Date(2025, 1, 20)));
  EXPECT_THAT(std::string(status.message()), StartsWith("received_date"));
}

TEST_F(AppealsTest, File_BeforeReceipt_IsFailedPrecondition) {
  absl::Status status = File(Filed(1, Date(2025, 1, 20), Date(2025, 1, 19)));
  EXPECT_THAT(std::string(status.message()), StartsWith("filed_date"));
}

TEST_F(AppealsTest, File_WhileAnotherIsPending_IsFailedPrecondition) {
  absl::Status status = File(Filed(2, Date(2025, 1, 20), Date(2025, 2, 10)),
                             {Filed(1, Date(2025, 1, 20), Date(2025, 2, 5))});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("still pending"));
}

TEST_F(AppealsTest, File_AgainstAnAnnulledDecision_IsFailedPrecondition) {
  const Appeal first =
      Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)), Outcome::kAnnulled, Date(2025, 4, 1));
  absl::Status status = File(Filed(2, Date(2025, 4, 2), Date(2025, 4, 3)), {first});
  EXPECT_THAT(std::string(status.message()), StartsWith("decision: 15-QĐ/UBKT was annulled"));
}

TEST_F(AppealsTest, File_FurtherUpAfterAResolution_CountsFromReceivingTheResolution) {
  const Appeal first =
      Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)), Outcome::kUpheld, Date(2025, 4, 1));
  EXPECT_TRUE(File(Filed(2, Date(2025, 4, 2), Date(2025, 5, 6), Level::kCentral), {first}).ok());
  EXPECT_THAT(std::string(File(Filed(2, Date(2025, 3, 30), Date(2025, 4, 3)), {first}).message()),
              StartsWith("received_date"));
}

// --- Resolution deadline ---

TEST_F(AppealsTest, ResolutionDeadline_Is90WorkingDaysBelowCentralLevel) {
  EXPECT_EQ(
      AppealResolutionDeadline(Filed(1, Date(2025, 3, 3), Date(2025, 3, 10)), rules_, calendar_),
      Date(2025, 7, 17));
}

TEST_F(AppealsTest, ResolutionDeadline_Is180WorkingDaysAtCentralLevel) {
  EXPECT_EQ(AppealResolutionDeadline(Filed(1, Date(2025, 3, 3), Date(2025, 3, 10), Level::kCentral),
                                     rules_, calendar_),
            Date(2025, 11, 24));
}

// --- Resolution ---

TEST_F(AppealsTest, Resolve_ReducedToALighterForm_IsOk) {
  const Appeal appeal = Filed(1, Date(2025, 1, 20), Date(2025, 2, 5));
  EXPECT_TRUE(Resolve(appeal, {.outcome = Outcome::kReduced,
                               .date = Date(2025, 4, 1),
                               .new_form = Form::kReprimand})
                  .ok());
}

TEST_F(AppealsTest, Resolve_ReducedToAHeavierForm_IsFailedPrecondition) {
  const Appeal appeal = Filed(1, Date(2025, 1, 20), Date(2025, 2, 5));
  absl::Status status = Resolve(
      appeal,
      {.outcome = Outcome::kReduced, .date = Date(2025, 4, 1), .new_form = Form::kExpulsion});
  EXPECT_THAT(std::string(status.message()),
              StartsWith("resolution.new_form: EXPULSION is not lighter than WARNING"));
}

TEST_F(AppealsTest, Resolve_IncreasedToExpulsion_IsOk) {
  const Appeal appeal = Filed(1, Date(2025, 1, 20), Date(2025, 2, 5));
  EXPECT_TRUE(Resolve(appeal, {.outcome = Outcome::kIncreased,
                               .date = Date(2025, 4, 1),
                               .new_form = Form::kExpulsion})
                  .ok());
}

TEST_F(AppealsTest, Resolve_IncreasedToAFormThatDoesNotFit_IsFailedPrecondition) {
  const Appeal appeal = Filed(1, Date(2025, 1, 20), Date(2025, 2, 5));
  absl::Status status = Resolve(appeal, {.outcome = Outcome::kIncreased,
                                         .date = Date(2025, 4, 1),
                                         .new_form = Form::kRemovalFromPost});
  EXPECT_THAT(std::string(status.message()),
              StartsWith("form: REMOVAL_FROM_POST applies to a member holding"));
}

TEST_F(AppealsTest, Resolve_UpheldWithANewForm_IsInvalidArgument) {
  const Appeal appeal = Filed(1, Date(2025, 1, 20), Date(2025, 2, 5));
  EXPECT_EQ(
      Resolve(appeal,
              {.outcome = Outcome::kUpheld, .date = Date(2025, 4, 1), .new_form = Form::kReprimand})
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_F(AppealsTest, Resolve_BeforeTheFiling_IsFailedPrecondition) {
  const Appeal appeal = Filed(1, Date(2025, 1, 20), Date(2025, 2, 5));
  EXPECT_THAT(
      std::string(
          Resolve(appeal, {.outcome = Outcome::kUpheld, .date = Date(2025, 2, 4)}).message()),
      StartsWith("resolution.date"));
}

TEST_F(AppealsTest, Resolve_Twice_IsFailedPrecondition) {
  const Appeal appeal =
      Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)), Outcome::kUpheld, Date(2025, 4, 1));
  EXPECT_THAT(
      std::string(
          Resolve(appeal, {.outcome = Outcome::kAnnulled, .date = Date(2025, 4, 2)}).message()),
      StartsWith("resolution: appeal 1 was resolved"));
}

TEST_F(AppealsTest, Resolve_ReductionComparesWithTheFormInForceAfterEarlierAppeals) {
  const Appeal first = Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)), Outcome::kReduced,
                                Date(2025, 4, 1), Form::kReprimand);
  const Appeal second = Filed(2, Date(2025, 4, 2), Date(2025, 4, 10), Level::kCentral);
  absl::Status status = Resolve(
      second,
      {.outcome = Outcome::kReduced, .date = Date(2025, 6, 2), .new_form = Form::kReprimand},
      {first});
  EXPECT_THAT(std::string(status.message()), HasSubstr("not lighter than REPRIMAND"));
}

// --- Standing ---

TEST_F(AppealsTest, Standing_BeforeTheEffectiveDate_IsNotInForce) {
  EXPECT_FALSE(StandingAt(Decision(), {}, Date(2025, 1, 16)).in_force);
}

TEST_F(AppealsTest, Standing_WhileAnAppealIsPending_StaysInForce) {
  const DecisionStanding standing =
      StandingAt(Decision(), {Filed(1, Date(2025, 1, 20), Date(2025, 2, 5))}, Date(2025, 3, 1));
  EXPECT_TRUE(standing.in_force);
  EXPECT_EQ(standing.form, Form::kWarning);
}

TEST_F(AppealsTest, Standing_Annulled_EndsOnTheResolutionDate) {
  const std::vector<Appeal> appeals = {Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)),
                                                Outcome::kAnnulled, Date(2025, 4, 1))};
  EXPECT_TRUE(StandingAt(Decision(), appeals, Date(2025, 3, 31)).in_force);
  const DecisionStanding after = StandingAt(Decision(), appeals, Date(2025, 4, 1));
  EXPECT_FALSE(after.in_force);
  EXPECT_EQ(after.form, Form::kUnspecified);
  EXPECT_EQ(after.changed_by_appeal_id, 1);
}

TEST_F(AppealsTest, Standing_Reduced_CountsTheNewFormFromTheResolutionDate) {
  const std::vector<Appeal> appeals = {Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)),
                                                Outcome::kReduced, Date(2025, 4, 1),
                                                Form::kReprimand)};
  EXPECT_EQ(StandingAt(Decision(), appeals, Date(2025, 3, 31)).form, Form::kWarning);
  EXPECT_EQ(StandingAt(Decision(), appeals, Date(2025, 4, 1)).form, Form::kReprimand);
}

TEST_F(AppealsTest, Standing_TwoResolutions_ApplyInDateOrder) {
  const std::vector<Appeal> appeals = {
      Resolved(Filed(2, Date(2025, 4, 2), Date(2025, 4, 10)), Outcome::kIncreased, Date(2025, 8, 1),
               Form::kExpulsion),
      Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)), Outcome::kReduced, Date(2025, 4, 1),
               Form::kReprimand),
  };
  const DecisionStanding standing = StandingAt(Decision(), appeals, Date(2025, 9, 1));
  EXPECT_EQ(standing.form, Form::kExpulsion);
  EXPECT_EQ(standing.changed_by_appeal_id, 2);
}

TEST_F(AppealsTest, Standing_Upheld_ChangesNothing) {
  const std::vector<Appeal> appeals = {
      Resolved(Filed(1, Date(2025, 1, 20), Date(2025, 2, 5)), Outcome::kUpheld, Date(2025, 4, 1))};
  const DecisionStanding standing = StandingAt(Decision(), appeals, Date(2025, 5, 1));
  EXPECT_TRUE(standing.in_force);
  EXPECT_EQ(standing.form, Form::kWarning);
  EXPECT_EQ(standing.changed_by_appeal_id, std::nullopt);
}

}  // namespace
}  // namespace dangbo::inspection
