#ifndef DANGBO_TESTS_COMMON_SERVER_HEALTH_CLIENT_H_
#define DANGBO_TESTS_COMMON_SERVER_HEALTH_CLIENT_H_

// grpc.health.v1 calls as the kubelet and load balancers make them: Check, polled Check, Watch.

#include <memory>
#include <optional>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "test_server.h"

namespace dangbo::testing {

using HealthStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

// The status of `service`; a failed call fails the test and counts as UNKNOWN.
inline HealthStatus CheckHealth(grpc::health::v1::Health::Stub& stub, const std::string& service) {
  grpc::ClientContext context;
  SetDeadline(context, absl::Seconds(5));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub.Check(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return status.ok() ? response.status() : grpc::health::v1::HealthCheckResponse::UNKNOWN;
}

// Polls until `service` reports `wanted` or 5 s pass.
inline bool HealthBecomes(grpc::health::v1::Health::Stub& stub, const std::string& service,
                          HealthStatus wanted) {
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (absl::Now() < give_up) {
    if (CheckHealth(stub, service) == wanted) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

// An open Watch stream of one service name.
class HealthWatch {
 public:
  HealthWatch(grpc::health::v1::Health::Stub& stub, const std::string& service) {
    SetDeadline(context_, absl::Seconds(10));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    reader_ = stub.Watch(&context_, request);
  }
  ~HealthWatch() { context_.TryCancel(); }

  // The next status the server sends; nullopt once the stream has ended.
  std::optional<HealthStatus> Next() {
    grpc::health::v1::HealthCheckResponse response;
    if (!reader_->Read(&response)) return std::nullopt;
    return response.status();
  }

 private:
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<grpc::health::v1::HealthCheckResponse>> reader_;
};

}  // namespace dangbo::testing

#endif  // DANGBO_TESTS_COMMON_SERVER_HEALTH_CLIENT_H_
