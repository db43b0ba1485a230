#include "services/inspection/membership_client/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, membership_address, "localhost:50051",
          "The membership service's gRPC address (host:port)");
ABSL_FLAG(std::string, membership_token_file, "",
          "File holding this service's bearer token for membership (a mounted secret); re-read "
          "when it changes. Empty: the mTLS client certificate alone identifies the service");
ABSL_FLAG(std::string, membership_tls_ca_file, "",
          "CA that signed membership's server certificate (PEM); enables TLS");
ABSL_FLAG(std::string, membership_tls_cert_file, "",
          "Client certificate presented to membership (PEM); enables mTLS with the key");
ABSL_FLAG(std::string, membership_tls_key_file, "", "Private key of the client certificate (PEM)");
ABSL_FLAG(absl::Duration, membership_deadline, absl::Seconds(5),
          "Longest wait for one call to membership");

namespace dangbo::inspection {

MembershipClientOptions MembershipClientOptionsFromFlags() {
  return MembershipClientOptions{
      .address = absl::GetFlag(FLAGS_membership_address),
      .token_file = absl::GetFlag(FLAGS_membership_token_file),
      .tls_ca_file = absl::GetFlag(FLAGS_membership_tls_ca_file),
      .tls_cert_file = absl::GetFlag(FLAGS_membership_tls_cert_file),
      .tls_key_file = absl::GetFlag(FLAGS_membership_tls_key_file),
      .deadline = absl::GetFlag(FLAGS_membership_deadline),
  };
}

absl::StatusOr<MembershipConnection> ConnectToMembershipFromFlags() {
  return ConnectToMembership(MembershipClientOptionsFromFlags());
}

}  // namespace dangbo::inspection
