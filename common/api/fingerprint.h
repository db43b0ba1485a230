// Stable digests of requests: idempotency keys must recognize "the same request" across
// restarts and releases, so this is a cryptographic hash of the deterministic encoding.
#ifndef DANGBO_COMMON_API_FINGERPRINT_H_
#define DANGBO_COMMON_API_FINGERPRINT_H_

#include <string>
#include <string_view>

#include "google/protobuf/message.h"

namespace dangbo::api {

std::string Sha256Hex(std::string_view bytes);

// Digest of `request` with its `request_id` field (if any) cleared.
std::string RequestFingerprint(const google::protobuf::Message& request);

}  // namespace dangbo::api

#endif  // DANGBO_COMMON_API_FINGERPRINT_H_
