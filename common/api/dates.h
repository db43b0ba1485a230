// google.type.Date and google.protobuf.Timestamp to Abseil time types and back.
#ifndef DANGBO_COMMON_API_DATES_H_
#define DANGBO_COMMON_API_DATES_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"

namespace dangbo::api {

// An all-zero Date means "not set". A partial date (year or month or day zero) or an
// impossible one (2025-02-30) is INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::optional<absl::CivilDay>> ParseOptionalDate(std::string_view field,
                                                                const google::type::Date& date);
absl::StatusOr<absl::CivilDay> ParseRequiredDate(std::string_view field,
                                                 const google::type::Date& date);

google::type::Date ToProtoDate(absl::CivilDay day);
void SetProtoDate(const std::optional<absl::CivilDay>& day, google::type::Date* out);

google::protobuf::Timestamp ToProtoTimestamp(absl::Time time);

}  // namespace dangbo::api

#endif  // DANGBO_COMMON_API_DATES_H_
