#include "services/membership/domain/dates.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status/absl_compat.h"

namespace dangbo::membership {

Date AddMonths(Date date, int months) {
  const absl::CivilMonth target = absl::CivilMonth(date) + months;
  const Date last_of_target = Date(target + 1) - 1;
  if (date.day() > last_of_target.day()) return last_of_target;
  return Date(target.year(), target.month(), date.day());
}

int FullMonthsBetween(Date from, Date to) {
  int months = static_cast<int>((to.year() - from.year()) * 12 + (to.month() - from.month()));
  // The estimate from year and month is off by at most one in either direction.
  while (AddMonths(from, months) > to) --months;
  while (AddMonths(from, months + 1) <= to) ++months;
  return months;
}

std::string FormatDate(Date date) { return absl::FormatCivilTime(date); }

absl::StatusOr<Date> ParseDate(std::string_view text) {
  Date date;
  if (text.size() != 10 || !absl::ParseCivilTime(ToAbsl(text), &date) || FormatDate(date) != text) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", ToAbsl(text), "' is not a date YYYY-MM-DD"));
  }
  return date;
}

}  // namespace dangbo::membership
