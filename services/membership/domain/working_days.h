// Working days (ngày làm việc): the unit of the regulations' decision and transfer deadlines.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_WORKING_DAYS_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_WORKING_DAYS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "services/membership/domain/model.h"

namespace dangbo::membership {

struct HolidayCalendarConfig {
  // Statutory public holidays (ngày nghỉ lễ, tết).
  std::vector<Date> public_holidays;
  // Days off that are not holidays and earn no compensation: the days the government swaps
  // into a holiday bridge (hoán đổi ngày làm việc).
  std::vector<Date> extra_days_off;
  // Weekend days worked to make up for a swapped day (làm bù), usually a Saturday.
  std::vector<Date> make_up_working_days;
  // Labour Code 2019 art. 111(3): a holiday that falls on a weekly rest day is compensated
  // by the next working day. The government's yearly notice sometimes arranges it otherwise
  // (a swap instead); record those years through the three lists above.
  bool compensate_weekend_holidays = true;
};

// Saturday and Sunday are rest days, plus the configured holidays and their compensation.
class HolidayCalendar {
 public:
  // Weekends only.
  HolidayCalendar() = default;
  explicit HolidayCalendar(const HolidayCalendarConfig& config);

  // Vietnam's statutory holidays for 2020–2030 (vietnam_holidays.h) with compensation.
  static HolidayCalendar VietnamDefault();

  // {"base": "vietnam" | "none", "public_holidays": ["2031-01-01", ...],
  //  "removed_holidays": [...], "extra_days_off": [...], "make_up_working_days": [...],
  //  "compensate_weekend_holidays": true}. "base" defaults to "vietnam", so a file that only
  // names next year's announced days extends the built-in table; "removed_holidays" takes a
  // default out (e.g. when National Day's second day is announced as Sep 3 instead of Sep 1).
  static absl::StatusOr<HolidayCalendar> FromJson(std::string_view json);
  static absl::StatusOr<HolidayCalendar> FromJsonFile(const std::string& path);

  bool IsWorkingDay(Date date) const;
  // A public holiday itself, not a compensatory or swapped day.
  bool IsPublicHoliday(Date date) const;

  // The n-th working day after `from` (n > 0), before it (n < 0), or `from` itself (n == 0).
  // "Within 30 working days after X" ends on AddWorkingDays(X, 30).
  Date AddWorkingDays(Date from, int n) const;

  // Working days d with a < d <= b; negative (the same count, negated) when b < a. The inverse
  // of AddWorkingDays: WorkingDaysBetween(a, AddWorkingDays(a, n)) == n for n >= 0.
  int WorkingDaysBetween(Date a, Date b) const;

 private:
  absl::flat_hash_set<Date> public_holidays_;
  absl::flat_hash_set<Date> days_off_;  // holidays, compensations and swapped days
  absl::flat_hash_set<Date> make_up_working_days_;
};

bool IsWeekend(Date date);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_WORKING_DAYS_H_
