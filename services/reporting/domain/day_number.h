// Days as small integers, so that the read model's rows and the tree's versions stay compact
// and compare with one instruction.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_DAY_NUMBER_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_DAY_NUMBER_H_

#include <cstdint>
#include <limits>

#include "absl/time/civil_time.h"

namespace dangbo::reporting {

using Date = absl::CivilDay;

// Days since 1970-01-01.
using DayNumber = int32_t;

// The end of an interval that has not ended (valid_to NULL).
inline constexpr DayNumber kOpenEnd = std::numeric_limits<DayNumber>::max();

inline DayNumber ToDayNumber(Date day) { return static_cast<DayNumber>(day - Date(1970, 1, 1)); }

inline Date FromDayNumber(DayNumber day) { return Date(1970, 1, 1) + day; }

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_DAY_NUMBER_H_
