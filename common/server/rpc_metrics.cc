#include "common/server/rpc_metrics.h"

#include <string>

#include "common/server/rpc_names.h"
#include "common/status/absl_compat.h"

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

MethodMetrics& RpcMetrics::ForMethod(std::string_view method_path) {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto it = methods_.find(ToAbsl(method_path)); it != methods_.end()) return *it->second;
  }
  absl::MutexLock lock(&mu_);
  std::unique_ptr<MethodMetrics>& slot = methods_[ToAbsl(method_path)];
  if (slot == nullptr) {
    const MethodName name = SplitMethod(method_path);
    slot.reset(new MethodMetrics(this, std::string(name.service), std::string(name.method)));
    slot->started_ =
        &started_.Add({{"grpc_service", slot->service_}, {"grpc_method", slot->method_}});
    slot->handling_seconds_ =
        &handling_seconds_.Add({{"grpc_service", slot->service_}, {"grpc_method", slot->method_}},
                               LatencyBuckets());
  }
  return *slot;
}

prometheus::Counter& RpcMetrics::HandledSeries(const MethodMetrics& method,
                                               grpc::StatusCode code) {
  // Family::Add returns the existing series for labels it already has, so two threads racing
  // here for the same code get the same counter.
  return handled_.Add({{"grpc_service", method.service_},
                       {"grpc_method", method.method_},
                       {"grpc_code", std::string(StatusCodeName(code))}});
}

MethodMetrics::MethodMetrics(RpcMetrics* owner, std::string service, std::string method)
    : owner_(owner), service_(std::move(service)), method_(std::move(method)) {}

void MethodMetrics::Handled(grpc::StatusCode code, absl::Duration latency) {
  const int index = static_cast<int>(code);
  if (index >= 0 && index < kCodes) {
    prometheus::Counter* counter = handled_[index].load(std::memory_order_acquire);
    if (counter == nullptr) {
      counter = &owner_->HandledSeries(*this, code);
      handled_[index].store(counter, std::memory_order_release);
    }
    counter->Increment();
  } else {
    // A code outside gRPC's table is named UNKNOWN (StatusCodeName); too rare to keep a slot.
    owner_->HandledSeries(*this, code).Increment();
  }
  handling_seconds_->Observe(absl::ToDoubleSeconds(latency));
}

}  // namespace dangbo::server
