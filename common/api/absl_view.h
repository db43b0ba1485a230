// Debian's Abseil 20220623 keeps its own absl::string_view (ABSL_OPTION_USE_STD_STRING_VIEW 0),
// so a std::string_view must be converted before StrCat, SimpleAtoi, ConsumePrefix and friends.
#ifndef DANGBO_COMMON_API_ABSL_VIEW_H_
#define DANGBO_COMMON_API_ABSL_VIEW_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace dangbo {

inline absl::string_view AbslView(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

inline std::string_view StdView(absl::string_view text) {
  return std::string_view(text.data(), text.size());
}

}  // namespace dangbo

#endif  // DANGBO_COMMON_API_ABSL_VIEW_H_
