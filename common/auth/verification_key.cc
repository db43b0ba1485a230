#include "common/auth/verification_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/pem.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"

namespace dangbo::auth {
namespace {

constexpr size_t kP256CoordinateBytes = 32;

// JOSE carries an ES256 signature as R || S (64 bytes); OpenSSL wants DER.
bool JoseToDer(const std::string& jose, std::string* der) {
  if (jose.size() != 2 * kP256CoordinateBytes) return false;
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> signature(ECDSA_SIG_new(), &ECDSA_SIG_free);
  const auto* bytes = reinterpret_cast<const unsigned char*>(jose.data());
  BIGNUM* r = BN_bin2bn(bytes, kP256CoordinateBytes, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + kP256CoordinateBytes, kP256CoordinateBytes, nullptr);
  if (signature == nullptr || r == nullptr || s == nullptr ||
      ECDSA_SIG_set0(signature.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  int length = i2d_ECDSA_SIG(signature.get(), nullptr);
  if (length <= 0) return false;
  der->resize(static_cast<size_t>(length));
  auto* out = reinterpret_cast<unsigned char*>(der->data());
  return i2d_ECDSA_SIG(signature.get(), &out) == length;
}

}  // namespace

absl::StatusOr<VerificationKey> VerificationKey::Parse(const std::string& pem,
                                                       Algorithm algorithm) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), pem.size()), &BIO_free);
  if (bio == nullptr) return absl::ResourceExhaustedError("cannot allocate a BIO");
  std::shared_ptr<EVP_PKEY> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                &EVP_PKEY_free);
  if (key == nullptr) return absl::InvalidArgumentError("token public key is not a PEM public key");
  switch (algorithm) {
    case Algorithm::kES256: {
      char group[64] = {};
      size_t group_length = 0;
      if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
          EVP_PKEY_get_group_name(key.get(), group, sizeof(group), &group_length) != 1 ||
          absl::string_view(group, group_length) != "prime256v1") {
        return absl::InvalidArgumentError("ES256 needs an EC P-256 public key");
      }
      break;
    }
    case Algorithm::kRS256:
      if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA || EVP_PKEY_get_bits(key.get()) < 2048) {
        return absl::InvalidArgumentError("RS256 needs an RSA public key of at least 2048 bits");
      }
      break;
  }
  return VerificationKey(std::move(key), algorithm);
}

bool VerificationKey::SignatureMatches(absl::string_view token) const {
  const size_t last_dot = token.rfind('.');
  if (last_dot == absl::string_view::npos) return false;
  const absl::string_view signing_input = token.substr(0, last_dot);
  std::string signature;
  if (!absl::WebSafeBase64Unescape(token.substr(last_dot + 1), &signature)) return false;
  if (algorithm_ == Algorithm::kES256) {
    std::string der;
    if (!JoseToDer(signature, &der)) return false;
    signature = std::move(der);
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  return context != nullptr &&
         EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

}  // namespace dangbo::auth
