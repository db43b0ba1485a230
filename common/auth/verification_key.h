#ifndef DANGBO_COMMON_AUTH_VERIFICATION_KEY_H_
#define DANGBO_COMMON_AUTH_VERIFICATION_KEY_H_

#include <openssl/evp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/jwt_codec.h"

namespace dangbo::auth {

// The token public key, parsed once. cpp-jwt parses the PEM text again on every call, and
// with OpenSSL 3 that parse costs about three times the signature check itself; checking the
// signature here first lets a flood of forged tokens be refused at the cheaper price. cpp-jwt
// still checks every token that passes.
class VerificationKey {
 public:
  // INVALID_ARGUMENT unless `pem` is a public key fitting `algorithm`: a P-256 key for ES256,
  // an RSA key of at least 2048 bits for RS256.
  static absl::StatusOr<VerificationKey> Parse(const std::string& pem, Algorithm algorithm);

  // Whether the third segment of the compact JWS `token` is a valid signature of the first two
  // under this key. False for anything malformed.
  bool SignatureMatches(absl::string_view token) const;

 private:
  VerificationKey(std::shared_ptr<EVP_PKEY> key, Algorithm algorithm)
      : key_(std::move(key)), algorithm_(algorithm) {}

  std::shared_ptr<EVP_PKEY> key_;  // shared: read-only after parsing, safe across threads
  Algorithm algorithm_;
};

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_VERIFICATION_KEY_H_
