#ifndef DANGBO_COMMON_SERVER_RPC_METRICS_H_
#define DANGBO_COMMON_SERVER_RPC_METRICS_H_

// Per-method RPC metrics under the names go-grpc-prometheus made common, so existing dashboards
// and alerts work unchanged:
//   grpc_server_started_total{grpc_service,grpc_method}
//   grpc_server_handled_total{grpc_service,grpc_method,grpc_code}
//   grpc_server_handling_seconds{grpc_service,grpc_method}  (histogram)

#include <string_view>

#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace dangbo::server {

class RpcMetrics {
 public:
  // Registers the families in `registry`, which must outlive this object.
  explicit RpcMetrics(prometheus::Registry& registry);

  void Started(std::string_view method_path);
  void Handled(std::string_view method_path, grpc::StatusCode code, absl::Duration latency);

  // 50 µs (a cached read) to 10 s (a large report), roughly 1-2.5-5 per decade.
  static prometheus::Histogram::BucketBoundaries LatencyBuckets();

 private:
  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_seconds_;
};

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_RPC_METRICS_H_
