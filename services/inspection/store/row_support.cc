#include <bit>
#include <memory>

#include "absl/strings/str_cat.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/rows.h"

namespace dangbo::inspection::internal {

int64_t LastInsertId(db::Session& session) {
  sql::PreparedStatement& statement = session.Prepare("SELECT LAST_INSERT_ID()");
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  rs->next();
  return rs->getInt64(1);
}

absl::Status StaleVersionError(const std::string& resource, int64_t stored, int64_t given) {
  return absl::AbortedError(absl::StrCat("etag: ", resource, " changed since it was read (version ",
                                         given, ", now ", stored, ")"));
}

size_t InListSize(size_t count) { return count <= 1 ? 1 : std::bit_ceil(count); }

std::string InListPlaceholders(size_t count) {
  std::string out = "(?";
  for (size_t i = 1; i < InListSize(count); ++i) out += ", ?";
  out += ")";
  return out;
}

}  // namespace dangbo::inspection::internal
