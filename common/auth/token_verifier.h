#ifndef DANGBO_COMMON_AUTH_TOKEN_VERIFIER_H_
#define DANGBO_COMMON_AUTH_TOKEN_VERIFIER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/auth/jwt_codec.h"
#include "common/auth/principal.h"
#include "common/auth/verification_cache.h"
#include "common/auth/verification_key.h"

namespace dangbo::auth {

struct TokenVerifierConfig {
  std::string public_key_pem;
  Algorithm algorithm = Algorithm::kES256;  // the only algorithm accepted
  std::string issuer;
  std::string audience;
  absl::Duration leeway = absl::Seconds(30);  // clock skew allowed on exp and nbf
  // Verified tokens remembered until their exp; 0 turns the cache off (every call pays the
  // signature check, about 0.1 ms for ES256: see tests/common/auth/token_verifier_benchmark.cc).
  size_t cache_capacity = 10000;
};

// Turns bearer tokens into principals (design.md §6). A token is accepted only when it is a
// compact JWS signed with the pinned algorithm by the configured key, names the configured
// issuer and audience, carries `exp` and `sub`, and is inside its exp/nbf window. Thread-safe.
class TokenVerifier {
 public:
  using Clock = std::function<absl::Time()>;

  // INVALID_ARGUMENT when the key does not parse or does not fit the algorithm (ES256 needs a
  // P-256 key, RS256 an RSA key of at least 2048 bits), or issuer/audience are empty.
  static absl::StatusOr<std::unique_ptr<TokenVerifier>> Create(TokenVerifierConfig config,
                                                               Clock clock = &absl::Now);

  // The principal named by `token`, from the cache when this token was verified before and
  // has not expired. Errors are UNAUTHENTICATED.
  absl::StatusOr<Principal> Verify(absl::string_view token) const;

  // The principal of `token` only if it is already in the cache; never checks a signature.
  // For naming callers in logs cheaply.
  std::optional<Principal> PeekVerified(absl::string_view token) const;

 private:
  TokenVerifier(TokenVerifierConfig config, VerificationKey key, Clock clock);

  std::optional<Principal> PeekVerified(absl::string_view token, absl::Time now) const;
  absl::StatusOr<Principal> VerifyUncached(absl::string_view token, absl::Time now) const;

  const TokenVerifierConfig config_;
  const VerificationKey key_;
  const SignatureCheck check_;
  const Clock clock_;
  mutable VerificationCache cache_;
};

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_TOKEN_VERIFIER_H_
