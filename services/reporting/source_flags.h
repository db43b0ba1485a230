// Command-line flags of the reporting service's clients of membership and inspection; like
// every flag, each can also come from the environment as DANGBO_<NAME>.
#ifndef DANGBO_SERVICES_REPORTING_SOURCE_FLAGS_H_
#define DANGBO_SERVICES_REPORTING_SOURCE_FLAGS_H_

#include "absl/status/statusor.h"
#include "common/client/channel.h"

namespace dangbo::reporting {

absl::StatusOr<client::ServiceChannel> MembershipChannelFromFlags();
absl::StatusOr<client::ServiceChannel> InspectionChannelFromFlags();

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_SOURCE_FLAGS_H_
