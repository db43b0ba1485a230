#ifndef DANGBO_COMMON_SERVER_HEALTH_H_
#define DANGBO_COMMON_SERVER_HEALTH_H_

// What the server reports through grpc.health.v1, published to every health service that
// answers for it (the API port's and the plaintext health port's), so the two never disagree.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/health_check_service_interface.h"

namespace dangbo::server {

// The health service name of the process itself. Kubernetes' liveness probe asks for it: it is
// SERVING from Start() to the shutdown, whatever the database does, because restarting a pod
// cannot repair a database outage. Readiness ("" and each service name) follows the probe.
inline constexpr std::string_view kLivenessService = "liveness";

// Thread-safe once set up: Start() and the lifecycle thread both publish.
class HealthStatuses {
 public:
  // Both before the first SetReady(). `health` must outlive this object.
  void AddPublisher(grpc::HealthCheckServiceInterface* health);
  // Names that follow readiness next to the overall status ("").
  void AddServiceName(std::string_view name);

  // `liveness` SERVING and readiness as given. Only changes are published: gRPC's health
  // service sends every update to Watch streams, even an unchanged status. Ignored once
  // Shutdown() has run.
  void SetReady(bool ready);
  // Everything NOT_SERVING for good.
  void Shutdown();

 private:
  std::vector<grpc::HealthCheckServiceInterface*> publishers_;
  std::vector<std::string> service_names_;
  absl::Mutex mu_;
  std::optional<bool> published_ ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_HEALTH_H_
