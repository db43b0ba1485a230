#include "common/server/rpc_names.h"

#include <array>

namespace dangbo::server {

MethodName SplitMethod(std::string_view path) {
  if (path.size() < 3 || path.front() != '/') return {path, ""};
  const size_t slash = path.find('/', 1);
  if (slash == std::string_view::npos) return {path, ""};
  return {path.substr(1, slash - 1), path.substr(slash + 1)};
}

std::string_view StatusCodeName(grpc::StatusCode code) {
  static constexpr std::array<std::string_view, 17> kNames = {
      "OK",
      "CANCELLED",
      "UNKNOWN",
      "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED",
      "NOT_FOUND",
      "ALREADY_EXISTS",
      "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION",
      "ABORTED",
      "OUT_OF_RANGE",
      "UNIMPLEMENTED",
      "INTERNAL",
      "UNAVAILABLE",
      "DATA_LOSS",
      "UNAUTHENTICATED",
  };
  const int index = static_cast<int>(code);
  if (index < 0 || index >= static_cast<int>(kNames.size())) return "UNKNOWN";
  return kNames[index];
}

}  // namespace dangbo::server
