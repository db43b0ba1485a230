// dangbo-mint-token: signs a dangbo bearer token with a private key from
// scripts/dev-credentials, for local runs and scripts.
//
//   dangbo-mint-token --key dev/token-signing.key --alg ES256 --iss dangbo-dev
//       --aud dangbo --sub alice --roles admin,personal_data --scopes 1 --ttl 24h

#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/auth/token_minter.h"

ABSL_FLAG(std::string, key, "", "PEM file of the private signing key");
ABSL_FLAG(std::string, alg, "ES256", "signature algorithm: ES256 or RS256");
ABSL_FLAG(std::string, iss, "dangbo-dev", "issuer claim");
ABSL_FLAG(std::string, aud, "dangbo", "audience claim");
ABSL_FLAG(std::string, sub, "", "subject claim: who the token is for");
ABSL_FLAG(std::vector<std::string>, roles, {}, "comma-separated roles, e.g. admin,personal_data");
ABSL_FLAG(std::vector<std::string>, scopes, {},
          "comma-separated organization ids, or * for the whole tree");
ABSL_FLAG(absl::Duration, ttl, absl::Hours(1), "lifetime of the token, e.g. 30m or 24h");

namespace {

int Fail(absl::string_view message) {
  std::cerr << "dangbo-mint-token: " << message << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Prints a signed dangbo bearer token on stdout.");
  absl::ParseCommandLine(argc, argv);

  std::optional<dangbo::auth::Algorithm> algorithm =
      dangbo::auth::ParseAlgorithm(absl::GetFlag(FLAGS_alg));
  if (!algorithm) return Fail("--alg must be ES256 or RS256");
  if (absl::GetFlag(FLAGS_key).empty()) return Fail("--key is required");
  if (absl::GetFlag(FLAGS_sub).empty()) return Fail("--sub is required");
  if (absl::GetFlag(FLAGS_ttl) <= absl::ZeroDuration()) return Fail("--ttl must be positive");

  std::ifstream key_file(absl::GetFlag(FLAGS_key));
  if (!key_file) return Fail("cannot open the --key file");
  std::ostringstream key_pem;
  key_pem << key_file.rdbuf();

  dangbo::auth::Claims claims;
  claims.subject = absl::GetFlag(FLAGS_sub);
  claims.issuer = absl::GetFlag(FLAGS_iss);
  claims.audience = absl::GetFlag(FLAGS_aud);
  const absl::Time now = absl::Now();
  claims.issued_at = now;
  claims.expires_at = now + absl::GetFlag(FLAGS_ttl);
  claims.roles = absl::GetFlag(FLAGS_roles);
  for (const std::string& scope : absl::GetFlag(FLAGS_scopes)) {
    if (scope == dangbo::auth::kWholeTreeScope) {
      claims.whole_tree = true;
      continue;
    }
    int64_t id = 0;
    if (!absl::SimpleAtoi(scope, &id) || id <= 0) {
      return Fail("--scopes must list positive organization ids or *");
    }
    claims.scopes.push_back(id);
  }

  absl::StatusOr<std::string> token = dangbo::auth::MintToken({key_pem.str(), *algorithm}, claims);
  if (!token.ok()) return Fail(token.status().message());
  std::cout << *token << "\n";
  return 0;
}
