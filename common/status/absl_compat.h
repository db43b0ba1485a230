#ifndef DANGBO_COMMON_STATUS_ABSL_COMPAT_H_
#define DANGBO_COMMON_STATUS_ABSL_COMPAT_H_

// Debian's Abseil 20220623 is built with its own absl::string_view and absl::optional
// (ABSL_OPTION_USE_STD_STRING_VIEW 0), so std::string_view does not convert implicitly to what
// StrCat, StrJoin, StartsWith, ... take. The dangbo APIs speak std::string_view; this bridges.

#include <string_view>

#include "absl/strings/string_view.h"

namespace dangbo {

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

inline std::string_view FromAbsl(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

}  // namespace dangbo

#endif  // DANGBO_COMMON_STATUS_ABSL_COMPAT_H_
