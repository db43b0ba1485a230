#include "common/status/validate.h"

#include <string>

#include "common/status/details.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace dangbo::status {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ValidateText, VietnameseNameWithinLimit_IsOk) {
  EXPECT_TRUE(ValidateText("full_name", "Nguyễn Thị Minh Khai", 20, true).ok());
}

TEST(ValidateText, EmbeddedNul_IsInvalidArgumentNamingTheField) {
  absl::Status status = ValidateText("full_name", std::string("Nguy\0en", 7), 100, true);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("full_name: "));
  EXPECT_THAT(std::string(status.message()), HasSubstr("U+0000"));
  std::optional<google::rpc::BadRequest> bad_request = GetDetail<google::rpc::BadRequest>(status);
  ASSERT_TRUE(bad_request.has_value());
  EXPECT_EQ(bad_request->field_violations(0).field(), "full_name");
}

TEST(ValidateText, AsciiControlCharacter_IsInvalidArgument) {
  absl::Status status = ValidateText("title", "line\x1b[31m", 100, false);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("U+001B"));
}

TEST(ValidateText, Newline_IsInvalidArgument) {
  EXPECT_EQ(ValidateText("title", "two\nlines", 100, false).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ValidateText, C1ControlCharacter_IsInvalidArgument) {
  EXPECT_EQ(ValidateText("title", "a\xc2\x85z", 100, false).code(),  // U+0085 NEXT LINE
            absl::StatusCode::kInvalidArgument);
}

TEST(ValidateText, Delete_IsInvalidArgument) {
  EXPECT_EQ(ValidateText("title", "a\x7fz", 100, false).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ValidateText, LimitCountsCharactersNotBytes) {
  // "Đảng" is 4 characters and 8 bytes.
  EXPECT_TRUE(ValidateText("name", "Đảng", 4, true).ok());
}

TEST(ValidateText, OverLong_IsInvalidArgumentNamingTheField) {
  absl::Status status = ValidateText("name", "Đảng bộ", 4, true);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("name: must be at most 4 characters"));
}

TEST(ValidateText, RequiredAndEmpty_IsInvalidArgument) {
  absl::Status status = ValidateText("name", "", 10, true);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "name: is required");
}

TEST(ValidateText, RequiredAndOnlySpaces_IsInvalidArgument) {
  EXPECT_EQ(ValidateText("name", "   ", 10, true).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ValidateText, OptionalAndEmpty_IsOk) { EXPECT_TRUE(ValidateText("note", "", 10, false).ok()); }

TEST(ValidateText, InvalidUtf8_IsInvalidArgument) {
  EXPECT_EQ(ValidateText("name", "\xc3\x28", 10, false).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateText("name", "\xed\xa0\x80", 10, false).code(),  // UTF-16 surrogate
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateText("name", "\xc0\xaf", 10, false).code(),  // overlong "/"
            absl::StatusCode::kInvalidArgument);
}

TEST(ValidateMultilineText, NewlineAndTab_AreOk) {
  EXPECT_TRUE(ValidateMultilineText("conclusion", "Kết luận:\n\t1. Đạt\r\n", 100, true).ok());
}

TEST(ValidateMultilineText, EmbeddedNul_IsInvalidArgument) {
  EXPECT_EQ(ValidateMultilineText("conclusion", std::string("a\0b", 3), 100, true).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangbo::status
