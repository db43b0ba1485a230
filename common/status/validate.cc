#include "common/status/validate.h"

#include <cstdint>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"

namespace dangbo::status {
namespace {

// Decodes the code point starting at value[*pos] and advances *pos; nullopt on malformed,
// overlong or surrogate sequences.
std::optional<char32_t> NextCodePoint(std::string_view value, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(value[i]); };
  const uint8_t lead = byte(*pos);
  size_t length;
  char32_t cp;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (*pos + length > value.size()) return std::nullopt;
  for (size_t i = 1; i < length; ++i) {
    const uint8_t next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (next & 0x3F);
  }
  static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return std::nullopt;
  }
  *pos += length;
  return cp;
}

bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

absl::Status Validate(std::string_view field, std::string_view value, size_t max_chars,
                      bool required, bool multiline) {
  if (required && absl::StripAsciiWhitespace(ToAbsl(value)).empty()) {
    return InvalidField(field, "is required");
  }
  size_t chars = 0;
  size_t pos = 0;
  while (pos < value.size()) {
    const std::optional<char32_t> cp = NextCodePoint(value, &pos);
    if (!cp.has_value()) return InvalidField(field, "is not valid UTF-8");
    ++chars;
    const bool allowed_whitespace = multiline && (*cp == '\n' || *cp == '\r' || *cp == '\t');
    if (IsControl(*cp) && !allowed_whitespace) {
      return InvalidField(field, absl::StrFormat("must not contain control characters (U+%04X "
                                                 "at character %d)",
                                                 static_cast<uint32_t>(*cp), chars));
    }
  }
  if (chars > max_chars) {
    return InvalidField(
        field, absl::StrFormat("must be at most %d characters long (is %d)", max_chars, chars));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateText(std::string_view field, std::string_view value, size_t max_chars,
                          bool required) {
  return Validate(field, value, max_chars, required, /*multiline=*/false);
}

absl::Status ValidateMultilineText(std::string_view field, std::string_view value, size_t max_chars,
                                   bool required) {
  return Validate(field, value, max_chars, required, /*multiline=*/true);
}

}  // namespace dangbo::status
