// Disciplinary decisions and appeals.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/store/store_fixture.h"

namespace dangbo::inspection {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

class DisciplineStoreTest : public InspectionStoreTest {
 protected:
  absl::StatusOr<StoredAppeal> WriteAppeal(
      const std::function<absl::StatusOr<StoredAppeal>(InspectionTx&)>& write) {
    StoredAppeal result;
    absl::StatusOr<std::string> response = store_->Mutate(
        NewContext("Appeal"), [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          absl::StatusOr<StoredAppeal> a = write(tx);
          if (!a.ok()) return a.status();
          result = *a;
          return MutationOutcome{"ok", {}, "appeals", "appeal"};
        });
    if (!response.ok()) return response.status();
    return result;
  }

  static StoredAppeal NewAppeal(int64_t decision_id) {
    StoredAppeal stored;
    stored.appeal.decision_id = decision_id;
    stored.appeal.received_date = Date(2024, 9, 12);
    stored.appeal.filed_date = Date(2024, 10, 1);
    stored.appeal.resolving_organization_id = 1;
    stored.appeal.resolving_level = Level::kProvincial;
    stored.resolution_due_date = Date(2025, 2, 14);
    return stored;
  }
};

TEST_F(DisciplineStoreTest, CreateDecision_ReadsBackFactsDatesAndCircumstances) {
  const DisciplinaryDecision original = NewWarning();
  absl::StatusOr<DisciplinaryDecision> created = CreateDecision(original);
  ASSERT_TRUE(created.ok()) << created.status();
  absl::StatusOr<DisciplinaryDecision> read = store_->GetDecision(created->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->subject, original.subject);
  EXPECT_EQ(read->member_standing, MemberStanding::kFull);
  EXPECT_TRUE(read->holds_post);
  EXPECT_EQ(read->subject_organization_id, 20);
  EXPECT_EQ(read->form, DisciplineForm::kWarning);
  EXPECT_EQ(read->deciding_body, DecidingBody::kUpperInspectionCommittee);
  EXPECT_EQ(read->number, "12-QĐ/UBKTĐUK");
  EXPECT_EQ(read->decision_date, Date(2024, 9, 10));
  EXPECT_EQ(read->effective_date, Date(2024, 9, 10));
  EXPECT_THAT(read->violation_dates, ElementsAre(Date(2022, 3, 1), Date(2023, 6, 15)));
  EXPECT_EQ(read->category, ViolationCategory::kFinanceAndAssets);
  EXPECT_EQ(read->reasons, original.reasons);
  EXPECT_EQ(read->aggravating_circumstances, original.aggravating_circumstances);
  EXPECT_EQ(read->mitigating_circumstances, original.mitigating_circumstances);
  EXPECT_FALSE(read->source_inspection_id.has_value());
  EXPECT_EQ(read->version, 1);
}

TEST_F(DisciplineStoreTest, CreateDecision_FromInspection_KeepsSourceInspection) {
  absl::StatusOr<Inspection> inspection = CreateInspection(NewSupervision());
  ASSERT_TRUE(inspection.ok());
  DisciplinaryDecision from_inspection = NewWarning();
  from_inspection.source_inspection_id = inspection->id;
  absl::StatusOr<DisciplinaryDecision> created = CreateDecision(from_inspection);
  ASSERT_TRUE(created.ok()) << created.status();
  absl::StatusOr<DisciplinaryDecision> read = store_->GetDecision(created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->source_inspection_id, inspection->id);
}

TEST_F(DisciplineStoreTest, ListDecisions_BySubjectOrganizationAndForm) {
  DisciplinaryDecision reprimand = NewWarning();
  reprimand.form = DisciplineForm::kReprimand;
  reprimand.subject_organization_id = 21;
  reprimand.subject = {SubjectKind::kMember, 301};
  absl::StatusOr<DisciplinaryDecision> warning = CreateDecision(NewWarning());
  absl::StatusOr<DisciplinaryDecision> other = CreateDecision(reprimand);
  ASSERT_TRUE(warning.ok() && other.ok());

  DecisionFilter by_organization;
  by_organization.subject_organization_ids = {21};
  absl::StatusOr<std::vector<DisciplinaryDecision>> found = store_->ListDecisions(by_organization);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, other->id);

  DecisionFilter by_form;
  by_form.forms = {DisciplineForm::kWarning, DisciplineForm::kExpulsion};
  found = store_->ListDecisions(by_form);
  ASSERT_TRUE(found.ok());
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, warning->id);

  DecisionFilter by_subject;
  by_subject.subject = SubjectRef{SubjectKind::kMember, 300};
  found = store_->ListDecisions(by_subject);
  ASSERT_TRUE(found.ok());
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, warning->id);
}

