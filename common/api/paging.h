// AIP-158 paging: page_size bounds and opaque page tokens bound to the query they came from.
#ifndef DANGBO_COMMON_API_PAGING_H_
#define DANGBO_COMMON_API_PAGING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace dangbo::api {

// 0 means the default; negative is INVALID_ARGUMENT; above `max` is clamped to `max` (AIP-158).
absl::StatusOr<int> PageSize(int32_t requested, int default_size, int max);

// A token carries the last key returned and a digest of the query, so a token used with a
// different filter is refused instead of silently paging another list.
std::string EncodePageToken(int64_t after_key, std::string_view query_digest);
// Empty token = first page = 0.
absl::StatusOr<int64_t> DecodePageToken(std::string_view token, std::string_view query_digest);

}  // namespace dangbo::api

#endif  // DANGBO_COMMON_API_PAGING_H_
