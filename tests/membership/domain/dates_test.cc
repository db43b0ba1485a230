#include "services/membership/domain/dates.h"

#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

TEST(AddMonths, TwelveMonthsFromJanuary31_IsJanuary31NextYear) {
  EXPECT_EQ(AddMonths(Date(2023, 1, 31), 12), Date(2024, 1, 31));
}

TEST(AddMonths, OneMonthFromJanuary31_ClampsToEndOfFebruary) {
  EXPECT_EQ(AddMonths(Date(2023, 1, 31), 1), Date(2023, 2, 28));
  EXPECT_EQ(AddMonths(Date(2024, 1, 31), 1), Date(2024, 2, 29));
}

TEST(AddMonths, TwelveMonthsFromLeapDay_IsFebruary28) {
  EXPECT_EQ(AddMonths(Date(2024, 2, 29), 12), Date(2025, 2, 28));
}

TEST(AddMonths, NegativeMonths_GoBack) {
  EXPECT_EQ(AddMonths(Date(2026, 3, 31), -1), Date(2026, 2, 28));
  EXPECT_EQ(AddMonths(Date(2027, 1, 15), -24), Date(2025, 1, 15));
}

TEST(FullMonthsBetween, DayBeforeAnniversary_IsOneMonthShort) {
  EXPECT_EQ(FullMonthsBetween(Date(2008, 3, 15), Date(2026, 3, 14)), 18 * 12 - 1);
  EXPECT_EQ(FullMonthsBetween(Date(2008, 3, 15), Date(2026, 3, 15)), 18 * 12);
}

TEST(FullMonthsBetween, FromMonthEnd_CountsClampedMonths) {
  EXPECT_EQ(FullMonthsBetween(Date(2024, 1, 31), Date(2024, 2, 29)), 1);
  EXPECT_EQ(FullMonthsBetween(Date(2024, 1, 31), Date(2024, 2, 28)), 0);
}

TEST(FullMonthsBetween, ToBeforeFrom_IsNegative) {
  EXPECT_EQ(FullMonthsBetween(Date(2026, 3, 15), Date(2026, 1, 15)), -2);
}

TEST(ParseDate, IsoDate_RoundTrips) {
  absl::StatusOr<Date> date = ParseDate("2025-03-01");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(*date, Date(2025, 3, 1));
  EXPECT_EQ(FormatDate(*date), "2025-03-01");
}

TEST(ParseDate, NonexistentDay_IsInvalidArgument) {
  EXPECT_EQ(ParseDate("2025-02-29").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDate("2025-3-1").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDate("yesterday").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangbo::membership
