// Debian's Abseil 20220623 has its own absl::string_view (ABSL_OPTION_USE_STD_STRING_VIEW 0),
// so std::string_view does not convert to what StrCat, StartsWith, ... take.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ABSL_VIEW_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ABSL_VIEW_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace dangbo::membership {

inline absl::string_view AbslView(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ABSL_VIEW_H_
