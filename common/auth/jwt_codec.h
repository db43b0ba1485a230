#ifndef DANGBO_COMMON_AUTH_JWT_CODEC_H_
#define DANGBO_COMMON_AUTH_JWT_CODEC_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace dangbo::auth {

// The signature algorithms a deployment may pin. Symmetric algorithms are absent on purpose:
// every service holds the verification key, so none of them may be able to sign.
enum class Algorithm { kRS256, kES256 };

absl::string_view AlgorithmName(Algorithm algorithm);
std::optional<Algorithm> ParseAlgorithm(absl::string_view name);

struct SigningKey {
  std::string private_key_pem;
  Algorithm algorithm = Algorithm::kES256;
};

// What a signature check needs; claims beyond iss and aud are the caller's business.
struct SignatureCheck {
  std::string public_key_pem;
  Algorithm algorithm = Algorithm::kES256;
  std::string issuer;
  std::string audience;
  absl::Duration leeway = absl::ZeroDuration();
};

// Cheap checks before any signature work: three non-empty base64url segments, bounded size,
// and a header whose `alg` is exactly the pinned algorithm. UNAUTHENTICATED otherwise.
absl::Status CheckCompactForm(absl::string_view token, Algorithm pinned);

// Checks the compact serialization, that the header names exactly the pinned algorithm, the
// signature, `iss`, `aud`, and (against the system clock) `exp` and `nbf` when present; returns
// the payload. Errors are UNAUTHENTICATED with a reason that names no key material. This is
// the only place cpp-jwt is used: its header defines a non-inline function, so it may be
// included by one translation unit only.
absl::StatusOr<nlohmann::json> VerifySignedPayload(absl::string_view token,
                                                   const SignatureCheck& check);

// Signs `payload` as it stands (no claim is added or checked). MintToken is the usual entry;
// this one exists so tests can sign payloads a minter would refuse to build.
absl::StatusOr<std::string> SignPayload(const SigningKey& key, const nlohmann::json& payload);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_JWT_CODEC_H_
