// Rows and parameters of Connector/C++ statements, read and bound left to right, and the SQL
// text pieces every store builds from constant column names. Shared by the services' stores.
#ifndef DANGBO_COMMON_DB_SQL_ROW_H_
#define DANGBO_COMMON_DB_SQL_ROW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/resultset.h"

namespace dangbo::db {

// SQL text built from constant column names (never from values): "a, b", "a = ?, b = ?",
// "?, ?".
std::string ColumnList(absl::Span<const char* const> columns);
std::string AssignmentList(absl::Span<const char* const> columns);
std::string Placeholders(size_t count);

// DATETIME(6) text as the server writes it, always UTC.
std::string FormatSqlTime(absl::Time t);
absl::Time ParseSqlTime(const std::string& text);

// The current instant rounded down to the microsecond a DATETIME(6) keeps, so that what a
// write returns equals what a later read returns.
absl::Time NowMicros();

// Reads the columns of the current row left to right.
class RowReader {
 public:
  explicit RowReader(const sql::ResultSet& rs, uint32_t first_column = 1)
      : rs_(rs), column_(first_column) {}

  int64_t Int64() { return rs_.getInt64(column_++); }
  int Int() { return rs_.getInt(column_++); }
  bool Bool() { return rs_.getBoolean(column_++); }
  std::string String();  // NULL reads as ""
  std::optional<int64_t> OptionalInt64();
  std::optional<int> OptionalInt();
  std::optional<absl::CivilDay> OptionalDate();
  absl::CivilDay Date();
  absl::Time Time();
  template <typename Enum>
  Enum EnumValue() {
    return static_cast<Enum>(Int());
  }
  void Skip() { ++column_; }

 private:
  const sql::ResultSet& rs_;
  uint32_t column_;
};

// Binds the parameters of a prepared statement left to right.
class ParamBinder {
 public:
  explicit ParamBinder(sql::PreparedStatement& statement, uint32_t first_parameter = 1)
      : statement_(statement), parameter_(first_parameter) {}

  ParamBinder& Int64(int64_t v);
  ParamBinder& Int(int v);
  ParamBinder& Bool(bool v);
  ParamBinder& String(const std::string& v);
  // Identity columns with a UNIQUE key store absence as NULL: two empty values never collide.
  ParamBinder& StringOrNull(const std::string& v);
  ParamBinder& OptionalInt64(const std::optional<int64_t>& v);
  ParamBinder& OptionalInt(const std::optional<int>& v);
  ParamBinder& OptionalDate(const std::optional<absl::CivilDay>& v);
  ParamBinder& Date(absl::CivilDay v);
  ParamBinder& Time(absl::Time v);
  // A FormatSqlTime() text, for binding one instant to many rows without formatting it again.
  ParamBinder& FormattedTime(const std::string& sql_time);
  template <typename Enum>
  ParamBinder& EnumValue(Enum v) {
    return Int(static_cast<int>(v));
  }

  uint32_t next_parameter() const { return parameter_; }

 private:
  sql::PreparedStatement& statement_;
  uint32_t parameter_;
};

// Values for a statement whose shape (and so its text) depends on a filter: collected while
// the WHERE clause is built, bound in the same order afterwards.
class BoundValues {
 public:
  void Add(int64_t v) { values_.emplace_back(v); }
  void Add(std::string v) { values_.emplace_back(std::move(v)); }
  void Add(absl::CivilDay v) { values_.emplace_back(v); }
  void BindTo(sql::PreparedStatement& statement) const;

 private:
  std::vector<std::variant<int64_t, std::string, absl::CivilDay>> values_;
};

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_SQL_ROW_H_
