// The two signature checks separately: cpp-jwt behind VerifySignedPayload, and the pre-parsed
// VerificationKey that screens tokens before it. TokenVerifier runs both, so its tests alone
// would not show that each one refuses forgeries by itself.

#include "common/auth/jwt_codec.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/auth/verification_key.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/support/test_keys.h"

namespace dangbo::auth {
namespace {

using ::dangbo::auth::testing::Base64Url;
using ::dangbo::auth::testing::GenerateKeyPair;
using ::dangbo::auth::testing::KeyPair;
using ::testing::HasSubstr;

constexpr char kIssuer[] = "dangbo-test";
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

nlohmann::json Payload(absl::Duration expires_in = absl::Hours(1)) {
  return {{"sub", "alice"},
          {"iss", kIssuer},
          {"aud", kAudience},
          {"exp", absl::ToUnixSeconds(absl::Now() + expires_in)}};
}

std::string Sign(const nlohmann::json& payload, const KeyPair& key = EcKey(),
                 Algorithm algorithm = Algorithm::kES256) {
  return *SignPayload({key.private_pem, algorithm}, payload);
}

SignatureCheck Check() {
  SignatureCheck check;
  check.public_key_pem = EcKey().public_pem;
  check.algorithm = Algorithm::kES256;
  check.issuer = kIssuer;
  check.audience = kAudience;
  return check;
}

std::string WithPayload(const std::string& token, const nlohmann::json& payload) {
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  return absl::StrCat(parts[0], ".", Base64Url(payload.dump()), ".", parts[2]);
}

TEST(VerifySignedPayloadTest, VerifySignedPayload_GoodToken_ReturnsPayload) {
  absl::StatusOr<nlohmann::json> payload = VerifySignedPayload(Sign(Payload()), Check());

  ASSERT_TRUE(payload.ok()) << payload.status();
  EXPECT_EQ((*payload)["sub"], "alice");
}

TEST(VerifySignedPayloadTest, VerifySignedPayload_SignedByAnotherKey_IsBadSignature) {
  absl::Status status = VerifySignedPayload(Sign(Payload(), OtherEcKey()), Check()).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("bad signature"));
}

TEST(VerifySignedPayloadTest, VerifySignedPayload_TamperedPayload_IsBadSignature) {
  nlohmann::json escalated = Payload();
  escalated["sub"] = "mallory";

  absl::Status status =
      VerifySignedPayload(WithPayload(Sign(Payload()), escalated), Check()).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("bad signature"));
}

TEST(VerifySignedPayloadTest, VerifySignedPayload_Expired_IsExpired) {
  absl::Status status = VerifySignedPayload(Sign(Payload(-absl::Hours(1))), Check()).status();

  EXPECT_TRUE(absl::IsUnauthenticated(status));
  EXPECT_THAT(status.message(), HasSubstr("expired"));
}

TEST(VerifySignedPayloadTest, VerifySignedPayload_WrongIssuer_IsWrongIssuer) {
  nlohmann::json payload = Payload();
  payload["iss"] = "elsewhere";

  absl::Status status = VerifySignedPayload(Sign(payload), Check()).status();

  EXPECT_THAT(status.message(), HasSubstr("wrong issuer"));
}

TEST(VerificationKeyTest, SignatureMatches_OwnEs256Signature_IsTrue) {
  absl::StatusOr<VerificationKey> key =
      VerificationKey::Parse(EcKey().public_pem, Algorithm::kES256);
  ASSERT_TRUE(key.ok()) << key.status();

  EXPECT_TRUE(key->SignatureMatches(Sign(Payload())));
}

TEST(VerificationKeyTest, SignatureMatches_OwnRs256Signature_IsTrue) {
  absl::StatusOr<VerificationKey> key =
      VerificationKey::Parse(RsaKey().public_pem, Algorithm::kRS256);
  ASSERT_TRUE(key.ok()) << key.status();

  EXPECT_TRUE(key->SignatureMatches(Sign(Payload(), RsaKey(), Algorithm::kRS256)));
}

TEST(VerificationKeyTest, SignatureMatches_ForgedOrMalformed_IsFalse) {
  absl::StatusOr<VerificationKey> key =
      VerificationKey::Parse(EcKey().public_pem, Algorithm::kES256);
  ASSERT_TRUE(key.ok()) << key.status();
  std::string good = Sign(Payload());

  EXPECT_FALSE(key->SignatureMatches(Sign(Payload(), OtherEcKey())));
  EXPECT_FALSE(key->SignatureMatches(WithPayload(good, Payload(absl::Hours(2)))));
  EXPECT_FALSE(key->SignatureMatches(good.substr(0, good.rfind('.') + 1)));
  EXPECT_FALSE(key->SignatureMatches("no dots at all"));
}

TEST(VerificationKeyTest, Parse_RsaKeyForEs256_IsInvalidArgument) {
  EXPECT_TRUE(absl::IsInvalidArgument(
      VerificationKey::Parse(RsaKey().public_pem, Algorithm::kES256).status()));
}

}  // namespace
}  // namespace dangbo::auth
