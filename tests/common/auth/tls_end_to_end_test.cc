// Authenticator and the credential helpers against a real gRPC server on loopback: what
// gRPC 1.51 reports for a verified client certificate, and bearer tokens on TLS and plaintext.

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/authenticator.h"
#include "common/auth/tls_credentials.h"
#include "common/auth/token_minter.h"
#include "gtest/gtest.h"
#include "tests/support/test_keys.h"

namespace dangbo::auth {
namespace {

using ::dangbo::auth::testing::GenerateKeyPair;
using ::dangbo::auth::testing::KeyPair;

constexpr char kIssuer[] = "dangbo-test";
constexpr char kAudience[] = "dangbo";
constexpr char kInspectionUri[] = "spiffe://dangbo/inspection";
constexpr char kMethod[] = "/dangbo.test.WhoAmI/Call";

// Answers every call with the subject of its authenticated caller.
class WhoAmIReactor : public grpc::ServerGenericBidiReactor {
 public:
  WhoAmIReactor(grpc::GenericCallbackServerContext* context, const Authenticator& authenticator)
      : principal_(authenticator.Authenticate(*context)) {
    if (!principal_.ok()) {
      Finish(grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          std::string(principal_.status().message())));
      return;
    }
    StartRead(&request_);
  }

  void OnReadDone(bool) override {
    grpc::Slice subject(principal_->subject);
    response_ = grpc::ByteBuffer(&subject, 1);
    StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
  }

  void OnDone() override { delete this; }

 private:
  absl::StatusOr<Principal> principal_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
};

class WhoAmIService : public grpc::CallbackGenericService {
 public:
  explicit WhoAmIService(const Authenticator& authenticator) : authenticator_(authenticator) {}

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    return new WhoAmIReactor(context, authenticator_);
  }

 private:
  const Authenticator& authenticator_;
};

void RunOrDie(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
    FAIL() << "failed: " << command;
  }
}

class TlsEndToEndTest : public ::testing::Test {
 protected:
  // One CA, a server certificate for localhost and a client certificate for the inspection
  // service, made with the openssl tool so no private key is kept in the tree.
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/dangbo-auth-tls-XXXXXX";
    dir_ = new std::string(mkdtemp(pattern));
    const std::string d = *dir_;
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
    std::ofstream(d + "/server.ext") << "subjectAltName=DNS:localhost\n";
    std::ofstream(d + "/client.ext") << "subjectAltName=URI:" << kInspectionUri << "\n";
    RunOrDie(absl::StrCat("openssl req -x509 ", ec, " -keyout ", d, "/ca.key -out ", d,
                          "/ca.pem -days 1 -subj /CN=dangbo-test-ca"));
    for (const std::string name : {"server", "client"}) {
      RunOrDie(absl::StrCat("openssl req ", ec, " -keyout ", d, "/", name, ".key -out ", d, "/",
                            name, ".csr -subj /CN=", name));
      RunOrDie(absl::StrCat("openssl x509 -req -in ", d, "/", name, ".csr -CA ", d,
                            "/ca.pem -CAkey ", d, "/ca.key -CAcreateserial -days 1 -out ", d, "/",
                            name, ".pem -extfile ", d, "/", name, ".ext"));
    }
    signing_key_ = new KeyPair(GenerateKeyPair(Algorithm::kES256));
  }

  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete signing_key_;
  }

  static std::string File(const std::string& name) { return *dir_ + "/" + name; }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
  }

  void StartServer(std::shared_ptr<grpc::ServerCredentials> credentials) {
    TokenVerifierConfig config;
    config.public_key_pem = signing_key_->public_pem;
    config.issuer = kIssuer;
    config.audience = kAudience;
    AuthenticatorOptions options;
    options.verifier = *TokenVerifier::Create(config);
    Principal inspection;
    inspection.subject = "inspection";
    inspection.roles = {Role::kService};
    options.peer_identities[kInspectionUri] = inspection;
    authenticator_ = std::make_unique<Authenticator>(std::move(options));
    service_ = std::make_unique<WhoAmIService>(*authenticator_);

    grpc::ServerBuilder builder;
    builder.AddListeningPort("localhost:0", std::move(credentials), &port_);
    builder.RegisterCallbackGenericService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }

  std::string Token(const std::string& subject) {
    Claims claims;
    claims.subject = subject;
    claims.issuer = kIssuer;
    claims.audience = kAudience;
    claims.expires_at = absl::Now() + absl::Hours(1);
    return *MintToken({signing_key_->private_pem, Algorithm::kES256}, claims);
  }

  // The subject the server saw, or the status of the call.
  absl::StatusOr<std::string> WhoAmI(std::shared_ptr<grpc::ChannelCredentials> credentials,
                                     const std::string& token = "") {
    grpc::GenericStub stub(
        grpc::CreateChannel(absl::StrCat("localhost:", port_), std::move(credentials)));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!token.empty()) AttachToken(context, token);
    grpc::Slice nothing("");
    grpc::ByteBuffer request(&nothing, 1);  // a default ByteBuffer is not a message
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, kMethod, grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    grpc::Status status = done.get_future().get();
    if (!status.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          status.error_message());
    }
    std::vector<grpc::Slice> slices;
    if (!response.Dump(&slices).ok()) return absl::InternalError("unreadable response");
    std::string subject;
    for (const grpc::Slice& slice : slices) {
      subject.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
    return subject;
  }

  static std::string* dir_;
  static KeyPair* signing_key_;
  std::unique_ptr<Authenticator> authenticator_;
  std::unique_ptr<WhoAmIService> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

