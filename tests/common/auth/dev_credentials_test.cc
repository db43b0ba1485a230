// scripts/dev-credentials and dangbo-mint-token together, as the README's local run uses them.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/auth/token_verifier.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::auth {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

struct Outcome {
  int exit_code = -1;
  std::string output;
};

Outcome RunCommand(const std::string& command) {
  Outcome outcome;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return outcome;
  char buffer[4096];
  size_t read = 0;
  while ((read = fread(buffer, 1, sizeof(buffer), pipe)) > 0) outcome.output.append(buffer, read);
  int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

class DevCredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/dangbo-dev-credentials-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome DevCredentials(const std::string& args = "") {
    return RunCommand(absl::StrCat(DANGBO_DEV_CREDENTIALS, " ", args, " ", dir_));
  }
  Outcome MintToken(const std::string& args) {
    return RunCommand(
        absl::StrCat(DANGBO_MINT_TOKEN, " --key ", dir_, "/token-signing.key ", args));
  }

  std::string dir_;
};

TEST_F(DevCredentialsTest, DevCredentials_RunTwice_KeepsTheFirstKey) {
  ASSERT_EQ(DevCredentials().exit_code, 0);
  std::string first = Slurp(dir_ + "/token-signing.key");

  ASSERT_EQ(DevCredentials().exit_code, 0);

  EXPECT_FALSE(first.empty());
  EXPECT_EQ(Slurp(dir_ + "/token-signing.key"), first);
}

TEST_F(DevCredentialsTest, MintedToken_VerifiesWithThePublicKey) {
  ASSERT_EQ(DevCredentials().exit_code, 0);
  Outcome minted = MintToken(
      "--alg ES256 --iss dangbo-dev --aud dangbo --sub alice --roles admin,personal_data "
      "--scopes 1,5 --ttl 24h");
  ASSERT_EQ(minted.exit_code, 0);
  TokenVerifierConfig config;
  config.public_key_pem = Slurp(dir_ + "/token-signing.pub");
  config.issuer = "dangbo-dev";
  config.audience = "dangbo";
  absl::StatusOr<std::unique_ptr<TokenVerifier>> verifier = TokenVerifier::Create(config);
  ASSERT_TRUE(verifier.ok()) << verifier.status();

  absl::StatusOr<Principal> principal =
      (*verifier)->Verify(absl::StripAsciiWhitespace(minted.output));

  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "alice");
  EXPECT_THAT(principal->roles, UnorderedElementsAre(Role::kAdmin, Role::kPersonalData));
  EXPECT_THAT(principal->scopes, ElementsAre(1, 5));
}

TEST_F(DevCredentialsTest, MintToken_Rs256KeyFromDevCredentials_Verifies) {
  ASSERT_EQ(DevCredentials("--alg RS256").exit_code, 0);
  Outcome minted = MintToken("--alg RS256 --sub bob --ttl 1h");
  ASSERT_EQ(minted.exit_code, 0);
  TokenVerifierConfig config;
  config.public_key_pem = Slurp(dir_ + "/token-signing.pub");
  config.algorithm = Algorithm::kRS256;
  config.issuer = "dangbo-dev";
  config.audience = "dangbo";

  EXPECT_TRUE(
      (*TokenVerifier::Create(config))->Verify(absl::StripAsciiWhitespace(minted.output)).ok());
}

TEST_F(DevCredentialsTest, MintToken_NonNumericScope_FailsWithoutToken) {
  ASSERT_EQ(DevCredentials().exit_code, 0);

  Outcome minted = MintToken("--sub alice --scopes 1,five");

  EXPECT_NE(minted.exit_code, 0);
  EXPECT_EQ(minted.output, "");
}

}  // namespace
}  // namespace dangbo::auth
