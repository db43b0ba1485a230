// Violation cases as the inspection service reports them, in whatever order they arrive.
#include "services/membership/domain/violation_cases.h"

#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

ViolationCase Opened(Date on) {
  return {.member_id = 7,
          .source = "inspections/12",
          .open = true,
          .opened_date = on,
          .recorded_by = "inspection"};
}

ViolationCase Settled(Date on) {
  return {.member_id = 7,
          .source = "inspections/12",
          .open = false,
          .settled_date = on,
          .recorded_by = "inspection-2"};
}

TEST(ViolationCasesTest, FirstReport_IsTakenAsItIs) {
  const ViolationCase merged = MergeViolationCase(std::nullopt, Opened(Date(2026, 3, 2)));
  EXPECT_TRUE(merged.open);
  EXPECT_EQ(merged.opened_date, Date(2026, 3, 2));
}

TEST(ViolationCasesTest, Settlement_ClosesTheOpenCaseAndKeepsItsOpeningDate) {
  const ViolationCase merged =
      MergeViolationCase(Opened(Date(2026, 3, 2)), Settled(Date(2026, 5, 4)));
  EXPECT_FALSE(merged.open);
  EXPECT_EQ(merged.opened_date, Date(2026, 3, 2));
  EXPECT_EQ(merged.settled_date, Date(2026, 5, 4));
  EXPECT_EQ(merged.recorded_by, "inspection-2");
}

TEST(ViolationCasesTest, OpeningAfterItsSettlement_DoesNotReopenButFillsTheDate) {
  const ViolationCase merged =
      MergeViolationCase(Settled(Date(2026, 5, 4)), Opened(Date(2026, 3, 2)));
  EXPECT_FALSE(merged.open);
  EXPECT_EQ(merged.opened_date, Date(2026, 3, 2));
  EXPECT_EQ(merged.settled_date, Date(2026, 5, 4));
}

TEST(ViolationCasesTest, RepeatedReports_ChangeNothing) {
  const ViolationCase open = Opened(Date(2026, 3, 2));
  ViolationCase later = Opened(Date(2026, 4, 1));
  EXPECT_EQ(MergeViolationCase(open, later).opened_date, Date(2026, 3, 2));
  const ViolationCase settled = Settled(Date(2026, 5, 4));
  EXPECT_EQ(MergeViolationCase(settled, Settled(Date(2026, 6, 1))).settled_date, Date(2026, 5, 4));
}

TEST(ViolationCasesTest, OpenCaseSources_ListsOnlyTheOpenOnes) {
  ViolationCase other = Opened(Date(2026, 1, 1));
  other.source = "inspections/40";
  EXPECT_EQ(OpenCaseSources({Opened(Date(2026, 3, 2)), Settled(Date(2026, 5, 4)), other}),
            (std::vector<std::string>{"inspections/12", "inspections/40"}));
}

}  // namespace
}  // namespace dangbo::membership
