#include "common/server/rpc_metrics.h"

#include <string>

#include "common/server/rpc_names.h"

namespace dangbo::server {

RpcMetrics::RpcMetrics(prometheus::Registry& registry)
    : started_(prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("RPCs started on the server.")
                   .Register(registry)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("RPCs completed on the server, by status code.")
                   .Register(registry)),
      handling_seconds_(prometheus::BuildHistogram()
                            .Name("grpc_server_handling_seconds")
                            .Help("Time from the start of an RPC until its status is sent.")
                            .Register(registry)) {}

prometheus::Histogram::BucketBoundaries RpcMetrics::LatencyBuckets() {
  return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,    0.1,    0.25,    0.5,    1.0,   2.5,    5.0,   10.0};
}

void RpcMetrics::Started(std::string_view method_path) {
  const MethodName name = SplitMethod(method_path);
  started_
      .Add({{"grpc_service", std::string(name.service)}, {"grpc_method", std::string(name.method)}})
      .Increment();
}

void RpcMetrics::Handled(std::string_view method_path, grpc::StatusCode code,
                         absl::Duration latency) {
  const MethodName name = SplitMethod(method_path);
  const std::string service(name.service);
  const std::string method(name.method);
  handled_
      .Add({{"grpc_service", service},
            {"grpc_method", method},
            {"grpc_code", std::string(StatusCodeName(code))}})
      .Increment();
  handling_seconds_.Add({{"grpc_service", service}, {"grpc_method", method}}, LatencyBuckets())
      .Observe(absl::ToDoubleSeconds(latency));
}

}  // namespace dangbo::server
