// The plaintext health port answers probes exactly as the API port's health service does, and
// nothing else.

#include <atomic>
#include <future>

#include "common/server/health.h"
#include "common/server/server.h"
#include "gtest/gtest.h"
#include "health_client.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

const std::string kLiveness(server::kLivenessService);
const std::string kEchoService = "dangbo.testing.EchoService";

server::ServerOptions WithHealthPort() {
  server::ServerOptions options = TestOptions();
  options.health_listen = "127.0.0.1:0";
  return options;
}

// A server whose readiness probe fails while `database_up` is false.
class HealthPortTest : public ::testing::Test {
 protected:
  HealthPortTest() : server_(WithHealthPort()) {
    server_.server().SetReadinessProbe([this] {
      return database_up_.load() ? absl::OkStatus() : absl::UnavailableError("ping failed");
    });
  }

  std::atomic<bool> database_up_{true};
  TestServer server_;
};

TEST(HealthPortOff, HealthListenEmpty_HasNoHealthPort) {
  TestServer server;
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(server.server().health_port(), 0);
}

TEST_F(HealthPortTest, Start_ListeningOnPortZero_ReportsItsOwnPort) {
  ASSERT_TRUE(server_.Start().ok());
  EXPECT_GT(server_.server().health_port(), 0);
  EXPECT_NE(server_.server().health_port(), server_.server().selected_port());
}

TEST_F(HealthPortTest, Ready_ReportsServingOverallPerServiceAndLiveness) {
  ASSERT_TRUE(server_.Start().ok());
  auto health = server_.NewHealthPortStub();
  EXPECT_EQ(CheckHealth(*health, ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(*health, kEchoService), HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(*health, kLiveness), HealthCheckResponse::SERVING);
}

TEST_F(HealthPortTest, ProbeFails_ReadinessNotServingAndLivenessServing) {
  ASSERT_TRUE(server_.Start().ok());
  auto health = server_.NewHealthPortStub();
  database_up_ = false;
  ASSERT_TRUE(HealthBecomes(*health, "", HealthCheckResponse::NOT_SERVING));
  EXPECT_EQ(CheckHealth(*health, kEchoService), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(CheckHealth(*health, kLiveness), HealthCheckResponse::SERVING);
}

TEST_F(HealthPortTest, ProbeRecovers_ReadinessServingAgain) {
  database_up_ = false;
  ASSERT_TRUE(server_.Start().ok());
  auto health = server_.NewHealthPortStub();
  EXPECT_EQ(CheckHealth(*health, ""), HealthCheckResponse::NOT_SERVING);
  database_up_ = true;
  EXPECT_TRUE(HealthBecomes(*health, "", HealthCheckResponse::SERVING));
  EXPECT_EQ(CheckHealth(*health, kEchoService), HealthCheckResponse::SERVING);
}

TEST_F(HealthPortTest, Watch_SeesReadinessChange) {
  ASSERT_TRUE(server_.Start().ok());
  auto health = server_.NewHealthPortStub();
  HealthWatch watch(*health, "");
  ASSERT_EQ(watch.Next(), HealthCheckResponse::SERVING);
  database_up_ = false;
  EXPECT_EQ(watch.Next(), HealthCheckResponse::NOT_SERVING);
}

TEST_F(HealthPortTest, UnknownServiceName_IsNotFound) {
  ASSERT_TRUE(server_.Start().ok());
  grpc::ClientContext context;
  SetDeadline(context, absl::Seconds(5));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service("dangbo.unknown.v1.Nothing");
  grpc::health::v1::HealthCheckResponse response;
  EXPECT_EQ(server_.NewHealthPortStub()->Check(&context, request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(HealthPortTest, ApiMethod_IsUnimplemented) {
  ASSERT_TRUE(server_.Start().ok());
  auto echo = EchoService::NewStub(server_.NewHealthPortChannel());
  EXPECT_EQ(CallEcho(*echo, "qua cổng sức khỏe").error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(HealthPortTest, DuringShutdownGrace_ReportsNotServing) {
  ASSERT_TRUE(server_.Start().ok());
  auto echo = server_.NewEchoStub();
  std::future<grpc::Status> held =
      std::async(std::launch::async, [&echo] { return CallHold(*echo); });
  ASSERT_TRUE(server_.echo().WaitUntilHolding(1, absl::Seconds(5)));

  server_.server().RequestShutdown();
  auto health = server_.NewHealthPortStub();
  EXPECT_TRUE(HealthBecomes(*health, kLiveness, HealthCheckResponse::NOT_SERVING));
  EXPECT_EQ(CheckHealth(*health, ""), HealthCheckResponse::NOT_SERVING);
  server_.echo().ReleaseHeld();
  EXPECT_TRUE(held.get().ok());
}

TEST_F(HealthPortTest, AfterStop_RefusesConnections) {
  ASSERT_TRUE(server_.Start().ok());
  server_.server().RequestShutdown();
  server_.server().Wait();
  grpc::ClientContext context;
  SetDeadline(context, absl::Milliseconds(500));
  grpc::health::v1::HealthCheckResponse response;
  EXPECT_EQ(server_.NewHealthPortStub()->Check(&context, {}, &response).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(HealthPortStart, PortTaken_IsUnavailableAndApiPortStaysClosed) {
  TestServer first;
  ASSERT_TRUE(first.Start().ok());
  server::ServerOptions options = WithHealthPort();
  options.health_listen = absl::StrCat("127.0.0.1:", first.server().selected_port());
  TestServer second(options);
  EXPECT_EQ(second.Start().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(second.server().selected_port(), 0);
}

}  // namespace
}  // namespace dangbo::testing
