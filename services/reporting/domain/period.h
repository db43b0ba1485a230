// Kỳ báo cáo: the period a report covers (domain.md §5), resolved to whole days, and its
// Vietnamese name as reports print it.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_PERIOD_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_PERIOD_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/reporting/domain/day_number.h"

namespace dangbo::reporting {

enum class PeriodKind {
  kUnspecified = 0,
  kMonth = 1,            // tháng: `year`, `number` 1–12
  kQuarter = 2,          // quý: `year`, `number` 1–4
  kFirstSixMonths = 3,   // 6 tháng đầu năm `year`
  kFirstNineMonths = 4,  // 9 tháng đầu năm `year`
  kYear = 5,             // năm `year`
  kTerm = 6,             // nhiệm kỳ: from the start of `year` to the end of `end_year`
  kRange = 7,            // [`start_date`, `end_date`], both included
};

// The wire's Period as a value: fields a kind does not use stay zero or empty.
struct Period {
  PeriodKind kind = PeriodKind::kUnspecified;
  int year = 0;
  int number = 0;
  int end_year = 0;
  std::optional<Date> start_date;
  std::optional<Date> end_date;
};

// The days a period covers, both ends included.
struct DateRange {
  Date first;
  Date last;
  bool Contains(Date day) const { return first <= day && day <= last; }
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

// Years a report may name. Party records start in 1930; the upper bound keeps day numbers
// small and catches typing slips.
inline constexpr int kFirstReportYear = 1930;
inline constexpr int kLastReportYear = 9999;

// The days of `period`. INVALID_ARGUMENT naming the field at fault ("period.number: quarter 5
// does not exist"): an unspecified kind, a year outside [1930, 9999], a month or quarter out of
// range, a term that does not end after it starts, a range with a missing end or ending before
// it starts, or a field set that the kind does not use.
absl::StatusOr<DateRange> ResolvePeriod(const Period& period);

// The name reports print: "tháng 3/2024", "quý II/2024", "6 tháng đầu năm 2023",
// "9 tháng đầu năm 2023", "năm 2022", "nhiệm kỳ 2020–2025", "từ 01/01/2024 đến 15/03/2024".
// The same validation as ResolvePeriod.
absl::StatusOr<std::string> PeriodLabel(const Period& period);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_PERIOD_H_
