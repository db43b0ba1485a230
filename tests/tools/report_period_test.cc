#include "tools/dangboctl/report_period.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using Period = reporting_v1::Period;

Period Parse(const std::string& spec) {
  absl::StatusOr<Period> period = ParsePeriodSpec(spec);
  EXPECT_TRUE(period.ok()) << spec << ": " << period.status();
  return period.ok() ? *period : Period();
}

std::string Label(const std::string& spec) {
  absl::StatusOr<std::string> label = reporting::PeriodLabel(ToDomainPeriod(Parse(spec)));
  EXPECT_TRUE(label.ok()) << label.status();
  return label.ok() ? *label : "";
}

absl::Status Error(const std::string& spec) { return ParsePeriodSpec(spec).status(); }

TEST(ParsePeriodSpec, BareYear_IsTheCalendarYear) {
  const Period p = Parse("2024");
  EXPECT_EQ(p.kind(), Period::KIND_YEAR);
  EXPECT_EQ(p.year(), 2024);
  EXPECT_EQ(p.number(), 0);
  EXPECT_EQ(Label("2024"), "năm 2024");
}

TEST(ParsePeriodSpec, YearPrefix_IsTheSameAsABareYear) {
  EXPECT_EQ(Parse("year:2022").SerializeAsString(), Parse("2022").SerializeAsString());
  EXPECT_EQ(Parse(" YEAR:2022 ").year(), 2022);
}

TEST(ParsePeriodSpec, Month_TakesOneOrTwoDigits) {
  const Period p = Parse("month:2024-03");
  EXPECT_EQ(p.kind(), Period::KIND_MONTH);
  EXPECT_EQ(p.year(), 2024);
  EXPECT_EQ(p.number(), 3);
  EXPECT_EQ(Parse("month:2024-3").SerializeAsString(), p.SerializeAsString());
  EXPECT_EQ(Label("month:2024-03"), "tháng 3/2024");
}

TEST(ParsePeriodSpec, Quarter_IsNamedInRomanNumerals) {
  const Period p = Parse("quarter:2024-2");
  EXPECT_EQ(p.kind(), Period::KIND_QUARTER);
  EXPECT_EQ(p.year(), 2024);
  EXPECT_EQ(p.number(), 2);
  EXPECT_EQ(Label("quarter:2024-2"), "quý II/2024");
}

TEST(ParsePeriodSpec, H1_IsTheFirstSixMonths) {
  const Period p = Parse("h1:2023");
  EXPECT_EQ(p.kind(), Period::KIND_FIRST_SIX_MONTHS);
  EXPECT_EQ(p.year(), 2023);
  EXPECT_EQ(Label("h1:2023"), "6 tháng đầu năm 2023");
}

TEST(ParsePeriodSpec, NineM_IsTheFirstNineMonths) {
  const Period p = Parse("9m:2023");
  EXPECT_EQ(p.kind(), Period::KIND_FIRST_NINE_MONTHS);
  EXPECT_EQ(p.year(), 2023);
  EXPECT_EQ(Label("9m:2023"), "9 tháng đầu năm 2023");
}

TEST(ParsePeriodSpec, Term_RunsFromTheFirstYearToTheLast) {
  const Period p = Parse("term:2020-2025");
  EXPECT_EQ(p.kind(), Period::KIND_TERM);
  EXPECT_EQ(p.year(), 2020);
  EXPECT_EQ(p.end_year(), 2025);
  EXPECT_EQ(Label("term:2020-2025"), "nhiệm kỳ 2020–2025");
}

TEST(ParsePeriodSpec, Range_KeepsBothDays) {
  const Period p = Parse("range:2024-01-01..2024-03-15");
  EXPECT_EQ(p.kind(), Period::KIND_RANGE);
  EXPECT_EQ(p.year(), 0);
  EXPECT_EQ(p.start_date().year(), 2024);
  EXPECT_EQ(p.start_date().month(), 1);
  EXPECT_EQ(p.start_date().day(), 1);
  EXPECT_EQ(p.end_date().month(), 3);
  EXPECT_EQ(p.end_date().day(), 15);
  EXPECT_EQ(Label("range:2024-01-01..2024-03-15"), "từ 01/01/2024 đến 15/03/2024");
}

TEST(ParsePeriodSpec, RangeOfOneDay_IsAccepted) {
  EXPECT_EQ(Parse("range:2024-02-29..2024-02-29").end_date().day(), 29);
}

// Every refusal is a usage error that names the option and repeats what was typed.
void ExpectRefused(const std::string& spec, const std::string& why) {
  absl::Status status = Error(spec);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << spec;
  EXPECT_THAT(std::string(status.message()), StartsWith("--period=" + spec + ": ")) << spec;
  EXPECT_THAT(std::string(status.message()), HasSubstr(why)) << spec;
}

TEST(ParsePeriodSpec, EmptyOrGarbage_ListsTheForms) {
  ExpectRefused("", "expected 2024, year:2024");
  ExpectRefused("last year", "expected 2024, year:2024");
}

TEST(ParsePeriodSpec, UnknownKind_IsNamed) {
  ExpectRefused("week:2024-10", "no kind of period \"week\"");
}

TEST(ParsePeriodSpec, YearOfOtherThanFourDigits_IsRefused) {
  ExpectRefused("24", "expected 2024");
  ExpectRefused("year:24", "four digits");
  ExpectRefused("year:20245", "four digits");
  ExpectRefused("h1:", "four digits");
  ExpectRefused("9m:2O23", "four digits");
}

TEST(ParsePeriodSpec, YearOutsideTheReportYears_IsRefusedByTheDomain) {
  ExpectRefused("1929", "outside 1930");
  ExpectRefused("range:1920-01-01..1935-01-01", "outside 1930");
}

TEST(ParsePeriodSpec, MonthWithoutItsDashOrNumber_IsRefused) {
  ExpectRefused("month:202403", "YYYY-MM");
  ExpectRefused("month:2024-", "YYYY-MM");
  ExpectRefused("month:2024-003", "YYYY-MM");
}

TEST(ParsePeriodSpec, MonthOutOfRange_IsRefused) {
  ExpectRefused("month:2024-13", "month 13 does not exist");
  ExpectRefused("month:2024-00", "month 0 does not exist");
}

TEST(ParsePeriodSpec, QuarterOutOfRangeOrSpelledOtherwise_IsRefused) {
  ExpectRefused("quarter:2024-5", "quarter 5 does not exist");
  ExpectRefused("quarter:2024-0", "quarter 0 does not exist");
  ExpectRefused("quarter:2024-Q2", "YYYY-N");
}

TEST(ParsePeriodSpec, TermOfOneYearOrBackwards_IsRefused) {
  ExpectRefused("term:2020", "FIRST-LAST");
  ExpectRefused("term:2025-2020", "a term ends after it starts");
  ExpectRefused("term:2020-2020", "a term ends after it starts");
}

TEST(ParsePeriodSpec, RangeWithoutDotsOrWithBadDays_IsRefused) {
  ExpectRefused("range:2024-01-01", "FIRST..LAST");
  ExpectRefused("range:2024-01-01-2024-03-15", "FIRST..LAST");
  ExpectRefused("range:2024-02-30..2024-03-15", "not a day of the calendar");
  ExpectRefused("range:2024-01-01..15/03/2024", "YYYY-MM-DD");
}

TEST(ParsePeriodSpec, RangeEndingBeforeItStarts_IsRefused) {
  ExpectRefused("range:2024-03-15..2024-01-01", "end_date: before start_date");
}

}  // namespace
}  // namespace dangbo::ctl
