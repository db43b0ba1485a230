#include "services/inspection/domain/discipline_rules.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/domain/fixtures.h"

namespace dangbo::inspection {
namespace {

using fixtures::kCell;
using fixtures::kGrassroots;
using fixtures::WarningOfFullMember;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Form = DisciplineForm;

class DisciplineTest : public ::testing::Test {
 protected:
  absl::Status Decide(const DisciplinaryDecision& d) {
    return CheckDisciplinaryDecision(d, {}, rules_, today_);
  }
  static void ExpectFailedPrecondition(const absl::Status& status, const char* field) {
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_THAT(std::string(status.message()), StartsWith(field)) << status;
  }
  static DisciplinaryDecision ByCell(Form form) {
    DisciplinaryDecision d = WarningOfFullMember();
    d.form = form;
    d.deciding_body = DecidingBody::kCell;
    d.deciding_organization_id = kCell;
    return d;
  }
  static DisciplinaryDecision OfOrganization(Form form) {
    DisciplinaryDecision d = WarningOfFullMember();
    d.subject = {SubjectKind::kOrganization, kCell};
    d.member_standing = MemberStanding::kUnspecified;
    d.subject_organization_id = kCell;
    d.deciding_body = DecidingBody::kUpperExecutive;
    d.form = form;
    return d;
  }

  InspectionRules rules_;
  Date today_{2026, 11, 23};
};

TEST_F(DisciplineTest, Decide_WarningOfFullMemberByUpperInspectionCommittee_IsOk) {
  EXPECT_TRUE(Decide(WarningOfFullMember()).ok()) << Decide(WarningOfFullMember());
}

// --- Forms per subject ---

TEST_F(DisciplineTest, Decide_ExpulsionOfProbationaryMember_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.member_standing = MemberStanding::kProbationary;
  d.form = Form::kExpulsion;
  absl::Status status = Decide(d);
  ExpectFailedPrecondition(status, "form: EXPULSION does not apply to a probationary member");
  EXPECT_THAT(std::string(status.message()), HasSubstr("REPRIMAND, WARNING"));
}

TEST_F(DisciplineTest, Decide_RemovalOfProbationaryMember_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.member_standing = MemberStanding::kProbationary;
  d.holds_post = true;
  d.form = Form::kRemovalFromPost;
  ExpectFailedPrecondition(Decide(d), "form:");
}

TEST_F(DisciplineTest, Decide_WarningOfProbationaryMember_IsOk) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.member_standing = MemberStanding::kProbationary;
  EXPECT_TRUE(Decide(d).ok());
}

TEST_F(DisciplineTest, Decide_RemovalOfMemberHoldingNoPost_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.form = Form::kRemovalFromPost;
  ExpectFailedPrecondition(Decide(d), "form: REMOVAL_FROM_POST applies to a member holding a post");
}

TEST_F(DisciplineTest, Decide_RemovalOfMemberHoldingAPost_IsOk) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.form = Form::kRemovalFromPost;
  d.holds_post = true;
  EXPECT_TRUE(Decide(d).ok());
}

TEST_F(DisciplineTest, Decide_DissolutionOfMember_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.form = Form::kDissolution;
  ExpectFailedPrecondition(Decide(d), "form: DISSOLUTION does not apply to a full member");
}

TEST_F(DisciplineTest, Decide_ExpulsionOfOrganization_IsFailedPrecondition) {
  ExpectFailedPrecondition(Decide(OfOrganization(Form::kExpulsion)),
                           "form: EXPULSION does not apply to a");
}

TEST_F(DisciplineTest, Decide_DissolutionOfOrganizationByUpperExecutive_IsOk) {
  EXPECT_TRUE(Decide(OfOrganization(Form::kDissolution)).ok());
}

TEST_F(DisciplineTest, FormsFor_FollowDomainDefaults) {
  EXPECT_EQ(FormsFor(SubjectKind::kOrganization, MemberStanding::kUnspecified, rules_),
            (std::vector<Form>{Form::kReprimand, Form::kWarning, Form::kDissolution}));
  EXPECT_EQ(FormsFor(SubjectKind::kMember, MemberStanding::kFull, rules_),
            (std::vector<Form>{Form::kReprimand, Form::kWarning, Form::kRemovalFromPost,
                               Form::kExpulsion}));
  EXPECT_EQ(FormsFor(SubjectKind::kMember, MemberStanding::kProbationary, rules_),
            (std::vector<Form>{Form::kReprimand, Form::kWarning}));
  EXPECT_TRUE(FormsFor(SubjectKind::kMember, MemberStanding::kUnspecified, rules_).empty());
}

// --- Authority ---

TEST_F(DisciplineTest, Decide_CellWarnsItsOwnMember_IsOk) {
  EXPECT_TRUE(Decide(ByCell(Form::kWarning)).ok());
}

