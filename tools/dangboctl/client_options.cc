#include "tools/dangboctl/client_options.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/auth/tls_credentials.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace dangbo::ctl {
namespace {

// A page of 1000 members with their profiles is far below this; the default 4 MiB is not.
constexpr int kMaxReceiveBytes = 64 << 20;

// The command line wins over the environment.
std::optional<std::string> Lookup(const ParsedArgs& args, const Environment& environment,
                                  absl::string_view name) {
  if (std::optional<std::string> value = args.Value(name); value.has_value()) return value;
  return environment(absl::StrCat("DANGBO_", absl::AsciiStrToUpper(name)));
}

absl::StatusOr<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--token_file: cannot open ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(contents.str()));
}

absl::StatusOr<std::string> ResolveToken(const ParsedArgs& args, const Environment& environment) {
  if (args.Has("token") && args.Has("token_file")) {
    return absl::InvalidArgumentError("give --token or --token_file, not both");
  }
  std::optional<std::string> token;
  std::optional<std::string> file;
  if (args.Has("token") || args.Has("token_file")) {
    token = args.Value("token");
    file = args.Value("token_file");
  } else {
    token = environment("DANGBO_TOKEN");
    file = environment("DANGBO_TOKEN_FILE");
  }
  std::string result;
  if (token.has_value() && !token->empty()) {
    result = std::string(absl::StripAsciiWhitespace(*token));
  } else if (file.has_value() && !file->empty()) {
    absl::StatusOr<std::string> read = ReadToken(*file);
    if (!read.ok()) return read.status();
    result = *std::move(read);
  }
  for (char c : result) {
    if (absl::ascii_iscntrl(static_cast<unsigned char>(c)) || c == ' ') {
      return absl::InvalidArgumentError("the token holds spaces or control characters");
    }
  }
  return result;
}

// --<service>, else --target, else DANGBO_<SERVICE>, else DANGBO_TARGET: the command line wins
// over the environment, and a service's own address over the shared one.
std::optional<std::string> ServiceTarget(const ParsedArgs& args, const Environment& environment,
                                         absl::string_view service) {
  if (auto own = args.Value(service)) return own;
  if (auto any = args.Value("target")) return any;
  if (auto env = environment(absl::StrCat("DANGBO_", absl::AsciiStrToUpper(service)))) return env;
  return environment("DANGBO_TARGET");
}

}  // namespace

Environment ProcessEnvironment() {
  return [](absl::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

const std::vector<OptionSpec>& GlobalOptionSpecs() {
  static const auto* const kSpecs = new std::vector<OptionSpec>{
      {"membership", OptionKind::kValue, "HOST:PORT",
       "membership service address (default --target, else 127.0.0.1:50051)"},
      {"inspection", OptionKind::kValue, "HOST:PORT",
       "inspection service address (default --target, else 127.0.0.1:50052)"},
      {"target", OptionKind::kValue, "HOST:PORT",
       "address of every service not given its own flag"},
      {"token", OptionKind::kValue, "JWT", "bearer token sent with every call"},
      {"token_file", OptionKind::kValue, "FILE", "file holding the bearer token"},
      {"tls_ca_file", OptionKind::kValue, "FILE", "CA certificate (PEM); turns TLS on"},
      {"tls_cert_file", OptionKind::kValue, "FILE", "client certificate (PEM) for mTLS"},
      {"tls_key_file", OptionKind::kValue, "FILE", "client private key (PEM) for mTLS"},
      {"timeout", OptionKind::kValue, "DURATION",
       "deadline of each call, e.g. 30s, 2m (default 30s)"},
      {"output", OptionKind::kValue, "FORMAT", "table, json (one object per line) or csv"},
      {"help", OptionKind::kFlag, "", "help for the command"},
  };
  return *kSpecs;
}

absl::StatusOr<absl::Duration> ParseTimeout(absl::string_view text) {
  absl::Duration duration;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(text, &seconds)) {
    duration = absl::Seconds(seconds);
  } else if (!absl::ParseDuration(text, &duration)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--timeout=", text, ": not a duration like 30s"));
  }
  if (duration <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("--timeout=", text, ": must be positive"));
  }
  return duration;
}

absl::StatusOr<ClientOptions> ResolveClientOptions(const ParsedArgs& args,
                                                   const Environment& environment) {
  ClientOptions options;
  options.membership_target = ServiceTarget(args, environment, "membership")
                                  .value_or(std::string(kDefaultMembershipTarget));
  options.inspection_target = ServiceTarget(args, environment, "inspection")
                                  .value_or(std::string(kDefaultInspectionTarget));
  absl::StatusOr<std::string> token = ResolveToken(args, environment);
  if (!token.ok()) return token.status();
  options.token = *std::move(token);

  options.tls_ca_file = Lookup(args, environment, "tls_ca_file").value_or("");
  options.tls_cert_file = Lookup(args, environment, "tls_cert_file").value_or("");
  options.tls_key_file = Lookup(args, environment, "tls_key_file").value_or("");
  if (options.tls_ca_file.empty() &&
      (!options.tls_cert_file.empty() || !options.tls_key_file.empty())) {
    return absl::InvalidArgumentError(
        "a client certificate (--tls_cert_file/--tls_key_file or "
        "DANGBO_TLS_CERT_FILE/DANGBO_TLS_KEY_FILE) needs --tls_ca_file as well");
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError("give both --tls_cert_file and --tls_key_file, or neither");
  }
  if (auto timeout = Lookup(args, environment, "timeout")) {
    absl::StatusOr<absl::Duration> parsed = ParseTimeout(*timeout);
    if (!parsed.ok()) return parsed.status();
    options.timeout = *parsed;
    options.timeout_given = true;
  }
  if (auto output = Lookup(args, environment, "output")) {
    absl::StatusOr<OutputFormat> format = ParseOutputFormat(*output);
    if (!format.ok()) return format.status();
    options.output = *format;
  }
  return options;
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const ClientOptions& options,
                                                           const std::string& target) {
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options.tls_ca_file.empty()) {
    auto tls = auth::ChannelCredentialsFromFiles(options.tls_ca_file, options.tls_cert_file,
                                                 options.tls_key_file);
    if (!tls.ok()) return absl::InvalidArgumentError(tls.status().message());
    credentials = *std::move(tls);
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(kMaxReceiveBytes);
  return grpc::CreateCustomChannel(target, credentials, arguments);
}

}  // namespace dangbo::ctl
