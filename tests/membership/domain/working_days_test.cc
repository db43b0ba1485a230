#include "services/membership/domain/working_days.h"

#include "gtest/gtest.h"
#include "services/membership/domain/vietnam_holidays.h"

namespace dangbo::membership {
namespace {

class VietnamCalendarTest : public ::testing::Test {
 protected:
  HolidayCalendar calendar_ = HolidayCalendar::VietnamDefault();
};

TEST(HolidayCalendar, WeekendsOnly_SkipsSaturdayAndSunday) {
  HolidayCalendar calendar;
  EXPECT_EQ(calendar.AddWorkingDays(Date(2026, 11, 20), 1), Date(2026, 11, 23));  // Fri → Mon
  EXPECT_FALSE(calendar.IsWorkingDay(Date(2026, 11, 21)));
  EXPECT_TRUE(calendar.IsWorkingDay(Date(2026, 1, 1)));
}

TEST_F(VietnamCalendarTest, LunarTable_MatchesAnnouncedDates) {
  EXPECT_EQ(LunarNewYear(2025), Date(2025, 1, 29));
  EXPECT_EQ(LunarNewYear(2026), Date(2026, 2, 17));
  EXPECT_EQ(LunarNewYear(2030), Date(2030, 2, 2));
  EXPECT_EQ(HungKingsDay(2024), Date(2024, 4, 18));
  EXPECT_EQ(HungKingsDay(2025), Date(2025, 4, 7));
  EXPECT_EQ(HungKingsDay(2026), Date(2026, 4, 26));
  EXPECT_EQ(LunarNewYear(2031), std::nullopt);
}

TEST_F(VietnamCalendarTest, Tet2025_IsFiveDaysFromTheLastDayOfTheOldYear) {
  for (Date d = Date(2025, 1, 28); d <= Date(2025, 2, 1); ++d) {
    EXPECT_TRUE(calendar_.IsPublicHoliday(d)) << d;
  }
  EXPECT_FALSE(calendar_.IsPublicHoliday(Date(2025, 1, 27)));
  EXPECT_FALSE(calendar_.IsPublicHoliday(Date(2025, 2, 2)));
}

TEST_F(VietnamCalendarTest, AcrossTet2025_NextWorkingDayAfterJanuary27IsFebruary4) {
  // Jan 28–Feb 1 are Tết; Saturday Feb 1 is compensated by Monday Feb 3.
  EXPECT_EQ(calendar_.AddWorkingDays(Date(2025, 1, 27), 1), Date(2025, 2, 4));
  EXPECT_FALSE(calendar_.IsWorkingDay(Date(2025, 2, 3)));
  EXPECT_EQ(calendar_.WorkingDaysBetween(Date(2025, 1, 24), Date(2025, 2, 4)), 2);
}

TEST_F(VietnamCalendarTest, AcrossNationalDay2025_SkipsSeptember1And2) {
  EXPECT_EQ(calendar_.AddWorkingDays(Date(2025, 8, 29), 1), Date(2025, 9, 3));
}

TEST_F(VietnamCalendarTest, NationalDay2024_SecondDayIsSeptember3) {
  EXPECT_FALSE(calendar_.IsWorkingDay(Date(2024, 9, 3)));
  EXPECT_TRUE(calendar_.IsWorkingDay(Date(2024, 9, 4)));
}

TEST_F(VietnamCalendarTest, NationalDay2020_HadNoSecondDay) {
  EXPECT_TRUE(calendar_.IsWorkingDay(Date(2020, 9, 1)));
  EXPECT_TRUE(calendar_.IsWorkingDay(Date(2020, 9, 3)));
  EXPECT_FALSE(calendar_.IsWorkingDay(Date(2020, 9, 2)));
}

TEST_F(VietnamCalendarTest, HolidayOnSunday_IsCompensatedOnMonday) {
  // Hùng Kings' day 2026 is a Sunday.
  EXPECT_FALSE(calendar_.IsWorkingDay(Date(2026, 4, 27)));
  EXPECT_FALSE(calendar_.IsPublicHoliday(Date(2026, 4, 27)));
  EXPECT_TRUE(calendar_.IsWorkingDay(Date(2026, 4, 28)));
}

TEST_F(VietnamCalendarTest, TwoWeekendHolidays_GetTwoCompensatoryDaysAfterTheRun) {
  // Tết 2023: Sat Jan 21 and Sun Jan 22 are holidays, Jan 23–25 too; compensation follows.
  EXPECT_FALSE(calendar_.IsWorkingDay(Date(2023, 1, 26)));
  EXPECT_FALSE(calendar_.IsWorkingDay(Date(2023, 1, 27)));
  EXPECT_TRUE(calendar_.IsWorkingDay(Date(2023, 1, 30)));
}

TEST_F(VietnamCalendarTest, WorkingDaysBetween_InvertsAddWorkingDays) {
  const Date from(2025, 1, 20);
  for (int n : {0, 1, 5, 30, 60}) {
    EXPECT_EQ(calendar_.WorkingDaysBetween(from, calendar_.AddWorkingDays(from, n)), n) << n;
  }
  EXPECT_EQ(calendar_.WorkingDaysBetween(Date(2025, 2, 4), Date(2025, 1, 27)), -1);
}

TEST_F(VietnamCalendarTest, AddWorkingDays_Negative_GoesBack) {
  EXPECT_EQ(calendar_.AddWorkingDays(Date(2025, 2, 4), -1), Date(2025, 1, 27));
}

TEST(HolidayCalendar, MakeUpSaturday_IsAWorkingDay) {
  HolidayCalendarConfig config;
  config.extra_days_off = {Date(2025, 1, 27)};
  config.make_up_working_days = {Date(2025, 2, 8)};
  HolidayCalendar calendar(config);
  EXPECT_FALSE(calendar.IsWorkingDay(Date(2025, 1, 27)));
  EXPECT_TRUE(calendar.IsWorkingDay(Date(2025, 2, 8)));
}

TEST(HolidayCalendar, CompensationDisabled_WeekendHolidayCostsNothing) {
  HolidayCalendarConfig config;
  config.public_holidays = {Date(2026, 4, 26)};
  config.compensate_weekend_holidays = false;
  EXPECT_TRUE(HolidayCalendar(config).IsWorkingDay(Date(2026, 4, 27)));
}

TEST(HolidayCalendar, FromJson_ExtendsAndOverridesTheDefaults) {
  absl::StatusOr<HolidayCalendar> calendar = HolidayCalendar::FromJson(R"({
    "public_holidays": ["2026-09-03"],
    "removed_holidays": ["2026-09-01"],
    "make_up_working_days": ["2026-09-05"]
  })");
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_TRUE(calendar->IsWorkingDay(Date(2026, 9, 1)));
  EXPECT_FALSE(calendar->IsWorkingDay(Date(2026, 9, 3)));
  EXPECT_TRUE(calendar->IsWorkingDay(Date(2026, 9, 5)));
  EXPECT_FALSE(calendar->IsWorkingDay(Date(2025, 1, 29)));  // defaults still there
}

TEST(HolidayCalendar, FromJson_BaseNone_HasOnlyListedHolidays) {
  absl::StatusOr<HolidayCalendar> calendar =
      HolidayCalendar::FromJson(R"({"base": "none", "public_holidays": ["2031-01-01"]})");
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_TRUE(calendar->IsWorkingDay(Date(2025, 1, 29)));
  EXPECT_FALSE(calendar->IsWorkingDay(Date(2031, 1, 1)));
}

TEST(HolidayCalendar, FromJson_BadDateOrUnknownKey_IsInvalidArgument) {
  EXPECT_EQ(HolidayCalendar::FromJson(R"({"public_holidays": ["2026-02-30"]})").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HolidayCalendar::FromJson(R"({"holidays": []})").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HolidayCalendar::FromJson("not json").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangbo::membership
