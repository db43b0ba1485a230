#include "tests/support/test_keys.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>

#include "absl/strings/escaping.h"

namespace dangbo::auth::testing {
namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

std::string Drain(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

KeyPair GenerateKeyPair(Algorithm algorithm) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      algorithm == Algorithm::kES256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                     : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}),
      &EVP_PKEY_free);
  if (key == nullptr) throw std::runtime_error("key generation failed");
  Bio private_bio(BIO_new(BIO_s_mem()), &BIO_free);
  Bio public_bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (PEM_write_bio_PrivateKey(private_bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                               nullptr) != 1 ||
      PEM_write_bio_PUBKEY(public_bio.get(), key.get()) != 1) {
    throw std::runtime_error("PEM encoding failed");
  }
  return {Drain(private_bio.get()), Drain(public_bio.get())};
}

std::string Base64Url(const std::string& bytes) {
  std::string encoded;
  absl::WebSafeBase64Escape(bytes, &encoded);
  return encoded;
}

}  // namespace dangbo::auth::testing
