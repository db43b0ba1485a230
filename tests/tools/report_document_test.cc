#include "tools/dangboctl/report_document.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/tools/report_fixtures.h"
#include "tools/dangboctl/csv.h"

namespace dangbo::ctl {
namespace {

using report_fixtures::MembershipAnswer;
using report_fixtures::Seed001Answer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSeed001Headline[] =
    "Cấp ủy các cấp đã tiến hành kiểm tra 1.126 tổ chức Đảng, 7.124 đảng viên; giám sát chuyên "
    "đề đối với 1.096 tổ chức Đảng, 5.627 đảng viên. Trong đó, phát hiện 2 tổ chức Đảng, 1 đảng "
    "viên thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra; thi hành kỷ luật với 15 tổ chức "
    "Đảng, 296 đảng viên.";

ReportData Seed001Report() {
  ReportData data;
  data.scope = "organizations/1";
  data.scope_display_name = "Đảng bộ Khối Doanh nghiệp Trung ương";
  data.period = report_fixtures::Year(2022);
  data.inspection = Seed001Answer();
  return data;
}

// With two children: Tập đoàn Điện lực, and one membership does not name.
ReportData Seed001ReportWithChildren() {
  ReportData data = Seed001Report();
  data.breakdown = true;
  *data.inspection->add_children() = report_fixtures::InspectionAnswer(
      "organizations/7", {{"committee.thematic_inspection.members", {700, 702}},
                          {"discipline.members.total", {9, 9}}});
  *data.inspection->add_children() = report_fixtures::InspectionAnswer("organizations/8", {});
  data.organization_names["organizations/7"] = "Đảng bộ Tập đoàn Điện lực Việt Nam";
  return data;
}

std::string Markdown(const ReportData& data) {
  absl::StatusOr<std::string> text = RenderMarkdown(data);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

std::vector<std::vector<std::string>> CsvRows(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    EXPECT_TRUE(record.ok()) << record.status();
    if (!record.ok() || !record->has_value()) return rows;
    rows.push_back((*record)->fields);
  }
}

google::protobuf::Struct ParseJson(const std::string& text) {
  google::protobuf::Struct object;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &object).ok()) << text;
  return object;
}

TEST(RenderMarkdown, TitleNamesTheWorkAndThePeriod_ThenTheScope) {
  const std::string text = Markdown(Seed001Report());
  EXPECT_THAT(text, ::testing::StartsWith(
                        "# Báo cáo công tác kiểm tra, giám sát và thi hành kỷ luật đảng — năm "
                        "2022\n\n**Đảng bộ Khối Doanh nghiệp Trung ương** (organizations/1)  \n"
                        "**Kỳ báo cáo:** năm 2022 (01/01/2022 – 31/12/2022)\n"));
}

TEST(RenderMarkdown, Headline_IsSeed001sSentenceWordForWord) {
  EXPECT_THAT(Markdown(Seed001Report()), HasSubstr(std::string("\n") + kSeed001Headline + "\n"));
}

TEST(RenderMarkdown, Tables_GiveDistinctAndOccurrencesTheVietnameseWay) {
  const std::string text = Markdown(Seed001Report());
  EXPECT_THAT(text, HasSubstr("| Chỉ tiêu | Số đối tượng | Số lượt |\n|:---|---:|---:|\n"));
  const std::string label(
      reporting::DefinitionOf(reporting::FigureId::kCommitteeThematicInspectionMembers).label);
  EXPECT_THAT(text, HasSubstr("| " + label + " | 7.124 | 7.125 |\n"));
  const std::string discipline(
      reporting::DefinitionOf(reporting::FigureId::kDisciplineMembersTotal).label);
  EXPECT_THAT(text, HasSubstr("| " + discipline + " | 296 | 297 |\n"));
}

TEST(RenderMarkdown, Sections_ComeInTheOrderOfTheAnnualReview) {
  ReportData data = Seed001Report();
  data.membership = MembershipAnswer();
  const std::string text = Markdown(data);
  const size_t committees = text.find("## 1. Cấp ủy các cấp kiểm tra, giám sát\n");
  const size_t ubkt = text.find("## 2. Ủy ban kiểm tra các cấp\n");
  const size_t discipline = text.find("## 3. Thi hành kỷ luật đảng\n");
  const size_t membership = text.find("## 4. Đảng viên và tổ chức đảng\n");
  ASSERT_NE(committees, std::string::npos) << text;
  ASSERT_NE(membership, std::string::npos) << text;
  EXPECT_LT(committees, ubkt);
  EXPECT_LT(ubkt, discipline);
  EXPECT_LT(discipline, membership);
  // Each figure in its own section only.
  const std::string violation_signs(
      reporting::DefinitionOf(reporting::FigureId::kUbktViolationSignsMembers).label);
  EXPECT_GT(text.find("| " + violation_signs + " | 12 | 12 |"), ubkt);
  EXPECT_LT(text.find("| " + violation_signs + " | 12 | 12 |"), discipline);
}

