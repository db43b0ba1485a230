#include "services/reporting/source_flags.h"

#include <string>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "common/client/client_flags.h"

DANGBO_CLIENT_FLAGS(membership, "localhost:50051");
DANGBO_CLIENT_FLAGS(inspection, "localhost:50052");
ABSL_FLAG(absl::Duration, source_deadline, absl::Seconds(10),
          "Longest wait for one call to membership or inspection");

namespace dangbo::reporting {

absl::StatusOr<client::ServiceChannel> MembershipChannelFromFlags() {
  return client::OpenChannel(
      client::ChannelOptions{.flag_prefix = "membership",
                             DANGBO_CLIENT_FLAG_VALUES(membership),
                             .deadline = absl::GetFlag(FLAGS_source_deadline)});
}

absl::StatusOr<client::ServiceChannel> InspectionChannelFromFlags() {
  return client::OpenChannel(
      client::ChannelOptions{.flag_prefix = "inspection",
                             DANGBO_CLIENT_FLAG_VALUES(inspection),
                             .deadline = absl::GetFlag(FLAGS_source_deadline)});
}

}  // namespace dangbo::reporting
