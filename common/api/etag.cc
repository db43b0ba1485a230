#include "common/api/etag.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"

namespace dangbo::api {

std::string Etag(int64_t version) { return absl::StrCat("\"", version, "\""); }

absl::StatusOr<int64_t> ParseEtag(std::string_view field, std::string_view etag) {
  if (etag.empty()) return status::InvalidField(field, "required");
  int64_t version = 0;
  if (etag.size() < 3 || etag.front() != '"' || etag.back() != '"' ||
      !absl::SimpleAtoi(ToAbsl(etag.substr(1, etag.size() - 2)), &version)) {
    return status::WithErrorInfo(
        absl::AbortedError(
            absl::StrCat(ToAbsl(field), ": does not match the resource's current etag")),
        status::kReasonEtagMismatch);
  }
  return version;
}

}  // namespace dangbo::api
