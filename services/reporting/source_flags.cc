#include "services/reporting/source_flags.h"

#include <string>

#include "absl/flags/flag.h"
#include "absl/time/time.h"

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
ABSL_FLAG(std::string, inspection_address, "localhost:50052",
          "The inspection service's gRPC address (host:port)");
ABSL_FLAG(std::string, inspection_token_file, "",
          "File holding this service's bearer token for inspection; re-read when it changes");
ABSL_FLAG(std::string, inspection_tls_ca_file, "",
          "CA that signed inspection's server certificate (PEM); enables TLS");
ABSL_FLAG(std::string, inspection_tls_cert_file, "",
          "Client certificate presented to inspection (PEM); enables mTLS with the key");
ABSL_FLAG(std::string, inspection_tls_key_file, "", "Private key of the client certificate (PEM)");
ABSL_FLAG(absl::Duration, source_deadline, absl::Seconds(10),
          "Longest wait for one call to membership or inspection");

namespace dangbo::reporting {

absl::StatusOr<client::ServiceChannel> MembershipChannelFromFlags() {
  return client::OpenChannel(
      client::ChannelOptions{.flag_prefix = "membership",
                             .address = absl::GetFlag(FLAGS_membership_address),
                             .token_file = absl::GetFlag(FLAGS_membership_token_file),
                             .tls_ca_file = absl::GetFlag(FLAGS_membership_tls_ca_file),
                             .tls_cert_file = absl::GetFlag(FLAGS_membership_tls_cert_file),
                             .tls_key_file = absl::GetFlag(FLAGS_membership_tls_key_file),
                             .deadline = absl::GetFlag(FLAGS_source_deadline)});
}

absl::StatusOr<client::ServiceChannel> InspectionChannelFromFlags() {
  return client::OpenChannel(
      client::ChannelOptions{.flag_prefix = "inspection",
                             .address = absl::GetFlag(FLAGS_inspection_address),
                             .token_file = absl::GetFlag(FLAGS_inspection_token_file),
                             .tls_ca_file = absl::GetFlag(FLAGS_inspection_tls_ca_file),
                             .tls_cert_file = absl::GetFlag(FLAGS_inspection_tls_cert_file),
                             .tls_key_file = absl::GetFlag(FLAGS_inspection_tls_key_file),
                             .deadline = absl::GetFlag(FLAGS_source_deadline)});
}

}  // namespace dangbo::reporting
