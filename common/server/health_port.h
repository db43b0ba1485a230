#ifndef DANGBO_COMMON_SERVER_HEALTH_PORT_H_
#define DANGBO_COMMON_SERVER_HEALTH_PORT_H_

// A second, always-plaintext listener that serves grpc.health.v1.Health and nothing else: the
// kubelet's gRPC probes cannot speak TLS, and with mTLS on the API port they need a port of
// their own. It must not become a way around mTLS, so every other method is UNIMPLEMENTED.

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"

namespace dangbo::server {

class HealthPort {
 public:
  // Binds `listen` ("0.0.0.0:50061"; port 0 picks a free port). Every status starts
  // NOT_SERVING until the owner publishes one. UNAVAILABLE when the port cannot be bound.
  static absl::StatusOr<std::unique_ptr<HealthPort>> Start(std::string_view listen);

  ~HealthPort() { Shutdown(); }

  HealthPort(const HealthPort&) = delete;
  HealthPort& operator=(const HealthPort&) = delete;

  grpc::HealthCheckServiceInterface* health() { return server_->GetHealthCheckService(); }
  int port() const { return port_; }

  // Stops listening and ends open calls at once: health calls are short, and a Watch stream
  // has nothing left to report. Call it from one thread; later calls do nothing.
  void Shutdown();

 private:
  HealthPort() = default;

  // Answers every method that is not grpc.health.v1 UNIMPLEMENTED. A server without any
  // service of its own cannot be built in gRPC 1.51 (no completion queue would poll), and
  // this one also keeps unknown calls off any thread pool.
  class Unimplemented : public grpc::CallbackGenericService {
    grpc::ServerGenericBidiReactor* CreateReactor(
        grpc::GenericCallbackServerContext* context) override;
  };

  Unimplemented unimplemented_;  // Outlives server_, which refers to it.
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool stopped_ = false;
};

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_HEALTH_PORT_H_
