// Conclusion notices: immutable issued revisions, corrections, the notice in force, tasks due.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/store/store_fixture.h"

namespace dangbo::inspection {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class NoticeStoreTest : public InspectionStoreTest {
 protected:
  void SetUp() override {
    InspectionStoreTest::SetUp();
    if (HasFatalFailure()) return;
    absl::StatusOr<Inspection> created = CreateInspection(NewSupervision());
    ASSERT_TRUE(created.ok()) << created.status();
    inspection_id_ = created->id;
  }

  absl::Status Write(const std::string& method,
                     const std::function<absl::Status(InspectionTx&)>& write) {
    return store_
        ->Mutate(NewContext(method),
                 [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
                   if (absl::Status s = write(tx); !s.ok()) return s;
                   return MutationOutcome{
                       "ok", {}, absl::StrCat("inspections/", inspection_id_), method};
                 })
        .status();
  }

  int64_t inspection_id_ = 0;
};

TEST_F(NoticeStoreTest, IssuedNotice_ReadsBackWithSectionsTasksAndDistribution) {
  const ConclusionNotice notice = NewNotice(inspection_id_, 1);
  ASSERT_TRUE(Write("IssueConclusionNotice", [&](InspectionTx& tx) {
                return tx.InsertNoticeRevision(notice);
              }).ok());
  absl::StatusOr<ConclusionNotice> read = store_->GetNoticeRevision(inspection_id_, 1);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, notice);
  absl::StatusOr<Inspection> inspection = store_->GetInspection(inspection_id_);
  ASSERT_TRUE(inspection.ok());
  ASSERT_TRUE(inspection->notice.has_value());
  EXPECT_EQ(*inspection->notice, notice);
}

TEST_F(NoticeStoreTest, Correction_IsNewRevisionInForceAndBothStayReadable) {
  const ConclusionNotice first = NewNotice(inspection_id_, 1);
  ConclusionNotice second = NewNotice(inspection_id_, 2);
  second.supersedes_revision = 1;
  second.correction_reason = "Sửa tên đơn vị được giao nhiệm vụ";
  second.issued_date = Date(2024, 7, 20);
  second.required_tasks[0].assignee = "Đảng ủy Tổng công ty Điện lực Hà Nội";
  ASSERT_TRUE(Write("IssueConclusionNotice", [&](InspectionTx& tx) {
                return tx.InsertNoticeRevision(first);
              }).ok());
  ASSERT_TRUE(Write("CorrectConclusionNotice", [&](InspectionTx& tx) {
                return tx.InsertNoticeRevision(second);
              }).ok());

  absl::StatusOr<std::vector<ConclusionNotice>> revisions =
      store_->ListNoticeRevisions(inspection_id_);
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  ASSERT_THAT(*revisions, SizeIs(2));
  EXPECT_EQ((*revisions)[0], first);
  EXPECT_EQ((*revisions)[1], second);
  absl::StatusOr<Inspection> inspection = store_->GetInspection(inspection_id_);
  ASSERT_TRUE(inspection.ok());
  ASSERT_TRUE(inspection->notice.has_value());
  EXPECT_EQ(inspection->notice->revision, 2);
}

TEST_F(NoticeStoreTest, UpdateIssuedRevision_IsFailedPreconditionAndLeavesItUnchanged) {
  const ConclusionNotice issued = NewNotice(inspection_id_, 1);
  ASSERT_TRUE(Write("IssueConclusionNotice", [&](InspectionTx& tx) {
                return tx.InsertNoticeRevision(issued);
              }).ok());
  ConclusionNotice edited = issued;
  edited.strengths = {"Đã sửa"};
  absl::Status status =
      Write("EditNotice", [&](InspectionTx& tx) { return tx.UpdateNoticeDraft(edited); });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("correction"));
  absl::StatusOr<ConclusionNotice> read = store_->GetNoticeRevision(inspection_id_, 1);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, issued);
}

TEST_F(NoticeStoreTest, InsertRevisionTwice_IsAlreadyExists) {
  const ConclusionNotice notice = NewNotice(inspection_id_, 1);
  ASSERT_TRUE(Write("IssueConclusionNotice", [&](InspectionTx& tx) {
                return tx.InsertNoticeRevision(notice);
              }).ok());
  absl::Status again = Write("IssueConclusionNotice",
                             [&](InspectionTx& tx) { return tx.InsertNoticeRevision(notice); });
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(NoticeStoreTest, Draft_ChangesFreelyAndIsNotInForceUntilIssued) {
  ConclusionNotice draft = NewNotice(inspection_id_, 1);
  draft.issued_date.reset();
  ASSERT_TRUE(
      Write("DraftNotice", [&](InspectionTx& tx) { return tx.InsertNoticeRevision(draft); }).ok());
  absl::StatusOr<Inspection> before = store_->GetInspection(inspection_id_);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->notice.has_value());

  ConclusionNotice issued = draft;
  issued.causes.push_back("Công tác kiểm tra, giám sát chưa thường xuyên.");
  issued.issued_date = Date(2024, 7, 15);
  ASSERT_TRUE(
      Write("IssueDraft", [&](InspectionTx& tx) { return tx.UpdateNoticeDraft(issued); }).ok());
  absl::StatusOr<Inspection> after = store_->GetInspection(inspection_id_);
  ASSERT_TRUE(after.ok());
  ASSERT_TRUE(after->notice.has_value());
  EXPECT_EQ(*after->notice, issued);
}

TEST_F(NoticeStoreTest, TaskDueBefore_FindsInspectionsWithUncompletedTasksOfNoticeInForce) {
  const ConclusionNotice notice = NewNotice(inspection_id_, 1);  // tasks due Oct 31, Nov 30
  ASSERT_TRUE(Write("IssueConclusionNotice", [&](InspectionTx& tx) {
                return tx.InsertNoticeRevision(notice);
              }).ok());
  InspectionFilter filter;
  filter.task_due_before = Date(2024, 11, 15);
  absl::StatusOr<std::vector<Inspection>> due = store_->ListInspections(filter);
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_THAT(*due, SizeIs(1));

  // Task 1 done: nothing else is due before Nov 15.
  ASSERT_TRUE(Write("RecordTaskCompletion", [&](InspectionTx& tx) -> absl::Status {
                absl::StatusOr<Inspection> locked = tx.LockInspection(inspection_id_);
                if (!locked.ok()) return locked.status();
                locked->task_completions.push_back(
                    {.task_number = 1, .completed_date = Date(2024, 10, 20), .note = ""});
                return tx.UpdateInspection(*locked).status();
              }).ok());
  due = store_->ListInspections(filter);
  ASSERT_TRUE(due.ok());
  EXPECT_THAT(*due, SizeIs(0));
}

}  // namespace
}  // namespace dangbo::inspection
