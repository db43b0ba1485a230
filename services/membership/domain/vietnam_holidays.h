// Vietnam's statutory public holidays (Labour Code 2019, art. 112) as data.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_VIETNAM_HOLIDAYS_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_VIETNAM_HOLIDAYS_H_

#include <optional>

#include "services/membership/domain/model.h"
#include "services/membership/domain/working_days.h"

namespace dangbo::membership {

// First and last year the built-in lunar table covers. Outside it only the solar holidays are
// known; later years are added through the calendar's JSON file.
inline constexpr int kFirstTabulatedYear = 2020;
inline constexpr int kLastTabulatedYear = 2030;

// Mùng 1 Tết (first day of the lunar year) in Vietnam (UTC+7), or none outside the table.
std::optional<Date> LunarNewYear(int year);
// Giỗ Tổ Hùng Vương, the 10th day of the 3rd lunar month, or none outside the table.
std::optional<Date> HungKingsDay(int year);
// The second National Day holiday, which the government announces each year next to Sep 2.
// Sep 1 by default; none before 2021, when the Labour Code 2019 introduced it.
std::optional<Date> NationalDaySecondDay(int year);

// For each year in [first_year, last_year]: Jan 1; Tết (the last day of the old lunar year and
// the first four of the new one); Hùng Kings' day; Apr 30; May 1; Sep 2 and its second day.
HolidayCalendarConfig VietnamHolidayConfig(int first_year = kFirstTabulatedYear,
                                           int last_year = kLastTabulatedYear);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_VIETNAM_HOLIDAYS_H_
