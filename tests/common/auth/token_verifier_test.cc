#include "common/auth/token_verifier.h"

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/auth/jwt_codec.h"
#include "common/auth/token_minter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/support/test_keys.h"

namespace dangbo::auth {
namespace {

using ::dangbo::auth::testing::Base64Url;
using ::dangbo::auth::testing::GenerateKeyPair;
using ::dangbo::auth::testing::KeyPair;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr char kIssuer[] = "https://id.dangbo.test";
constexpr char kAudience[] = "dangbo";

const KeyPair& EcKey() {
  static const KeyPair* key = new KeyPair(GenerateKeyPair(Algorithm::kES256));
  return *key;
}
const KeyPair& OtherEcKey() {
  static const KeyPair* key = new KeyPair(GenerateKeyPair(Algorithm::kES256));
  return *key;
}
const KeyPair& RsaKey() {
  static const KeyPair* key = new KeyPair(GenerateKeyPair(Algorithm::kRS256));
  return *key;
}

std::vector<std::string> Segments(const std::string& token) { return absl::StrSplit(token, '.'); }

std::string HmacSha256(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  size_t mac_length = 0;
  EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, sizeof(mac),
            &mac_length);
  return std::string(reinterpret_cast<char*>(mac), mac_length);
}

class TokenVerifierTest : public ::testing::Test {
 protected:
  TokenVerifierTest() : now_(absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()))) {}

  std::unique_ptr<TokenVerifier> MakeVerifier(Algorithm algorithm = Algorithm::kES256) {
    TokenVerifierConfig config;
    config.public_key_pem =
        algorithm == Algorithm::kES256 ? EcKey().public_pem : RsaKey().public_pem;
    config.algorithm = algorithm;
    config.issuer = kIssuer;
    config.audience = kAudience;
    config.leeway = absl::Seconds(30);
    absl::StatusOr<std::unique_ptr<TokenVerifier>> verifier =
        TokenVerifier::Create(config, [this] { return now_; });
    EXPECT_TRUE(verifier.ok()) << verifier.status();
    return *std::move(verifier);
  }

  Claims GoodClaims() const {
    Claims claims;
    claims.subject = "alice";
    claims.issuer = kIssuer;
    claims.audience = kAudience;
    claims.expires_at = now_ + absl::Hours(1);
    claims.issued_at = now_;
    claims.roles = {"organizer", "personal_data"};
    claims.scopes = {5, 23};
    return claims;
  }

  nlohmann::json GoodPayload() const {
    return {{"sub", "alice"},     {"iss", kIssuer},
            {"aud", kAudience},   {"exp", absl::ToUnixSeconds(now_ + absl::Hours(1))},
            {"roles", {"admin"}}, {"scopes", {1}}};
  }

  std::string Mint(const Claims& claims, const KeyPair& key = EcKey(),
                   Algorithm algorithm = Algorithm::kES256) {
    absl::StatusOr<std::string> token = MintToken({key.private_pem, algorithm}, claims);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.value_or("");
  }

  std::string Sign(const nlohmann::json& payload) {
    absl::StatusOr<std::string> token =
        SignPayload({EcKey().private_pem, Algorithm::kES256}, payload);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.value_or("");
  }

  absl::Time now_;
};

TEST_F(TokenVerifierTest, Verify_GoodToken_ReturnsSubjectRolesAndScopes) {
  absl::StatusOr<Principal> principal = MakeVerifier()->Verify(Mint(GoodClaims()));

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "alice");
  EXPECT_EQ(principal->issuer, kIssuer);
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kOrganizer, Role::kPersonalData));
  EXPECT_THAT(principal->scopes, ElementsAre(5, 23));
  EXPECT_FALSE(principal->is_service);
  EXPECT_FALSE(principal->unlimited_scope);
}

TEST_F(TokenVerifierTest, Verify_GoodRs256TokenWithRs256Pinned_IsAccepted) {
  std::string token = Mint(GoodClaims(), RsaKey(), Algorithm::kRS256);

  EXPECT_TRUE(MakeVerifier(Algorithm::kRS256)->Verify(token).ok());
}

TEST_F(TokenVerifierTest, Verify_ServiceRole_MarksPrincipalAsService) {
  Claims claims = GoodClaims();
  claims.roles = {"service"};

  absl::StatusOr<Principal> principal = MakeVerifier()->Verify(Mint(claims));

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->is_service);
}

