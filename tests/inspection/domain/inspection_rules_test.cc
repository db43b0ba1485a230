#include "services/inspection/domain/inspection_rules.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/inspection/domain/discipline_rules.h"
#include "services/inspection/domain/durations.h"

namespace dangbo::inspection {
namespace {

using ::testing::HasSubstr;
using B = DecidingBody;
using Form = DisciplineForm;

TEST(InspectionRules, Defaults_AreDomainValues) {
  const InspectionRules rules;
  EXPECT_EQ(rules.reprimand_limitation_years, 5);
  EXPECT_EQ(rules.warning_limitation_years, 10);
  EXPECT_EQ(rules.removal_limitation_years, 10);
  EXPECT_EQ(rules.expulsion_limitation_years, 0);
  EXPECT_EQ(rules.appeal_filing_working_days, 30);
  EXPECT_EQ(rules.appeal_resolution_working_days, 90);
  EXPECT_EQ(rules.appeal_resolution_working_days_central, 180);
  EXPECT_EQ(rules.extension_divisor, 3);
}

TEST(InspectionRules, DefaultAuthority_CellReprimandsOrWarnsMembersOnly) {
  const InspectionRules rules;
  EXPECT_TRUE(MayDecide(B::kCell, SubjectKind::kMember, Form::kReprimand, rules));
  EXPECT_TRUE(MayDecide(B::kCell, SubjectKind::kMember, Form::kWarning, rules));
  EXPECT_FALSE(MayDecide(B::kCell, SubjectKind::kMember, Form::kRemovalFromPost, rules));
  EXPECT_FALSE(MayDecide(B::kCell, SubjectKind::kMember, Form::kExpulsion, rules));
  EXPECT_FALSE(MayDecide(B::kCell, SubjectKind::kOrganization, Form::kReprimand, rules));
}

TEST(InspectionRules, DefaultAuthority_SubCommitteeAndGrassrootsStandingCommitteeDecideNothing) {
  const InspectionRules rules;
  for (B body : {B::kSubCommittee, B::kGrassrootsStandingCommittee}) {
    for (SubjectKind subject : {SubjectKind::kMember, SubjectKind::kOrganization}) {
      for (Form form : {Form::kReprimand, Form::kWarning, Form::kRemovalFromPost, Form::kExpulsion,
                        Form::kDissolution}) {
        EXPECT_FALSE(MayDecide(body, subject, form, rules));
      }
    }
  }
}

TEST(InspectionRuleBook, Default_GivesDefaultsOnAnyDate) {
  const InspectionRuleBook book;
  EXPECT_EQ(book.At(Date(1990, 1, 1)).reprimand_limitation_years, 5);
  EXPECT_EQ(book.At(Date(2030, 1, 1)).appeal_filing_working_days, 30);
}

TEST(InspectionRuleBook, FromJson_LaterVersionAppliesFromItsDateAndInheritsTheRest) {
  absl::StatusOr<InspectionRuleBook> book = InspectionRuleBook::FromJson(R"({"versions": [
    {"effective_from": "2025-07-01", "appeal_resolution_working_days": 60},
    {"effective_from": "2022-01-01", "reprimand_limitation_years": 4}
  ]})");
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->At(Date(2025, 6, 30)).appeal_resolution_working_days, 90);
  EXPECT_EQ(book->At(Date(2025, 7, 1)).appeal_resolution_working_days, 60);
  EXPECT_EQ(book->At(Date(2025, 7, 1)).reprimand_limitation_years, 4);
  EXPECT_EQ(book->At(Date(2000, 1, 1)).reprimand_limitation_years, 4);  // before the first
}

TEST(InspectionRuleBook, FromJson_AuthorityCell_ReplacesOnlyThatCell) {
  absl::StatusOr<InspectionRuleBook> book = InspectionRuleBook::FromJson(R"({"versions": [
    {"effective_from": "2025-07-01",
     "authority": [{"body": "CELL", "subject": "MEMBER", "forms": ["REPRIMAND"]},
                   {"body": "SUB_COMMITTEE", "subject": "MEMBER", "forms": ["REPRIMAND"]}]}
  ]})");
  ASSERT_TRUE(book.ok()) << book.status();
  const InspectionRules& rules = book->At(Date(2025, 7, 1));
  EXPECT_FALSE(MayDecide(B::kCell, SubjectKind::kMember, Form::kWarning, rules));
  EXPECT_TRUE(MayDecide(B::kSubCommittee, SubjectKind::kMember, Form::kReprimand, rules));
  EXPECT_TRUE(MayDecide(B::kUpperExecutive, SubjectKind::kMember, Form::kExpulsion, rules));
}

