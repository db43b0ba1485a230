// Inspections: round trips of every part, versions, list filters.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/store/store_fixture.h"

namespace dangbo::inspection {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

absl::StatusOr<Inspection> Update(InspectionStore& store, MutationContext context,
                                  const Inspection& changed) {
  Inspection updated;
  absl::StatusOr<std::string> response =
      store.Mutate(context, [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
        absl::StatusOr<Inspection> stored = tx.UpdateInspection(changed);
        if (!stored.ok()) return stored.status();
        updated = *stored;
        return MutationOutcome{"ok", {}, absl::StrCat("inspections/", stored->id), "updated"};
      });
  if (!response.ok()) return response.status();
  return updated;
}

TEST_F(InspectionStoreTest, CreateInspection_ReadsBackEveryFieldInVietnamese) {
  Inspection original = NewSupervision();
  original.findings = {{.subject = {SubjectKind::kMember, 300},
                        .text = "Chưa kê khai đầy đủ tài sản, thu nhập năm 2023",
                        .category = ViolationCategory::kFinanceAndAssets}};
  absl::StatusOr<Inspection> created = CreateInspection(original);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->version, 1);

  absl::StatusOr<Inspection> read = store_->GetInspection(created->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->type, InspectionType::kThematicSupervision);
  EXPECT_EQ(read->conducting_body, ConductingBody::kInspectionCommittee);
  EXPECT_EQ(read->conducting_organization_id, 1);
  EXPECT_EQ(read->conducting_level, Level::kProvincial);
  EXPECT_EQ(read->stage, InspectionStage::kDecided);
  EXPECT_EQ(read->decision.number, "251-QĐ/ĐUK");
  EXPECT_EQ(read->decision.date, Date(2024, 5, 6));
  EXPECT_EQ(read->content, original.content);
  EXPECT_EQ(read->period_from, Date(2023, 1, 1));
  EXPECT_EQ(read->period_to, Date(2023, 12, 31));
  EXPECT_EQ(read->planned_duration_working_days, 30);
  EXPECT_FALSE(read->programme_id.has_value());
  EXPECT_FALSE(read->started_date.has_value());
  EXPECT_THAT(read->team, ElementsAre(Field(&TeamMember::full_name, "Nguyễn Thị Hồng Nhung"),
                                      Field(&TeamMember::full_name, "Trần Văn Đức")));
  EXPECT_EQ(read->team[0].role, TeamRole::kLeader);
  ASSERT_THAT(read->subjects, SizeIs(2));
  EXPECT_EQ(read->subjects[1].subject, (SubjectRef{SubjectKind::kMember, 300}));
  EXPECT_TRUE(read->subjects[1].committee_member);
  EXPECT_EQ(read->subjects[1].organization_id_at_decision, 20);
  ASSERT_THAT(read->findings, SizeIs(1));
  EXPECT_EQ(read->findings[0].text, "Chưa kê khai đầy đủ tài sản, thu nhập năm 2023");
  EXPECT_EQ(read->findings[0].category, ViolationCategory::kFinanceAndAssets);
  EXPECT_FALSE(read->notice.has_value());
}

TEST_F(InspectionStoreTest, GetInspection_Unknown_IsNotFound) {
  absl::StatusOr<Inspection> read = store_->GetInspection(999);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(read.status().message(), HasSubstr("inspections/999"));
}

TEST_F(InspectionStoreTest, UpdateInspection_ReplacesPartsAndBumpsVersion) {
  absl::StatusOr<Inspection> created = CreateInspection(NewSupervision());
  ASSERT_TRUE(created.ok()) << created.status();
  Inspection changed = *created;
  changed.stage = InspectionStage::kInProgress;
  changed.started_date = Date(2024, 5, 10);
  changed.subjects.pop_back();
  changed.subjects[0].outcome = SubjectOutcome::kShortcomings;
  changed.task_completions = {
      {.task_number = 1, .completed_date = Date(2024, 9, 1), .note = "Đã khắc phục"}};

  absl::StatusOr<Inspection> updated = Update(*store_, NewContext("UpdateInspection"), changed);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);

  absl::StatusOr<Inspection> read = store_->GetInspection(created->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->version, 2);
  EXPECT_EQ(read->stage, InspectionStage::kInProgress);
  EXPECT_EQ(read->started_date, Date(2024, 5, 10));
  ASSERT_THAT(read->subjects, SizeIs(1));
  EXPECT_EQ(read->subjects[0].outcome, SubjectOutcome::kShortcomings);
  ASSERT_THAT(read->task_completions, SizeIs(1));
  EXPECT_EQ(read->task_completions[0].note, "Đã khắc phục");
}