TEST_F(TokenVerifierTest, Verify_ScopesAsNumericStrings_AreParsed) {
  nlohmann::json payload = GoodPayload();
  payload["scopes"] = {"7", 8};

  absl::StatusOr<Principal> principal = MakeVerifier()->Verify(Sign(payload));

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_THAT(principal->scopes, ElementsAre(7, 8));
}

TEST_F(TokenVerifierTest, Verify_WholeTreeScope_GivesUnlimitedScope) {
  Claims claims = GoodClaims();
  claims.scopes = {};
  claims.whole_tree = true;

  absl::StatusOr<Principal> principal = MakeVerifier()->Verify(Mint(claims));

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->unlimited_scope);
  EXPECT_TRUE(principal->scopes.empty());
}

TEST_F(TokenVerifierTest, Verify_OrganizationScopes_AreNotUnlimited) {
  absl::StatusOr<Principal> principal = MakeVerifier()->Verify(Mint(GoodClaims()));

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_FALSE(principal->unlimited_scope);
}

TEST_F(TokenVerifierTest, Verify_UnknownRole_IsIgnored) {
  Claims claims = GoodClaims();
  claims.roles = {"reader", "auditor"};

  absl::StatusOr<Principal> principal = MakeVerifier()->Verify(Mint(claims));

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kReader));
}

TEST_F(TokenVerifierTest, Verify_NonNumericScope_IsUnauthenticated) {
  nlohmann::json payload = GoodPayload();
  payload["scopes"] = {"5x"};

  EXPECT_TRUE(absl::IsUnauthenticated(MakeVerifier()->Verify(Sign(payload)).status()));
}

TEST_F(TokenVerifierTest, Verify_AlgNone_IsUnauthenticated) {
  std::string header = Base64Url(R"({"alg":"none","typ":"JWT"})");
  std::string payload = Base64Url(GoodPayload().dump());
  std::unique_ptr<TokenVerifier> verifier = MakeVerifier();

  EXPECT_TRUE(
      absl::IsUnauthenticated(verifier->Verify(absl::StrCat(header, ".", payload, ".")).status()));
  EXPECT_TRUE(absl::IsUnauthenticated(
      verifier->Verify(absl::StrCat(header, ".", payload, ".c2lnbmF0dXJl")).status()));
}

TEST_F(TokenVerifierTest, Verify_Hs256WithPublicKeyAsSecret_IsUnauthenticated) {
  std::string signing_input = absl::StrCat(Base64Url(R"({"alg":"HS256","typ":"JWT"})"), ".",
                                           Base64Url(GoodPayload().dump()));
  std::string forged =
      absl::StrCat(signing_input, ".", Base64Url(HmacSha256(EcKey().public_pem, signing_input)));

  absl::Status status = MakeVerifier()->Verify(forged).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("algorithm not accepted"));
}

TEST_F(TokenVerifierTest, Verify_Rs256TokenWhenEs256Pinned_IsUnauthenticated) {
  std::string token = Mint(GoodClaims(), RsaKey(), Algorithm::kRS256);

  EXPECT_TRUE(absl::IsUnauthenticated(MakeVerifier(Algorithm::kES256)->Verify(token).status()));
}

TEST_F(TokenVerifierTest, Verify_LowercaseAlgorithmName_IsUnauthenticated) {
  std::vector<std::string> parts = Segments(Mint(GoodClaims()));
  std::string token =
      absl::StrCat(Base64Url(R"({"alg":"es256","typ":"JWT"})"), ".", parts[1], ".", parts[2]);

  EXPECT_TRUE(absl::IsUnauthenticated(MakeVerifier()->Verify(token).status()));
}

TEST_F(TokenVerifierTest, Verify_SignedByAnotherKey_IsUnauthenticated) {
  std::string token = Mint(GoodClaims(), OtherEcKey());

  absl::Status status = MakeVerifier()->Verify(token).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("bad signature"));
}

TEST_F(TokenVerifierTest, Verify_TamperedPayload_IsUnauthenticated) {
  std::vector<std::string> parts = Segments(Mint(GoodClaims()));
  nlohmann::json escalated = GoodPayload();
  escalated["sub"] = "alice";
  escalated["roles"] = {"admin", "personal_data"};
  std::string token = absl::StrCat(parts[0], ".", Base64Url(escalated.dump()), ".", parts[2]);

  absl::Status status = MakeVerifier()->Verify(token).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("bad signature"));
}

