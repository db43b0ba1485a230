#include "services/inspection/domain/stage_graph.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/domain/fixtures.h"

namespace dangbo::inspection {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Stage = InspectionStage;
using fixtures::Seed002Concluded;
using fixtures::Seed002Decided;
using fixtures::Seed002Notice;

class StageGraphTest : public ::testing::Test {
 protected:
  absl::Status Advance(const Inspection& in, Stage to) {
    return CheckAdvance(in, to, rules_, today_);
  }
  static void ExpectFailedPrecondition(const absl::Status& status, const char* field) {
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_THAT(std::string(status.message()), StartsWith(field)) << status;
  }
  // Seed 002 just after its notice, with the notice's tasks still open.
  static Inspection NoticeIssued() {
    Inspection in = Seed002Concluded();
    in.notice = Seed002Notice();
    in.stage = Stage::kNoticeIssued;
    return in;
  }

  InspectionRules rules_;
  Date today_{2026, 11, 23};
};

// --- The graph ---

TEST_F(StageGraphTest, NextStages_FollowTheMainPathAndCancelBeforeConclusion) {
  EXPECT_THAT(NextStages(Stage::kPlanned), ElementsAre(Stage::kDecided, Stage::kCancelled));
  EXPECT_THAT(NextStages(Stage::kReported), ElementsAre(Stage::kConcluded, Stage::kCancelled));
  EXPECT_THAT(NextStages(Stage::kConcluded), ElementsAre(Stage::kNoticeIssued));
  EXPECT_THAT(NextStages(Stage::kNoticeIssued), ElementsAre(Stage::kFollowUp, Stage::kClosed));
  EXPECT_THAT(NextStages(Stage::kFollowUp), ElementsAre(Stage::kClosed));
}

TEST_F(StageGraphTest, ClosedAndCancelled_AreTerminal) {
  EXPECT_TRUE(IsTerminal(Stage::kClosed));
  EXPECT_TRUE(IsTerminal(Stage::kCancelled));
  EXPECT_TRUE(NextStages(Stage::kClosed).empty());
  EXPECT_TRUE(NextStages(Stage::kCancelled).empty());
  EXPECT_FALSE(IsTerminal(Stage::kFollowUp));
}

TEST_F(StageGraphTest, Advance_SkippingAStage_IsFailedPreconditionNamingStage) {
  Inspection in = Seed002Decided();
  in.reported_date = Date(2019, 5, 20);
  ExpectFailedPrecondition(Advance(in, Stage::kReported), "stage: DECIDED cannot move to REPORTED");
}

TEST_F(StageGraphTest, Advance_Backwards_IsFailedPrecondition) {
  ExpectFailedPrecondition(Advance(Seed002Concluded(), Stage::kInProgress), "stage:");
}

TEST_F(StageGraphTest, Cancel_AfterConclusion_IsFailedPrecondition) {
  Inspection in = Seed002Concluded();
  in.cancelled_date = Date(2019, 6, 7);
  in.cancellation_reason = "trùng lặp";
  ExpectFailedPrecondition(Advance(in, Stage::kCancelled), "stage: CONCLUDED cannot move");
}

TEST_F(StageGraphTest, Cancel_FromReportedWithDateAndReason_IsOk) {
  Inspection in = Seed002Concluded();
  in.stage = Stage::kReported;
  in.cancelled_date = Date(2019, 6, 1);
  in.cancellation_reason = "đơn vị giải thể";
  EXPECT_TRUE(Advance(in, Stage::kCancelled).ok());
}

TEST_F(StageGraphTest, Cancel_WithoutReason_IsFailedPreconditionNamingReason) {
  Inspection in = Seed002Decided();
  in.cancelled_date = Date(2019, 4, 2);
  ExpectFailedPrecondition(Advance(in, Stage::kCancelled), "cancellation_reason");
}

// --- DECIDED ---

TEST_F(StageGraphTest, Decide_Seed002_IsOk) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  EXPECT_TRUE(Advance(in, Stage::kDecided).ok()) << Advance(in, Stage::kDecided);
}

TEST_F(StageGraphTest, Decide_WithoutDecisionNumber_IsFailedPreconditionNamingIt) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.decision.number.clear();
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "decision.number");
}

TEST_F(StageGraphTest, Decide_WithoutDecisionDate_IsFailedPreconditionNamingIt) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.decision.date.reset();
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "decision.date");
}

