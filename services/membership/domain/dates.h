// Calendar arithmetic the party regulations count in: whole months and ISO dates.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DATES_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DATES_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/membership/domain/model.h"

namespace dangbo::membership {

// `date` moved by `months` calendar months. A day that does not exist in the target month is
// clamped to its last day, so 12 months from a leap-day ceremony (2024-02-29) end on
// 2025-02-28: the regulations count "đủ 12 tháng" and the member may not wait for a day that
// never comes.
Date AddMonths(Date date, int months);

// The largest m with AddMonths(from, m) <= to: age and party age "counted in full months".
// Negative when `to` is before `from`.
int FullMonthsBetween(Date from, Date to);

// "2025-03-01".
std::string FormatDate(Date date);

// Parses "YYYY-MM-DD" strictly (a day that does not exist is an error, not normalized).
absl::StatusOr<Date> ParseDate(std::string_view text);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DATES_H_
