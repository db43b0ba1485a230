#include "services/membership/domain/membership_rules.h"

#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

TEST(MembershipRules, Defaults_AreDomainValues) {
  const MembershipRules rules;
  EXPECT_EQ(rules.probation_months, 12);
  EXPECT_EQ(rules.recognition_decision_working_days, 30);
  EXPECT_EQ(rules.admission_min_age_months, 216);
  EXPECT_EQ(rules.admission_max_age_months, 731);
  EXPECT_EQ(rules.transfer_start_working_days, 60);
  EXPECT_EQ(rules.transfer_present_working_days, 30);
  EXPECT_EQ(rules.badge_milestone_years,
            (std::vector<int>{30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90}));
  EXPECT_EQ(rules.rating_excellent_max_percent_of_good, 20);
}

TEST(RuleBook, Default_GivesDefaultsOnAnyDate) {
  const RuleBook book;
  EXPECT_EQ(book.At(Date(1900, 1, 1)).probation_months, 12);
  EXPECT_EQ(book.At(Date(2026, 11, 23)).probation_months, 12);
}

TEST(RuleBook, FromJson_LaterVersionAppliesFromItsDateAndInheritsTheRest) {
  absl::StatusOr<RuleBook> book = RuleBook::FromJson(R"({"versions": [
    {"effective_from": "2025-07-01", "recognition_decision_working_days": 20},
    {"effective_from": "2020-01-01", "probation_months": 12, "transfer_start_working_days": 50}
  ]})");
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->At(Date(2025, 6, 30)).recognition_decision_working_days, 30);
  EXPECT_EQ(book->At(Date(2025, 7, 1)).recognition_decision_working_days, 20);
  EXPECT_EQ(book->At(Date(2025, 7, 1)).transfer_start_working_days, 50);
  EXPECT_EQ(book->At(Date(2019, 1, 1)).transfer_start_working_days, 50);  // before the first
}

TEST(RuleBook, FromJson_BadgeMilestones_AreSorted) {
  absl::StatusOr<RuleBook> book = RuleBook::FromJson(
      R"({"versions": [{"effective_from": "2020-01-01", "badge_milestone_years": [40, 30]}]})");
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->At(Date(2021, 1, 1)).badge_milestone_years, (std::vector<int>{30, 40}));
}

TEST(RuleBook, FromJson_UnknownRule_IsInvalidArgumentNamingIt) {
  absl::StatusOr<RuleBook> book = RuleBook::FromJson(
      R"({"versions": [{"effective_from": "2020-01-01", "probation_month": 12}]})");
  ASSERT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(book.status().message().find("probation_month"), std::string::npos);
}

TEST(RuleBook, FromJson_MissingOrDuplicateDates_AreInvalidArgument) {
  EXPECT_EQ(RuleBook::FromJson(R"({"versions": [{"probation_months": 12}]})").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RuleBook::FromJson(R"({"versions": [{"effective_from": "2020-01-01"},
                                                {"effective_from": "2020-01-01"}]})")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RuleBook::FromJson(R"({"versions": []})").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RuleBook, FromJson_NegativeNumber_IsInvalidArgument) {
  EXPECT_EQ(RuleBook::FromJson(
                R"({"versions": [{"effective_from": "2020-01-01", "probation_months": -1}]})")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RuleBook, FromJsonFile_ReadsTheFile) {
  const std::string path = ::testing::TempDir() + "/membership_rules_test.json";
  std::ofstream(path)
      << R"({"versions": [{"effective_from": "2025-01-01", "probation_months": 6}]})";
  absl::StatusOr<RuleBook> book = RuleBook::FromJsonFile(path);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->At(Date(2026, 1, 1)).probation_months, 6);
  EXPECT_EQ(RuleBook::FromJsonFile(path + ".missing").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace dangbo::membership
