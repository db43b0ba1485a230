#include "services/inspection/store/sql_row.h"

#include "absl/time/clock.h"
#include "cppconn/datatype.h"

namespace dangbo::db {

absl::Time NowMicros() { return absl::FromUnixMicros(absl::ToUnixMicros(absl::Now())); }

std::string FormatSqlTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

std::string RowReader::String() {
  const uint32_t column = column_++;
  if (rs_.isNull(column)) return std::string();
  return rs_.getString(column).asStdString();
}

std::optional<int64_t> RowReader::OptionalInt64() {
  const uint32_t column = column_++;
  if (rs_.isNull(column)) return std::nullopt;
  return rs_.getInt64(column);
}

std::optional<int> RowReader::OptionalInt() {
  const uint32_t column = column_++;
  if (rs_.isNull(column)) return std::nullopt;
  return rs_.getInt(column);
}

std::optional<absl::CivilDay> RowReader::OptionalDate() {
  const uint32_t column = column_++;
  if (rs_.isNull(column)) return std::nullopt;
  absl::CivilDay day;
  if (!absl::ParseCivilTime(rs_.getString(column).asStdString(), &day)) return std::nullopt;
  return day;
}

absl::CivilDay RowReader::Date() { return OptionalDate().value_or(absl::CivilDay()); }

absl::Time RowReader::Time() {
  const uint32_t column = column_++;
  if (rs_.isNull(column)) return absl::InfinitePast();
  absl::Time t;
  std::string error;
  // %E*S accepts the fraction whether or not the server printed one.
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", rs_.getString(column).asStdString(),
                       absl::UTCTimeZone(), &t, &error)) {
    return absl::InfinitePast();
  }
  return t;
}

ParamBinder& ParamBinder::Int64(int64_t v) {
  statement_.setInt64(parameter_++, v);
  return *this;
}

ParamBinder& ParamBinder::Int(int v) {
  statement_.setInt(parameter_++, v);
  return *this;
}

ParamBinder& ParamBinder::Bool(bool v) {
  statement_.setBoolean(parameter_++, v);
  return *this;
}

ParamBinder& ParamBinder::String(const std::string& v) {
  statement_.setString(parameter_++, v);
  return *this;
}

ParamBinder& ParamBinder::OptionalInt64(const std::optional<int64_t>& v) {
  if (!v.has_value()) {
    statement_.setNull(parameter_++, sql::DataType::BIGINT);
    return *this;
  }
  return Int64(*v);
}

ParamBinder& ParamBinder::OptionalInt(const std::optional<int>& v) {
  if (!v.has_value()) {
    statement_.setNull(parameter_++, sql::DataType::INTEGER);
    return *this;
  }
  return Int(*v);
}

ParamBinder& ParamBinder::OptionalDate(const std::optional<absl::CivilDay>& v) {
  if (!v.has_value()) {
    statement_.setNull(parameter_++, sql::DataType::DATE);
    return *this;
  }
  return Date(*v);
}

ParamBinder& ParamBinder::Date(absl::CivilDay v) {
  statement_.setString(parameter_++, absl::FormatCivilTime(v));
  return *this;
}

ParamBinder& ParamBinder::Time(absl::Time v) {
  statement_.setString(parameter_++, FormatSqlTime(v));
  return *this;
}

}  // namespace dangbo::db
