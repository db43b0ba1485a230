#include "tools/dangboctl/text_width.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

TEST(DisplayWidth, Ascii_IsOneColumnPerByte) { EXPECT_EQ(DisplayWidth("Chi bo 5"), 8); }

TEST(DisplayWidth, VietnameseComposed_IsOneColumnPerLetterNotPerByte) {
  const std::string name = "Nguyễn Văn Ân";  // 13 letters, 19 bytes
  ASSERT_GT(name.size(), 13u);
  EXPECT_EQ(DisplayWidth(name), 13);
}

TEST(DisplayWidth, VietnameseDecomposed_CombiningMarksTakeNoColumn) {
  // "ễ" as e + circumflex + tilde (NFD).
  EXPECT_EQ(DisplayWidth("Nguye\xCC\x82\xCC\x83n"), DisplayWidth("Nguyễn"));
}

TEST(DisplayWidth, EastAsianWide_IsTwoColumns) { EXPECT_EQ(DisplayWidth("党"), 2); }

TEST(DisplayWidth, InvalidUtf8_CountsOneColumnPerByte) {
  EXPECT_EQ(DisplayWidth("a\xFF"
                         "b"),
            3);
}

TEST(PadToWidth, PadsByColumnsNotBytes) { EXPECT_EQ(PadToWidth("Đảng", 6), "Đảng  "); }

// The column where the second cell starts, in display columns.
int SecondColumnStart(const std::string& line) {
  const size_t gap = line.find("  ");
  size_t start = line.find_first_not_of(' ', gap);
  return DisplayWidth(line.substr(0, start));
}

TEST(AlignedTable, VietnameseCells_LineUpByDisplayWidth) {
  const std::string table = AlignedTable({"NAME", "KIND"}, {{"Đảng bộ Tập đoàn Điện lực", "UPPER"},
                                                            {"Chi bộ 1", "CELL"},
                                                            {"Tổ đảng Phường Hàng Bạc", "GROUP"}});
  std::istringstream lines(table);
  std::vector<int> starts;
  for (std::string line; std::getline(lines, line);) starts.push_back(SecondColumnStart(line));
  ASSERT_EQ(starts.size(), 4u);
  EXPECT_THAT(starts, ::testing::Each(starts[0]));
  EXPECT_EQ(starts[0], DisplayWidth("Đảng bộ Tập đoàn Điện lực") + 2);
}

}  // namespace
}  // namespace dangbo::ctl
