#include "common/status/grpc_status.h"

#include <string>

#include "absl/strings/cord.h"
#include "common/status/details.h"
#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace dangbo::status {
namespace {

constexpr int kMaxCanonicalCode = 16;  // UNAUTHENTICATED

int CanonicalCode(int code) {
  return code >= 0 && code <= kMaxCanonicalCode ? code
                                                : static_cast<int>(absl::StatusCode::kUnknown);
}

// Every INVALID_ARGUMENT in dangbo reads "<field>: <description>". Errors made by domain rules
// carry no BadRequest of their own; derive it here so that every client gets the field as data.
absl::Status WithDerivedBadRequest(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kInvalidArgument ||
      GetDetail<google::rpc::BadRequest>(status).has_value()) {
    return status;
  }
  const std::string_view message(status.message().data(), status.message().size());
  const std::string_view field = FieldNamedBy(message);
  if (field.empty()) return status;
  google::rpc::BadRequest bad_request;
  google::rpc::BadRequest::FieldViolation* violation = bad_request.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(std::string(message.substr(field.size() + 2)));
  absl::Status out = status;
  AttachDetail(out, bad_request);
  return out;
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& original) {
  if (original.ok()) return grpc::Status::OK;
  const absl::Status status = WithDerivedBadRequest(original);
  const int code = CanonicalCode(static_cast<int>(status.code()));
  const std::string message(status.message());
  google::rpc::Status rich;
  rich.set_code(code);
  rich.set_message(message);
  status.ForEachPayload([&rich](absl::string_view type_url, const absl::Cord& payload) {
    google::protobuf::Any* any = rich.add_details();
    any->set_type_url(std::string(type_url));
    any->set_value(std::string(payload));
  });
  if (rich.details().empty()) return grpc::Status(static_cast<grpc::StatusCode>(code), message);
  return grpc::Status(static_cast<grpc::StatusCode>(code), message, rich.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(CanonicalCode(status.error_code())),
                      status.error_message());
  google::rpc::Status rich;
  if (!status.error_details().empty() && rich.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& any : rich.details()) {
      result.SetPayload(any.type_url(), absl::Cord(any.value()));
    }
  }
  return result;
}

}  // namespace dangbo::status
