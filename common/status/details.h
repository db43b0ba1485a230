#ifndef DANGBO_COMMON_STATUS_DETAILS_H_
#define DANGBO_COMMON_STATUS_DETAILS_H_

// google.rpc detail messages carried as absl::Status payloads. The payload key is the detail's
// Any type URL, so a status converts to google.rpc.Status (and back) without knowing the types.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "google/protobuf/message.h"

namespace dangbo::status {

// "type.googleapis.com/<full message name>", as google.protobuf.Any spells it.
std::string TypeUrl(const google::protobuf::Message& detail);

// Attaches `detail`; a detail of the same type already attached is replaced. No-op on OK.
void AttachDetail(absl::Status& status, const google::protobuf::Message& detail);

// The attached detail of type T, if any (for example google::rpc::BadRequest).
template <typename T>
std::optional<T> GetDetail(const absl::Status& status) {
  T detail;
  absl::optional<absl::Cord> payload = status.GetPayload(TypeUrl(detail));
  if (!payload.has_value() || !detail.ParseFromString(std::string(*payload))) return std::nullopt;
  return detail;
}

}  // namespace dangbo::status

#endif  // DANGBO_COMMON_STATUS_DETAILS_H_
