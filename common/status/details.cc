#include "common/status/details.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace dangbo::status {

std::string TypeUrl(const google::protobuf::Message& detail) {
  return absl::StrCat("type.googleapis.com/", detail.GetDescriptor()->full_name());
}

void AttachDetail(absl::Status& status, const google::protobuf::Message& detail) {
  status.SetPayload(TypeUrl(detail), absl::Cord(detail.SerializeAsString()));
}

}  // namespace dangbo::status
