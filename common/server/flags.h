#ifndef DANGBO_COMMON_SERVER_FLAGS_H_
#define DANGBO_COMMON_SERVER_FLAGS_H_

// Flags every service shares. Each flag, these and any other ABSL_FLAG linked into the binary,
// can also be set from the environment as DANGBO_<FLAG_NAME_IN_UPPER_CASE> (for Kubernetes
// manifests); a command-line flag wins over the environment.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/time/time.h"

ABSL_DECLARE_FLAG(std::string, listen);
ABSL_DECLARE_FLAG(std::string, metrics_listen);
ABSL_DECLARE_FLAG(int32_t, max_message_bytes);
ABSL_DECLARE_FLAG(int32_t, workers);
ABSL_DECLARE_FLAG(absl::Duration, shutdown_grace);
ABSL_DECLARE_FLAG(absl::Duration, readiness_interval);
ABSL_DECLARE_FLAG(std::string, health_listen);
ABSL_DECLARE_FLAG(absl::Duration, max_connection_age);
ABSL_DECLARE_FLAG(absl::Duration, max_connection_age_grace);
ABSL_DECLARE_FLAG(std::string, log_level);

namespace dangbo::server {

inline constexpr std::string_view kEnvPrefix = "DANGBO_";

// Sets the service's own defaults for --listen and --metrics_listen (membership ":50051" and
// ":9091", ...). Call before ParseFlagsFromEnvAndArgs so both sources can still override them.
void SetListenDefaults(std::string_view listen, std::string_view metrics_listen);

// Applies DANGBO_<NAME> environment variables to the matching flags. Abseil's own flags
// (flagfile, fromenv, help, ...) are left alone. INVALID_ARGUMENT names the variable whose
// value does not parse.
absl::Status ApplyEnvironmentToFlags();

// The environment, then the command line, then --log_level into dangbo::log. Prints the
// problem and exits with status 2 on a bad value or a positional argument, as a flag error
// must stop a service before it serves.
void ParseFlagsFromEnvAndArgs(int argc, char** argv);

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_FLAGS_H_
