#include "services/membership/domain/names.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"

namespace dangbo::membership {
namespace {

bool IsForbidden(UChar32 c) {
  const int8_t type = u_charType(c);
  // Tab and newline count as white space to collapse, not as forbidden controls.
  if (c == '\t' || c == '\n' || c == '\r') return false;
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_UNASSIGNED ||
         type == U_PRIVATE_USE_CHAR || type == U_SURROGATE;
}

// Strict decoding: ICU's fromUTF8 would silently substitute U+FFFD.
bool DecodeUtf8(std::string_view text, icu::UnicodeString& out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
    out.append(c);
  }
  return true;
}

icu::UnicodeString CollapseWhitespace(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(static_cast<UChar>(' '));
    pending_space = false;
    out.append(c);
  }
  return out;
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

absl::StatusOr<std::string> NormalizeName(std::string_view field, std::string_view text,
                                          int max_code_points) {
  icu::UnicodeString decoded;
  if (!DecodeUtf8(text, decoded)) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), ": not valid UTF-8"));
  }
  for (int32_t i = 0; i < decoded.length();) {
    const UChar32 c = decoded.char32At(i);
    if (IsForbidden(c)) {
      return absl::InvalidArgumentError(
          absl::StrCat(ToAbsl(field), ": contains a control or format character (U+",
                       absl::AsciiStrToUpper(absl::StrCat(absl::Hex(c, absl::kZeroPad4))), ")"));
    }
    i += U16_LENGTH(c);
  }
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_FAILURE(error)) return absl::InternalError("ICU NFC normalizer is unavailable");
  const icu::UnicodeString normalized = nfc->normalize(CollapseWhitespace(decoded), error);
  if (U_FAILURE(error)) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), ": cannot be normalized"));
  }
  if (normalized.isEmpty())
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), ": required"));
  const int32_t code_points = normalized.countChar32();
  if (code_points > max_code_points) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(field), ": ", code_points, " characters, at most ", max_code_points));
  }
  return ToUtf8(normalized);
}

std::string SearchKey(std::string_view text) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_FAILURE(error)) return absl::AsciiStrToLower(ToAbsl(text));
  const icu::UnicodeString decomposed = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size())), error);
  if (U_FAILURE(error)) return absl::AsciiStrToLower(ToAbsl(text));
  icu::UnicodeString folded;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    // Tone and vowel marks decompose into combining marks; đ has no decomposition.
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111 || c == 0x0110) c = 'd';
    folded.append(c);
  }
  folded.foldCase();
  return ToUtf8(CollapseWhitespace(folded));
}

absl::Status CheckCitizenId(std::string_view citizen_id) {
  if (citizen_id.size() != 12 || !std::all_of(citizen_id.begin(), citizen_id.end(),
                                              [](char c) { return absl::ascii_isdigit(c); })) {
    return absl::InvalidArgumentError("citizen_id: exactly 12 digits are required");
  }
  return absl::OkStatus();
}

absl::Status CheckPartyCardNumber(std::string_view number, int min_digits, int max_digits) {
  const int length = static_cast<int>(number.size());
  if (length < min_digits || length > max_digits ||
      !std::all_of(number.begin(), number.end(), [](char c) { return absl::ascii_isdigit(c); })) {
    return absl::InvalidArgumentError(absl::StrCat("party_card_number: ", min_digits, " to ",
                                                   max_digits, " digits are required"));
  }
  return absl::OkStatus();
}

}  // namespace dangbo::membership