TEST_F(TokenVerifierTest, Verify_Expired_IsUnauthenticated) {
  Claims claims = GoodClaims();
  claims.issued_at = now_ - absl::Hours(2);
  claims.expires_at = now_ - absl::Minutes(5);

  absl::Status status = MakeVerifier()->Verify(Mint(claims)).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("expired"));
}

TEST_F(TokenVerifierTest, Verify_ExpiredWithinLeeway_IsAccepted) {
  Claims claims = GoodClaims();
  claims.expires_at = now_ - absl::Seconds(10);

  EXPECT_TRUE(MakeVerifier()->Verify(Mint(claims)).ok());
}

TEST_F(TokenVerifierTest, Verify_MissingExp_IsUnauthenticated) {
  nlohmann::json payload = GoodPayload();
  payload.erase("exp");

  absl::Status status = MakeVerifier()->Verify(Sign(payload)).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("exp"));
}

TEST_F(TokenVerifierTest, Verify_NonIntegerExp_IsUnauthenticated) {
  nlohmann::json payload = GoodPayload();
  payload["exp"] = "soon";

  EXPECT_TRUE(absl::IsUnauthenticated(MakeVerifier()->Verify(Sign(payload)).status()));
}

TEST_F(TokenVerifierTest, Verify_WrongIssuer_IsUnauthenticated) {
  Claims claims = GoodClaims();
  claims.issuer = "https://evil.test";

  absl::Status status = MakeVerifier()->Verify(Mint(claims)).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("wrong issuer"));
}

TEST_F(TokenVerifierTest, Verify_WrongAudience_IsUnauthenticated) {
  Claims claims = GoodClaims();
  claims.audience = "another-system";

  absl::Status status = MakeVerifier()->Verify(Mint(claims)).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("wrong audience"));
}

TEST_F(TokenVerifierTest, Verify_MissingAudience_IsUnauthenticated) {
  nlohmann::json payload = GoodPayload();
  payload.erase("aud");

  EXPECT_TRUE(absl::IsUnauthenticated(MakeVerifier()->Verify(Sign(payload)).status()));
}

TEST_F(TokenVerifierTest, Verify_NotYetValid_IsUnauthenticated) {
  Claims claims = GoodClaims();
  claims.not_before = now_ + absl::Minutes(10);

  absl::Status status = MakeVerifier()->Verify(Mint(claims)).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("not yet valid"));
}

TEST_F(TokenVerifierTest, Verify_IssuedInTheFuture_IsUnauthenticated) {
  Claims claims = GoodClaims();
  claims.issued_at = now_ + absl::Minutes(10);

  EXPECT_TRUE(absl::IsUnauthenticated(MakeVerifier()->Verify(Mint(claims)).status()));
}

TEST_F(TokenVerifierTest, Verify_MissingSubject_IsUnauthenticated) {
  nlohmann::json payload = GoodPayload();
  payload.erase("sub");

  EXPECT_TRUE(absl::IsUnauthenticated(MakeVerifier()->Verify(Sign(payload)).status()));
}

TEST_F(TokenVerifierTest, Verify_Garbage_IsUnauthenticated) {
  std::unique_ptr<TokenVerifier> verifier = MakeVerifier();
  std::vector<std::string> parts = Segments(Mint(GoodClaims()));

  for (const std::string& garbage :
       {std::string(), std::string("abc"), std::string("a.b"), std::string("..."),
        absl::StrCat(parts[0], ".", parts[1], ".", parts[2], ".", parts[2]),
        absl::StrCat(parts[0], ".", parts[1], "!.", parts[2]),
        absl::StrCat(Base64Url("[1,2]"), ".", parts[1], ".", parts[2]),
        absl::StrCat(Base64Url(R"({"alg":7})"), ".", parts[1], ".", parts[2]),
        absl::StrCat(parts[0], ".", Base64Url("not json"), ".", parts[2]),
        std::string(10000, 'a') + ".b.c"}) {
    EXPECT_TRUE(absl::IsUnauthenticated(verifier->Verify(garbage).status())) << garbage;
  }
}

