#ifndef DANGBO_TOOLS_DANGBOCTL_CLIENT_OPTIONS_H_
#define DANGBO_TOOLS_DANGBOCTL_CLIENT_OPTIONS_H_

// The options every command shares: where the services are, who the caller is, how long a call
// may take and how results are printed. Each comes from the command line, else from the
// environment as DANGBO_<NAME> (DANGBO_MEMBERSHIP, DANGBO_TOKEN_FILE, ...), else a default.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "tools/dangboctl/args.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {

// Looks up an environment variable; injectable so tests do not depend on the process's.
using Environment = std::function<std::optional<std::string>(absl::string_view name)>;

Environment ProcessEnvironment();

inline constexpr absl::string_view kDefaultMembershipTarget = "127.0.0.1:50051";
inline constexpr absl::string_view kDefaultInspectionTarget = "127.0.0.1:50052";
inline constexpr absl::Duration kDefaultTimeout = absl::Seconds(30);

struct ClientOptions {
  std::string membership_target{kDefaultMembershipTarget};
  std::string inspection_target{kDefaultInspectionTarget};
  // Bearer token sent on every call; empty sends none.
  std::string token;
  // TLS is on when a CA file is given; a client certificate needs both cert and key.
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  absl::Duration timeout = kDefaultTimeout;
  // Whether the user chose the timeout, so a long-running command may pick a longer default.
  bool timeout_given = false;
  OutputFormat output = OutputFormat::kTable;
};

const std::vector<OptionSpec>& GlobalOptionSpecs();

// INVALID_ARGUMENT for a value that does not parse, both --token and --token_file, a token file
// that cannot be read, or a client certificate without a CA.
absl::StatusOr<ClientOptions> ResolveClientOptions(const ParsedArgs& args,
                                                   const Environment& environment);

// "30s", "2m", "1h30m", or a bare number of seconds.
absl::StatusOr<absl::Duration> ParseTimeout(absl::string_view text);

// A channel to `target`, TLS or plaintext as the options say.
absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const ClientOptions& options,
                                                           const std::string& target);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_CLIENT_OPTIONS_H_
