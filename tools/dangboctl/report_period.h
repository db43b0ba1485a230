// --period of `dangboctl report`: the reporting period (kỳ báo cáo) as a person types it.
#ifndef DANGBO_TOOLS_DANGBOCTL_REPORT_PERIOD_H_
#define DANGBO_TOOLS_DANGBOCTL_REPORT_PERIOD_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangbo/reporting/v1/reporting.pb.h"
#include "services/reporting/domain/period.h"

namespace dangbo::ctl {

namespace reporting_v1 = ::dangbo::reporting::v1;

// The period a spec names:
//   2024, year:2024                 the calendar year
//   month:2024-03                   a month (the month may be written 3 or 03)
//   quarter:2024-2                  a quarter, 1–4
//   h1:2024                         the first six months (6 tháng đầu năm)
//   9m:2024                         the first nine months (9 tháng đầu năm)
//   term:2020-2025                  a term (nhiệm kỳ), whole years
//   range:2024-01-01..2024-03-15    days, both ends included
// INVALID_ARGUMENT starting "--period=<spec>: " for a spec of another shape, and for a period
// the reporting domain refuses (a month 13, a year outside 1930–9999, a term or range that
// ends before it starts), so that nothing is sent that the service would refuse.
absl::StatusOr<reporting_v1::Period> ParsePeriodSpec(absl::string_view spec);

// The wire's period as the reporting domain's value, for its names and days.
reporting::Period ToDomainPeriod(const reporting_v1::Period& period);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_REPORT_PERIOD_H_
