// Positional reading and binding of columns over Connector/C++, so that a row mapping is one
// list of fields in the order of its column list and the NULL conventions live in one place.
//
// Generic (no inspection type): written to move to common/db/ as the one shared version of
// membership's store/sql_values.h, which does the same for membership.
#ifndef DANGBO_SERVICES_INSPECTION_STORE_SQL_ROW_H_
#define DANGBO_SERVICES_INSPECTION_STORE_SQL_ROW_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/resultset.h"

namespace dangbo::db {

// The current instant rounded down to the microsecond a DATETIME(6) keeps, so that what a
// write returns equals what a later read returns.
absl::Time NowMicros();

// DATETIME(6) text in UTC (every connection runs with time_zone UTC).
std::string FormatSqlTime(absl::Time t);

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
  absl::CivilDay Date();  // NULL reads as 1970-01-01
  absl::Time Time();      // NULL reads as InfinitePast
  template <typename Enum>
  Enum EnumValue() {
    return static_cast<Enum>(Int());
  }

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
  ParamBinder& OptionalInt64(const std::optional<int64_t>& v);
  ParamBinder& OptionalInt(const std::optional<int>& v);
  ParamBinder& OptionalDate(const std::optional<absl::CivilDay>& v);
  ParamBinder& Date(absl::CivilDay v);
  ParamBinder& Time(absl::Time v);
  template <typename Enum>
  ParamBinder& EnumValue(Enum v) {
    return Int(static_cast<int>(v));
  }

 private:
  sql::PreparedStatement& statement_;
  uint32_t parameter_;
};

}  // namespace dangbo::db

#endif  // DANGBO_SERVICES_INSPECTION_STORE_SQL_ROW_H_