std::string* TlsEndToEndTest::dir_ = nullptr;
KeyPair* TlsEndToEndTest::signing_key_ = nullptr;

TEST_F(TlsEndToEndTest, ClientCertificateWithoutToken_IsItsServicePrincipal) {
  StartServer(*ServerCredentialsFromFiles(File("server.pem"), File("server.key"), File("ca.pem"),
                                          /*require_client_cert=*/true));

  absl::StatusOr<std::string> subject =
      WhoAmI(*ChannelCredentialsFromFiles(File("ca.pem"), File("client.pem"), File("client.key")));

  ASSERT_TRUE(subject.ok()) << subject.status();
  EXPECT_EQ(*subject, "inspection");
}

TEST_F(TlsEndToEndTest, ClientCertificateWithToken_IsTheTokenSubject) {
  StartServer(*ServerCredentialsFromFiles(File("server.pem"), File("server.key"), File("ca.pem"),
                                          /*require_client_cert=*/true));

  absl::StatusOr<std::string> subject =
      WhoAmI(*ChannelCredentialsFromFiles(File("ca.pem"), File("client.pem"), File("client.key")),
             Token("alice"));

  ASSERT_TRUE(subject.ok()) << subject.status();
  EXPECT_EQ(*subject, "alice");
}

TEST_F(TlsEndToEndTest, TlsWithoutClientCertificateOrToken_IsUnauthenticated) {
  StartServer(*ServerCredentialsFromFiles(File("server.pem"), File("server.key"), File("ca.pem"),
                                          /*require_client_cert=*/false));

  absl::StatusOr<std::string> subject =
      WhoAmI(*ChannelCredentialsFromFiles(File("ca.pem"), "", ""));

  EXPECT_TRUE(absl::IsUnauthenticated(subject.status())) << subject.status();
}

TEST_F(TlsEndToEndTest, PlaintextWithAttachedToken_IsTheTokenSubject) {
  StartServer(grpc::InsecureServerCredentials());

  absl::StatusOr<std::string> subject = WhoAmI(grpc::InsecureChannelCredentials(), Token("bob"));

  ASSERT_TRUE(subject.ok()) << subject.status();
  EXPECT_EQ(*subject, "bob");
}

TEST(TlsCredentialsTest, ServerCredentialsFromFiles_MissingFile_IsNotFound) {
  EXPECT_TRUE(absl::IsNotFound(
      ServerCredentialsFromFiles("/nonexistent/cert.pem", "/nonexistent/key.pem", "", false)
          .status()));
}

TEST(TlsCredentialsTest, ChannelCredentialsFromFiles_CertWithoutKey_IsInvalidArgument) {
  char pattern[] = "/tmp/dangbo-auth-ca-XXXXXX";
  int fd = mkstemp(pattern);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(pattern) << "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";

  absl::Status status = ChannelCredentialsFromFiles(pattern, pattern, "").status();

  std::filesystem::remove(pattern);
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
}

}  // namespace
}  // namespace dangbo::auth