TEST_F(InspectionStoreTest, UpdateInspection_StaleVersion_IsAbortedAndChangesNothing) {
  absl::StatusOr<Inspection> created = CreateInspection(NewSupervision());
  ASSERT_TRUE(created.ok()) << created.status();
  Inspection first = *created;
  first.content = "Nội dung mới";
  ASSERT_TRUE(Update(*store_, NewContext("UpdateInspection"), first).ok());

  Inspection stale = *created;  // still version 1
  stale.content = "Nội dung cũ";
  absl::StatusOr<Inspection> rejected = Update(*store_, NewContext("UpdateInspection"), stale);
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(rejected.status().message(), HasSubstr("etag"));
  absl::StatusOr<Inspection> read = store_->GetInspection(created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->content, "Nội dung mới");
  EXPECT_EQ(read->version, 2);
}

TEST_F(InspectionStoreTest, InsertInspection_SubjectNamedTwice_IsInvalidArgument) {
  Inspection twice = NewSupervision();
  twice.subjects.push_back(twice.subjects[0]);
  absl::StatusOr<Inspection> created = CreateInspection(twice);
  EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(created.status().message(), HasSubstr("organizations/20"));
  EXPECT_EQ(CountRows("inspections"), 0);
}

TEST_F(InspectionStoreTest, ListInspections_FiltersBySubjectTypeStageAndOrganization) {
  Inspection of_member = NewSupervision();
  Inspection other = NewSupervision();
  other.type = InspectionType::kViolationSignsInspection;
  other.conducting_organization_id = 2;
  other.subjects = {{.subject = {SubjectKind::kMember, 301}, .organization_id_at_decision = 21}};
  absl::StatusOr<Inspection> a = CreateInspection(of_member);
  absl::StatusOr<Inspection> b = CreateInspection(other);
  ASSERT_TRUE(a.ok() && b.ok());

  InspectionFilter by_subject;
  by_subject.subject = SubjectRef{SubjectKind::kMember, 301};
  absl::StatusOr<std::vector<Inspection>> found = store_->ListInspections(by_subject);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, b->id);

  InspectionFilter by_type;
  by_type.types = {InspectionType::kThematicSupervision};
  found = store_->ListInspections(by_type);
  ASSERT_TRUE(found.ok());
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, a->id);

  InspectionFilter by_organization;
  by_organization.conducting_organization_ids = {2, 3, 4};
  found = store_->ListInspections(by_organization);
  ASSERT_TRUE(found.ok());
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, b->id);

  InspectionFilter by_stage;
  by_stage.stages = {InspectionStage::kClosed};
  found = store_->ListInspections(by_stage);
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, IsEmpty());
}

TEST_F(InspectionStoreTest, ListInspections_PagesByIdWithoutGapsOrRepeats) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    absl::StatusOr<Inspection> created = CreateInspection(NewSupervision());
    ASSERT_TRUE(created.ok());
    ids.push_back(created->id);
  }
  std::vector<int64_t> seen;
  InspectionFilter filter;
  filter.page_size = 2;
  for (int page = 0; page < 4; ++page) {
    absl::StatusOr<std::vector<Inspection>> found = store_->ListInspections(filter);
    ASSERT_TRUE(found.ok());
    for (const Inspection& i : *found) seen.push_back(i.id);
    if (found->empty()) break;
    filter.after_id = found->back().id;
  }
  EXPECT_EQ(seen, ids);
}

TEST_F(InspectionStoreTest, ListInspections_DecidedWithinPeriod) {
  Inspection early = NewSupervision();
  early.decision.date = Date(2023, 2, 1);
  ASSERT_TRUE(CreateInspection(early).ok());
  absl::StatusOr<Inspection> late = CreateInspection(NewSupervision());  // 2024-05-06
  ASSERT_TRUE(late.ok());
  InspectionFilter filter;
  filter.decided_from = Date(2024, 1, 1);
  filter.decided_to = Date(2024, 12, 31);
  absl::StatusOr<std::vector<Inspection>> found = store_->ListInspections(filter);
  ASSERT_TRUE(found.ok());
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, late->id);
}

}  // namespace
}  // namespace dangbo::inspection
