// The server serves whatever credentials the service passes in; here TLS with a throwaway
// self-signed certificate made by the openssl command line tool.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dangbo-tls-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 -keyout " +
        (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() + " 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    key_ = ReadFile(dir_ / "key.pem");
    cert_ = ReadFile(dir_ / "cert.pem");
    ASSERT_FALSE(key_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string key_;
  std::string cert_;
};

grpc::Status Echo(std::shared_ptr<grpc::Channel> channel) {
  grpc::ClientContext context;
  SetDeadline(context, absl::Seconds(5));
  EchoRequest request;
  request.set_text("bảo mật");
  EchoResponse response;
  return EchoService::NewStub(std::move(channel))->Echo(&context, request, &response);
}

TEST_F(TlsTest, TlsCredentials_ClientTrustingTheCertificate_IsServed) {
  server::ServerOptions options = TestOptions();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({key_, cert_});
  options.credentials = grpc::SslServerCredentials(ssl);
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  const std::string target = absl::StrCat("127.0.0.1:", server.server().selected_port());

  grpc::SslCredentialsOptions trust;
  trust.pem_root_certs = cert_;
  EXPECT_TRUE(Echo(grpc::CreateChannel(target, grpc::SslCredentials(trust))).ok());
}

TEST_F(TlsTest, TlsCredentials_PlaintextClient_IsRefused) {
  server::ServerOptions options = TestOptions();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({key_, cert_});
  options.credentials = grpc::SslServerCredentials(ssl);
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_EQ(Echo(server.NewChannel()).error_code(), grpc::StatusCode::UNAVAILABLE);
}

// The kubelet's probes cannot speak TLS; the health port answers them in plaintext.
TEST_F(TlsTest, TlsCredentials_HealthPort_AnswersPlaintextClient) {
  server::ServerOptions options = TestOptions();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({key_, cert_});
  options.credentials = grpc::SslServerCredentials(ssl);
  options.health_listen = "127.0.0.1:0";
  TestServer server(options);
  ASSERT_TRUE(server.Start().ok());
  grpc::ClientContext context;
  SetDeadline(context, absl::Seconds(5));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service("liveness");
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(server.NewHealthPortStub()->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace dangbo::testing
