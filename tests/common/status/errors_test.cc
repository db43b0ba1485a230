#include "common/status/errors.h"

#include "common/status/details.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace dangbo::status {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(InvalidField, IsInvalidArgumentNamingTheField) {
  absl::Status status = InvalidField("member.full_name", "is required");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "member.full_name: is required");
}

TEST(InvalidField, AttachesBadRequestWithTheFieldViolation) {
  std::optional<google::rpc::BadRequest> bad_request =
      GetDetail<google::rpc::BadRequest>(InvalidField("page_size", "must not be negative"));
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 1);
  EXPECT_EQ(bad_request->field_violations(0).field(), "page_size");
  EXPECT_EQ(bad_request->field_violations(0).description(), "must not be negative");
}

TEST(InvalidField, PayloadKeyIsTheAnyTypeUrl) {
  absl::Status status = InvalidField("etag", "is required");
  EXPECT_TRUE(status.GetPayload("type.googleapis.com/google.rpc.BadRequest").has_value());
}

TEST(InvalidFields, ListsEveryViolationInOneBadRequest) {
  absl::Status status = InvalidFields(
      {{"member.full_name", "is required"}, {"member.birth_date", "is in the future"}});
  EXPECT_EQ(status.message(), "member.full_name: is required; member.birth_date: is in the future");
  std::optional<google::rpc::BadRequest> bad_request = GetDetail<google::rpc::BadRequest>(status);
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 2);
  EXPECT_EQ(bad_request->field_violations(1).field(), "member.birth_date");
}

TEST(WithErrorInfo, AttachesReasonDomainAndMetadata) {
  absl::Status status =
      WithErrorInfo(absl::PermissionDeniedError("organization outside scope"), kReasonOutsideScope,
                    kErrorDomain, {{"organization", "organizations/7"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  std::optional<google::rpc::ErrorInfo> info = GetDetail<google::rpc::ErrorInfo>(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "OUTSIDE_SCOPE");
  EXPECT_EQ(info->domain(), "dangbo");
  EXPECT_THAT(info->metadata(), UnorderedElementsAre(Pair("organization", "organizations/7")));
}

TEST(WithErrorInfo, KeepsEarlierDetails) {
  absl::Status status = WithErrorInfo(InvalidField("state", "unknown"), "UNKNOWN_STATE");
  EXPECT_TRUE(GetDetail<google::rpc::BadRequest>(status).has_value());
  EXPECT_TRUE(GetDetail<google::rpc::ErrorInfo>(status).has_value());
}

TEST(WithErrorInfo, OkStatusStaysOkWithoutDetails) {
  absl::Status status = WithErrorInfo(absl::OkStatus(), kReasonEtagMismatch);
  EXPECT_TRUE(status.ok());
  EXPECT_FALSE(GetDetail<google::rpc::ErrorInfo>(status).has_value());
}

TEST(NotFound, NamesTheResourceAndAttachesResourceInfo) {
  absl::Status status = NotFound("dangbo.membership.v1.Member", "members/42");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "dangbo.membership.v1.Member \"members/42\" not found");
  std::optional<google::rpc::ResourceInfo> info = GetDetail<google::rpc::ResourceInfo>(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->resource_name(), "members/42");
}

TEST(AlreadyExists, IsAlreadyExistsWithResourceInfo) {
  absl::Status status = AlreadyExists("dangbo.membership.v1.Member", "members/42");
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(GetDetail<google::rpc::ResourceInfo>(status).has_value());
}

TEST(FailedPrecondition, AttachesPreconditionFailureViolation) {
  absl::Status status = FailedPrecondition("TERM", "members/42", "probation not finished");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "members/42: probation not finished");
  std::optional<google::rpc::PreconditionFailure> failure =
      GetDetail<google::rpc::PreconditionFailure>(status);
  ASSERT_TRUE(failure.has_value());
  ASSERT_EQ(failure->violations_size(), 1);
  EXPECT_EQ(failure->violations(0).type(), "TERM");
  EXPECT_EQ(failure->violations(0).subject(), "members/42");
}

TEST(StateTransitionNotAllowed, IsFailedPreconditionWithReason) {
  absl::Status status = StateTransitionNotAllowed("inspections/3", "CONCLUDED", "OPEN");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  std::optional<google::rpc::ErrorInfo> info = GetDetail<google::rpc::ErrorInfo>(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "STATE_TRANSITION_NOT_ALLOWED");
  EXPECT_THAT(info->metadata(),
              UnorderedElementsAre(Pair("resource", "inspections/3"), Pair("from", "CONCLUDED"),
                                   Pair("to", "OPEN")));
}

TEST(EtagMismatch, IsAbortedNamingTheEtagField) {
  absl::Status status = EtagMismatch("organizations/9");
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(status.message()), ::testing::StartsWith("etag: "));
  std::optional<google::rpc::ErrorInfo> info = GetDetail<google::rpc::ErrorInfo>(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "ETAG_MISMATCH");
  EXPECT_EQ(info->metadata().at("field"), "etag");
}

TEST(FieldNamedBy, IsThePathBeforeTheFirstColon) {
  EXPECT_EQ(FieldNamedBy("inspection.subjects[1].subject: member \"members/9\" not found"),
            "inspection.subjects[1].subject");
  EXPECT_EQ(FieldNamedBy("stage: required: twice"), "stage");
}

TEST(FieldNamedBy, IsEmptyForAMessageThatNamesNoField) {
  EXPECT_EQ(FieldNamedBy("organization 5 is outside the caller's scopes: ask"), "");
  EXPECT_EQ(FieldNamedBy(": no field"), "");
  EXPECT_EQ(FieldNamedBy("no colon at all"), "");
}

}  // namespace
}  // namespace dangbo::status
