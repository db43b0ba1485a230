// `liveness` answers whether the process should be restarted, which a database outage never
// warrants; readiness ("" and each service) answers whether it should receive calls.

#include <atomic>

#include "common/server/health.h"
#include "common/server/server.h"
#include "gtest/gtest.h"
#include "health_client.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

const std::string kLiveness(server::kLivenessService);

TEST(Liveness, ProbeFailingFromTheStart_IsServing) {
  TestServer server;
  server.server().SetReadinessProbe([] { return absl::UnavailableError("database down"); });
  ASSERT_TRUE(server.Start().ok());
  auto health = server.NewHealthStub();
  EXPECT_EQ(CheckHealth(*health, kLiveness), HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(*health, ""), HealthCheckResponse::NOT_SERVING);
}

TEST(Liveness, ProbeStartsFailing_StaysServingWhileReadinessDrops) {
  std::atomic<bool> database_up{true};
  TestServer server;
  server.server().SetReadinessProbe([&database_up] {
    return database_up.load() ? absl::OkStatus() : absl::UnavailableError("ping failed");
  });
  ASSERT_TRUE(server.Start().ok());
  auto health = server.NewHealthStub();

  database_up = false;
  ASSERT_TRUE(HealthBecomes(*health, "", HealthCheckResponse::NOT_SERVING));
  EXPECT_EQ(CheckHealth(*health, "dangbo.testing.EchoService"), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(CheckHealth(*health, kLiveness), HealthCheckResponse::SERVING);
}

TEST(Liveness, Shutdown_TurnsNotServing) {
  server::ServerOptions options = TestOptions();
  options.shutdown_grace = absl::Milliseconds(200);  // Ends the Watch stream soon after.
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  auto health = server.NewHealthStub();
  HealthWatch watch(*health, kLiveness);
  ASSERT_EQ(watch.Next(), HealthCheckResponse::SERVING);

  server.server().RequestShutdown();
  EXPECT_EQ(watch.Next(), HealthCheckResponse::NOT_SERVING);
  server.server().Wait();
}

TEST(Liveness, ReadinessFlapping_SendsLivenessWatchersNothing) {
  std::atomic<bool> database_up{true};
  TestServer server;
  server.server().SetReadinessProbe([&database_up] {
    return database_up.load() ? absl::OkStatus() : absl::UnavailableError("ping failed");
  });
  ASSERT_TRUE(server.Start().ok());
  auto health = server.NewHealthStub();
  HealthWatch liveness(*health, kLiveness);
  ASSERT_EQ(liveness.Next(), HealthCheckResponse::SERVING);

  database_up = false;
  ASSERT_TRUE(HealthBecomes(*health, "", HealthCheckResponse::NOT_SERVING));
  database_up = true;
  ASSERT_TRUE(HealthBecomes(*health, "", HealthCheckResponse::SERVING));

  // The next update liveness watchers get is the shutdown, not a repeat of SERVING.
  server.server().RequestShutdown();
  EXPECT_EQ(liveness.Next(), HealthCheckResponse::NOT_SERVING);
}

}  // namespace
}  // namespace dangbo::testing
