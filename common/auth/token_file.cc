#include "common/auth/token_file.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace dangbo::auth {

absl::StatusOr<std::string> ReadTokenFile(const std::string& path) {
  std::string file = path;
  if (file.empty()) {
    if (const char* env = std::getenv("DANGBO_TOKEN_FILE"); env != nullptr) file = env;
  }
  if (file.empty()) return std::string();
  std::ifstream in(file);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read token file ", file));
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(text.str()));
}

}  // namespace dangbo::auth