TEST_F(DisciplineTest, Decide_CellWarnsAnotherCellsMember_IsFailedPrecondition) {
  DisciplinaryDecision d = ByCell(Form::kWarning);
  d.subject_organization_id = kCell + 1;
  ExpectFailedPrecondition(Decide(d), "deciding_organization_id: a cell disciplines only its own");
}

TEST_F(DisciplineTest, Decide_ExpulsionByCell_IsFailedPrecondition) {
  absl::Status status = Decide(ByCell(Form::kExpulsion));
  ExpectFailedPrecondition(status, "deciding_body: CELL has no authority to decide EXPULSION");
  EXPECT_THAT(std::string(status.message()), HasSubstr("it may decide REPRIMAND, WARNING"));
}

TEST_F(DisciplineTest, Decide_RemovalByCell_IsFailedPrecondition) {
  DisciplinaryDecision d = ByCell(Form::kRemovalFromPost);
  d.holds_post = true;
  ExpectFailedPrecondition(Decide(d), "deciding_body: CELL");
}

TEST_F(DisciplineTest, Decide_BySubCommittee_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.deciding_body = DecidingBody::kSubCommittee;
  ExpectFailedPrecondition(Decide(d), "deciding_body: SUB_COMMITTEE has no authority");
}

TEST_F(DisciplineTest, Decide_ByGrassrootsStandingCommittee_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.form = Form::kReprimand;
  d.deciding_body = DecidingBody::kGrassrootsStandingCommittee;
  d.deciding_organization_id = kGrassroots;
  ExpectFailedPrecondition(Decide(d), "deciding_body: GRASSROOTS_STANDING_COMMITTEE");
}

TEST_F(DisciplineTest, Decide_ExpulsionByGrassrootsExecutive_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.form = Form::kExpulsion;
  d.deciding_body = DecidingBody::kGrassrootsExecutive;
  d.deciding_organization_id = kGrassroots;
  ExpectFailedPrecondition(Decide(d), "deciding_body:");
}

TEST_F(DisciplineTest, Decide_ExpulsionByUpperStandingCommittee_IsOk) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.form = Form::kExpulsion;
  d.deciding_body = DecidingBody::kUpperStandingCommittee;
  EXPECT_TRUE(Decide(d).ok());
}

TEST_F(DisciplineTest, Decide_OrganizationByInspectionCommittee_IsFailedPrecondition) {
  DisciplinaryDecision d = OfOrganization(Form::kWarning);
  d.deciding_body = DecidingBody::kUpperInspectionCommittee;
  ExpectFailedPrecondition(Decide(d), "deciding_body: UPPER_INSPECTION_COMMITTEE");
}

TEST_F(DisciplineTest, MayDecide_ReadsTheMatrixAsData) {
  rules_.authority.push_back({.body = DecidingBody::kSubCommittee,
                              .subject = SubjectKind::kMember,
                              .forms = {Form::kReprimand}});
  EXPECT_TRUE(
      MayDecide(DecidingBody::kSubCommittee, SubjectKind::kMember, Form::kReprimand, rules_));
  EXPECT_FALSE(
      MayDecide(DecidingBody::kSubCommittee, SubjectKind::kMember, Form::kWarning, rules_));
}

// --- Fields and dates ---

TEST_F(DisciplineTest, Decide_WithoutViolationDates_IsInvalidArgument) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.violation_dates.clear();
  EXPECT_EQ(Decide(d).code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(DisciplineTest, Decide_MemberWithoutStanding_IsInvalidArgument) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.member_standing = MemberStanding::kUnspecified;
  EXPECT_EQ(Decide(d).code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(DisciplineTest, Decide_ViolationAfterTheDecision_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.violation_dates.push_back(d.decision_date + 1);
  ExpectFailedPrecondition(Decide(d), "violation_dates[1]");
}

TEST_F(DisciplineTest, Decide_EffectiveBeforeTheDecision_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.effective_date = d.decision_date - 1;
  ExpectFailedPrecondition(Decide(d), "effective_date");
}

TEST_F(DisciplineTest, Decide_DecisionAfterToday_IsFailedPrecondition) {
  DisciplinaryDecision d = WarningOfFullMember();
  d.decision_date = today_ + 1;
  d.effective_date = today_ + 1;
  ExpectFailedPrecondition(Decide(d), "decision_date");
}

TEST_F(DisciplineTest, Severity_OrdersFormsFromLightToHeavy) {
  EXPECT_LT(Severity(Form::kReprimand), Severity(Form::kWarning));
  EXPECT_LT(Severity(Form::kWarning), Severity(Form::kRemovalFromPost));
  EXPECT_LT(Severity(Form::kRemovalFromPost), Severity(Form::kExpulsion));
  EXPECT_EQ(Severity(Form::kExpulsion), Severity(Form::kDissolution));
}

}  // namespace
}  // namespace dangbo::inspection