TEST_F(StageGraphTest, Decide_DecisionDateAfterToday_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.decision.date = today_ + 1;
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "decision.date");
}

TEST_F(StageGraphTest, Decide_WithoutSubjects_IsFailedPreconditionNamingSubjects) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.subjects.clear();
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "subjects");
}

TEST_F(StageGraphTest, Decide_DuplicateSubject_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.subjects.push_back(in.subjects[0]);
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "subjects[3]");
}

TEST_F(StageGraphTest, Decide_CommitteeMemberFlagOnOrganization_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.subjects[0].committee_member = true;
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "subjects[0].committee_member");
}

TEST_F(StageGraphTest, Decide_WithoutTeam_IsFailedPreconditionNamingTeam) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.team.clear();
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "team");
}

TEST_F(StageGraphTest, Decide_TeamWithoutLeader_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.team[0].role = TeamRole::kMember;
  absl::Status status = Advance(in, Stage::kDecided);
  ExpectFailedPrecondition(status, "team: exactly one leader");
}

TEST_F(StageGraphTest, Decide_RegularSupervision_NeedsNoTeam) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.type = InspectionType::kRegularSupervision;
  in.team.clear();
  in.planned_duration_working_days = 0;
  EXPECT_TRUE(Advance(in, Stage::kDecided).ok());
}

TEST_F(StageGraphTest, Decide_PeriodEndingBeforeItStarts_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.period_to = Date(2015, 1, 1);
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "period_to");
}

TEST_F(StageGraphTest, Decide_DurationOverTheLevelsLimit_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.planned_duration_working_days = 26;  // district level: 25
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "planned_duration_working_days");
}

TEST_F(StageGraphTest, Decide_BodyThatMayNotConductTheType_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kPlanned;
  in.type = InspectionType::kViolationSignsInspection;
  ExpectFailedPrecondition(Advance(in, Stage::kDecided), "conducting_body");
}

// --- IN_PROGRESS, REPORTED ---

TEST_F(StageGraphTest, Start_WithoutStartedDate_IsFailedPreconditionNamingIt) {
  ExpectFailedPrecondition(Advance(Seed002Decided(), Stage::kInProgress), "started_date");
}

TEST_F(StageGraphTest, Start_BeforeTheDecision_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.started_date = Date(2019, 3, 31);
  ExpectFailedPrecondition(Advance(in, Stage::kInProgress), "started_date");
}

TEST_F(StageGraphTest, Start_OnTheDecisionDate_IsOk) {
  Inspection in = Seed002Decided();
  in.started_date = Date(2019, 4, 1);
  EXPECT_TRUE(Advance(in, Stage::kInProgress).ok());
}

TEST_F(StageGraphTest, Report_BeforeTheStart_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kInProgress;
  in.started_date = Date(2019, 4, 8);
  in.reported_date = Date(2019, 4, 5);
  ExpectFailedPrecondition(Advance(in, Stage::kReported), "reported_date");
}

// --- CONCLUDED ---

TEST_F(StageGraphTest, Conclude_EverySubjectWithAnOutcome_IsOk) {
  Inspection in = Seed002Concluded();
  in.stage = Stage::kReported;
  EXPECT_TRUE(Advance(in, Stage::kConcluded).ok());
}

TEST_F(StageGraphTest, Conclude_SubjectWithoutOutcome_IsFailedPreconditionNamingSubject) {
  Inspection in = Seed002Concluded();
  in.stage = Stage::kReported;
  in.subjects[2].outcome = SubjectOutcome::kUnspecified;
  absl::Status status = Advance(in, Stage::kConcluded);
  ExpectFailedPrecondition(status, "subjects[2].outcome");
  EXPECT_THAT(std::string(status.message()), HasSubstr("MEMBER 300"));
}

TEST_F(StageGraphTest, Conclude_NotAssessedCountsAsAnOutcome) {
  Inspection in = Seed002Concluded();
  in.stage = Stage::kReported;
  in.subjects[0].outcome = SubjectOutcome::kNotAssessed;
  EXPECT_TRUE(Advance(in, Stage::kConcluded).ok());
}

TEST_F(StageGraphTest, Conclude_FindingAboutANonSubject_IsFailedPrecondition) {
  Inspection in = Seed002Concluded();
  in.stage = Stage::kReported;
  in.findings = {{.subject = {SubjectKind::kMember, 999}, .text = "x"}};
  ExpectFailedPrecondition(Advance(in, Stage::kConcluded), "findings[0].subject");
}

