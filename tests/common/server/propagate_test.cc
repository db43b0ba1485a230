#include "common/server/propagate.h"

#include "common/server/trace_context.h"
#include "gtest/gtest.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

constexpr char kIncoming[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

class PropagateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start().ok());
    stub_ = server_.NewEchoStub();
  }

  // Relay -> downstream Echo; returns what the downstream handler saw.
  EchoResponse Relay(absl::Duration caller_timeout, absl::Duration max,
                     const char* traceparent = nullptr) {
    grpc::ClientContext context;
    SetDeadline(context, caller_timeout);
    if (traceparent != nullptr) context.AddMetadata("traceparent", traceparent);
    RelayRequest request;
    request.set_text("relayed");
    request.set_max_ms(absl::ToInt64Milliseconds(max));
    EchoResponse response;
    grpc::Status status = stub_->Relay(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  TestServer server_;
  std::unique_ptr<EchoService::Stub> stub_;
};

TEST_F(PropagateTest, Deadline_IsIncomingMinusMarginWhenEarlierThanMax) {
  EchoResponse seen = Relay(absl::Seconds(2), absl::Seconds(30));
  // Within a millisecond: the deadline goes through gRPC's own clock types and back.
  EXPECT_NEAR(seen.relay_margin_ms(), absl::ToInt64Milliseconds(server::kDeadlineMargin), 1);
}

TEST_F(PropagateTest, Deadline_IsMaxWhenEarlierThanIncoming) {
  EchoResponse seen = Relay(absl::Seconds(30), absl::Milliseconds(800));
  EXPECT_GT(seen.relay_outgoing_ms(), 700);
  EXPECT_LE(seen.relay_outgoing_ms(), 800);
  EXPECT_LE(seen.deadline_remaining_ms(), 900);  // Downstream view, rounded up on the wire.
}

TEST_F(PropagateTest, NoIncomingDeadline_IsMax) {
  grpc::ClientContext context;  // No deadline at all.
  RelayRequest request;
  request.set_text("no deadline");
  request.set_max_ms(1500);
  EchoResponse seen;
  ASSERT_TRUE(stub_->Relay(&context, request, &seen).ok());
  EXPECT_GT(seen.relay_outgoing_ms(), 1400);
  EXPECT_LE(seen.relay_outgoing_ms(), 1500);
}

TEST_F(PropagateTest, NothingLeft_GivesDeadlineOfNowNotLater) {
  EchoResponse seen = Relay(absl::Seconds(5), absl::ZeroDuration());
  EXPECT_LE(seen.relay_outgoing_ms(), 0);
}

TEST_F(PropagateTest, TraceParent_KeepsTraceIdWithNewSpanId) {
  EchoResponse seen = Relay(absl::Seconds(5), absl::Seconds(5), kIncoming);
  std::optional<server::TraceParent> outgoing = server::ParseTraceParent(seen.traceparent());
  ASSERT_TRUE(outgoing.has_value()) << seen.traceparent();
  EXPECT_EQ(outgoing->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_NE(outgoing->parent_id, "00f067aa0ba902b7");
  EXPECT_EQ(outgoing->flags, "01");
}

TEST_F(PropagateTest, TraceParentMissing_StartsNewTrace) {
  EchoResponse seen = Relay(absl::Seconds(5), absl::Seconds(5));
  EXPECT_TRUE(server::ParseTraceParent(seen.traceparent()).has_value()) << seen.traceparent();
}

TEST_F(PropagateTest, TraceParentMalformed_StartsNewTrace) {
  EchoResponse seen = Relay(absl::Seconds(5), absl::Seconds(5), "00-zz-yy-01");
  std::optional<server::TraceParent> outgoing = server::ParseTraceParent(seen.traceparent());
  ASSERT_TRUE(outgoing.has_value());
  EXPECT_NE(outgoing->trace_id, "zz");
}

}  // namespace
}  // namespace dangbo::testing
