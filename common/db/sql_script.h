#ifndef DANGBO_COMMON_DB_SQL_SCRIPT_H_
#define DANGBO_COMMON_DB_SQL_SCRIPT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace dangbo::db {

// Splits a migration file into statements at each `;` that lies outside quotes ('...', "...",
// `...`) and comments (`-- `, `#`, `/* */`), because the connector runs one statement per call.
// Statements are trimmed; pieces holding only whitespace and comments are dropped. Compound
// statements with `;` inside BEGIN ... END (procedures, triggers) are not supported.
// InvalidArgument for an unterminated quote or block comment.
absl::StatusOr<std::vector<std::string>> SplitSqlScript(std::string_view script);

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_SQL_SCRIPT_H_
