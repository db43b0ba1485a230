#ifndef DANGBO_TESTS_COMMON_SERVER_ECHO_SERVICE_H_
#define DANGBO_TESTS_COMMON_SERVER_ECHO_SERVICE_H_

#include <memory>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "echo.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace dangbo::testing {

class EchoServiceImpl final : public EchoService::Service {
 public:
  grpc::Status Echo(grpc::ServerContext* context, const EchoRequest* request,
                    EchoResponse* response) override;
  grpc::Status Hold(grpc::ServerContext* context, const EchoRequest* request,
                    EchoResponse* response) override;
  grpc::Status Relay(grpc::ServerContext* context, const RelayRequest* request,
                     EchoResponse* response) override;

  // Where Relay sends its Echo call.
  void SetDownstream(std::shared_ptr<grpc::ChannelInterface> channel);

  // True once `count` calls are inside Hold at the same time, false after `timeout`.
  bool WaitUntilHolding(int count, absl::Duration timeout);
  // Lets every current and future Hold call return.
  void ReleaseHeld();

 private:
  absl::Mutex mu_;
  int holding_ ABSL_GUARDED_BY(mu_) = 0;
  bool released_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<EchoService::Stub> downstream_;
};

}  // namespace dangbo::testing

#endif  // DANGBO_TESTS_COMMON_SERVER_ECHO_SERVICE_H_
