// Connections are closed after max_connection_age so that clients of a Kubernetes ClusterIP
// Service reconnect and spread over replicas; calls in flight get max_connection_age_grace.

#include <future>

#include "absl/time/clock.h"
#include "common/server/server.h"
#include "gtest/gtest.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

server::ServerOptions WithMaxAge(absl::Duration age, absl::Duration grace = absl::Seconds(5)) {
  server::ServerOptions options = TestOptions();
  options.max_connection_age = age;
  options.max_connection_age_grace = grace;
  return options;
}

// A channel whose connection the first call has opened.
std::shared_ptr<grpc::Channel> ConnectedChannel(const TestServer& server) {
  std::shared_ptr<grpc::Channel> channel = server.NewChannel();
  EXPECT_TRUE(CallEcho(*EchoService::NewStub(channel), "kết nối").ok());
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  return channel;
}

// True when the channel leaves READY (the server closed its connection) within `timeout`.
bool LeavesReady(grpc::Channel& channel, absl::Duration timeout) {
  const auto deadline = std::chrono::system_clock::now() + absl::ToChronoNanoseconds(timeout);
  return channel.WaitForStateChange(GRPC_CHANNEL_READY, deadline);
}

TEST(MaxConnectionAge, Elapsed_ServerClosesConnection) {
  TestServer server(WithMaxAge(absl::Milliseconds(200)));
  ASSERT_TRUE(server.Start().ok());
  std::shared_ptr<grpc::Channel> channel = ConnectedChannel(server);
  EXPECT_TRUE(LeavesReady(*channel, absl::Seconds(3)));
}

TEST(MaxConnectionAge, Elapsed_NextCallReconnects) {
  TestServer server(WithMaxAge(absl::Milliseconds(200)));
  ASSERT_TRUE(server.Start().ok());
  std::shared_ptr<grpc::Channel> channel = ConnectedChannel(server);
  ASSERT_TRUE(LeavesReady(*channel, absl::Seconds(3)));
  EXPECT_TRUE(CallEcho(*EchoService::NewStub(channel), "lại").ok());
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
}

TEST(MaxConnectionAge, Zero_KeepsConnectionOpen) {
  TestServer server(WithMaxAge(absl::ZeroDuration()));
  ASSERT_TRUE(server.Start().ok());
  std::shared_ptr<grpc::Channel> channel = ConnectedChannel(server);
  EXPECT_FALSE(LeavesReady(*channel, absl::Milliseconds(800)));
}

TEST(MaxConnectionAge, Negative_IsInvalidArgument) {
  TestServer server(WithMaxAge(absl::Seconds(-1)));
  EXPECT_EQ(server.Start().code(), absl::StatusCode::kInvalidArgument);
}

TEST(MaxConnectionAge, CallInFlight_FinishesWithinGrace) {
  TestServer server(WithMaxAge(absl::Milliseconds(200), absl::Seconds(5)));
  ASSERT_TRUE(server.Start().ok());
  auto stub = EchoService::NewStub(server.NewChannel());
  std::future<grpc::Status> held =
      std::async(std::launch::async, [&stub] { return CallHold(*stub); });
  ASSERT_TRUE(server.echo().WaitUntilHolding(1, absl::Seconds(5)));
  absl::SleepFor(absl::Milliseconds(800));  // Well past the age, well within the grace.
  server.echo().ReleaseHeld();
  EXPECT_TRUE(held.get().ok());
}

TEST(MaxConnectionAge, CallOutlastingGrace_IsCancelled) {
  TestServer server(WithMaxAge(absl::Milliseconds(200), absl::Milliseconds(300)));
  ASSERT_TRUE(server.Start().ok());
  auto stub = EchoService::NewStub(server.NewChannel());
  const absl::Time start = absl::Now();
  grpc::Status status = CallHold(*stub, absl::Seconds(10));
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  server.echo().ReleaseHeld();
}

}  // namespace
}  // namespace dangbo::testing
