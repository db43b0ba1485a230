#include "common/api/paging.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/fingerprint.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"

namespace dangbo::api {
namespace {

std::string ShortDigest(std::string_view query_digest) {
  return Sha256Hex(query_digest).substr(0, 16);
}

}  // namespace

absl::StatusOr<int> PageSize(int32_t requested, int default_size, int max) {
  if (requested < 0) return status::InvalidField("page_size", "must not be negative");
  if (requested == 0) return default_size;
  return requested > max ? max : static_cast<int>(requested);
}

std::string EncodePageToken(int64_t after_key, std::string_view query_digest) {
  return absl::WebSafeBase64Escape(absl::StrCat("1:", after_key, ":", ShortDigest(query_digest)));
}

absl::StatusOr<int64_t> DecodePageToken(std::string_view token, std::string_view query_digest) {
  if (token.empty()) return 0;
  std::string raw;
  int64_t after_key = 0;
  if (!absl::WebSafeBase64Unescape(ToAbsl(token), &raw)) {
    return status::InvalidField("page_token", "is not a token this service issued");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(raw, ':');
  if (parts.size() != 3 || parts[0] != "1" || !absl::SimpleAtoi(parts[1], &after_key) ||
      after_key < 0) {
    return status::InvalidField("page_token", "is not a token this service issued");
  }
  if (parts[2] != ShortDigest(query_digest)) {
    return status::InvalidField("page_token", "belongs to a request with other filters");
  }
  return after_key;
}

}  // namespace dangbo::api
