#include "services/inspection/store/filter_sql.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/inspection/store/rows.h"

namespace dangbo::inspection::internal {

void FilterSql::Add(std::string clause, int64_t value) {
  clauses_.push_back(std::move(clause));
  values_.emplace_back(value);
}

void FilterSql::Add(std::string clause, absl::CivilDay value) {
  clauses_.push_back(std::move(clause));
  values_.emplace_back(value);
}

void FilterSql::Add(std::string clause, int64_t first, int64_t second) {
  clauses_.push_back(std::move(clause));
  values_.emplace_back(first);
  values_.emplace_back(second);
}

void FilterSql::Add(std::string clause) { clauses_.push_back(std::move(clause)); }

void FilterSql::In(const std::string& column, const std::vector<int64_t>& values) {
  if (values.empty()) return;
  clauses_.push_back(absl::StrCat(column, " IN ", InListPlaceholders(values.size())));
  const size_t padded = InListSize(values.size());
  for (size_t i = 0; i < padded; ++i) values_.emplace_back(values[std::min(i, values.size() - 1)]);
}

std::string FilterSql::Where() const {
  if (clauses_.empty()) return "";
  return absl::StrCat(" WHERE ", absl::StrJoin(clauses_, " AND "));
}

uint32_t FilterSql::Bind(sql::PreparedStatement& statement, uint32_t first) const {
  uint32_t parameter = first;
  for (const auto& value : values_) {
    if (const int64_t* number = std::get_if<int64_t>(&value)) {
      statement.setInt64(parameter++, *number);
    } else {
      statement.setString(parameter++, absl::FormatCivilTime(std::get<absl::CivilDay>(value)));
    }
  }
  return parameter;
}

}  // namespace dangbo::inspection::internal
