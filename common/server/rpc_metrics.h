#ifndef DANGBO_COMMON_SERVER_RPC_METRICS_H_
#define DANGBO_COMMON_SERVER_RPC_METRICS_H_

// Per-method RPC metrics under the names go-grpc-prometheus made common, so existing dashboards
// and alerts work unchanged:
//   grpc_server_started_total{grpc_service,grpc_method}
//   grpc_server_handled_total{grpc_service,grpc_method,grpc_code}
//   grpc_server_handling_seconds{grpc_service,grpc_method}  (histogram)

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace dangbo::server {

class RpcMetrics;

// The series of one method. Looked up once per method and then kept: building label maps and
// finding a series in its family on every call cost several allocations and two family locks
// per RPC on the busiest calls.
class MethodMetrics {
 public:
  void Started() { started_->Increment(); }
  void Handled(grpc::StatusCode code, absl::Duration latency);

 private:
  friend class RpcMetrics;
  static constexpr int kCodes = 17;  // OK .. UNAUTHENTICATED

  MethodMetrics(RpcMetrics* owner, std::string service, std::string method);

  RpcMetrics* const owner_;
  const std::string service_;
  const std::string method_;
  prometheus::Counter* started_ = nullptr;
  prometheus::Histogram* handling_seconds_ = nullptr;
  // A series per status code appears with the first call that ends with that code, as before:
  // a dashboard shows the codes that happened, not seventeen zeros per method.
  std::array<std::atomic<prometheus::Counter*>, kCodes> handled_{};
};

class RpcMetrics {
 public:
  // Registers the families in `registry`, which must outlive this object.
  explicit RpcMetrics(prometheus::Registry& registry);

  // The metrics of `method_path` ("/pkg.Service/Method"); the reference stays valid as long as
  // this object. Cheap after the first call for a method: one shared lock and one hash probe.
  MethodMetrics& ForMethod(std::string_view method_path);

  void Started(std::string_view method_path) { ForMethod(method_path).Started(); }
  void Handled(std::string_view method_path, grpc::StatusCode code, absl::Duration latency) {
    ForMethod(method_path).Handled(code, latency);
  }

  // 50 µs (a cached read) to 10 s (a large report), roughly 1-2.5-5 per decade.
  static prometheus::Histogram::BucketBoundaries LatencyBuckets();

 private:
  friend class MethodMetrics;

  prometheus::Counter& HandledSeries(const MethodMetrics& method, grpc::StatusCode code);

  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_seconds_;

  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<MethodMetrics>> methods_ ABSL_GUARDED_BY(mu_);
};

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_RPC_METRICS_H_
