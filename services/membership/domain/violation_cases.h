// Violation cases (model.h) as the inspection service reports them: an open case keeps the member
// from resigning until it is settled.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_VIOLATION_CASES_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_VIOLATION_CASES_H_

#include <optional>
#include <string>
#include <vector>

#include "services/membership/domain/model.h"

namespace dangbo::membership {

// The case after `reported` (an opening or a settlement) reaches the `stored` one, if any. A
// settled case stays settled: the inspection service delivers its reports with retries, so an
// opening may arrive after the settlement it preceded, and it must not reopen the case. Dates
// already known are kept.
ViolationCase MergeViolationCase(const std::optional<ViolationCase>& stored,
                                 const ViolationCase& reported);

// The sources of the open cases among `cases`, in their order.
std::vector<std::string> OpenCaseSources(const std::vector<ViolationCase>& cases);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_VIOLATION_CASES_H_
