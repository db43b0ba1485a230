#include "tools/dangboctl/csv.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::ctl {
namespace {

using ::testing::ElementsAre;

std::vector<CsvRecord> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRecord> records;
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    EXPECT_TRUE(record.ok()) << record.status();
    if (!record.ok() || !record->has_value()) return records;
    records.push_back(**record);
  }
}

absl::Status FirstError(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    if (!record.ok()) return record.status();
    if (!record->has_value()) return absl::OkStatus();
  }
}

TEST(CsvReader, QuotedField_KeepsCommasAndDoubledQuotes) {
  auto records = ReadAll("a,\"Đảng bộ \"\"Điện lực\"\", miền Bắc\",c\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("a", "Đảng bộ \"Điện lực\", miền Bắc", "c"));
}

TEST(CsvReader, QuotedLineBreak_StaysInFieldAndRowKeepsItsStartLine) {
  auto records = ReadAll("h1,h2\n\"Số 1\nPhố Huế\",x\nnext,row\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[1].fields, ElementsAre("Số 1\nPhố Huế", "x"));
  EXPECT_EQ(records[1].line_number, 2);
  EXPECT_EQ(records[2].line_number, 4);
}

TEST(CsvReader, ByteOrderMarkAndCrlf_AreNotPartOfTheData) {
  auto records = ReadAll(
      "\xEF\xBB\xBF"
      "citizen_id,full_name\r\n001234567890,Nguyễn Văn An\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("citizen_id", "full_name"));
  EXPECT_THAT(records[1].fields, ElementsAre("001234567890", "Nguyễn Văn An"));
}

TEST(CsvReader, BlankLines_AreSkippedButCountedInLineNumbers) {
  auto records = ReadAll("a\n\n\nb\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line_number, 4);
}

TEST(CsvReader, EmptyCells_AreKept) {
  auto records = ReadAll(",,x,\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("", "", "x", ""));
}

TEST(CsvReader, LastLineWithoutNewline_IsARecord) {
  auto records = ReadAll("a,b\nc,d");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[1].fields, ElementsAre("c", "d"));
}

TEST(CsvReader, UnclosedQuote_IsInvalidArgumentNamingTheLine) {
  absl::Status status = FirstError("a\n\"never closed,b\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("line 2"));
}

TEST(CsvReader, TextAfterClosingQuote_IsInvalidArgument) {
  EXPECT_EQ(FirstError("\"a\"b,c\n").code(), absl::StatusCode::kInvalidArgument);
}

TEST(CsvQuote, PlainText_IsNotQuoted) { EXPECT_EQ(CsvQuote("Nguyễn Văn An"), "Nguyễn Văn An"); }

TEST(CsvQuote, CommaQuoteOrLineBreak_IsQuotedWithQuotesDoubled) {
  EXPECT_EQ(CsvQuote("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvQuote("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvQuote("two\nlines"), "\"two\nlines\"");
}

TEST(CsvLine, WhatItWrites_ReadsBackUnchanged) {
  const std::vector<std::string> fields = {"Chi bộ \"A\", tổ 1", "", "x\ny", "plain"};
  auto records = ReadAll(CsvLine(fields));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, fields);
}

}  // namespace
}  // namespace dangbo::ctl
