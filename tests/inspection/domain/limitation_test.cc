// Thời hiệu: the statute of limitations and its restart rule (discipline_rules.h).
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/inspection/domain/discipline_rules.h"
#include "tests/inspection/domain/fixtures.h"

namespace dangbo::inspection {
namespace {

using fixtures::WarningOfFullMember;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Form = DisciplineForm;
using Category = ViolationCategory;

class LimitationTest : public ::testing::Test {
 protected:
  // A decision of `form` on `decided` for one violation on `violated`.
  static DisciplinaryDecision Decision(Form form, Date violated, Date decided,
                                       Category category = Category::kFinanceAndAssets) {
    DisciplinaryDecision d = WarningOfFullMember();
    d.form = form;
    d.holds_post = true;
    d.violation_dates = {violated};
    d.decision_date = decided;
    d.effective_date = decided;
    d.category = category;
    return d;
  }
  absl::Status Check(const DisciplinaryDecision& d, const std::vector<Date>& others = {}) {
    return CheckLimitation(d, others, rules_);
  }

  InspectionRules rules_;
};

TEST_F(LimitationTest, Years_FollowTheLevelOfTheForm) {
  EXPECT_EQ(LimitationYears(Form::kReprimand, Category::kOther, rules_), 5);
  EXPECT_EQ(LimitationYears(Form::kWarning, Category::kOther, rules_), 10);
  EXPECT_EQ(LimitationYears(Form::kRemovalFromPost, Category::kOther, rules_), 10);
  EXPECT_EQ(LimitationYears(Form::kExpulsion, Category::kOther, rules_), std::nullopt);
  EXPECT_EQ(LimitationYears(Form::kDissolution, Category::kOther, rules_), std::nullopt);
}

TEST_F(LimitationTest, Reprimand_OnTheLastDayOfFiveYears_IsOk) {
  EXPECT_TRUE(Check(Decision(Form::kReprimand, Date(2019, 3, 15), Date(2024, 3, 15))).ok());
}

TEST_F(LimitationTest, Reprimand_TheDayAfterFiveYears_IsFailedPreconditionWithClearMessage) {
  absl::Status status = Check(Decision(Form::kReprimand, Date(2019, 3, 15), Date(2024, 3, 16)));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()),
              StartsWith("violation_dates[0]: the violation of 2019-03-15 is "
                         "time-barred: the 5-year statute of limitations"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("ran out on 2024-03-15"));
}

TEST_F(LimitationTest, Warning_AfterSixYears_IsOk) {
  EXPECT_TRUE(Check(Decision(Form::kWarning, Date(2018, 1, 10), Date(2024, 5, 6))).ok());
}

TEST_F(LimitationTest, Removal_AfterTenYearsAndADay_IsFailedPrecondition) {
  EXPECT_EQ(Check(Decision(Form::kRemovalFromPost, Date(2014, 5, 5), Date(2024, 5, 6))).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LimitationTest, Expulsion_AfterTwentyYears_IsOk) {
  EXPECT_TRUE(Check(Decision(Form::kExpulsion, Date(2004, 1, 1), Date(2024, 5, 6))).ok());
}

TEST_F(LimitationTest, NoLimitCategories_AreNeverTimeBarred) {
  for (Category category : {Category::kInternalPolitics, Category::kNationalSecurityDefence,
                            Category::kForgedDiploma}) {
    EXPECT_TRUE(
        Check(Decision(Form::kReprimand, Date(2001, 1, 1), Date(2024, 5, 6), category)).ok());
  }
}

TEST_F(LimitationTest, LeapDayViolation_RunsOutOnFebruary28) {
  std::optional<LimitationPeriod> period =
      LimitationPeriodFor(Date(2020, 2, 29), Form::kReprimand, Category::kOther, {}, rules_);
  ASSERT_TRUE(period.has_value());
  EXPECT_EQ(period->last_day, Date(2025, 2, 28));
}

// --- The restart rule ---

TEST_F(LimitationTest, NewViolationWithinThePeriod_RestartsTheClock) {
  // 2016 reprimand-level violation; a new one in 2020 (within 2016–2021) restarts it to 2025.
  const DisciplinaryDecision d = Decision(Form::kReprimand, Date(2016, 6, 1), Date(2024, 5, 6));
  EXPECT_EQ(Check(d).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Check(d, {Date(2020, 9, 1)}).ok());
}

TEST_F(LimitationTest, NewViolationOnTheLastDay_StillRestartsTheClock) {
  const DisciplinaryDecision d = Decision(Form::kReprimand, Date(2016, 6, 1), Date(2024, 5, 6));
  EXPECT_TRUE(Check(d, {Date(2021, 6, 1)}).ok());
}

TEST_F(LimitationTest, NewViolationTheDayAfterThePeriod_DoesNotReviveIt) {
  const DisciplinaryDecision d = Decision(Form::kReprimand, Date(2016, 6, 1), Date(2024, 5, 6));
  EXPECT_EQ(Check(d, {Date(2021, 6, 2)}).code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(LimitationTest, RestartsChain_EachWithinTheRunningPeriod) {
  // 2010 → 2014 → 2018: the period now runs from 2018 to 2023.
  std::optional<LimitationPeriod> period =
      LimitationPeriodFor(Date(2010, 1, 1), Form::kReprimand, Category::kOther,
                          {Date(2018, 1, 1), Date(2014, 1, 1)}, rules_);
  ASSERT_TRUE(period.has_value());
  EXPECT_EQ(period->runs_from, Date(2018, 1, 1));
  EXPECT_EQ(period->last_day, Date(2023, 1, 1));
}

TEST_F(LimitationTest, ViolationsBeforeTheOneJudged_DoNotRestartIt) {
  std::optional<LimitationPeriod> period = LimitationPeriodFor(
      Date(2016, 1, 1), Form::kReprimand, Category::kOther, {Date(2015, 1, 1)}, rules_);
  ASSERT_TRUE(period.has_value());
  EXPECT_EQ(period->runs_from, Date(2016, 1, 1));
}

TEST_F(LimitationTest, DecisionsOwnLaterViolation_RestartsItsEarlierOne) {
  DisciplinaryDecision d = Decision(Form::kReprimand, Date(2016, 6, 1), Date(2024, 5, 6));
  d.violation_dates.push_back(Date(2020, 9, 1));
  EXPECT_TRUE(Check(d).ok());
}

TEST_F(LimitationTest, LapsedSecondViolation_IsNamedByItsIndex) {
  DisciplinaryDecision d = Decision(Form::kReprimand, Date(2023, 1, 1), Date(2024, 5, 6));
  d.violation_dates.insert(d.violation_dates.begin(), Date(2012, 1, 1));
  absl::Status status = Check(d);
  EXPECT_THAT(std::string(status.message()),
              StartsWith("violation_dates[0]: the violation of 2012-01-01"));
}

TEST_F(LimitationTest, Years_AreData) {
  rules_.reprimand_limitation_years = 3;
  EXPECT_EQ(Check(Decision(Form::kReprimand, Date(2020, 1, 1), Date(2023, 1, 2))).code(),
            absl::StatusCode::kFailedPrecondition);
  rules_.unlimited_categories.push_back(Category::kFinanceAndAssets);
  EXPECT_TRUE(Check(Decision(Form::kReprimand, Date(2020, 1, 1), Date(2023, 1, 2))).ok());
}

TEST_F(LimitationTest, FullCheck_LapsedDecision_IsFailedPrecondition) {
  const DisciplinaryDecision d = Decision(Form::kReprimand, Date(2015, 1, 1), Date(2024, 5, 6));
  EXPECT_EQ(CheckDisciplinaryDecision(d, {}, rules_, Date(2026, 11, 23)).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace dangbo::inspection
