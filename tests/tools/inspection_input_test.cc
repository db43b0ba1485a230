// The inspection commands' input parsing: subject names, CSV files of subjects, outcomes and
// findings, tasks, team members, planned items and JSON messages.
#include "tools/dangboctl/inspection_input.h"

#include <sstream>

#include "dangbo/inspection/v1/rules.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::ctl {
namespace {

namespace iv1 = ::dangbo::inspection::v1;
using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(SubjectNameTest, AcceptsFullNamesAndShortForms) {
  EXPECT_EQ(*SubjectName("organizations/5"), "organizations/5");
  EXPECT_EQ(*SubjectName(" members/42 "), "members/42");
  EXPECT_EQ(*SubjectName("m:7"), "members/7");
  EXPECT_EQ(*SubjectName("o:8"), "organizations/8");
  EXPECT_EQ(*SubjectName("member/9"), "members/9");
}

TEST(SubjectNameTest, RefusesABareIdAndOtherText) {
  for (const char* text : {"5", "", "members/", "members/abc", "members/-3", "members/0",
                           "inspections/4", "organizations/5/x"}) {
    EXPECT_FALSE(SubjectName(text).ok()) << text;
  }
}

TEST(ResourceNamesTest, BareIdsBecomeNames) {
  EXPECT_EQ(InspectionName("12"), "inspections/12");
  EXPECT_EQ(InspectionName("inspections/12"), "inspections/12");
  EXPECT_EQ(ProgrammeName("3"), "programmes/3");
  EXPECT_EQ(DisciplinaryDecisionName("9"), "disciplinaryDecisions/9");
  EXPECT_EQ(RuleVersionName("2025-01-01"), "ruleVersions/2025-01-01");
  EXPECT_EQ(RuleVersionName("ruleVersions/2025-01-01"), "ruleVersions/2025-01-01");
}

TEST(OutcomesCsvTest, ReadsRowsWithoutAHeader) {
  std::istringstream in("members/12,good\norganizations/5,SHORTCOMINGS\nm:3,violation\n");
  auto rows = ReadOutcomesCsv(in);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(rows->errors, SizeIs(0));
  ASSERT_THAT(rows->rows, SizeIs(3));
  EXPECT_EQ(rows->rows[0].subject(), "members/12");
  EXPECT_EQ(rows->rows[0].outcome(), iv1::SUBJECT_OUTCOME_GOOD);
  EXPECT_EQ(rows->rows[1].outcome(), iv1::SUBJECT_OUTCOME_SHORTCOMINGS);
  EXPECT_EQ(rows->rows[2].subject(), "members/3");
}

TEST(OutcomesCsvTest, ReadsAHeaderInAnyOrderWithABomAndCrlf) {
  std::istringstream in(
      "\xEF\xBB\xBFOutcome,Subject\r\nviolation_requires_discipline,members/1\r\n");
  auto rows = ReadOutcomesCsv(in);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_THAT(rows->rows, SizeIs(1));
  EXPECT_EQ(rows->rows[0].subject(), "members/1");
  EXPECT_EQ(rows->rows[0].outcome(), iv1::SUBJECT_OUTCOME_VIOLATION_REQUIRES_DISCIPLINE);
}

TEST(OutcomesCsvTest, NamesTheLineAndFieldOfEveryBadRow) {
  std::istringstream in(
      "subject,outcome\nmembers/1,good\n7,good\nmembers/2,excellent\n"
      "members/3,\n");
  auto rows = ReadOutcomesCsv(in);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(rows->rows, SizeIs(1));
  ASSERT_THAT(rows->errors, SizeIs(3));
  EXPECT_EQ(rows->errors[0].row_number, 3);
  EXPECT_EQ(rows->errors[0].field, "subject");
  EXPECT_EQ(rows->errors[1].row_number, 4);
  EXPECT_EQ(rows->errors[1].field, "outcome");
  EXPECT_EQ(rows->errors[2].row_number, 5);
  EXPECT_THAT(rows->errors[2].message, HasSubstr("required"));
}

TEST(OutcomesCsvTest, ExtraCellsAndUnknownHeaderColumnsAreRefused) {
  std::istringstream extra("members/1,good,surplus\n");
  auto rows = ReadOutcomesCsv(extra);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(rows->errors, SizeIs(1));
  std::istringstream header("subject,verdict\nmembers/1,good\n");
  EXPECT_FALSE(ReadOutcomesCsv(header).ok());
}

TEST(OutcomesCsvTest, AnUnclosedQuoteIsAnError) {
  std::istringstream in("members/1,\"good\n");
  EXPECT_FALSE(ReadOutcomesCsv(in).ok());
}

TEST(SubjectsCsvTest, CommitteeMemberColumnIsOptional) {
  std::istringstream bare("members/1\norganizations/2\n");
  auto rows = ReadSubjectsCsv(bare);
  ASSERT_TRUE(rows.ok());
  ASSERT_THAT(rows->rows, SizeIs(2));
  EXPECT_FALSE(rows->rows[0].committee_member());
  std::istringstream with("subject,committee_member\nmembers/1,có\nmembers/2,no\n");
  rows = ReadSubjectsCsv(with);
  ASSERT_TRUE(rows.ok());
  ASSERT_THAT(rows->rows, SizeIs(2));
  EXPECT_TRUE(rows->rows[0].committee_member());
  EXPECT_FALSE(rows->rows[1].committee_member());
}

TEST(SubjectsCsvTest, EmptyFileHasNoRows) {
  std::istringstream in("");
  auto rows = ReadSubjectsCsv(in);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(rows->rows, SizeIs(0));
}

TEST(FindingsCsvTest, TextMayHoldCommasWhenQuoted) {
  std::istringstream in("members/4,\"Chưa nộp đảng phí 3 tháng, không báo cáo\",party_activity\n");
  auto rows = ReadFindingsCsv(in);
  ASSERT_TRUE(rows.ok());
  ASSERT_THAT(rows->rows, SizeIs(1));
  EXPECT_EQ(rows->rows[0].text(), "Chưa nộp đảng phí 3 tháng, không báo cáo");
  EXPECT_EQ(rows->rows[0].violation_category(), iv1::VIOLATION_CATEGORY_PARTY_ACTIVITY);
}

TEST(RequiredTaskTest, ParsesTextAssigneeAndDueDate) {
  auto task = ParseRequiredTask("Khắc phục hạn chế, báo cáo kết quả|Chi bộ 3|2025-03-31");
  ASSERT_TRUE(task.ok()) << task.status();
  EXPECT_EQ(task->text(), "Khắc phục hạn chế, báo cáo kết quả");
  EXPECT_EQ(task->assignee(), "Chi bộ 3");
  EXPECT_EQ(task->due_date().year(), 2025);
  EXPECT_EQ(task->due_date().day(), 31);
}

TEST(RequiredTaskTest, RefusesMissingPartsAndBadDates) {
  for (const char* text :
       {"only text", "a|b", "a|b|2025-02-30", "|b|2025-01-01", "a||2025-01-01", "a|b|c|d"}) {
    EXPECT_FALSE(ParseRequiredTask(text).ok()) << text;
  }
}

TEST(TeamMemberTest, ParsesMemberNameAndRole) {
  auto member = ParseTeamMember("12|Nguyễn Văn An|leader");
  ASSERT_TRUE(member.ok()) << member.status();
  EXPECT_EQ(member->member(), "members/12");
  EXPECT_EQ(member->full_name(), "Nguyễn Văn An");
  EXPECT_EQ(member->role(), iv1::TEAM_ROLE_LEADER);
  EXPECT_FALSE(ParseTeamMember("12|An|captain").ok());
  EXPECT_FALSE(ParseTeamMember("12|An").ok());
}

TEST(PlannedItemTest, ParsesTypeContentSubjectsAndStart) {
  auto item = ParsePlannedItem("thematic_inspection|Công tác cán bộ|o:5;members/7|2025-04-01");
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->type(), iv1::INSPECTION_TYPE_THEMATIC_INSPECTION);
  EXPECT_THAT(item->subjects(), ::testing::ElementsAre("organizations/5", "members/7"));
  EXPECT_EQ(item->planned_start().month(), 4);
  auto no_start = ParsePlannedItem("dues_inspection|Đảng phí|o:5|");
  ASSERT_TRUE(no_start.ok());
  EXPECT_FALSE(no_start->has_planned_start());
  EXPECT_FALSE(ParsePlannedItem("nonsense|x|o:5|").ok());
  EXPECT_FALSE(ParsePlannedItem("dues_inspection|x|5|").ok());
}

TEST(JsonTest, ReadsProtobufJsonAndNamesWhatDoesNotParse) {
  iv1::RuleVersion version;
  ASSERT_TRUE(MessageFromJson(R"({"effectiveDate":{"year":2026,"month":1,"day":1},
      "reprimand_limitation_years":4,"unlimitedCategories":["VIOLATION_CATEGORY_FORGED_DIPLOMA"]})",
                              version)
                  .ok());
  EXPECT_EQ(version.reprimand_limitation_years(), 4);
  EXPECT_EQ(version.effective_date().year(), 2026);
  ASSERT_EQ(version.unlimited_categories_size(), 1);
  absl::Status bad = MessageFromJson(R"({"noSuchField":1})", version);
  EXPECT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.message()), HasSubstr("RuleVersion"));
  EXPECT_FALSE(MessageFromJson("{", version).ok());
  EXPECT_FALSE(MessageFromJsonFile("/nonexistent/rules.json", version).ok());
}

}  // namespace
}  // namespace dangbo::ctl
