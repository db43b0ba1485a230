#include "common/status/grpc_status.h"

#include "common/status/details.h"
#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace dangbo::status {
namespace {

TEST(ToGrpcStatus, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok()); }

TEST(ToGrpcStatus, KeepsCodeAndMessage) {
  grpc::Status status = ToGrpcStatus(absl::PermissionDeniedError("not in scope"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(), "not in scope");
}

TEST(ToGrpcStatus, WithoutPayloadsSendsNoDetails) {
  EXPECT_TRUE(ToGrpcStatus(absl::InternalError("bug")).error_details().empty());
}

TEST(ToGrpcStatus, DetailsAreRpcStatusWithEveryPayload) {
  absl::Status status = WithErrorInfo(InvalidField("name", "is required"), "MISSING_NAME");
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(ToGrpcStatus(status).error_details()));
  EXPECT_EQ(rich.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(rich.message(), "name: is required");
  ASSERT_EQ(rich.details_size(), 2);
  bool found_bad_request = false;
  for (const google::protobuf::Any& any : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&bad_request)) {
      found_bad_request = true;
      EXPECT_EQ(bad_request.field_violations(0).field(), "name");
    }
  }
  EXPECT_TRUE(found_bad_request);
}

TEST(ToGrpcStatus, PlainInvalidArgument_GetsBadRequestFromItsFieldPrefix) {
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(
      ToGrpcStatus(absl::InvalidArgumentError("member.full_name: contains a control character"))
          .error_details()));
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rich.details(0).UnpackTo(&bad_request));
  EXPECT_EQ(bad_request.field_violations(0).field(), "member.full_name");
  EXPECT_EQ(bad_request.field_violations(0).description(), "contains a control character");
}

TEST(ToGrpcStatus, InvalidArgumentWithoutFieldPrefix_SendsNoDetails) {
  EXPECT_TRUE(
      ToGrpcStatus(absl::InvalidArgumentError("the request is malformed")).error_details().empty());
}

TEST(ToGrpcStatus, NonCanonicalCodeBecomesUnknown) {
  grpc::Status status = ToGrpcStatus(absl::Status(static_cast<absl::StatusCode>(42), "odd"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNKNOWN);
}

TEST(FromGrpcStatus, RoundTripKeepsCodeMessageAndDetails) {
  absl::Status original = EtagMismatch("members/1");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_EQ(back.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(back.message(), original.message());
  std::optional<google::rpc::ErrorInfo> info = GetDetail<google::rpc::ErrorInfo>(back);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "ETAG_MISMATCH");
}

TEST(FromGrpcStatus, GarbageDetailsAreIgnored) {
  absl::Status status =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down", "\xff\xff not proto"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "down");
}

TEST(FromGrpcStatus, OkIsOk) { EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok()); }

}  // namespace
}  // namespace dangbo::status
