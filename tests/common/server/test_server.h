#ifndef DANGBO_TESTS_COMMON_SERVER_TEST_SERVER_H_
#define DANGBO_TESTS_COMMON_SERVER_TEST_SERVER_H_

// An in-process dangbo::server::Server on loopback port 0 with the echo service, and clients
// for it.

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/server/server.h"
#include "echo.grpc.pb.h"
#include "echo_service.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

namespace dangbo::testing {

inline server::ServerOptions TestOptions() {
  server::ServerOptions options;
  options.listen = "127.0.0.1:0";
  // No metrics endpoint by default: stopping prometheus-cpp's HTTP server takes ~2 s.
  options.metrics_listen = "";
  options.workers = 4;
  options.shutdown_grace = absl::Seconds(5);
  options.readiness_interval = absl::Milliseconds(20);
  return options;
}

class TestServer {
 public:
  explicit TestServer(server::ServerOptions options = TestOptions())
      : server_(std::make_unique<server::Server>(std::move(options))) {
    server_->AddService(&echo_, EchoService::service_full_name());
  }

  // Starts the server; the caller checks the result with ASSERT_TRUE(...ok()).
  absl::Status Start() {
    absl::Status started = server_->Start();
    if (started.ok()) echo_.SetDownstream(NewChannel());
    return started;
  }

  std::shared_ptr<grpc::Channel> NewChannel() const {
    return grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->selected_port()),
                               grpc::InsecureChannelCredentials());
  }
  std::unique_ptr<EchoService::Stub> NewEchoStub() const {
    return EchoService::NewStub(NewChannel());
  }
  std::unique_ptr<grpc::health::v1::Health::Stub> NewHealthStub() const {
    return grpc::health::v1::Health::NewStub(NewChannel());
  }

  // A plaintext channel to the health port (options.health_listen).
  std::shared_ptr<grpc::Channel> NewHealthPortChannel() const {
    return grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->health_port()),
                               grpc::InsecureChannelCredentials());
  }
  std::unique_ptr<grpc::health::v1::Health::Stub> NewHealthPortStub() const {
    return grpc::health::v1::Health::NewStub(NewHealthPortChannel());
  }

  server::Server& server() { return *server_; }
  EchoServiceImpl& echo() { return echo_; }

 private:
  EchoServiceImpl echo_;  // Outlives server_, which refers to it.
  std::unique_ptr<server::Server> server_;
};

inline void SetDeadline(grpc::ClientContext& context, absl::Duration timeout) {
  context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoNanoseconds(timeout));
}

inline grpc::Status CallEcho(EchoService::Stub& stub, const std::string& text,
                             absl::Duration timeout = absl::Seconds(5)) {
  grpc::ClientContext context;
  SetDeadline(context, timeout);
  EchoRequest request;
  request.set_text(text);
  EchoResponse response;
  return stub.Echo(&context, request, &response);
}

// A Hold call: it returns once the test releases the echo service or the server cancels it.
inline grpc::Status CallHold(EchoService::Stub& stub, absl::Duration timeout = absl::Seconds(10)) {
  grpc::ClientContext context;
  SetDeadline(context, timeout);
  EchoRequest request;
  request.set_text("hold");
  EchoResponse response;
  return stub.Hold(&context, request, &response);
}

}  // namespace dangbo::testing

#endif  // DANGBO_TESTS_COMMON_SERVER_TEST_SERVER_H_
