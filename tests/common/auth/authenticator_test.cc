#include "common/auth/authenticator.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "common/auth/token_minter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_keys.h"

namespace dangbo::auth {
namespace {

using ::dangbo::auth::testing::GenerateKeyPair;
using ::dangbo::auth::testing::KeyPair;
using ::testing::UnorderedElementsAre;

constexpr char kIssuer[] = "dangbo-test";
constexpr char kAudience[] = "dangbo";
constexpr char kInspectionUri[] = "spiffe://dangbo/inspection";

const KeyPair& Key() {
  static const KeyPair* key = new KeyPair(GenerateKeyPair(Algorithm::kES256));
  return *key;
}

// AuthPropertyIterator's constructors are protected; nothing here iterates properties.
struct NoProperties : grpc::AuthPropertyIterator {
  NoProperties() = default;
};

// What gRPC's TLS layer reports about a peer, without a TLS connection.
class FakePeer : public grpc::AuthContext {
 public:
  FakePeer(bool authenticated, std::vector<std::string> uris)
      : authenticated_(authenticated), uris_(std::move(uris)) {}

  bool IsPeerAuthenticated() const override { return authenticated_; }
  std::vector<grpc::string_ref> GetPeerIdentity() const override { return {}; }
  std::string GetPeerIdentityPropertyName() const override { return ""; }
  std::vector<grpc::string_ref> FindPropertyValues(const std::string& name) const override {
    std::vector<grpc::string_ref> values;
    if (name == "peer_uri") {
      for (const std::string& uri : uris_) values.emplace_back(uri);
    }
    return values;
  }
  grpc::AuthPropertyIterator begin() const override { return NoProperties(); }
  grpc::AuthPropertyIterator end() const override { return NoProperties(); }
  void AddProperty(const std::string&, const grpc::string_ref&) override {}
  bool SetPeerIdentityPropertyName(const std::string&) override { return false; }

 private:
  bool authenticated_;
  std::vector<std::string> uris_;
};

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest() {
    TokenVerifierConfig config;
    config.public_key_pem = Key().public_pem;
    config.issuer = kIssuer;
    config.audience = kAudience;
    verifier_ = *TokenVerifier::Create(config);
  }

  AuthenticatorOptions Options() {
    AuthenticatorOptions options;
    options.verifier = verifier_;
    Principal inspection;
    inspection.subject = "inspection";
    inspection.roles = {Role::kService};
    inspection.scopes = {1};
    options.peer_identities[kInspectionUri] = inspection;
    return options;
  }

  std::string Token(std::string subject) {
    Claims claims;
    claims.subject = std::move(subject);
    claims.issuer = kIssuer;
    claims.audience = kAudience;
    claims.expires_at = absl::Now() + absl::Hours(1);
    claims.roles = {"reader"};
    claims.scopes = {5};
    return *MintToken({Key().private_pem, Algorithm::kES256}, claims);
  }

  // Keeps the header strings alive for the string_refs in the metadata.
  ClientMetadata Metadata(std::vector<std::pair<std::string, std::string>> headers) {
    headers_ = std::move(headers);
    ClientMetadata metadata;
    for (const auto& [key, value] : headers_) metadata.emplace(key, value);
    return metadata;
  }

  std::shared_ptr<TokenVerifier> verifier_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

TEST_F(AuthenticatorTest, Authenticate_ValidBearerToken_ReturnsItsPrincipal) {
  Authenticator authenticator(Options());

  absl::StatusOr<Principal> principal = authenticator.Authenticate(
      Metadata({{"authorization", "Bearer " + Token("alice")}}), nullptr);

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "alice");
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kReader));
}

TEST_F(AuthenticatorTest, Authenticate_LowercaseBearerScheme_IsAccepted) {
  Authenticator authenticator(Options());

  EXPECT_TRUE(
      authenticator.Authenticate(Metadata({{"authorization", "bearer " + Token("alice")}}), nullptr)
          .ok());
}

TEST_F(AuthenticatorTest, Authenticate_NoCredentials_IsUnauthenticated) {
  Authenticator authenticator(Options());

  EXPECT_TRUE(absl::IsUnauthenticated(authenticator.Authenticate(Metadata({}), nullptr).status()));
}

