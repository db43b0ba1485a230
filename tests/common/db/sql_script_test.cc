#include "common/db/sql_script.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::db {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Split(std::string_view script) {
  absl::StatusOr<std::vector<std::string>> statements = SplitSqlScript(script);
  EXPECT_TRUE(statements.ok()) << statements.status();
  return statements.ok() ? *statements : std::vector<std::string>{};
}

TEST(SplitSqlScript, StatementsEndingLines_AreSplitAndTrimmed) {
  EXPECT_THAT(Split("CREATE TABLE a (x INT);\n\nCREATE TABLE b (y INT);\n"),
              ElementsAre("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"));
}

TEST(SplitSqlScript, LastStatementWithoutSemicolon_IsKept) {
  EXPECT_THAT(Split("SELECT 1;\nSELECT 2"), ElementsAre("SELECT 1", "SELECT 2"));
}

TEST(SplitSqlScript, SemicolonsInsideQuotes_DoNotSplit) {
  EXPECT_THAT(Split("INSERT INTO t VALUES ('a;b', \"c;d\");\nSELECT `odd;name` FROM t;"),
              ElementsAre("INSERT INTO t VALUES ('a;b', \"c;d\")", "SELECT `odd;name` FROM t"));
}

TEST(SplitSqlScript, EscapedAndDoubledQuotes_KeepTheStringOpen) {
  EXPECT_THAT(Split("SELECT 'it\\'s; fine', 'it''s; fine';\nSELECT 2;"),
              ElementsAre("SELECT 'it\\'s; fine', 'it''s; fine'", "SELECT 2"));
}

TEST(SplitSqlScript, SemicolonsInsideComments_DoNotSplit) {
  EXPECT_THAT(Split("-- first; still a comment\nSELECT 1; # trailing; comment\n"
                    "/* block; comment */ SELECT 2;"),
              ElementsAre("-- first; still a comment\nSELECT 1",
                          "# trailing; comment\n/* block; comment */ SELECT 2"));
}

TEST(SplitSqlScript, DoubleDashWithoutSpace_IsArithmeticNotAComment) {
  EXPECT_THAT(Split("SELECT 1--1;\nSELECT 2;"), ElementsAre("SELECT 1--1", "SELECT 2"));
}

TEST(SplitSqlScript, PiecesWithOnlyCommentsAndBlanks_AreDropped) {
  EXPECT_THAT(Split("SELECT 1;\n-- nothing more\n;\n  \n"), ElementsAre("SELECT 1"));
}

TEST(SplitSqlScript, UnterminatedQuote_IsInvalidArgumentNamingTheLine) {
  absl::StatusOr<std::vector<std::string>> statements = SplitSqlScript("SELECT 1;\nSELECT 'oops;");
  EXPECT_EQ(statements.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(statements.status().message()), ::testing::HasSubstr("line 2"));
}

TEST(SplitSqlScript, UnterminatedBlockComment_IsInvalidArgument) {
  EXPECT_EQ(SplitSqlScript("SELECT 1; /* never closed").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangbo::db
