#include "common/auth/token_minter.h"

#include "absl/status/status.h"
#include "common/auth/principal.h"
#include "nlohmann/json.hpp"

namespace dangbo::auth {

absl::StatusOr<std::string> MintToken(const SigningKey& key, const Claims& claims) {
  if (claims.subject.empty()) return absl::InvalidArgumentError("claims.subject must be set");
  if (claims.issuer.empty()) return absl::InvalidArgumentError("claims.issuer must be set");
  if (claims.audience.empty()) return absl::InvalidArgumentError("claims.audience must be set");
  if (claims.expires_at == absl::Time() || claims.expires_at == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError("claims.expires_at must be set");
  }
  nlohmann::json payload = {
      {"sub", claims.subject},  {"iss", claims.issuer},
      {"aud", claims.audience}, {"exp", absl::ToUnixSeconds(claims.expires_at)},
      {"roles", claims.roles},  {"scopes", claims.scopes},
  };
  if (claims.whole_tree) payload["scopes"].push_back(kWholeTreeScope);
  if (claims.not_before) payload["nbf"] = absl::ToUnixSeconds(*claims.not_before);
  if (claims.issued_at) payload["iat"] = absl::ToUnixSeconds(*claims.issued_at);
  return SignPayload(key, payload);
}

}  // namespace dangbo::auth