TEST_F(AuthenticatorTest, Authenticate_BasicCredential_IsUnauthenticated) {
  Authenticator authenticator(Options());

  EXPECT_TRUE(absl::IsUnauthenticated(
      authenticator.Authenticate(Metadata({{"authorization", "Basic YWxpY2U6cHc="}}), nullptr)
          .status()));
}

TEST_F(AuthenticatorTest, Authenticate_TwoAuthorizationHeaders_IsUnauthenticated) {
  Authenticator authenticator(Options());

  EXPECT_TRUE(absl::IsUnauthenticated(
      authenticator
          .Authenticate(Metadata({{"authorization", "Bearer " + Token("alice")},
                                  {"authorization", "Bearer " + Token("bob")}}),
                        nullptr)
          .status()));
}

TEST_F(AuthenticatorTest, Authenticate_InvalidTokenOverKnownPeer_IsUnauthenticated) {
  Authenticator authenticator(Options());
  FakePeer peer(/*authenticated=*/true, {kInspectionUri});

  EXPECT_TRUE(absl::IsUnauthenticated(
      authenticator.Authenticate(Metadata({{"authorization", "Bearer forged"}}), &peer).status()));
}

TEST_F(AuthenticatorTest, Authenticate_TokenWithoutVerifier_IsUnauthenticated) {
  AuthenticatorOptions options = Options();
  options.verifier = nullptr;
  Authenticator authenticator(std::move(options));

  EXPECT_TRUE(absl::IsUnauthenticated(
      authenticator.Authenticate(Metadata({{"authorization", "Bearer " + Token("alice")}}), nullptr)
          .status()));
}

TEST_F(AuthenticatorTest, Authenticate_KnownVerifiedPeerWithoutToken_IsServicePrincipal) {
  Authenticator authenticator(Options());
  FakePeer peer(/*authenticated=*/true, {"spiffe://dangbo/other", kInspectionUri});

  absl::StatusOr<Principal> principal = authenticator.Authenticate(Metadata({}), &peer);

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "inspection");
  EXPECT_TRUE(principal->is_service);
}

TEST_F(AuthenticatorTest, Authenticate_UnknownPeer_IsUnauthenticated) {
  Authenticator authenticator(Options());
  FakePeer peer(/*authenticated=*/true, {"spiffe://dangbo/unknown"});

  EXPECT_TRUE(absl::IsUnauthenticated(authenticator.Authenticate(Metadata({}), &peer).status()));
}

TEST_F(AuthenticatorTest, Authenticate_UnverifiedPeerClaimingKnownUri_IsUnauthenticated) {
  Authenticator authenticator(Options());
  FakePeer peer(/*authenticated=*/false, {kInspectionUri});

  EXPECT_TRUE(absl::IsUnauthenticated(authenticator.Authenticate(Metadata({}), &peer).status()));
}

TEST_F(AuthenticatorTest, Authenticate_InsecureDev_IsAdminWithPersonalDataEverywhere) {
  AuthenticatorOptions options = Options();
  options.insecure_dev = true;
  Authenticator authenticator(std::move(options));

  absl::StatusOr<Principal> principal = authenticator.Authenticate(Metadata({}), nullptr);

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kAdmin, Role::kPersonalData));
  EXPECT_TRUE(principal->unlimited_scope);
}

TEST_F(AuthenticatorTest, CallerForLog_TokenNotYetVerified_IsUnverified) {
  Authenticator authenticator(Options());

  EXPECT_EQ(authenticator.CallerForLog(Metadata({{"authorization", "Bearer " + Token("alice")}})),
            "unverified");
}

TEST_F(AuthenticatorTest, CallerForLog_AfterAuthentication_IsSubject) {
  Authenticator authenticator(Options());
  ClientMetadata metadata = Metadata({{"authorization", "Bearer " + Token("alice")}});
  ASSERT_TRUE(authenticator.Authenticate(metadata, nullptr).ok());

  EXPECT_EQ(authenticator.CallerForLog(metadata), "alice");
}

TEST_F(AuthenticatorTest, CallerForLog_NoToken_SaysSo) {
  Authenticator authenticator(Options());

  EXPECT_EQ(authenticator.CallerForLog(Metadata({})), "no-token");
}

}  // namespace
}  // namespace dangbo::auth
