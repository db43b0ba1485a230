#ifndef DANGBO_COMMON_SERVER_INTERCEPTORS_H_
#define DANGBO_COMMON_SERVER_INTERCEPTORS_H_

// Server interceptors that every service gets from Server: one JSON log line per RPC and the
// per-method Prometheus metrics.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "common/server/rpc_metrics.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/string_ref.h"

namespace dangbo::server {

using ClientMetadata = std::multimap<grpc::string_ref, grpc::string_ref>;

// Names the caller of an RPC for the log line (e.g. the JWT subject), or "" when unknown. It
// runs for every RPC, so it should be cheap and must not throw.
using CallerFunction = std::function<std::string(const ClientMetadata&)>;

// Logs "rpc" lines with method, code, latency_ms, peer and, when known, request_id (the
// request's `request_id` field), caller, trace_id (from a valid `traceparent`) and error (the
// status message). Health checks that succeed are logged at debug level only.
// Every registered service must use generated protobuf message types: the request is read
// through protobuf reflection.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeLoggingInterceptorFactory(CallerFunction caller);

// Records started/handled/latency into `metrics`, which must outlive the server.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeMetricsInterceptorFactory(RpcMetrics* metrics);

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_INTERCEPTORS_H_
