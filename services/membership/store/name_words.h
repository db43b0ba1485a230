// The words of a search key as member_name_words stores them; writes and searches must cut
// them the same way or a long word would never match.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_NAME_WORDS_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_NAME_WORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace dangbo::membership::internal {

// member_name_words.word is VARCHAR(64).
inline constexpr size_t kMaxNameWordCodePoints = 64;

// The distinct space-separated words of `name_key`, each cut to kMaxNameWordCodePoints code
// points, in first-seen order.
std::vector<std::string> NameWords(std::string_view name_key);

}  // namespace dangbo::membership::internal

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_NAME_WORDS_H_
