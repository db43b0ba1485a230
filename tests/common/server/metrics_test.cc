// Scrapes /metrics over a plain HTTP/1.0 socket, as Prometheus would.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/gauge.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Scrape(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    const std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      ssize_t n;
      while ((n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) reply.append(buffer, n);
    }
  }
  ::close(fd);
  return reply;
}

grpc::Status Echo(EchoService::Stub& stub, const std::string& text) {
  grpc::ClientContext context;
  SetDeadline(context, absl::Seconds(5));
  EchoRequest request;
  request.set_text(text);
  EchoResponse response;
  return stub.Echo(&context, request, &response);
}

server::ServerOptions WithMetrics() {
  server::ServerOptions options = TestOptions();
  options.metrics_listen = "127.0.0.1:0";
  return options;
}

TEST(Metrics, HandledCounter_HasServiceMethodAndCodeLabels) {
  TestServer server(WithMetrics());
  ASSERT_TRUE(server.Start().ok());
  auto stub = server.NewEchoStub();
  ASSERT_TRUE(Echo(*stub, "a").ok());
  ASSERT_TRUE(Echo(*stub, "b").ok());
  ASSERT_FALSE(Echo(*stub, "").ok());

  const std::string body = Scrape(server.server().metrics_port());
  EXPECT_THAT(body, HasSubstr("200 OK"));
  EXPECT_THAT(body, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Echo\","
                              "grpc_service=\"dangbo.testing.EchoService\"} 2"));
  EXPECT_THAT(body,
              HasSubstr("grpc_server_handled_total{grpc_code=\"INVALID_ARGUMENT\","
                        "grpc_method=\"Echo\",grpc_service=\"dangbo.testing.EchoService\"} 1"));
}

TEST(Metrics, StartedCounterAndLatencyHistogram_CountEveryCall) {
  TestServer server(WithMetrics());
  ASSERT_TRUE(server.Start().ok());
  auto stub = server.NewEchoStub();
  ASSERT_TRUE(Echo(*stub, "a").ok());
  ASSERT_FALSE(Echo(*stub, "").ok());

  const std::string body = Scrape(server.server().metrics_port());
  EXPECT_THAT(body, HasSubstr("grpc_server_started_total{grpc_method=\"Echo\","
                              "grpc_service=\"dangbo.testing.EchoService\"} 2"));
  EXPECT_THAT(body, HasSubstr("grpc_server_handling_seconds_count{grpc_method=\"Echo\","
                              "grpc_service=\"dangbo.testing.EchoService\"} 2"));
  EXPECT_THAT(body, HasSubstr("le=\"5e-05\""));
  EXPECT_THAT(body, HasSubstr("le=\"10\""));
}

TEST(Metrics, ScrapeHook_RefreshesServiceGaugeBeforeEachScrape) {
  TestServer server(WithMetrics());
  auto& pool_in_use = prometheus::BuildGauge()
                          .Name("dangbo_db_pool_connections_in_use")
                          .Help("Connections lent out")
                          .Register(server.server().metrics())
                          .Add({});
  int scrapes = 0;
  server.server().OnScrape([&] { pool_in_use.Set(++scrapes * 10); });
  ASSERT_TRUE(server.Start().ok());

  EXPECT_THAT(Scrape(server.server().metrics_port()),
              HasSubstr("dangbo_db_pool_connections_in_use 10"));
  EXPECT_THAT(Scrape(server.server().metrics_port()),
              HasSubstr("dangbo_db_pool_connections_in_use 20"));
}

TEST(Metrics, NoMetricsListen_ServesNoEndpoint) {
  TestServer server(TestOptions());
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(server.server().metrics_port(), 0);
}

}  // namespace
}  // namespace dangbo::testing
