// A channel from one dangbo service to another (inspection → membership, reporting → both):
// TLS or mTLS from mounted files, the service's own bearer token, quick reconnects.
#ifndef DANGBO_COMMON_CLIENT_CHANNEL_H_
#define DANGBO_COMMON_CLIENT_CHANNEL_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/client/call_context.h"
#include "grpcpp/channel.h"

namespace dangbo::client {

struct ChannelOptions {
  // The flags' prefix, for error messages: "membership" names --membership_address etc.
  std::string flag_prefix;
  std::string address;
  // The calling service's bearer token (a mounted secret); re-read when it changes.
  std::string token_file;
  // TLS when `tls_ca_file` is set; mTLS when the client certificate and key are set too.
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  // Bounds every call; a call made while serving one also ends before that call's deadline.
  absl::Duration deadline = absl::Seconds(5);
};

struct ServiceChannel {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<CallContextFactory> contexts;
};

// Builds the channel (connecting lazily: the other service need not be up yet) and checks what
// can be checked now: INVALID_ARGUMENT naming the flag for an empty address, a non-positive
// deadline, a client certificate without its key or without a CA, a token file that cannot be
// read or is empty; the errors of reading the PEM files.
absl::StatusOr<ServiceChannel> OpenChannel(const ChannelOptions& options);

}  // namespace dangbo::client

#endif  // DANGBO_COMMON_CLIENT_CHANNEL_H_
