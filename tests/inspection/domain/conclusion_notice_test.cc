#include "services/inspection/domain/conclusion_notice.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/domain/fixtures.h"

namespace dangbo::inspection {
namespace {

using fixtures::Seed002Concluded;
using fixtures::Seed002Notice;
using ::testing::StartsWith;

class NoticeTest : public ::testing::Test {
 protected:
  absl::Status Issue(const ConclusionNotice& notice) {
    return CheckIssue(notice, Seed002Concluded(), today_);
  }
  static void ExpectFailedPrecondition(const absl::Status& status, const char* field) {
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_THAT(std::string(status.message()), StartsWith(field)) << status;
  }
  static ConclusionNotice Correction() {
    ConclusionNotice n = Seed002Notice();
    n.issued_date = Date(2019, 6, 20);
    n.correction_reason = "Sửa hạn hoàn thành nhiệm vụ của Ban Tổ chức";
    n.required_tasks[0].due_date = Date(2019, 10, 31);
    return n;
  }

  Date today_{2026, 11, 23};
};

TEST_F(NoticeTest, Issue_Seed002Notice_IsOk) { EXPECT_TRUE(Issue(Seed002Notice()).ok()); }

TEST_F(NoticeTest, Issue_WithoutNumber_IsFailedPrecondition) {
  ConclusionNotice n = Seed002Notice();
  n.number.clear();
  ExpectFailedPrecondition(Issue(n), "notice.number");
}

TEST_F(NoticeTest, Issue_BeforeTheConclusion_IsFailedPrecondition) {
  ConclusionNotice n = Seed002Notice();
  n.issued_date = Date(2019, 6, 5);
  ExpectFailedPrecondition(Issue(n), "notice.issued_date");
}

TEST_F(NoticeTest, Issue_AllSectionsEmpty_IsFailedPrecondition) {
  ConclusionNotice n = Seed002Notice();
  n.strengths.clear();
  n.shortcomings.clear();
  n.causes.clear();
  n.required_tasks.clear();
  ExpectFailedPrecondition(Issue(n), "notice: strengths");
}

TEST_F(NoticeTest, Issue_TaskWithoutAssignee_IsFailedPreconditionNamingTask) {
  ConclusionNotice n = Seed002Notice();
  n.required_tasks[1].assignee.clear();
  ExpectFailedPrecondition(Issue(n), "notice.required_tasks[1].assignee");
}

TEST_F(NoticeTest, Issue_TaskWithoutDueDate_IsFailedPrecondition) {
  ConclusionNotice n = Seed002Notice();
  n.required_tasks[0].due_date.reset();
  ExpectFailedPrecondition(Issue(n), "notice.required_tasks[0].due_date");
}

TEST_F(NoticeTest, Issue_TaskDueBeforeTheNotice_IsFailedPrecondition) {
  ConclusionNotice n = Seed002Notice();
  n.required_tasks[0].due_date = Date(2019, 6, 11);
  ExpectFailedPrecondition(Issue(n), "notice.required_tasks[0].due_date");
}

TEST_F(NoticeTest, Issue_WithoutDistribution_IsFailedPrecondition) {
  ConclusionNotice n = Seed002Notice();
  n.distribution.clear();
  ExpectFailedPrecondition(Issue(n), "notice.distribution");
}

TEST_F(NoticeTest, Edit_IssuedNotice_IsFailedPrecondition) {
  ConclusionNotice edited = Seed002Notice();
  edited.causes.push_back("thêm");
  absl::Status status = CheckEdit(Seed002Notice(), edited);
  ExpectFailedPrecondition(status, "notice: revision 1 was issued on 2019-06-12 and cannot change");
}

TEST_F(NoticeTest, Edit_IssuedNoticeUnchanged_IsOk) {
  EXPECT_TRUE(CheckEdit(Seed002Notice(), Seed002Notice()).ok());
}

TEST_F(NoticeTest, Edit_Draft_IsOk) {
  ConclusionNotice draft = Seed002Notice();
  draft.issued_date.reset();
  ConclusionNotice edited = draft;
  edited.causes.push_back("thêm");
  EXPECT_TRUE(CheckEdit(draft, edited).ok());
}

TEST_F(NoticeTest, Correction_IsANewRevisionSupersedingTheIssuedOne) {
  absl::StatusOr<ConclusionNotice> corrected =
      MakeCorrection(Seed002Notice(), Correction(), Seed002Concluded(), today_);
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  EXPECT_EQ(corrected->revision, 2);
  EXPECT_EQ(corrected->supersedes_revision, 1);
  EXPECT_EQ(corrected->inspection_id, 251);
}

TEST_F(NoticeTest, Correction_WithoutReason_IsFailedPrecondition) {
  ConclusionNotice c = Correction();
  c.correction_reason.clear();
  ExpectFailedPrecondition(MakeCorrection(Seed002Notice(), c, Seed002Concluded(), today_).status(),
                           "notice.correction_reason");
}

TEST_F(NoticeTest, Correction_DatedBeforeTheRevisionItCorrects_IsFailedPrecondition) {
  ConclusionNotice c = Correction();
  c.issued_date = Date(2019, 6, 11);
  ExpectFailedPrecondition(MakeCorrection(Seed002Notice(), c, Seed002Concluded(), today_).status(),
                           "notice.issued_date");
}

TEST_F(NoticeTest, Correction_OfADraft_IsFailedPrecondition) {
  ConclusionNotice draft = Seed002Notice();
  draft.issued_date.reset();
  ExpectFailedPrecondition(MakeCorrection(draft, Correction(), Seed002Concluded(), today_).status(),
                           "notice: revision 1 is a draft");
}

TEST_F(NoticeTest, CurrentRevision_IsTheHighestIssuedOne) {
  ConclusionNotice second =
      *MakeCorrection(Seed002Notice(), Correction(), Seed002Concluded(), today_);
  ConclusionNotice third_draft = second;
  third_draft.revision = 3;
  third_draft.issued_date.reset();
  const std::vector<ConclusionNotice> revisions = {Seed002Notice(), second, third_draft};
  ASSERT_NE(CurrentRevision(revisions), nullptr);
  EXPECT_EQ(CurrentRevision(revisions)->revision, 2);
  EXPECT_EQ(CurrentRevision({third_draft}), nullptr);
}

}  // namespace
}  // namespace dangbo::inspection
