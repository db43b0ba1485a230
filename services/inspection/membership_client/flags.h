// Command-line flags of the inspection service's client of membership; like every flag, each
// can also come from the environment as DANGBO_<NAME> (common/server/flags.h).
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_FLAGS_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_FLAGS_H_

#include <string>

#include "absl/flags/declare.h"
#include "absl/time/time.h"
#include "services/inspection/membership_client/connection.h"

ABSL_DECLARE_FLAG(std::string, membership_address);
ABSL_DECLARE_FLAG(std::string, membership_token_file);
ABSL_DECLARE_FLAG(std::string, membership_tls_ca_file);
ABSL_DECLARE_FLAG(std::string, membership_tls_cert_file);
ABSL_DECLARE_FLAG(std::string, membership_tls_key_file);
ABSL_DECLARE_FLAG(absl::Duration, membership_deadline);

namespace dangbo::inspection {

MembershipClientOptions MembershipClientOptionsFromFlags();

// ConnectToMembership(MembershipClientOptionsFromFlags()).
absl::StatusOr<MembershipConnection> ConnectToMembershipFromFlags();

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_FLAGS_H_
