// Annual programmes and their planned items.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/store/store_fixture.h"

namespace dangbo::inspection {
namespace {

using ::testing::SizeIs;

Programme NewProgramme(int year) {
  Programme p;
  p.organization_id = 1;
  p.conducting_body = ConductingBody::kInspectionCommittee;
  p.year = year;
  p.decision = DecisionRef{"05-CTr/UBKTĐUK", Date(year, 1, 10), "organizations/1"};
  p.items = {{.type = InspectionType::kThematicSupervision,
              .content = "Giám sát việc thực hiện quy chế làm việc của cấp ủy",
              .subjects = {{SubjectKind::kOrganization, 20}, {SubjectKind::kMember, 300}},
              .planned_start = Date(year, 4, 1)},
             {.type = InspectionType::kDuesInspection,
              .content = "Kiểm tra thu, nộp, quản lý, sử dụng đảng phí",
              .subjects = {{SubjectKind::kOrganization, 21}},
              .planned_start = Date(year, 7, 1)}};
  return p;
}

class ProgrammeStoreTest : public InspectionStoreTest {
 protected:
  absl::StatusOr<Programme> Write(
      const std::string& method,
      const std::function<absl::StatusOr<Programme>(InspectionTx&)>& write) {
    Programme result;
    absl::StatusOr<std::string> response = store_->Mutate(
        NewContext(method), [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          absl::StatusOr<Programme> p = write(tx);
          if (!p.ok()) return p.status();
          result = *p;
          return MutationOutcome{"ok", {}, absl::StrCat("programmes/", p->id), method};
        });
    if (!response.ok()) return response.status();
    return result;
  }
};

TEST_F(ProgrammeStoreTest, CreateProgramme_ReadsBackItemsWithSubjects) {
  const Programme original = NewProgramme(2024);
  absl::StatusOr<Programme> created =
      Write("CreateProgramme", [&](InspectionTx& tx) { return tx.InsertProgramme(original); });
  ASSERT_TRUE(created.ok()) << created.status();
  absl::StatusOr<Programme> read = store_->GetProgramme(created->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->year, 2024);
  EXPECT_EQ(read->decision.number, "05-CTr/UBKTĐUK");
  EXPECT_EQ(read->decision.issuer, "organizations/1");
  ASSERT_THAT(read->items, SizeIs(2));
  EXPECT_EQ(read->items[0].content, original.items[0].content);
  EXPECT_EQ(read->items[0].subjects, original.items[0].subjects);
  EXPECT_EQ(read->items[1].planned_start, Date(2024, 7, 1));
  EXPECT_FALSE(read->items[1].inspection_id.has_value());
}

TEST_F(ProgrammeStoreTest, UpdateProgramme_LinksItemToInspectionAndStaleVersionIsAborted) {
  absl::StatusOr<Programme> created = Write(
      "CreateProgramme", [&](InspectionTx& tx) { return tx.InsertProgramme(NewProgramme(2024)); });
  ASSERT_TRUE(created.ok());
  Inspection carried_out = NewSupervision();
  carried_out.programme_id = created->id;
  absl::StatusOr<Inspection> inspection = CreateInspection(carried_out);
  ASSERT_TRUE(inspection.ok()) << inspection.status();

  Programme linked = *created;
  linked.items[0].inspection_id = inspection->id;
  ASSERT_TRUE(
      Write("UpdateProgramme", [&](InspectionTx& tx) { return tx.UpdateProgramme(linked); }).ok());
  absl::StatusOr<Programme> read = store_->GetProgramme(created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->version, 2);
  EXPECT_EQ(read->items[0].inspection_id, inspection->id);

  absl::StatusOr<Programme> stale =
      Write("UpdateProgramme", [&](InspectionTx& tx) { return tx.UpdateProgramme(linked); });
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
}

TEST_F(ProgrammeStoreTest, ListProgrammes_ByYear) {
  ASSERT_TRUE(Write("CreateProgramme", [&](InspectionTx& tx) {
                return tx.InsertProgramme(NewProgramme(2023));
              }).ok());
  absl::StatusOr<Programme> current = Write(
      "CreateProgramme", [&](InspectionTx& tx) { return tx.InsertProgramme(NewProgramme(2024)); });
  ASSERT_TRUE(current.ok());
  ProgrammeFilter filter;
  filter.year = 2024;
  filter.organization_ids = {1};
  absl::StatusOr<std::vector<Programme>> found = store_->ListProgrammes(filter);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_THAT(*found, SizeIs(1));
  EXPECT_EQ((*found)[0].id, current->id);
  EXPECT_THAT((*found)[0].items, SizeIs(2));
}

}  // namespace
}  // namespace dangbo::inspection
