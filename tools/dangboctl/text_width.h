#ifndef DANGBO_TOOLS_DANGBOCTL_TEXT_WIDTH_H_
#define DANGBO_TOOLS_DANGBOCTL_TEXT_WIDTH_H_

#include <string>

#include "absl/strings/string_view.h"

namespace dangbo::ctl {

// Terminal columns `text` occupies: Vietnamese names are multi-byte UTF-8, so bytes would
// misalign a table. One column per code point, none for combining marks and format characters
// (a decomposed "ễ" is three code points but one column), two for East Asian wide characters.
// A byte that is not valid UTF-8 counts as one column.
int DisplayWidth(absl::string_view text);

// `text` followed by spaces up to `width` columns.
std::string PadToWidth(absl::string_view text, int width);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_TEXT_WIDTH_H_
