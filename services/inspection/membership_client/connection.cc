#include "services/inspection/membership_client/connection.h"

#include <utility>

#include "common/client/channel.h"

namespace dangbo::inspection {

absl::StatusOr<MembershipConnection> ConnectToMembership(const MembershipClientOptions& options) {
  absl::StatusOr<client::ServiceChannel> opened =
      client::OpenChannel(client::ChannelOptions{.flag_prefix = "membership",
                                                 .address = options.address,
                                                 .token_file = options.token_file,
                                                 .tls_ca_file = options.tls_ca_file,
                                                 .tls_cert_file = options.tls_cert_file,
                                                 .tls_key_file = options.tls_key_file,
                                                 .deadline = options.deadline});
  if (!opened.ok()) return opened.status();
  MembershipConnection connection;
  connection.channel = std::move(opened->channel);
  connection.stub = dangbo::membership::v1::MembershipService::NewStub(connection.channel);
  connection.contexts = std::move(opened->contexts);
  return connection;
}

}  // namespace dangbo::inspection
