// The channel to membership and what every call on it carries.
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_CONNECTION_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/client/call_context.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "grpcpp/channel.h"

namespace dangbo::inspection {

struct MembershipClientOptions {
  std::string address = "localhost:50051";
  // The inspection service's bearer token (a mounted secret); re-read when it changes.
  std::string token_file;
  // TLS when `tls_ca_file` is set; mTLS when the client certificate and key are set too.
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  // Bounds every call; a call made while serving one also ends before that call's deadline.
  absl::Duration deadline = absl::Seconds(5);
};

struct MembershipConnection {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<dangbo::membership::v1::MembershipService::Stub> stub;
  std::unique_ptr<client::CallContextFactory> contexts;
};

// Builds the channel (connecting lazily: membership need not be up yet) and checks what can be
// checked now: INVALID_ARGUMENT for an empty address, a client certificate without its key or
// without a CA, a token file that cannot be read; the errors of reading the PEM files.
absl::StatusOr<MembershipConnection> ConnectToMembership(const MembershipClientOptions& options);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_CONNECTION_H_