TEST(RenderMarkdown, Membership_SaysWhichDayItsStocksAreCountedOn) {
  ReportData data = Seed001Report();
  data.membership = MembershipAnswer();
  const std::string text = Markdown(data);
  EXPECT_THAT(text, HasSubstr("Số lượng tính đến ngày 31/12/2022; biến động trong kỳ.\n"));
  EXPECT_THAT(text, HasSubstr("| Tổng số đảng viên | 201.345 | 201.345 |\n"));
}

TEST(RenderMarkdown, MembershipAlone_HasItsOwnTitleAndNoHeadline) {
  ReportData data = Seed001Report();
  data.inspection.reset();
  data.membership = MembershipAnswer();
  const std::string text = Markdown(data);
  EXPECT_THAT(text,
              ::testing::StartsWith("# Báo cáo thống kê đảng viên và tổ chức đảng — năm 2022\n"));
  EXPECT_THAT(text, Not(HasSubstr("Cấp ủy các cấp đã tiến hành")));
  EXPECT_THAT(text, HasSubstr("## 1. Đảng viên và tổ chức đảng\n"));
}

TEST(RenderMarkdown, KeyOutsideTheKnownSections_IsPrintedNotDropped) {
  ReportData data = Seed001Report();
  reporting_v1::Figure* extra = data.inspection->add_figures();
  extra->set_key("self_inspection.organizations");
  extra->set_label("Tổ chức đảng tự kiểm tra");
  extra->set_distinct(31);
  extra->set_occurrences(33);
  const std::string text = Markdown(data);
  EXPECT_THAT(text, HasSubstr("## 4. Số liệu kiểm tra khác\n\n| Chỉ tiêu"));
  EXPECT_THAT(text, HasSubstr("| Tổ chức đảng tự kiểm tra | 31 | 33 |\n"));
}

TEST(RenderMarkdown, LabelWithAPipe_DoesNotBreakTheTable) {
  ReportData data = Seed001Report();
  data.membership = MembershipAnswer();
  data.membership->mutable_figures(0)->set_label("Đảng viên | tổng");
  EXPECT_THAT(Markdown(data), HasSubstr("| Đảng viên \\| tổng | 201.345 |"));
}

TEST(RenderMarkdown, AnswerLackingACatalogueFigure_FailsNamingIt) {
  ReportData data = Seed001Report();
  data.inspection->mutable_figures()->erase(data.inspection->mutable_figures()->begin() + 5);
  absl::StatusOr<std::string> text = RenderMarkdown(data);
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(text.status().message()),
              HasSubstr("committee.thematic_supervision.organizations"));
}

TEST(RenderMarkdown, WithoutBreakdown_HasNoChildTables) {
  EXPECT_THAT(Markdown(Seed001Report()), Not(HasSubstr("Theo đơn vị trực thuộc")));
}

TEST(RenderMarkdown, Breakdown_ListsEachChildsFiguresUnderItsName) {
  const std::string text = Markdown(Seed001ReportWithChildren());
  EXPECT_THAT(text, HasSubstr("### Theo đơn vị trực thuộc\n\n| Đơn vị trực thuộc | Chỉ tiêu | "
                              "Số đối tượng | Số lượt |\n|:---|:---|---:|---:|\n"));
  const std::string members(
      reporting::DefinitionOf(reporting::FigureId::kCommitteeThematicInspectionMembers).label);
  EXPECT_THAT(text,
              HasSubstr("| Đảng bộ Tập đoàn Điện lực Việt Nam | " + members + " | 700 | 702 |\n"));
  // A child membership did not name is printed by its resource name.
  EXPECT_THAT(text, HasSubstr("| organizations/8 | " + members + " | 0 | 0 |\n"));
  const std::string disciplined(
      reporting::DefinitionOf(reporting::FigureId::kDisciplineMembersTotal).label);
  const size_t discipline = text.find("## 3. Thi hành kỷ luật đảng");
  EXPECT_GT(text.find("| Đảng bộ Tập đoàn Điện lực Việt Nam | " + disciplined + " | 9 | 9 |"),
            discipline);
}

TEST(RenderMarkdown, BreakdownOfAScopeWithoutChildren_SaysSo) {
  ReportData data = Seed001Report();
  data.breakdown = true;
  EXPECT_THAT(Markdown(data), HasSubstr("### Theo đơn vị trực thuộc\n\n_Không có đơn vị trực "
                                        "thuộc._\n"));
}

