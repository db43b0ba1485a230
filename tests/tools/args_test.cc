#include "tools/dangboctl/args.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::vector<OptionSpec> kSpecs = {
    {"kind", OptionKind::kList, "KIND", ""},
    {"as_of", OptionKind::kValue, "YYYY-MM-DD", ""},
    {"dry_run", OptionKind::kFlag, "", ""},
};

TEST(ParseArgs, ValueWithEqualsOrSpace_AreTheSame) {
  auto a = ParseArgs({"--as_of=2025-01-01"}, kSpecs);
  auto b = ParseArgs({"--as_of", "2025-01-01"}, kSpecs);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->Value("as_of"), "2025-01-01");
  EXPECT_EQ(b->Value("as_of"), "2025-01-01");
}

TEST(ParseArgs, ListOption_SplitsCommasAndCollectsRepeats) {
  auto args = ParseArgs({"--kind=cell, grassroots_cell", "--kind", "party_group"}, kSpecs);
  ASSERT_TRUE(args.ok());
  EXPECT_THAT(args->Values("kind"), ElementsAre("cell", "grassroots_cell", "party_group"));
}

TEST(ParseArgs, FlagAlone_IsTrueAndDoesNotTakeTheNextWord) {
  auto args = ParseArgs({"--dry_run", "file.csv"}, kSpecs);
  ASSERT_TRUE(args.ok());
  EXPECT_TRUE(*args->Flag("dry_run"));
  EXPECT_THAT(args->positional(), ElementsAre("file.csv"));
}

TEST(ParseArgs, FlagFalse_IsFalse) {
  auto args = ParseArgs({"--dry_run=false"}, kSpecs);
  ASSERT_TRUE(args.ok());
  EXPECT_FALSE(*args->Flag("dry_run"));
}

TEST(ParseArgs, FlagWithNonBooleanValue_IsInvalidArgument) {
  EXPECT_EQ(ParseArgs({"--dry_run=maybe"}, kSpecs).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ParseArgs, UnknownOption_IsInvalidArgumentNamingIt) {
  auto args = ParseArgs({"--knid=cell"}, kSpecs);
  EXPECT_EQ(args.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(args.status().message(), HasSubstr("--knid"));
}

TEST(ParseArgs, ValueOptionAtTheEnd_IsInvalidArgument) {
  auto args = ParseArgs({"--as_of"}, kSpecs);
  EXPECT_EQ(args.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(args.status().message(), HasSubstr("needs a value"));
}

TEST(ParseArgs, DoubleDash_EndsOptions) {
  auto args = ParseArgs({"--", "--dry_run"}, kSpecs);
  ASSERT_TRUE(args.ok());
  EXPECT_THAT(args->positional(), ElementsAre("--dry_run"));
  EXPECT_FALSE(args->Has("dry_run"));
}

TEST(ParseArgs, DashesInOptionNames_AreUnderscores) {
  auto args = ParseArgs({"--dry-run", "--kind", "cell"}, kSpecs);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_TRUE(args->Has("dry_run"));
  EXPECT_EQ(args->ValueOr("kind", ""), "cell");
}

TEST(ParsedArgs, Occurrences_KeepsCommasAndEveryValue) {
  auto args = ParseArgs({"--as_of=a, b", "--as_of", "c"}, kSpecs);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_THAT(args->Occurrences("as_of"), ElementsAre("a, b", "c"));
  EXPECT_THAT(args->Occurrences("missing"), ElementsAre());
}

TEST(ParseBool, VietnameseWords_AreBooleans) {
  EXPECT_TRUE(*ParseBool("Có"));
  EXPECT_FALSE(*ParseBool("không"));
  EXPECT_TRUE(*ParseBool("YES"));
  EXPECT_FALSE(ParseBool("x").ok());
}

}  // namespace
}  // namespace dangbo::ctl
