#include "tools/dangboctl/output.h"

#include <sstream>

#include "dangbo/membership/v1/organization.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/dangboctl/csv.h"

namespace dangbo::ctl {
namespace {

namespace v1 = ::dangbo::membership::v1;
using ::testing::HasSubstr;

const std::vector<Column> kColumns = {
    {"NAME", "name"}, {"DISPLAY NAME", "display_name"}, {"KIND", "kind"}};

v1::Organization Organization(const std::string& name, const std::string& display) {
  v1::Organization o;
  o.set_name(name);
  o.set_display_name(display);
  o.set_kind(v1::ORGANIZATION_KIND_CELL);
  return o;
}

TEST(ResourcePrinter, Csv_HasHeaderAndQuotesCells) {
  std::ostringstream out;
  {
    ResourcePrinter printer(OutputFormat::kCsv, kColumns, out);
    printer.Add(Organization("organizations/2", "Chi bộ Phòng Kế hoạch, Đầu tư"));
  }
  EXPECT_EQ(out.str(),
            "NAME,DISPLAY NAME,KIND\norganizations/2,\"Chi bộ Phòng Kế hoạch, Đầu tư\",CELL\n");
}

TEST(ResourcePrinter, CsvOfNothing_StillHasTheHeader) {
  std::ostringstream out;
  { ResourcePrinter printer(OutputFormat::kCsv, kColumns, out); }
  EXPECT_EQ(out.str(), "NAME,DISPLAY NAME,KIND\n");
}

TEST(ResourcePrinter, Json_IsOneObjectPerLineWithEnumNames) {
  std::ostringstream out;
  {
    ResourcePrinter printer(OutputFormat::kJson, kColumns, out);
    printer.Add(Organization("organizations/2", "Chi bộ 2"));
    printer.Add(Organization("organizations/3", "Chi bộ 3"));
  }
  std::istringstream lines(out.str());
  std::string first, second, third;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_FALSE(std::getline(lines, third));
  EXPECT_THAT(first, HasSubstr("\"displayName\":\"Chi bộ 2\""));
  EXPECT_THAT(first, HasSubstr("\"kind\":\"ORGANIZATION_KIND_CELL\""));
  EXPECT_THAT(second, HasSubstr("organizations/3"));
}

TEST(ResourcePrinter, TableFlushedTwice_PrintsTheHeaderOnce) {
  std::ostringstream out;
  ResourcePrinter printer(OutputFormat::kTable, kColumns, out);
  printer.Add(Organization("organizations/2", "Chi bộ 2"));
  printer.Flush();
  printer.Add(Organization("organizations/3", "Chi bộ 3"));
  printer.Flush();
  const std::string text = out.str();
  EXPECT_EQ(text.find("DISPLAY NAME"), text.rfind("DISPLAY NAME"));
  EXPECT_THAT(text, HasSubstr("organizations/3"));
}

TEST(ResourcePrinter, TableCellWithLineBreak_StaysOnOneLine) {
  std::ostringstream out;
  {
    ResourcePrinter printer(OutputFormat::kTable, kColumns, out);
    printer.Add(Organization("organizations/2", "two\nlines"));
  }
  EXPECT_THAT(out.str(), HasSubstr("two lines"));
}

TEST(PrintResource, Table_ShowsEverySetFieldByPath) {
  std::ostringstream out;
  v1::Organization o = Organization("organizations/2", "Chi bộ 2");
  o.add_ancestors("organizations/1");
  PrintResource(OutputFormat::kTable, kColumns, o, out);
  EXPECT_THAT(out.str(), HasSubstr("display_name  Chi bộ 2\n"));
  EXPECT_THAT(out.str(), HasSubstr("ancestors     organizations/1\n"));
}

}  // namespace
}  // namespace dangbo::ctl
