// Names and identifiers as people type them: normalized for storage, folded for search.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_NAMES_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_NAMES_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dangbo::membership {

inline constexpr int kDefaultMaxNameCodePoints = 200;

// NFC, trimmed, runs of white space collapsed to one space. INVALID_ARGUMENT naming `field`
// for invalid UTF-8, control or format characters (proto3 lets NUL and controls through),
// an empty result, or more than `max_code_points` code points. NFC matters because MariaDB
// compares the NFC and NFD spellings of "Nguyễn" as different strings (design.md §3).
absl::StatusOr<std::string> NormalizeName(std::string_view field, std::string_view text,
                                          int max_code_points = kDefaultMaxNameCodePoints);

// Lower case, Vietnamese diacritics removed (đ/Đ → d), white space collapsed: "Nguyễn Văn
// Đức" and "nguyen van duc" share the key. Invalid UTF-8 is replaced, never an error, since
// the key only ranks search results.
std::string SearchKey(std::string_view text);

// Căn cước công dân: exactly 12 ASCII digits.
absl::Status CheckCitizenId(std::string_view citizen_id);

// Party card number: ASCII digits only, between `min_digits` and `max_digits` long
// (MembershipRules::party_card_*). Callers skip the check when no card has been issued yet.
absl::Status CheckPartyCardNumber(std::string_view number, int min_digits, int max_digits);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_NAMES_H_
