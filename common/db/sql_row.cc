#include "common/db/sql_row.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "cppconn/datatype.h"

namespace dangbo::db {

std::string ColumnList(absl::Span<const char* const> columns) {
  return absl::StrJoin(columns, ", ");
}

std::string AssignmentList(absl::Span<const char* const> columns) {
  return absl::StrJoin(columns, ", ", [](std::string* out, const char* column) {
    absl::StrAppend(out, column, " = ?");
  });
}

std::string Placeholders(size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

std::string FormatSqlTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

namespace {

bool ParseDigits(const std::string& text, size_t pos, size_t count, int64_t& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// "YYYY-MM-DD HH:MM:SS[.ffffff]" by hand: member reads parse two of these per row on the hot
// path, where absl::ParseTime's general format machinery costs more than the rest of the row.
bool ParseDatetime6(const std::string& text, absl::Time& out) {
  int64_t y, mo, d, h, mi, s, micros = 0;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':' || !ParseDigits(text, 0, 4, y) || !ParseDigits(text, 5, 2, mo) ||
      !ParseDigits(text, 8, 2, d) || !ParseDigits(text, 11, 2, h) ||
      !ParseDigits(text, 14, 2, mi) || !ParseDigits(text, 17, 2, s)) {
    return false;
  }
  if (text.size() > 19) {
    const size_t digits = text.size() - 20;
    if (text[19] != '.' || digits == 0 || digits > 6 || !ParseDigits(text, 20, digits, micros)) {
      return false;
    }
    for (size_t i = digits; i < 6; ++i) micros *= 10;
  }
  out = absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone()) +
        absl::Microseconds(micros);
  return true;
}

// "YYYY-MM-DD" by hand, for the same reason: a member row holds four dates. Only a real
// calendar day is accepted here; anything else goes to absl::ParseCivilTime as before.
bool ParseDate(const std::string& text, absl::CivilDay& out) {
  int64_t y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text, 0, 4, y) ||
      !ParseDigits(text, 5, 2, m) || !ParseDigits(text, 8, 2, d)) {
    return false;
  }
  const absl::CivilDay day(y, m, d);
  if (day.year() != y || day.month() != m || day.day() != d) return false;  // not normalized
  out = day;
  return true;
}

}  // namespace

absl::Time ParseSqlTime(const std::string& text) {
  absl::Time t;
  if (ParseDatetime6(text, t)) return t;
  std::string error;
  // %E*S accepts the fraction whether or not the server printed one.
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", text, absl::UTCTimeZone(), &t, &error)) {
    return absl::InfinitePast();
  }
  return t;
}

absl::Time NowMicros() { return absl::FromUnixMicros(absl::ToUnixMicros(absl::Now())); }

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
  const sql::SQLString text = rs_.getString(column);
  absl::CivilDay day;
  if (ParseDate(text.asStdString(), day)) return day;
  if (!absl::ParseCivilTime(text.asStdString(), &day)) return std::nullopt;
  return day;
}

absl::CivilDay RowReader::Date() { return OptionalDate().value_or(absl::CivilDay()); }

absl::Time RowReader::Time() {
  const uint32_t column = column_++;
  if (rs_.isNull(column)) return absl::InfinitePast();
  return ParseSqlTime(rs_.getString(column).asStdString());
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

ParamBinder& ParamBinder::StringOrNull(const std::string& v) {
  if (v.empty()) {
    statement_.setNull(parameter_++, sql::DataType::VARCHAR);
    return *this;
  }
  return String(v);
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
  statement_.setDateTime(parameter_++, absl::FormatCivilTime(v));
  return *this;
}

ParamBinder& ParamBinder::Time(absl::Time v) {
  statement_.setDateTime(parameter_++, FormatSqlTime(v));
  return *this;
}

ParamBinder& ParamBinder::FormattedTime(const std::string& sql_time) {
  statement_.setDateTime(parameter_++, sql_time);
  return *this;
}

void BoundValues::BindTo(sql::PreparedStatement& statement) const {
  ParamBinder binder(statement);
  for (const auto& value : values_) {
    if (const auto* i = std::get_if<int64_t>(&value)) {
      binder.Int64(*i);
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      binder.String(*s);
    } else {
      binder.Date(std::get<absl::CivilDay>(value));
    }
  }
}

}  // namespace dangbo::db
