// Etags of updatable resources: the row version, quoted as HTTP does ("\"7\"").
#ifndef DANGBO_COMMON_API_ETAG_H_
#define DANGBO_COMMON_API_ETAG_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace dangbo::api {

std::string Etag(int64_t version);

// An empty etag is INVALID_ARGUMENT naming `field`; one that is not ours is ABORTED like a
// stale one (ETAG_MISMATCH), since either way the caller must read the resource again.
absl::StatusOr<int64_t> ParseEtag(std::string_view field, std::string_view etag);

}  // namespace dangbo::api

#endif  // DANGBO_COMMON_API_ETAG_H_
