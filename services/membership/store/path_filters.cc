#include "services/membership/store/path_filters.h"

#include "absl/strings/str_cat.h"
#include "services/membership/domain/organization_rules.h"

namespace dangbo::membership::internal {

absl::Status AppendPathFilters(const std::string& subtree_column,
                               const std::optional<std::string>& subtree_path,
                               const std::string& scope_column,
                               const std::vector<std::string>& scope_paths, std::string& where,
                               BoundValues& values) {
  if (subtree_path.has_value()) {
    if (!IsWellFormedPath(*subtree_path)) {
      return absl::InvalidArgumentError(
          absl::StrCat("subtree_path: \"", *subtree_path, "\" is not of the form /id/.../"));
    }
    absl::StrAppend(&where, " AND ", subtree_column, " LIKE CONCAT(?, '%')");
    values.Add(*subtree_path);
  }
  if (!scope_paths.empty()) {
    absl::StrAppend(&where, " AND (");
    for (size_t i = 0; i < scope_paths.size(); ++i) {
      if (!IsWellFormedPath(scope_paths[i])) {
        return absl::InvalidArgumentError(
            absl::StrCat("scope_paths: \"", scope_paths[i], "\" is not of the form /id/.../"));
      }
      absl::StrAppend(&where, i == 0 ? "" : " OR ", scope_column, " LIKE CONCAT(?, '%')");
      values.Add(scope_paths[i]);
    }
    absl::StrAppend(&where, ")");
  }
  return absl::OkStatus();
}

}  // namespace dangbo::membership::internal
