#include "common/server/health.h"

namespace dangbo::server {

void HealthStatuses::AddPublisher(grpc::HealthCheckServiceInterface* health) {
  publishers_.push_back(health);
}

void HealthStatuses::AddServiceName(std::string_view name) { service_names_.emplace_back(name); }

void HealthStatuses::SetReady(bool ready) {
  absl::MutexLock lock(&mu_);
  // A probe finishing during the stop must not turn a status back to SERVING.
  if (shut_down_ || published_ == ready) return;
  const bool first = !published_.has_value();
  published_ = ready;
  for (grpc::HealthCheckServiceInterface* health : publishers_) {
    if (first) health->SetServingStatus(std::string(kLivenessService), true);
    health->SetServingStatus("", ready);
    for (const std::string& name : service_names_) health->SetServingStatus(name, ready);
  }
}

void HealthStatuses::Shutdown() {
  absl::MutexLock lock(&mu_);
  shut_down_ = true;
  for (grpc::HealthCheckServiceInterface* health : publishers_) health->Shutdown();
}

}  // namespace dangbo::server
