// The dated rule book as data.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/store/store_fixture.h"

namespace dangbo::inspection {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class RuleVersionsTest : public InspectionStoreTest {
 protected:
  absl::StatusOr<RuleVersionRecord> Write(
      const std::function<absl::StatusOr<RuleVersionRecord>(InspectionTx&)>& write) {
    RuleVersionRecord result;
    absl::StatusOr<std::string> response = store_->Mutate(
        NewContext("RuleVersion"), [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          absl::StatusOr<RuleVersionRecord> r = write(tx);
          if (!r.ok()) return r.status();
          result = *r;
          return MutationOutcome{"ok", {}, "ruleVersions", "rules"};
        });
    if (!response.ok()) return response.status();
    return result;
  }
};

TEST_F(RuleVersionsTest, FreshSchema_HoldsTheDefaults) {
  absl::StatusOr<InspectionRuleBook> book = store_->LoadRuleBook();
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->At(Date(2024, 1, 1)).reprimand_limitation_years, 5);
  EXPECT_EQ(book->At(Date(2024, 1, 1)).appeal_filing_working_days, 30);
}

TEST_F(RuleVersionsTest, NewVersion_AppliesFromItsDateOnly) {
  absl::StatusOr<RuleVersionRecord> added = Write([](InspectionTx& tx) {
    return tx.InsertRuleVersion(
        {.effective_from = Date(2025, 7, 1), .rules_json = R"({"appeal_filing_months": 1})"});
  });
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(added->version, 1);
  absl::StatusOr<InspectionRuleBook> book = store_->LoadRuleBook();
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->At(Date(2025, 6, 30)).appeal_filing_months, 0);
  EXPECT_EQ(book->At(Date(2025, 7, 1)).appeal_filing_months, 1);
  absl::StatusOr<std::vector<RuleVersionRecord>> versions = store_->ListRuleVersions();
  ASSERT_TRUE(versions.ok());
  EXPECT_THAT(*versions, SizeIs(2));
}

TEST_F(RuleVersionsTest, MisspeltRule_IsInvalidArgumentAndNothingStored) {
  absl::StatusOr<RuleVersionRecord> added = Write([](InspectionTx& tx) {
    return tx.InsertRuleVersion(
        {.effective_from = Date(2025, 7, 1), .rules_json = R"({"reprimand_limitation_yaers": 3})"});
  });
  EXPECT_EQ(added.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(added.status().message(), HasSubstr("reprimand_limitation_yaers"));
  EXPECT_EQ(CountRows("rule_versions"), 1);
}

TEST_F(RuleVersionsTest, SameDateTwice_IsAlreadyExists) {
  auto add = [&] {
    return Write([](InspectionTx& tx) {
      return tx.InsertRuleVersion({.effective_from = Date(2025, 7, 1), .rules_json = "{}"});
    });
  };
  ASSERT_TRUE(add().ok());
  EXPECT_EQ(add().status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(RuleVersionsTest, UpdateVersion_ChangesRulesAndStaleVersionIsAborted) {
  RuleVersionRecord change{.effective_from = Date(1930, 2, 3),
                           .rules_json = R"({"warning_limitation_years": 8})",
                           .version = 1};
  absl::StatusOr<RuleVersionRecord> updated =
      Write([&](InspectionTx& tx) { return tx.UpdateRuleVersion(change); });
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);
  absl::StatusOr<InspectionRuleBook> book = store_->LoadRuleBook();
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(book->At(Date(2024, 1, 1)).warning_limitation_years, 8);

  EXPECT_EQ(Write([&](InspectionTx& tx) { return tx.UpdateRuleVersion(change); }).status().code(),
            absl::StatusCode::kAborted);
}

}  // namespace
}  // namespace dangbo::inspection
