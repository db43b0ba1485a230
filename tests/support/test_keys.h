#ifndef DANGBO_TESTS_SUPPORT_TEST_KEYS_H_
#define DANGBO_TESTS_SUPPORT_TEST_KEYS_H_

#include <string>

#include "common/auth/jwt_codec.h"

namespace dangbo::auth::testing {

struct KeyPair {
  std::string private_pem;  // PKCS#8
  std::string public_pem;   // SubjectPublicKeyInfo
};

// A fresh key pair made with OpenSSL in this process, so no private key lives in the tree.
// ES256 gives a P-256 key, RS256 a 2048-bit RSA key.
KeyPair GenerateKeyPair(Algorithm algorithm);

// Unpadded base64url, as in a compact JWT.
std::string Base64Url(const std::string& bytes);

}  // namespace dangbo::auth::testing

#endif  // DANGBO_TESTS_SUPPORT_TEST_KEYS_H_
