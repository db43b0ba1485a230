#include "services/reporting/domain/period.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::reporting {
namespace {

using ::testing::HasSubstr;

Period Of(PeriodKind kind, int year, int number = 0, int end_year = 0) {
  return {.kind = kind, .year = year, .number = number, .end_year = end_year};
}

Period Range(Date from, Date to) {
  return {.kind = PeriodKind::kRange, .start_date = from, .end_date = to};
}

TEST(ResolvePeriod, EachKindCoversItsDays) {
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kMonth, 2024, 2)),
            (DateRange{Date(2024, 2, 1), Date(2024, 2, 29)}));
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kMonth, 2023, 12)),
            (DateRange{Date(2023, 12, 1), Date(2023, 12, 31)}));
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kQuarter, 2024, 2)),
            (DateRange{Date(2024, 4, 1), Date(2024, 6, 30)}));
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kQuarter, 2024, 4)),
            (DateRange{Date(2024, 10, 1), Date(2024, 12, 31)}));
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kFirstSixMonths, 2023)),
            (DateRange{Date(2023, 1, 1), Date(2023, 6, 30)}));
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kFirstNineMonths, 2023)),
            (DateRange{Date(2023, 1, 1), Date(2023, 9, 30)}));
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kYear, 2022)),
            (DateRange{Date(2022, 1, 1), Date(2022, 12, 31)}));
  EXPECT_EQ(*ResolvePeriod(Of(PeriodKind::kTerm, 2020, 0, 2025)),
            (DateRange{Date(2020, 1, 1), Date(2025, 12, 31)}));
  EXPECT_EQ(*ResolvePeriod(Range(Date(2024, 1, 15), Date(2024, 1, 15))),
            (DateRange{Date(2024, 1, 15), Date(2024, 1, 15)}));
}

TEST(PeriodLabel, PrintsAsReportsDo) {
  EXPECT_EQ(*PeriodLabel(Of(PeriodKind::kYear, 2022)), "năm 2022");
  EXPECT_EQ(*PeriodLabel(Of(PeriodKind::kFirstSixMonths, 2023)), "6 tháng đầu năm 2023");
  EXPECT_EQ(*PeriodLabel(Of(PeriodKind::kFirstNineMonths, 2023)), "9 tháng đầu năm 2023");
  EXPECT_EQ(*PeriodLabel(Of(PeriodKind::kQuarter, 2024, 2)), "quý II/2024");
  EXPECT_EQ(*PeriodLabel(Of(PeriodKind::kQuarter, 2024, 4)), "quý IV/2024");
  EXPECT_EQ(*PeriodLabel(Of(PeriodKind::kMonth, 2024, 3)), "tháng 3/2024");
  EXPECT_EQ(*PeriodLabel(Of(PeriodKind::kTerm, 2020, 0, 2025)), "nhiệm kỳ 2020–2025");
  EXPECT_EQ(*PeriodLabel(Range(Date(2024, 1, 1), Date(2024, 3, 15))),
            "từ 01/01/2024 đến 15/03/2024");
}

void ExpectInvalid(const Period& p, const std::string& field) {
  absl::StatusOr<DateRange> range = ResolvePeriod(p);
  ASSERT_FALSE(range.ok()) << field;
  EXPECT_EQ(range.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(range.status().message()), HasSubstr("period." + field + ": "));
  EXPECT_FALSE(PeriodLabel(p).ok()) << field;
}

TEST(ResolvePeriod, NamesTheFieldAtFault) {
  ExpectInvalid(Period{}, "kind");
  ExpectInvalid(Of(static_cast<PeriodKind>(42), 2024), "kind");
  ExpectInvalid(Of(PeriodKind::kMonth, 2024, 13), "number");
  ExpectInvalid(Of(PeriodKind::kMonth, 2024, 0), "number");
  ExpectInvalid(Of(PeriodKind::kQuarter, 2024, 5), "number");
  ExpectInvalid(Of(PeriodKind::kQuarter, 2024, -1), "number");
  ExpectInvalid(Of(PeriodKind::kYear, 0), "year");
  ExpectInvalid(Of(PeriodKind::kYear, 1929), "year");
  ExpectInvalid(Of(PeriodKind::kYear, 10000), "year");
  ExpectInvalid(Of(PeriodKind::kYear, 2024, 3), "number");
  ExpectInvalid(Of(PeriodKind::kYear, 2024, 0, 2025), "end_year");
  ExpectInvalid(Of(PeriodKind::kTerm, 2020, 0, 2020), "end_year");
  ExpectInvalid(Of(PeriodKind::kTerm, 2020), "end_year");
  ExpectInvalid(Of(PeriodKind::kTerm, 2020, 1, 2025), "number");
  ExpectInvalid(Range(Date(2024, 2, 1), Date(2024, 1, 31)), "end_date");
  ExpectInvalid(Range(Date(1800, 2, 1), Date(2024, 1, 31)), "start_date");
  ExpectInvalid(Range(Date(2024, 2, 1), Date(123456, 1, 31)), "end_date");
  ExpectInvalid({.kind = PeriodKind::kRange, .end_date = Date(2024, 1, 1)}, "start_date");
  ExpectInvalid({.kind = PeriodKind::kRange, .start_date = Date(2024, 1, 1)}, "end_date");
  ExpectInvalid({.kind = PeriodKind::kRange,
                 .year = 2024,
                 .start_date = Date(2024, 1, 1),
                 .end_date = Date(2024, 1, 2)},
                "year");
  ExpectInvalid({.kind = PeriodKind::kYear, .year = 2024, .start_date = Date(2024, 1, 1)},
                "start_date");
}

TEST(DateRange, ContainsBothEnds) {
  const DateRange range{Date(2024, 1, 1), Date(2024, 12, 31)};
  EXPECT_TRUE(range.Contains(Date(2024, 1, 1)));
  EXPECT_TRUE(range.Contains(Date(2024, 12, 31)));
  EXPECT_FALSE(range.Contains(Date(2023, 12, 31)));
  EXPECT_FALSE(range.Contains(Date(2025, 1, 1)));
}

}  // namespace
}  // namespace dangbo::reporting
