// The WHERE clause of a list query built from a filter, with its values bound in the order the
// clause names them. Only constant column names enter the text; values are always bound.
#ifndef DANGBO_SERVICES_INSPECTION_STORE_FILTER_SQL_H_
#define DANGBO_SERVICES_INSPECTION_STORE_FILTER_SQL_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/civil_time.h"
#include "cppconn/prepared_statement.h"

namespace dangbo::inspection::internal {

class FilterSql {
 public:
  // `clause` holds one `?` per value, e.g. "year = ?".
  void Add(std::string clause, int64_t value);
  void Add(std::string clause, absl::CivilDay value);
  void Add(std::string clause, int64_t first, int64_t second);
  // A clause without values, e.g. "outcome = 0".
  void Add(std::string clause);
  // `column IN (…)`; nothing when `values` is empty (no restriction).
  void In(const std::string& column, const std::vector<int64_t>& values);
  template <typename Enum>
  void InEnums(const std::string& column, const std::vector<Enum>& values) {
    std::vector<int64_t> numbers;
    for (Enum v : values) numbers.push_back(static_cast<int64_t>(v));
    In(column, numbers);
  }

  // " WHERE a AND b", or "" without clauses.
  std::string Where() const;
  // Binds every value from parameter `first`; returns the next parameter index.
  uint32_t Bind(sql::PreparedStatement& statement, uint32_t first = 1) const;

 private:
  std::vector<std::string> clauses_;
  std::vector<std::variant<int64_t, absl::CivilDay>> values_;
};

}  // namespace dangbo::inspection::internal

#endif  // DANGBO_SERVICES_INSPECTION_STORE_FILTER_SQL_H_
