#include "common/server/interceptors.h"

#include <chrono>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "common/server/log.h"
#include "common/server/rpc_names.h"
#include "common/server/trace_context.h"
#include "common/status/absl_compat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"

namespace dangbo::server {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::InterceptorBatchMethods;
using grpc::experimental::ServerRpcInfo;

// gRPC's built-in health service exchanges raw ByteBuffers, not protobuf messages.
constexpr std::string_view kHealthServicePrefix = "/grpc.health.v1.Health/";

absl::Duration Since(std::chrono::steady_clock::time_point start) {
  return absl::FromChrono(std::chrono::steady_clock::now() - start);
}

std::string RequestIdOf(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return "";
  }
  return request.GetReflection()->GetString(request, field);
}

log::Level LevelFor(grpc::StatusCode code, bool health_check) {
  switch (code) {
    case grpc::StatusCode::OK:
      return health_check ? log::Level::kDebug : log::Level::kInfo;
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
      return log::Level::kError;  // A bug or a deployment mistake, never the caller's fault.
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return log::Level::kWarn;
    default:
      return log::Level::kInfo;
  }
}

class LoggingInterceptor : public grpc::experimental::Interceptor {
 public:
  LoggingInterceptor(ServerRpcInfo* info, const CallerFunction* caller)
      : info_(info),
        caller_(caller),
        health_check_(absl::StartsWith(info->method(), ToAbsl(kHealthServicePrefix))),
        start_(std::chrono::steady_clock::now()) {}

  ~LoggingInterceptor() override {
    // A call torn down before a status was sent (client gone) is still worth a line.
    // The call's metadata may be gone by now: such a line names no caller.
    metadata_ = nullptr;
    if (!logged_) Emit(grpc::StatusCode::CANCELLED, "call ended without a status");
  }

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      OnMetadata(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        request_id_.empty() && !health_check_) {
      if (const void* message = methods->GetRecvMessage(); message != nullptr) {
        request_id_ = RequestIdOf(*static_cast<const google::protobuf::Message*>(message));
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      Emit(status.error_code(), status.error_message());
    }
    methods->Proceed();
  }

 private:
  void OnMetadata(const ClientMetadata& metadata) {
    // The caller is named only when a line is written (Emit): naming it costs a token lookup,
    // which a call logged at no level should not pay. The metadata lives as long as the call.
    metadata_ = &metadata;
    if (auto it = metadata.find(kTraceParentHeader); it != metadata.end()) {
      std::optional<TraceParent> trace =
          ParseTraceParent(std::string_view(it->second.data(), it->second.size()));
      if (trace.has_value()) trace_id_ = std::move(trace->trace_id);
    }
  }

  void Emit(grpc::StatusCode code, const std::string& error) {
    logged_ = true;
    const log::Level level = LevelFor(code, health_check_);
    if (!log::Enabled(level)) return;
    log::Fields fields = {
        {"method", info_->method()},
        {"code", StatusCodeName(code)},
        {"latency_ms", absl::ToDoubleMilliseconds(Since(start_))},
    };
    if (!request_id_.empty()) fields["request_id"] = request_id_;
    if (metadata_ != nullptr && *caller_) fields["caller"] = (*caller_)(*metadata_);
    if (!trace_id_.empty()) fields["trace_id"] = trace_id_;
    if (info_->server_context() != nullptr) fields["peer"] = info_->server_context()->peer();
    if (code != grpc::StatusCode::OK && !error.empty()) fields["error"] = error;
    log::Write(level, "rpc", fields);
  }

  ServerRpcInfo* info_;
  const CallerFunction* caller_;
  const bool health_check_;
  const std::chrono::steady_clock::time_point start_;
  bool logged_ = false;
  std::string request_id_;
  const ClientMetadata* metadata_ = nullptr;
  std::string trace_id_;
};

class LoggingInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit LoggingInterceptorFactory(CallerFunction caller) : caller_(std::move(caller)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(ServerRpcInfo* info) override {
    return new LoggingInterceptor(info, &caller_);
  }

 private:
  const CallerFunction caller_;
};

class MetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(ServerRpcInfo* info, RpcMetrics* metrics)
      : metrics_(metrics->ForMethod(info->method())), start_(std::chrono::steady_clock::now()) {
    metrics_.Started();
  }

  ~MetricsInterceptor() override {
    if (!recorded_) metrics_.Handled(grpc::StatusCode::CANCELLED, Since(start_));
  }

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      recorded_ = true;
      metrics_.Handled(methods->GetSendStatus().error_code(), Since(start_));
    }
    methods->Proceed();
  }

 private:
  MethodMetrics& metrics_;
  const std::chrono::steady_clock::time_point start_;
  bool recorded_ = false;
};

class MetricsInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(RpcMetrics* metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(ServerRpcInfo* info) override {
    return new MetricsInterceptor(info, metrics_);
  }

 private:
  RpcMetrics* metrics_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeLoggingInterceptorFactory(CallerFunction caller) {
  return std::make_unique<LoggingInterceptorFactory>(std::move(caller));
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeMetricsInterceptorFactory(RpcMetrics* metrics) {
  return std::make_unique<MetricsInterceptorFactory>(metrics);
}

}  // namespace dangbo::server
