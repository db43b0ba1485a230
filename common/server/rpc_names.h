#ifndef DANGBO_COMMON_SERVER_RPC_NAMES_H_
#define DANGBO_COMMON_SERVER_RPC_NAMES_H_

#include <string_view>

#include "grpcpp/support/status.h"

namespace dangbo::server {

struct MethodName {
  std::string_view service;  // "dangbo.membership.v1.MembershipService"
  std::string_view method;   // "GetMember"
};

// Splits gRPC's "/<package>.<Service>/<Method>" path; an unexpected shape gives the whole path
// as the service and an empty method rather than failing, since it only labels metrics.
MethodName SplitMethod(std::string_view path);

// "OK", "INVALID_ARGUMENT", ... as in the gRPC spec; "UNKNOWN" for codes outside it.
std::string_view StatusCodeName(grpc::StatusCode code);

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_RPC_NAMES_H_