TEST(InspectionRuleBook, FromJson_DurationLimit_ReplacesOrRemovesOneCell) {
  absl::StatusOr<InspectionRuleBook> book = InspectionRuleBook::FromJson(R"({"versions": [
    {"effective_from": "2025-07-01", "extension_divisor": 2,
     "duration_limits": [{"type": "THEMATIC_SUPERVISION", "level": "CENTRAL", "working_days": 40},
                         {"type": "THEMATIC_SUPERVISION", "level": "GRASSROOTS",
                          "working_days": 0}]}
  ]})");
  ASSERT_TRUE(book.ok()) << book.status();
  const InspectionRules& rules = book->At(Date(2025, 7, 1));
  EXPECT_EQ(DurationLimitFor(InspectionType::kThematicSupervision, Level::kCentral, rules), 40);
  EXPECT_EQ(DurationLimitFor(InspectionType::kThematicSupervision, Level::kGrassroots, rules),
            std::nullopt);
  EXPECT_EQ(DurationLimitFor(InspectionType::kThematicSupervision, Level::kDistrict, rules), 25);
  EXPECT_EQ(MaxExtension(40, rules), 20);
}

TEST(InspectionRuleBook, FromJson_FormsCategoriesAndStage) {
  absl::StatusOr<InspectionRuleBook> book = InspectionRuleBook::FromJson(R"({"versions": [
    {"effective_from": "2025-07-01", "probationary_member_forms": ["REPRIMAND"],
     "unlimited_categories": ["FORGED_DIPLOMA"], "duration_ends_at": "CONCLUDED"}
  ]})");
  ASSERT_TRUE(book.ok()) << book.status();
  const InspectionRules& rules = book->At(Date(2025, 7, 1));
  EXPECT_EQ(rules.probationary_member_forms, std::vector<Form>{Form::kReprimand});
  EXPECT_EQ(rules.unlimited_categories,
            std::vector<ViolationCategory>{ViolationCategory::kForgedDiploma});
  EXPECT_EQ(rules.duration_ends_at, InspectionStage::kConcluded);
}

TEST(InspectionRuleBook, FromJson_UnknownRule_IsInvalidArgumentNamingIt) {
  absl::StatusOr<InspectionRuleBook> book = InspectionRuleBook::FromJson(
      R"({"versions": [{"effective_from": "2020-01-01", "reprimand_limitation_yeas": 5}]})");
  ASSERT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("reprimand_limitation_yeas"));
}

TEST(InspectionRuleBook, FromJson_UnknownFormName_IsInvalidArgumentNamingIt) {
  absl::StatusOr<InspectionRuleBook> book = InspectionRuleBook::FromJson(R"({"versions": [
    {"effective_from": "2020-01-01",
     "authority": [{"body": "CELL", "subject": "MEMBER", "forms": ["SCOLDING"]}]}]})");
  ASSERT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("versions[0].authority[0].forms[0]"));
}

TEST(InspectionRuleBook, FromJson_ZeroFilingDays_IsInvalidArgument) {
  EXPECT_EQ(InspectionRuleBook::FromJson(
                R"({"versions": [{"effective_from": "2020-01-01",
                                  "appeal_filing_working_days": 0}]})")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(InspectionRuleBook, FromJson_MissingOrDuplicateDates_AreInvalidArgument) {
  EXPECT_EQ(
      InspectionRuleBook::FromJson(R"({"versions": [{"extension_divisor": 3}]})").status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(InspectionRuleBook::FromJson(R"({"versions": [{"effective_from": "2020-01-01"},
                                                          {"effective_from": "2020-01-01"}]})")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(InspectionRuleBook, FromJsonFile_Missing_IsNotFound) {
  EXPECT_EQ(InspectionRuleBook::FromJsonFile("/nonexistent/rules.json").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace dangbo::inspection
