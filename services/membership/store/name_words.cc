#include "services/membership/store/name_words.h"

#include <algorithm>

#include "absl/strings/str_split.h"

namespace dangbo::membership::internal {
namespace {

std::string CutToCodePoints(std::string_view word, size_t max_code_points) {
  size_t code_points = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    const bool starts_code_point = (static_cast<unsigned char>(word[i]) & 0xC0) != 0x80;
    if (starts_code_point && ++code_points > max_code_points) return std::string(word.substr(0, i));
  }
  return std::string(word);
}

}  // namespace

std::vector<std::string> NameWords(std::string_view name_key) {
  std::vector<std::string> words;
  for (absl::string_view part : absl::StrSplit(absl::string_view(name_key.data(), name_key.size()),
                                               ' ', absl::SkipEmpty())) {
    std::string word =
        CutToCodePoints(std::string_view(part.data(), part.size()), kMaxNameWordCodePoints);
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
  }
  return words;
}

}  // namespace dangbo::membership::internal