TEST_F(StageGraphTest, Conclude_WithoutConcludedDate_IsFailedPrecondition) {
  Inspection in = Seed002Concluded();
  in.stage = Stage::kReported;
  in.concluded_date.reset();
  ExpectFailedPrecondition(Advance(in, Stage::kConcluded), "concluded_date");
}

// --- NOTICE_ISSUED, FOLLOW_UP, CLOSED ---

TEST_F(StageGraphTest, IssueNotice_WithoutNotice_IsFailedPreconditionNamingNotice) {
  ExpectFailedPrecondition(Advance(Seed002Concluded(), Stage::kNoticeIssued), "notice");
}

TEST_F(StageGraphTest, IssueNotice_DraftNotice_IsFailedPrecondition) {
  Inspection in = Seed002Concluded();
  in.notice = Seed002Notice();
  in.notice->issued_date.reset();
  ExpectFailedPrecondition(Advance(in, Stage::kNoticeIssued), "notice");
}

TEST_F(StageGraphTest, IssueNotice_Seed002Notice_IsOk) {
  Inspection in = Seed002Concluded();
  in.notice = Seed002Notice();
  EXPECT_TRUE(Advance(in, Stage::kNoticeIssued).ok());
}

TEST_F(StageGraphTest, FollowUp_NoticeWithTasks_IsOk) {
  EXPECT_TRUE(Advance(NoticeIssued(), Stage::kFollowUp).ok());
}

TEST_F(StageGraphTest, FollowUp_NoticeWithoutTasks_IsFailedPrecondition) {
  Inspection in = NoticeIssued();
  in.notice->required_tasks.clear();
  ExpectFailedPrecondition(Advance(in, Stage::kFollowUp), "notice.required_tasks");
}

TEST_F(StageGraphTest, Close_StraightAfterANoticeWithoutTasks_IsOk) {
  Inspection in = NoticeIssued();
  in.notice->required_tasks.clear();
  in.closed_date = Date(2019, 6, 12);
  EXPECT_TRUE(Advance(in, Stage::kClosed).ok());
}

TEST_F(StageGraphTest, Close_WithATaskOpen_IsFailedPreconditionNamingTask) {
  Inspection in = NoticeIssued();
  in.stage = Stage::kFollowUp;
  in.closed_date = Date(2020, 1, 15);
  in.task_completions = {{.task_number = 1, .completed_date = Date(2019, 9, 20)}};
  absl::Status status = Advance(in, Stage::kClosed);
  ExpectFailedPrecondition(status, "task_completions: required task 2");
}

TEST_F(StageGraphTest, Close_EveryTaskCompleted_IsOk) {
  Inspection in = NoticeIssued();
  in.stage = Stage::kFollowUp;
  in.closed_date = Date(2020, 1, 15);
  in.task_completions = {{.task_number = 1, .completed_date = Date(2019, 9, 20)},
                         {.task_number = 2, .completed_date = Date(2019, 12, 20)}};
  EXPECT_TRUE(Advance(in, Stage::kClosed).ok());
}

TEST_F(StageGraphTest, Close_BeforeTheNotice_IsFailedPrecondition) {
  Inspection in = NoticeIssued();
  in.notice->required_tasks.clear();
  in.closed_date = Date(2019, 6, 11);
  ExpectFailedPrecondition(Advance(in, Stage::kClosed), "closed_date");
}

// --- Creation ---

TEST_F(StageGraphTest, New_AtDecidedWithItsRequirements_IsOk) {
  EXPECT_TRUE(CheckNewInspection(Seed002Decided(), rules_, today_).ok());
}

TEST_F(StageGraphTest, New_AtInProgress_IsFailedPrecondition) {
  Inspection in = Seed002Decided();
  in.stage = Stage::kInProgress;
  in.started_date = Date(2019, 4, 8);
  ExpectFailedPrecondition(CheckNewInspection(in, rules_, today_), "stage");
}

TEST_F(StageGraphTest, New_PlannedNeedsOnlyTypeAndBody) {
  Inspection in;
  in.stage = Stage::kPlanned;
  in.type = InspectionType::kThematicInspection;
  in.conducting_body = ConductingBody::kCell;
  EXPECT_TRUE(CheckNewInspection(in, rules_, today_).ok());
}

}  // namespace
}  // namespace dangbo::inspection