TEST(RenderMarkdown, EndsWithFeedPositionsAndTheNewestEventInVietnamTime) {
  const std::string text = Markdown(Seed001Report());
  EXPECT_THAT(text, ::testing::EndsWith(
                        "---\n\n_Độ mới của số liệu: luồng thay đổi đảng viên đã đọc đến số "
                        "1200/1200, luồng kiểm tra đến số 845/850; sự kiện mới nhất lúc "
                        "05/01/2023 10:04:05 (giờ Việt Nam)._\n"));
}

TEST(RenderMarkdown, RangePeriod_IsNamedByItsDaysOnce) {
  ReportData data = Seed001Report();
  data.period.Clear();
  data.period.set_kind(reporting_v1::Period::KIND_RANGE);
  *data.period.mutable_start_date() = [] {
    google::type::Date d;
    d.set_year(2024), d.set_month(1), d.set_day(1);
    return d;
  }();
  *data.period.mutable_end_date() = [] {
    google::type::Date d;
    d.set_year(2024), d.set_month(3), d.set_day(15);
    return d;
  }();
  EXPECT_THAT(Markdown(data), HasSubstr("**Kỳ báo cáo:** từ 01/01/2024 đến 15/03/2024\n"));
}

TEST(ReportFreshness, IsTheLeastAdvancedOfTheAnswers) {
  ReportData data = Seed001Report();
  data.membership = MembershipAnswer();
  const reporting_v1::Freshness f = ReportFreshness(data);
  EXPECT_EQ(f.membership_sequence(), 1190);
  EXPECT_EQ(f.inspection_sequence(), 845);
  EXPECT_EQ(f.membership_head(), 1201);
  EXPECT_EQ(f.inspection_head(), 850);
  EXPECT_EQ(f.newest_event_time().seconds(), 1672887000);
}

TEST(ReportFreshness, AnAnswerWithNoEventYet_LeavesTheNewestEventUnknown) {
  ReportData data = Seed001Report();
  data.membership = MembershipAnswer();
  data.membership->mutable_freshness()->clear_newest_event_time();
  EXPECT_FALSE(ReportFreshness(data).has_newest_event_time());
  EXPECT_THAT(Markdown(data), HasSubstr("; chưa có sự kiện nào._\n"));
}

TEST(ToDomainStatistics, CarriesEveryCatalogueFigureByKey) {
  absl::StatusOr<reporting::Statistics> s = ToDomainStatistics(Seed001Answer());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->scope_id, 1);
  EXPECT_EQ(s->range.first, reporting::Date(2022, 1, 1));
  ASSERT_EQ(s->figures.size(), static_cast<size_t>(reporting::kFigureCount));
  const reporting::FigureValue& f =
      s->figure(reporting::FigureId::kCommitteeThematicInspectionOrganizations);
  EXPECT_EQ(f.distinct, 1126);
  EXPECT_EQ(f.occurrences, 1127);
}

TEST(ToDomainStatistics, FiguresInAnotherOrder_LandOnTheirOwnIds) {
  reporting_v1::Statistics answer = Seed001Answer();
  std::reverse(answer.mutable_figures()->begin(), answer.mutable_figures()->end());
  absl::StatusOr<reporting::Statistics> s = ToDomainStatistics(answer);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->figure(reporting::FigureId::kDisciplineMembersTotal).distinct, 296);
}

TEST(RenderCsv, OneRowPerFigure_WithPlainNumbers) {
  const auto rows = CsvRows(RenderCsv(Seed001Report()));
  ASSERT_EQ(rows.size(), 1u + reporting::kFigureCount);
  EXPECT_THAT(rows[0], ElementsAre("section", "key", "label", "distinct", "occurrences"));
  const std::string label(
      reporting::DefinitionOf(reporting::FigureId::kCommitteeThematicInspectionOrganizations)
          .label);
  EXPECT_THAT(rows[1], ElementsAre("committee", "committee.thematic_inspection.organizations",
                                   label, "1126", "1127"));
  EXPECT_THAT(rows.back(),
              ElementsAre("discipline", "discipline.members.expulsion", ::testing::_, "40", "40"));
}

TEST(RenderCsv, LabelWithACommaOrQuote_IsQuoted) {
  ReportData data = Seed001Report();
  data.inspection.reset();
  data.membership = MembershipAnswer();
  data.membership->mutable_figures(0)->set_label("Đảng viên \"chính thức\", dự bị");
  const std::string text = RenderCsv(data);
  EXPECT_THAT(text, HasSubstr("membership,members.total,\"Đảng viên \"\"chính thức\"\", dự "
                              "bị\",201345,201345\n"));
}

