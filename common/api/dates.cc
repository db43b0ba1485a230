#include "common/api/dates.h"

#include "common/status/errors.h"

namespace dangbo::api {

absl::StatusOr<std::optional<absl::CivilDay>> ParseOptionalDate(std::string_view field,
                                                                const google::type::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return std::nullopt;
  if (date.year() < 1900 || date.year() > 2200 || date.month() < 1 || date.month() > 12 ||
      date.day() < 1 || date.day() > 31) {
    return status::InvalidField(field, "must be a full calendar date between 1900 and 2200");
  }
  absl::CivilDay day(date.year(), date.month(), date.day());
  // CivilDay normalizes 2025-02-30 to 2025-03-02: a changed field means the date was impossible.
  if (day.year() != date.year() || day.month() != date.month() || day.day() != date.day()) {
    return status::InvalidField(field, "is not a date that exists");
  }
  return day;
}

absl::StatusOr<absl::CivilDay> ParseRequiredDate(std::string_view field,
                                                 const google::type::Date& date) {
  absl::StatusOr<std::optional<absl::CivilDay>> day = ParseOptionalDate(field, date);
  if (!day.ok()) return day.status();
  if (!day->has_value()) return status::InvalidField(field, "required");
  return **day;
}

google::type::Date ToProtoDate(absl::CivilDay day) {
  google::type::Date out;
  out.set_year(static_cast<int32_t>(day.year()));
  out.set_month(day.month());
  out.set_day(day.day());
  return out;
}

void SetProtoDate(const std::optional<absl::CivilDay>& day, google::type::Date* out) {
  if (day.has_value()) {
    *out = ToProtoDate(*day);
  } else {
    out->Clear();
  }
}

google::protobuf::Timestamp ToProtoTimestamp(absl::Time time) {
  google::protobuf::Timestamp out;
  const int64_t micros = absl::ToUnixMicros(time);
  int64_t seconds = micros / 1000000;
  int64_t rem = micros % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --seconds;
  }
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(rem * 1000));
  return out;
}

}  // namespace dangbo::api
