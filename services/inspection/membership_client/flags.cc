#include "services/inspection/membership_client/flags.h"

#include "absl/flags/flag.h"
#include "common/client/client_flags.h"

DANGBO_CLIENT_FLAGS(membership, "localhost:50051");
ABSL_FLAG(absl::Duration, membership_deadline, absl::Seconds(5),
          "Longest wait for one call to membership");

namespace dangbo::inspection {

MembershipClientOptions MembershipClientOptionsFromFlags() {
  return MembershipClientOptions{
      DANGBO_CLIENT_FLAG_VALUES(membership),
      .deadline = absl::GetFlag(FLAGS_membership_deadline),
  };
}

absl::StatusOr<MembershipConnection> ConnectToMembershipFromFlags() {
  return ConnectToMembership(MembershipClientOptionsFromFlags());
}

}  // namespace dangbo::inspection