TEST_F(TokenVerifierTest, Verify_Rejection_DoesNotMentionKeyMaterial) {
  absl::Status status = MakeVerifier()->Verify(Mint(GoodClaims(), OtherEcKey())).status();

  EXPECT_THAT(status.message(), Not(HasSubstr("BEGIN")));
  // 20 characters of key body, just after "-----BEGIN PUBLIC KEY-----\n".
  EXPECT_THAT(status.message(), Not(HasSubstr(OtherEcKey().public_pem.substr(27, 20))));
}

TEST_F(TokenVerifierTest, Verify_RepeatedToken_IsServedFromCacheWithSamePrincipal) {
  std::unique_ptr<TokenVerifier> verifier = MakeVerifier();
  std::string token = Mint(GoodClaims());
  ASSERT_FALSE(verifier->PeekVerified(token).has_value());

  absl::StatusOr<Principal> first = verifier->Verify(token);
  std::optional<Principal> cached = verifier->PeekVerified(token);
  absl::StatusOr<Principal> second = verifier->Verify(token);

  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(cached.has_value());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*cached, *first);
  EXPECT_EQ(*second, *first);
}

TEST_F(TokenVerifierTest, Verify_CachedTokenAfterItsExp_IsUnauthenticated) {
  std::unique_ptr<TokenVerifier> verifier = MakeVerifier();
  Claims claims = GoodClaims();
  claims.expires_at = now_ + absl::Minutes(1);
  std::string token = Mint(claims);
  ASSERT_TRUE(verifier->Verify(token).ok());

  now_ += absl::Minutes(2);

  EXPECT_FALSE(verifier->PeekVerified(token).has_value());
  EXPECT_TRUE(absl::IsUnauthenticated(verifier->Verify(token).status()));
}

TEST_F(TokenVerifierTest, Verify_RejectedToken_IsNotCached) {
  std::unique_ptr<TokenVerifier> verifier = MakeVerifier();
  std::string token = Mint(GoodClaims(), OtherEcKey());

  ASSERT_FALSE(verifier->Verify(token).ok());

  EXPECT_FALSE(verifier->PeekVerified(token).has_value());
}

TEST_F(TokenVerifierTest, MintToken_Es256Signature_IsRawRAndSOf64Bytes) {
  std::string signature;

  ASSERT_TRUE(absl::WebSafeBase64Unescape(Segments(Mint(GoodClaims()))[2], &signature));

  EXPECT_EQ(signature.size(), 64u);  // JOSE form, what other JWT libraries produce and expect
}

TEST_F(TokenVerifierTest, MintToken_WithoutSubject_IsInvalidArgument) {
  Claims claims = GoodClaims();
  claims.subject.clear();

  EXPECT_TRUE(absl::IsInvalidArgument(
      MintToken({EcKey().private_pem, Algorithm::kES256}, claims).status()));
}

TEST_F(TokenVerifierTest, MintToken_RsaKeyForEs256_IsInvalidArgument) {
  EXPECT_TRUE(absl::IsInvalidArgument(
      MintToken({RsaKey().private_pem, Algorithm::kES256}, GoodClaims()).status()));
}

TokenVerifierConfig Config(std::string public_key_pem, std::string audience) {
  TokenVerifierConfig config;
  config.public_key_pem = std::move(public_key_pem);
  config.algorithm = Algorithm::kES256;
  config.issuer = kIssuer;
  config.audience = std::move(audience);
  return config;
}

TEST(TokenVerifierCreateTest, Create_RsaKeyWithEs256Pinned_IsInvalidArgument) {
  TokenVerifierConfig config = Config(RsaKey().public_pem, kAudience);

  EXPECT_TRUE(absl::IsInvalidArgument(TokenVerifier::Create(config).status()));
}

TEST(TokenVerifierCreateTest, Create_NotAPemKey_IsInvalidArgument) {
  TokenVerifierConfig config = Config("not a key", kAudience);

  EXPECT_TRUE(absl::IsInvalidArgument(TokenVerifier::Create(config).status()));
}

TEST(TokenVerifierCreateTest, Create_WithoutAudience_IsInvalidArgument) {
  TokenVerifierConfig config = Config(EcKey().public_pem, "");

  EXPECT_TRUE(absl::IsInvalidArgument(TokenVerifier::Create(config).status()));
}

}  // namespace
}  // namespace dangbo::auth
