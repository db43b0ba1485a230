#include "common/server/flags.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/server/log.h"
#include "common/status/absl_compat.h"

ABSL_FLAG(std::string, listen, "", "gRPC listen address, host:port (the service sets the default)");
ABSL_FLAG(std::string, metrics_listen, "",
          "Prometheus /metrics listen address, host:port; empty disables the endpoint");
ABSL_FLAG(int32_t, max_message_bytes, 8 << 20, "Largest request or response message in bytes");
ABSL_FLAG(int32_t, workers, 32,
          "Most RPC handlers running at once; a call beyond that is refused with "
          "RESOURCE_EXHAUSTED instead of queueing");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(20),
          "On SIGTERM, how long in-flight RPCs may take to finish before they are cancelled");
ABSL_FLAG(absl::Duration, readiness_interval, absl::Seconds(5),
          "How often the readiness probe (e.g. a database ping) runs");
ABSL_FLAG(std::string, health_listen, "",
          "Plaintext listen address, host:port, serving only grpc.health.v1 (for Kubernetes "
          "probes when the gRPC port requires TLS); empty disables it");
ABSL_FLAG(absl::Duration, max_connection_age, absl::Minutes(5),
          "Connections are closed after about this age, so clients reconnect and spread over "
          "replicas; 0 keeps them open");
ABSL_FLAG(absl::Duration, max_connection_age_grace, absl::Hours(1),
          "How long calls running on a connection that aged out may still take (a bulk import "
          "is one long stream)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");

namespace dangbo::server {

void SetListenDefaults(std::string_view listen, std::string_view metrics_listen) {
  absl::SetFlag(&FLAGS_listen, std::string(listen));
  absl::SetFlag(&FLAGS_metrics_listen, std::string(metrics_listen));
}

absl::Status ApplyEnvironmentToFlags() {
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (flag->IsRetired() || absl::StrContains(flag->Filename(), "absl/flags/")) continue;
    const std::string variable = absl::StrCat(ToAbsl(kEnvPrefix), absl::AsciiStrToUpper(name));
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat(variable, "=\"", value, "\": ", error));
    }
  }
  return absl::OkStatus();
}

void ParseFlagsFromEnvAndArgs(int argc, char** argv) {
  if (absl::Status env = ApplyEnvironmentToFlags(); !env.ok()) {
    std::fprintf(stderr, "%s\n", std::string(env.message()).c_str());
    std::exit(2);
  }
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() > 1) {
    std::fprintf(stderr, "unexpected argument \"%s\"\n", positional[1]);
    std::exit(2);
  }
  absl::StatusOr<log::Level> level = log::ParseLevel(absl::GetFlag(FLAGS_log_level));
  if (!level.ok()) {
    std::fprintf(stderr, "--log_level: %s\n", std::string(level.status().message()).c_str());
    std::exit(2);
  }
  log::SetMinLevel(*level);
}

}  // namespace dangbo::server
