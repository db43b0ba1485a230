// The JSON line the logging interceptor writes for each RPC.

#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/server/log.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_server.h"

namespace dangbo::testing {
namespace {

constexpr char kTraceParent[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

class RpcLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::SetSinkForTesting([this](std::string_view line) {
      absl::MutexLock lock(&mu_);
      lines_.emplace_back(line);
    });
    server_.server().SetCallerFunction([](const server::ClientMetadata& metadata) {
      auto it = metadata.find("x-test-caller");
      return it == metadata.end() ? std::string()
                                  : std::string(it->second.data(), it->second.size());
    });
    ASSERT_TRUE(server_.Start().ok());
  }
  void TearDown() override { log::SetSinkForTesting(nullptr); }

  grpc::Status Echo(const std::string& text, const char* traceparent) {
    grpc::ClientContext context;
    SetDeadline(context, absl::Seconds(5));
    if (traceparent != nullptr) context.AddMetadata("traceparent", traceparent);
    context.AddMetadata("x-test-caller", "users/thu-ky");
    EchoRequest request;
    request.set_request_id("req-7f3a");
    request.set_text(text);
    EchoResponse response;
    return server_.NewEchoStub()->Echo(&context, request, &response);
  }

  // The parsed "rpc" line of the Echo method; fails the test if there is none.
  nlohmann::json EchoLine() {
    absl::MutexLock lock(&mu_);
    for (const std::string& line : lines_) {
      nlohmann::json parsed = nlohmann::json::parse(line);  // Throws (fails) if not JSON.
      if (parsed["msg"] == "rpc" && parsed["method"] == "/dangbo.testing.EchoService/Echo") {
        return parsed;
      }
    }
    ADD_FAILURE() << "no rpc line for Echo among " << lines_.size() << " lines";
    return nlohmann::json::object();
  }

  TestServer server_;
  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

TEST_F(RpcLogTest, SuccessfulCall_LogsMethodCodeRequestIdTraceIdCallerAndPeer) {
  ASSERT_TRUE(Echo("xin chào", kTraceParent).ok());
  nlohmann::json line = EchoLine();
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["code"], "OK");
  EXPECT_EQ(line["request_id"], "req-7f3a");
  EXPECT_EQ(line["trace_id"], "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(line["caller"], "users/thu-ky");
  EXPECT_TRUE(line["latency_ms"].is_number());
  EXPECT_GE(line["latency_ms"].get<double>(), 0.0);
  EXPECT_NE(line["peer"].get<std::string>().find("127.0.0.1"), std::string::npos);
  EXPECT_FALSE(line.contains("error"));
}

TEST_F(RpcLogTest, FailedCall_LogsCodeNameAndError) {
  ASSERT_FALSE(Echo("", kTraceParent).ok());
  nlohmann::json line = EchoLine();
  EXPECT_EQ(line["code"], "INVALID_ARGUMENT");
  EXPECT_EQ(line["error"], "text: is required");
}

TEST_F(RpcLogTest, MalformedTraceParent_IsLeftOut) {
  ASSERT_TRUE(Echo("x", "00-not-a-trace-01").ok());
  EXPECT_FALSE(EchoLine().contains("trace_id"));
}

}  // namespace
}  // namespace dangbo::testing