TEST_F(DisciplineStoreTest, UpdateDecision_StaleVersion_IsAborted) {
  absl::StatusOr<DisciplinaryDecision> created = CreateDecision(NewWarning());
  ASSERT_TRUE(created.ok());
  auto update = [&](const DisciplinaryDecision& d) {
    return store_
        ->Mutate(NewContext("UpdateDecision"),
                 [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
                   absl::StatusOr<DisciplinaryDecision> s = tx.UpdateDecision(d);
                   if (!s.ok()) return s.status();
                   return MutationOutcome{"ok", {}, "d", "u"};
                 })
        .status();
  };
  DisciplinaryDecision changed = *created;
  changed.reasons = "Lý do đã bổ sung";
  ASSERT_TRUE(update(changed).ok());
  EXPECT_EQ(update(changed).code(), absl::StatusCode::kAborted);
}

TEST_F(DisciplineStoreTest, Appeal_FiledThenResolved_ReadsBackResolution) {
  absl::StatusOr<DisciplinaryDecision> decision = CreateDecision(NewWarning());
  ASSERT_TRUE(decision.ok());
  absl::StatusOr<StoredAppeal> filed =
      WriteAppeal([&](InspectionTx& tx) { return tx.InsertAppeal(NewAppeal(decision->id)); });
  ASSERT_TRUE(filed.ok()) << filed.status();
  EXPECT_FALSE(filed->appeal.resolution.has_value());

  StoredAppeal resolved = *filed;
  resolved.appeal.resolution =
      AppealResolution{.outcome = AppealOutcome::kReduced,
                       .date = Date(2024, 12, 20),
                       .number = "30-QĐ/UBKTĐUK",
                       .new_form = DisciplineForm::kReprimand,
                       .reasons = "Đảng viên đã thành khẩn nhận khuyết điểm"};
  ASSERT_TRUE(WriteAppeal([&](InspectionTx& tx) { return tx.UpdateAppeal(resolved); }).ok());

  absl::StatusOr<StoredAppeal> read = store_->GetAppeal(decision->id, filed->appeal.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->appeal.version, 2);
  EXPECT_EQ(read->resolution_due_date, Date(2025, 2, 14));
  ASSERT_TRUE(read->appeal.resolution.has_value());
  EXPECT_EQ(read->appeal.resolution->outcome, AppealOutcome::kReduced);
  EXPECT_EQ(read->appeal.resolution->date, Date(2024, 12, 20));
  EXPECT_EQ(read->appeal.resolution->new_form, DisciplineForm::kReprimand);
  EXPECT_EQ(read->appeal.resolution->reasons, "Đảng viên đã thành khẩn nhận khuyết điểm");
}

TEST_F(DisciplineStoreTest, GetAppeal_UnderAnotherDecision_IsNotFound) {
  absl::StatusOr<DisciplinaryDecision> first = CreateDecision(NewWarning());
  absl::StatusOr<DisciplinaryDecision> second = CreateDecision(NewWarning());
  ASSERT_TRUE(first.ok() && second.ok());
  absl::StatusOr<StoredAppeal> filed =
      WriteAppeal([&](InspectionTx& tx) { return tx.InsertAppeal(NewAppeal(first->id)); });
  ASSERT_TRUE(filed.ok());
  EXPECT_EQ(store_->GetAppeal(second->id, filed->appeal.id).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(DisciplineStoreTest, InsertAppeal_UnknownDecision_IsNotFound) {
  absl::StatusOr<StoredAppeal> filed =
      WriteAppeal([&](InspectionTx& tx) { return tx.InsertAppeal(NewAppeal(404)); });
  EXPECT_EQ(filed.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(DisciplineStoreTest, ListAppeals_UnresolvedDueBefore_FindsOnlyOverdueOpenOnes) {
  absl::StatusOr<DisciplinaryDecision> decision = CreateDecision(NewWarning());
  ASSERT_TRUE(decision.ok());
  StoredAppeal late = NewAppeal(decision->id);
  late.resolution_due_date = Date(2025, 1, 10);
  StoredAppeal on_time = NewAppeal(decision->id);
  on_time.resolution_due_date = Date(2025, 6, 1);
  StoredAppeal late_but_resolved = NewAppeal(decision->id);
  late_but_resolved.resolution_due_date = Date(2025, 1, 10);
  late_but_resolved.appeal.resolution = AppealResolution{
      .outcome = AppealOutcome::kUpheld, .date = Date(2025, 1, 5), .number = "1-QĐ"};
  absl::StatusOr<StoredAppeal> a =
      WriteAppeal([&](InspectionTx& tx) { return tx.InsertAppeal(late); });
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(WriteAppeal([&](InspectionTx& tx) { return tx.InsertAppeal(on_time); }).ok());
  ASSERT_TRUE(
      WriteAppeal([&](InspectionTx& tx) { return tx.InsertAppeal(late_but_resolved); }).ok());

  AppealFilter filter;
  filter.unresolved_only = true;
  filter.due_before = Date(2025, 2, 1);
  absl::StatusOr<std::vector<StoredAppeal>> found = store_->ListAppeals(filter);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].appeal.id, a->appeal.id);
}

}  // namespace
}  // namespace dangbo::inspection
