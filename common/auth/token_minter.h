#ifndef DANGBO_COMMON_AUTH_TOKEN_MINTER_H_
#define DANGBO_COMMON_AUTH_TOKEN_MINTER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/jwt_codec.h"

namespace dangbo::auth {

// The claims dangbo tokens carry (design.md §6). Roles are the claim spellings ("admin",
// "personal_data", ...), kept as strings so a minter can issue roles a verifier may not know.
struct Claims {
  std::string subject;
  std::string issuer;
  std::string audience;
  absl::Time expires_at;
  std::optional<absl::Time> not_before;
  std::optional<absl::Time> issued_at;
  std::vector<std::string> roles;
  std::vector<int64_t> scopes;  // organization ids
  bool whole_tree = false;      // adds the "*" scope: every organization
};

// Signs `claims` for tests, scripts/dev-credentials and dangboctl. INVALID_ARGUMENT when a
// required claim (sub, iss, aud, exp) is empty or the key does not fit its algorithm.
absl::StatusOr<std::string> MintToken(const SigningKey& key, const Claims& claims);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_TOKEN_MINTER_H_
