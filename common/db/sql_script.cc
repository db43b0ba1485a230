#include "common/db/sql_script.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace dangbo::db {
namespace {

bool IsSpace(char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }

// MySQL treats `--` as a comment only when whitespace or the end of input follows, so that
// `1--1` stays arithmetic.
bool StartsDashComment(std::string_view s, size_t i) {
  return s.substr(i, 2) == "--" && (i + 2 == s.size() || IsSpace(s[i + 2]));
}

class Splitter {
 public:
  explicit Splitter(std::string_view script) : s_(script) {}

  absl::StatusOr<std::vector<std::string>> Run() {
    size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '\'' || c == '"' || c == '`') {
        const size_t end = SkipQuoted(i);
        if (end == std::string_view::npos) {
          return absl::InvalidArgumentError(absl::StrCat("unterminated ", std::string(1, c),
                                                         " quote starting at line ", LineOf(i)));
        }
        i = end;
      } else if (c == '#' || StartsDashComment(s_, i)) {
        const size_t eol = s_.find('\n', i);
        i = eol == std::string_view::npos ? s_.size() : eol + 1;
      } else if (s_.substr(i, 2) == "/*") {
        const size_t close = s_.find("*/", i + 2);
        if (close == std::string_view::npos) {
          return absl::InvalidArgumentError(
              absl::StrCat("unterminated /* comment starting at line ", LineOf(i)));
        }
        i = close + 2;
      } else if (c == ';') {
        Emit(i);
        ++i;
        start_ = i;
      } else {
        has_code_ |= !IsSpace(c);
        ++i;
      }
    }
    Emit(s_.size());
    return std::move(statements_);
  }

 private:
  // Returns the index just past the closing quote, or npos. Backslash escapes and doubled
  // quotes both keep the string open (the latter as two adjacent strings, which is the same).
  size_t SkipQuoted(size_t open) {
    has_code_ = true;
    const char quote = s_[open];
    for (size_t i = open + 1; i < s_.size(); ++i) {
      if (s_[i] == '\\' && quote != '`') {
        ++i;
      } else if (s_[i] == quote) {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }

  void Emit(size_t end) {
    if (has_code_) {
      const std::string_view piece = s_.substr(start_, end - start_);
      statements_.emplace_back(
          absl::StripAsciiWhitespace(absl::string_view(piece.data(), piece.size())));
    }
    has_code_ = false;
  }

  int LineOf(size_t pos) const {
    int line = 1;
    for (size_t i = 0; i < pos; ++i) line += s_[i] == '\n';
    return line;
  }

  std::string_view s_;
  size_t start_ = 0;
  bool has_code_ = false;
  std::vector<std::string> statements_;
};

}  // namespace

absl::StatusOr<std::vector<std::string>> SplitSqlScript(std::string_view script) {
  return Splitter(script).Run();
}

}  // namespace dangbo::db
