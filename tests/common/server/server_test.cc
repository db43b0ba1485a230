#include "common/server/server.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "absl/time/clock.h"
#include "common/status/details.h"
#include "common/status/grpc_status.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "health_client.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

TEST(Server, Start_ListeningOnPortZero_ReportsSelectedPort) {
  TestServer server;
  ASSERT_TRUE(server.Start().ok());
  EXPECT_GT(server.server().selected_port(), 0);
  EXPECT_TRUE(CallEcho(*server.NewEchoStub(), "xin chào").ok());
}

TEST(Server, Start_PortTaken_IsUnavailable) {
  TestServer first;
  ASSERT_TRUE(first.Start().ok());
  server::ServerOptions options = TestOptions();
  options.listen = absl::StrCat("127.0.0.1:", first.server().selected_port());
  TestServer second(options);
  EXPECT_EQ(second.Start().code(), absl::StatusCode::kUnavailable);
}

TEST(Server, InvalidField_ArrivesAtClientWithBadRequestFieldName) {
  TestServer server;
  ASSERT_TRUE(server.Start().ok());
  grpc::Status status = CallEcho(*server.NewEchoStub(), "");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "text: is required");
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rich.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "text");
}

TEST(Server, FromGrpcStatus_OnClientSide_KeepsBadRequest) {
  TestServer server;
  ASSERT_TRUE(server.Start().ok());
  absl::Status status = status::FromGrpcStatus(CallEcho(*server.NewEchoStub(), ""));
  std::optional<google::rpc::BadRequest> bad_request =
      status::GetDetail<google::rpc::BadRequest>(status);
  ASSERT_TRUE(bad_request.has_value());
  EXPECT_EQ(bad_request->field_violations(0).field(), "text");
}

