#include "common/client/channel.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/tls_credentials.h"
#include "common/auth/token_file.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace dangbo::client {

absl::StatusOr<ServiceChannel> OpenChannel(const ChannelOptions& options) {
  const std::string flag = absl::StrCat("--", options.flag_prefix, "_");
  if (options.address.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(flag, "address: required"));
  }
  if (options.deadline <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(flag, "deadline: must be positive"));
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options.tls_ca_file.empty()) {
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> tls =
        auth::ChannelCredentialsFromFiles(options.tls_ca_file, options.tls_cert_file,
                                          options.tls_key_file);
    if (!tls.ok()) {
      return absl::Status(tls.status().code(),
                          absl::StrCat(options.flag_prefix, " TLS: ", tls.status().message()));
    }
    credentials = *std::move(tls);
  } else if (!options.tls_cert_file.empty() || !options.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, "tls_cert_file/", flag, "tls_key_file need ", flag, "tls_ca_file"));
  }
  // A token file named but unreadable at start is a configuration error worth refusing to
  // start for; later read failures keep the last good token.
  if (!options.token_file.empty()) {
    absl::StatusOr<std::string> token = auth::ReadTokenFile(options.token_file);
    if (!token.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, "token_file: ", token.status().message()));
    }
    if (token->empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, "token_file: ", options.token_file, " is empty"));
    }
  }
  grpc::ChannelArguments arguments;
  // gRPC's default reconnect backoff grows to two minutes; a service back after a restart
  // should be reached within seconds.
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 500);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
  // A page of a change feed holds thousands of changes and may pass gRPC's 4 MiB default; the
  // sender's own limit (--max_message_bytes) bounds what arrives.
  arguments.SetMaxReceiveMessageSize(64 << 20);
  ServiceChannel out;
  out.channel = grpc::CreateCustomChannel(options.address, credentials, arguments);
  out.contexts = std::make_unique<CallContextFactory>(options.token_file, options.deadline);
  return out;
}

}  // namespace dangbo::client
