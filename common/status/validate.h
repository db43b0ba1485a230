#ifndef DANGBO_COMMON_STATUS_VALIDATE_H_
#define DANGBO_COMMON_STATUS_VALIDATE_H_

// Checks for free-text request fields. proto3 already rejects invalid UTF-8 at parse, but lets
// NUL and other control characters through (design.md §3); they corrupt logs, CSV exports and
// comparisons, so they are refused at the API.

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace dangbo::status {

// OK, or INVALID_ARGUMENT naming `field` (with google.rpc.BadRequest) when `value`:
//   - is empty or only whitespace while `required`,
//   - is not valid UTF-8,
//   - contains a control character (U+0000..U+001F, U+007F, U+0080..U+009F),
//   - is longer than `max_chars` Unicode code points.
absl::Status ValidateText(std::string_view field, std::string_view value, size_t max_chars,
                          bool required);

// As ValidateText, but line feed, carriage return and tab are allowed: for notes, findings and
// conclusions that are written in paragraphs.
absl::Status ValidateMultilineText(std::string_view field, std::string_view value, size_t max_chars,
                                   bool required);

}  // namespace dangbo::status

#endif  // DANGBO_COMMON_STATUS_VALIDATE_H_