TEST(Server, MessageOverLimit_IsResourceExhausted) {
  server::ServerOptions options = TestOptions();
  options.max_message_bytes = 1024;
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(CallEcho(*server.NewEchoStub(), std::string(2048, 'x')).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST(Server, Health_WithoutProbe_IsServingOverallAndPerService) {
  TestServer server;
  ASSERT_TRUE(server.Start().ok());
  auto health = server.NewHealthStub();
  EXPECT_EQ(CheckHealth(*health, ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(CheckHealth(*health, "dangbo.testing.EchoService"), HealthCheckResponse::SERVING);
}

TEST(Server, Health_ProbeFailing_IsNotServingFromTheStart) {
  TestServer server;
  server.server().SetReadinessProbe([] { return absl::UnavailableError("database down"); });
  ASSERT_TRUE(server.Start().ok());
  EXPECT_FALSE(server.server().ready());
  EXPECT_EQ(CheckHealth(*server.NewHealthStub(), ""), HealthCheckResponse::NOT_SERVING);
}

TEST(Server, Health_FollowsProbe_NotServingWhileItFailsAndServingWhenItRecovers) {
  std::atomic<bool> database_up{true};
  TestServer server;
  server.server().SetReadinessProbe([&database_up] {
    return database_up.load() ? absl::OkStatus() : absl::UnavailableError("ping failed");
  });
  ASSERT_TRUE(server.Start().ok());
  auto health = server.NewHealthStub();
  EXPECT_EQ(CheckHealth(*health, ""), HealthCheckResponse::SERVING);

  database_up = false;
  EXPECT_TRUE(HealthBecomes(*health, "", HealthCheckResponse::NOT_SERVING));
  EXPECT_EQ(CheckHealth(*health, "dangbo.testing.EchoService"), HealthCheckResponse::NOT_SERVING);

  database_up = true;
  EXPECT_TRUE(HealthBecomes(*health, "", HealthCheckResponse::SERVING));
  EXPECT_EQ(CheckHealth(*health, "dangbo.testing.EchoService"), HealthCheckResponse::SERVING);
}

TEST(Server, Health_ProbeThrowing_IsNotServing) {
  TestServer server;
  server.server().SetReadinessProbe([]() -> absl::Status { throw std::runtime_error("boom"); });
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(CheckHealth(*server.NewHealthStub(), ""), HealthCheckResponse::NOT_SERVING);
}

// Waits until Run() has replaced the default SIGTERM action, so the signal cannot kill the test.
bool SigtermHandlerInstalled(absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  while (absl::Now() < give_up) {
    struct sigaction current = {};
    ::sigaction(SIGTERM, nullptr, &current);
    if (current.sa_handler != SIG_DFL) return true;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return false;
}

TEST(Server, Sigterm_LetsInFlightCallFinishAndRefusesNewCalls) {
  TestServer server;
  ASSERT_TRUE(server.Start().ok());
  std::future<int> run =
      std::async(std::launch::async, [&server] { return server.server().Run(); });
  ASSERT_TRUE(SigtermHandlerInstalled(absl::Seconds(5)));

  auto stub = server.NewEchoStub();
  std::future<grpc::Status> in_flight = std::async(std::launch::async, [&stub] {
    grpc::ClientContext context;
    SetDeadline(context, absl::Seconds(10));
    EchoRequest request;
    request.set_text("in flight");
    EchoResponse response;
    return stub->Hold(&context, request, &response);
  });
  ASSERT_TRUE(server.echo().WaitUntilHolding(1, absl::Seconds(5)));

  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);

  // New calls are refused while the held call is still running.
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  grpc::Status refused;
  do {
    refused = CallEcho(*stub, "after SIGTERM", absl::Milliseconds(500));
  } while (refused.ok() && absl::Now() < give_up);
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(in_flight.wait_for(std::chrono::seconds(0)), std::future_status::timeout);

  server.echo().ReleaseHeld();
  EXPECT_TRUE(in_flight.get().ok());
  EXPECT_EQ(run.get(), 0);
  EXPECT_FALSE(CallEcho(*server.NewEchoStub(), "after stop", absl::Milliseconds(500)).ok());
}

TEST(Server, Sigterm_CallStillRunningAfterGrace_IsCancelledAndRunReturns) {
  server::ServerOptions options = TestOptions();
  options.shutdown_grace = absl::Milliseconds(200);
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  std::future<int> run =
      std::async(std::launch::async, [&server] { return server.server().Run(); });
  ASSERT_TRUE(SigtermHandlerInstalled(absl::Seconds(5)));
  auto stub = server.NewEchoStub();
  std::future<grpc::Status> stuck = std::async(std::launch::async, [&stub] {
    grpc::ClientContext context;
    SetDeadline(context, absl::Seconds(10));
    EchoRequest request;
    request.set_text("never released");
    EchoResponse response;
    return stub->Hold(&context, request, &response);
  });
  ASSERT_TRUE(server.echo().WaitUntilHolding(1, absl::Seconds(5)));

  const absl::Time signalled = absl::Now();
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  ASSERT_EQ(run.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(run.get(), 0);
  EXPECT_LT(absl::Now() - signalled, absl::Seconds(2));
  EXPECT_FALSE(stuck.get().ok());
}

TEST(Server, Saturated_AnswersResourceExhaustedQuickly) {
  server::ServerOptions options = TestOptions();
  options.workers = 2;
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  auto stub = server.NewEchoStub();
  std::vector<std::future<grpc::Status>> held;
  for (int i = 0; i < options.workers; ++i) {
    held.push_back(std::async(std::launch::async, [&stub] {
      grpc::ClientContext context;
      SetDeadline(context, absl::Seconds(10));
      EchoRequest request;
      request.set_text("hold");
      EchoResponse response;
      return stub->Hold(&context, request, &response);
    }));
  }
  ASSERT_TRUE(server.echo().WaitUntilHolding(options.workers, absl::Seconds(5)));

  const absl::Time start = absl::Now();
  grpc::Status overflow = CallEcho(*stub, "one too many", absl::Seconds(5));
  const absl::Duration waited = absl::Now() - start;
  EXPECT_EQ(overflow.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_LT(waited, absl::Seconds(1));

  server.echo().ReleaseHeld();
  for (auto& call : held) EXPECT_TRUE(call.get().ok());
}

TEST(Server, Saturated_RecoversOnceHandlersFinish) {
  server::ServerOptions options = TestOptions();
  options.workers = 1;
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  auto stub = server.NewEchoStub();
  std::future<grpc::Status> held = std::async(std::launch::async, [&stub] {
    grpc::ClientContext context;
    SetDeadline(context, absl::Seconds(10));
    EchoRequest request;
    request.set_text("hold");
    EchoResponse response;
    return stub->Hold(&context, request, &response);
  });
  ASSERT_TRUE(server.echo().WaitUntilHolding(1, absl::Seconds(5)));
  ASSERT_EQ(CallEcho(*stub, "rejected").error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  server.echo().ReleaseHeld();
  ASSERT_TRUE(held.get().ok());
  // The finished handler's thread returns its quota just after its reply goes out, so the very
  // next call may still be refused; within moments calls are accepted again.
  const absl::Time give_up = absl::Now() + absl::Seconds(2);
  grpc::Status after;
  do {
    after = CallEcho(*stub, "accepted");
  } while (!after.ok() && absl::Now() < give_up);
  EXPECT_TRUE(after.ok()) << after.error_message();
}

TEST(Server, Saturated_HealthStillAnswers) {
  server::ServerOptions options = TestOptions();
  options.workers = 1;
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  auto stub = server.NewEchoStub();
  std::future<grpc::Status> held = std::async(std::launch::async, [&stub] {
    grpc::ClientContext context;
    SetDeadline(context, absl::Seconds(10));
    EchoRequest request;
    request.set_text("hold");
    EchoResponse response;
    return stub->Hold(&context, request, &response);
  });
  ASSERT_TRUE(server.echo().WaitUntilHolding(1, absl::Seconds(5)));
  EXPECT_EQ(CheckHealth(*server.NewHealthStub(), ""), HealthCheckResponse::SERVING);
  server.echo().ReleaseHeld();
  EXPECT_TRUE(held.get().ok());
}

}  // namespace
}  // namespace dangbo::testing
