#include "services/membership/domain/names.h"

#include <string>

#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

// "Nguyễn" spelled decomposed: e + combining circumflex (U+0302) + combining tilde (U+0303).
constexpr char kNguyenNfd[] = "Nguye\xCC\x82\xCC\x83n";
constexpr char kNguyenNfc[] = "Nguy\xE1\xBB\x85n";

TEST(NormalizeName, DecomposedInput_BecomesNfc) {
  absl::StatusOr<std::string> name = NormalizeName("full_name", kNguyenNfd);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, kNguyenNfc);
}

TEST(NormalizeName, Whitespace_IsTrimmedAndCollapsed) {
  absl::StatusOr<std::string> name = NormalizeName("full_name", "  Trần \t  Văn\u00A0 An \n");
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, "Trần Văn An");
}

TEST(NormalizeName, OnlySpaces_IsInvalidArgumentNamingTheField) {
  absl::StatusOr<std::string> name = NormalizeName("display_name", "   ");
  ASSERT_EQ(name.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(name.status().message(), "display_name: required");
}

TEST(NormalizeName, ControlCharacter_IsInvalidArgument) {
  EXPECT_EQ(NormalizeName("full_name", std::string("An\0Bình", 9)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeName("full_name", "An\x1B[31m").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeName("full_name", "An\u200BBình").status().code(),  // zero-width space
            absl::StatusCode::kInvalidArgument);
}

TEST(NormalizeName, InvalidUtf8_IsInvalidArgument) {
  EXPECT_EQ(NormalizeName("full_name", "Nguy\xE1\xBBn").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(NormalizeName, TooLong_IsInvalidArgument) {
  EXPECT_TRUE(NormalizeName("full_name", std::string(200, 'a')).ok());
  EXPECT_EQ(NormalizeName("full_name", std::string(201, 'a')).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeName("full_name", "Lê Văn Bình", 5).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SearchKey, DiacriticsAndCase_AreRemoved) {
  EXPECT_EQ(SearchKey("Nguyễn Văn Đức"), "nguyen van duc");
  EXPECT_EQ(SearchKey(kNguyenNfd), SearchKey("nguyen"));
  EXPECT_EQ(SearchKey("  ĐẶNG   thị Hồng "), "dang thi hong");
}

TEST(SearchKey, OtherVowels_FoldToBaseLetters) {
  EXPECT_EQ(SearchKey("Ư Ơ Ă Â Ê Ô ữ ờ ặ ấ ể ộ ý"), "u o a a e o u o a a e o y");
}

TEST(CheckCitizenId, TwelveDigits_IsOk) { EXPECT_TRUE(CheckCitizenId("001203004567").ok()); }

TEST(CheckCitizenId, WrongLengthOrNonDigits_IsInvalidArgument) {
  EXPECT_EQ(CheckCitizenId("00120300456").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckCitizenId("0012030045678").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckCitizenId("00120300456A").code(), absl::StatusCode::kInvalidArgument);
  // Full-width or other non-ASCII digits are not accepted.
  EXPECT_EQ(CheckCitizenId("00120300456\xD9\xA1").code(), absl::StatusCode::kInvalidArgument);
}

TEST(CheckPartyCardNumber, DigitsWithinConfiguredLength_IsOk) {
  EXPECT_TRUE(CheckPartyCardNumber("123456", 6, 12).ok());
  EXPECT_TRUE(CheckPartyCardNumber("123456789012", 6, 12).ok());
}

TEST(CheckPartyCardNumber, OutsideLengthOrNonDigits_IsInvalidArgument) {
  EXPECT_EQ(CheckPartyCardNumber("12345", 6, 12).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPartyCardNumber("1234567890123", 6, 12).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPartyCardNumber("12-3456", 6, 12).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPartyCardNumber("12345678", 8, 8).code(), absl::StatusCode::kOk);
}

}  // namespace
}  // namespace dangbo::membership