TEST(RenderCsv, Breakdown_AddsTheChildScopeAfterTheScopesOwnRows) {
  const auto rows = CsvRows(RenderCsv(Seed001ReportWithChildren()));
  EXPECT_THAT(rows[0],
              ElementsAre("section", "key", "label", "distinct", "occurrences", "child_scope"));
  EXPECT_EQ(rows[1][5], "");
  // Per section: the scope's ten committee figures, then each child's.
  EXPECT_EQ(rows[10][0], "committee");
  EXPECT_EQ(rows[10][5], "");
  EXPECT_EQ(rows[11][0], "committee");
  EXPECT_EQ(rows[11][5], "organizations/7");
  int child_rows = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    const std::vector<std::string>& row = rows[i];
    if (row[5] == "organizations/7" && row[1] == "committee.thematic_inspection.members") {
      EXPECT_EQ(row[3], "700");
      EXPECT_EQ(row[4], "702");
    }
    if (!row[5].empty()) ++child_rows;
  }
  EXPECT_EQ(child_rows, 2 * reporting::kFigureCount);
  EXPECT_EQ(rows.size(), 1u + 3u * reporting::kFigureCount);
}

TEST(RenderJson, OneObjectWithEverySection_ZerosPrinted) {
  ReportData data = Seed001Report();
  const std::string text = RenderJson(data);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << "one line";
  const google::protobuf::Struct object = ParseJson(text);
  const auto& fields = object.fields();
  EXPECT_EQ(fields.at("scope").string_value(), "organizations/1");
  EXPECT_EQ(fields.at("scopeDisplayName").string_value(), "Đảng bộ Khối Doanh nghiệp Trung ương");
  EXPECT_EQ(fields.at("periodLabel").string_value(), "năm 2022");
  EXPECT_EQ(fields.at("period").struct_value().fields().at("kind").string_value(), "KIND_YEAR");
  EXPECT_EQ(fields.at("membership").kind_case(), google::protobuf::Value::kNullValue);
  const auto& figures =
      fields.at("inspection").struct_value().fields().at("figures").list_value().values();
  ASSERT_EQ(figures.size(), reporting::kFigureCount);
  const auto& first = figures[0].struct_value().fields();
  EXPECT_EQ(first.at("key").string_value(), "committee.thematic_inspection.organizations");
  EXPECT_EQ(first.at("distinct").string_value(), "1126");  // int64 as the JSON mapping writes it
  const auto& zero = figures[2].struct_value().fields();
  EXPECT_EQ(zero.at("distinct").string_value(), "0");
  EXPECT_EQ(fields.at("freshness").struct_value().fields().at("inspectionSequence").string_value(),
            "845");
}

TEST(RenderJson, MembershipAnswer_IsItsOwnMember) {
  ReportData data = Seed001Report();
  data.membership = MembershipAnswer();
  const google::protobuf::Struct object = ParseJson(RenderJson(data));
  const auto& membership = object.fields().at("membership").struct_value().fields();
  EXPECT_EQ(membership.at("asOf").struct_value().fields().at("day").number_value(), 31);
  EXPECT_EQ(membership.at("figures")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("key")
                .string_value(),
            "members.total");
}

TEST(RenderJson, TextNeedingEscapes_StaysValidJson) {
  ReportData data = Seed001Report();
  data.scope_display_name = "Chi bộ \"Số 1\"\n\\ ";
  EXPECT_EQ(ParseJson(RenderJson(data)).fields().at("scopeDisplayName").string_value(),
            "Chi bộ \"Số 1\"\n\\ ");
}

TEST(ParseReportFormat, KnowsTheThreeFormats) {
  EXPECT_EQ(*ParseReportFormat("markdown"), ReportFormat::kMarkdown);
  EXPECT_EQ(*ParseReportFormat("MD"), ReportFormat::kMarkdown);
  EXPECT_EQ(*ParseReportFormat("csv"), ReportFormat::kCsv);
  EXPECT_EQ(*ParseReportFormat("json"), ReportFormat::kJson);
  absl::StatusOr<ReportFormat> table = ParseReportFormat("table");
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(table.status().message()), HasSubstr("--format=table"));
}

TEST(ParseReportSections, DefaultsToBoth_AndRefusesOtherWords) {
  absl::StatusOr<ReportSections> both = ParseReportSections({});
  ASSERT_TRUE(both.ok());
  EXPECT_TRUE(both->inspection && both->membership);
  absl::StatusOr<ReportSections> one = ParseReportSections({"inspection"});
  ASSERT_TRUE(one.ok());
  EXPECT_TRUE(one->inspection);
  EXPECT_FALSE(one->membership);
  absl::StatusOr<ReportSections> bad = ParseReportSections({"inspection", "ratings"});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("--sections: no section \"ratings\""));
}

}  // namespace
}  // namespace dangbo::ctl
