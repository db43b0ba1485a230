// WHERE clauses restricting rows to subtrees of the organization tree.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_PATH_FILTERS_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_PATH_FILTERS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/membership/store/sql_values.h"

namespace dangbo::membership::internal {

// Appends " AND <column> LIKE CONCAT(?, '%')" for `subtree_path` and one OR-group for
// `scope_paths` (the caller's scopes; empty = unrestricted). Every path must be closed by '/'
// and hold only decimal ids: then LIKE matches whole elements ("/1/5/" never "/1/55/") and no
// wildcard can slip in. INVALID_ARGUMENT naming the field otherwise.
absl::Status AppendPathFilters(const std::string& subtree_column,
                               const std::optional<std::string>& subtree_path,
                               const std::string& scope_column,
                               const std::vector<std::string>& scope_paths, std::string& where,
                               BoundValues& values);

}  // namespace dangbo::membership::internal

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_PATH_FILTERS_H_
