// Organizations through the store: paths, the tree's history and reads as of a date.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/membership/store/store_fixture.h"

namespace dangbo::membership {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::vector<int64_t> Ids(const std::vector<Organization>& orgs) {
  std::vector<int64_t> ids;
  for (const Organization& o : orgs) ids.push_back(o.id);
  return ids;
}

TEST_F(StoreTest, InsertOrganization_AssignsClosedPathUnderParent) {
  absl::StatusOr<Organization> bloc = CreateOrganization("Đảng bộ Khối Doanh nghiệp", std::nullopt);
  ASSERT_TRUE(bloc.ok()) << bloc.status();
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ Văn phòng", bloc->id);
  ASSERT_TRUE(cell.ok()) << cell.status();

  absl::StatusOr<Organization> read = store_->GetOrganization(cell->id);

  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(bloc->path, absl::StrCat("/", bloc->id, "/"));
  EXPECT_EQ(read->path, absl::StrCat("/", bloc->id, "/", cell->id, "/"));
  EXPECT_EQ(read->display_name, "Chi bộ Văn phòng");
  EXPECT_EQ(read->parent_id, bloc->id);
  EXPECT_EQ(read->established_date, Date(2020, 1, 1));
  EXPECT_EQ(read->version, 1);
}

TEST_F(StoreTest, InsertOrganization_DuplicateCode_IsAlreadyExistsNamingHolder) {
  auto insert_with_code = [&](const std::string& name) {
    return store_->Mutate(NewContext("CreateOrganization"),
                          [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
                            Organization org;
                            org.code = "DN-001";
                            org.display_name = name;
                            org.kind = OrganizationKind::kGrassrootsCommittee;
                            absl::StatusOr<Organization> inserted = tx.InsertOrganization(org);
                            if (!inserted.ok()) return inserted.status();
                            return MutationOutcome{absl::StrCat(inserted->id), {}, "", ""};
                          });
  };
  absl::StatusOr<std::string> first = insert_with_code("Đảng bộ Tổng công ty A");
  ASSERT_TRUE(first.ok()) << first.status();

  absl::StatusOr<std::string> second = insert_with_code("Đảng bộ Tổng công ty B");

  EXPECT_EQ(second.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(second.status().message(),
              HasSubstr(absl::StrCat("code: already used by organizations/", *first)));
}

TEST_F(StoreTest, UpdateOrganization_StaleVersion_IsAbortedOnEtag) {
  absl::StatusOr<Organization> org = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(org.ok());
  auto rename = [&](Organization changed) {
    return store_->Mutate(NewContext("UpdateOrganization"),
                          [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
                            absl::StatusOr<Organization> updated = tx.UpdateOrganization(changed);
                            if (!updated.ok()) return updated.status();
                            return MutationOutcome{absl::StrCat(updated->version), {}, "", ""};
                          });
  };
  Organization first = *org;
  first.display_name = "Chi bộ Một";
  ASSERT_EQ(*rename(first), "2");

  Organization stale = *org;
  stale.display_name = "Chi bộ Số 1";
  absl::StatusOr<std::string> result = rename(stale);

  EXPECT_EQ(result.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(result.status().message(), HasSubstr("etag: "));
  EXPECT_EQ(store_->GetOrganization(org->id)->display_name, "Chi bộ Một");
}

TEST_F(StoreTest, ListOrganizations_AsOfAroundAMove_ReturnsParentOfThatDate) {
  absl::StatusOr<Organization> old_parent = CreateOrganization("Đảng bộ A", std::nullopt);
  absl::StatusOr<Organization> new_parent = CreateOrganization("Đảng bộ B", std::nullopt);
  ASSERT_TRUE(old_parent.ok() && new_parent.ok());
  absl::StatusOr<Organization> moved = CreateOrganization("Đảng bộ bộ phận", old_parent->id);
  ASSERT_TRUE(moved.ok());
  absl::StatusOr<Organization> child = CreateOrganization("Chi bộ dưới", moved->id);
  ASSERT_TRUE(child.ok());

  ASSERT_TRUE(MoveOrganization(moved->id, new_parent->id, Date(2025, 7, 1)).ok());

  OrganizationFilter before;
  before.as_of = Date(2025, 6, 30);
  before.subtree_path = old_parent->path;
  OrganizationFilter after = before;
  after.as_of = Date(2025, 7, 1);
  absl::StatusOr<std::vector<Organization>> tree_before = store_->ListOrganizations(before);
  absl::StatusOr<std::vector<Organization>> tree_after = store_->ListOrganizations(after);
  ASSERT_TRUE(tree_before.ok()) << tree_before.status();
  ASSERT_TRUE(tree_after.ok()) << tree_after.status();
  EXPECT_EQ(Ids(*tree_before), (std::vector<int64_t>{old_parent->id, moved->id, child->id}));
  EXPECT_EQ(Ids(*tree_after), std::vector<int64_t>{old_parent->id});

  absl::StatusOr<OrganizationVersion> child_before =
      store_->GetOrganizationAsOf(child->id, Date(2025, 6, 30));
  absl::StatusOr<OrganizationVersion> child_after =
      store_->GetOrganizationAsOf(child->id, Date(2025, 7, 1));
  absl::StatusOr<OrganizationVersion> moved_before =
      store_->GetOrganizationAsOf(moved->id, Date(2025, 6, 30));
  absl::StatusOr<OrganizationVersion> moved_after =
      store_->GetOrganizationAsOf(moved->id, Date(2025, 7, 1));
  ASSERT_TRUE(child_before.ok() && child_after.ok() && moved_before.ok() && moved_after.ok());
  EXPECT_EQ(moved_before->organization.parent_id, old_parent->id);
  EXPECT_EQ(moved_after->organization.parent_id, new_parent->id);
  EXPECT_EQ(child_before->organization.path,
            absl::StrCat(old_parent->path, moved->id, "/", child->id, "/"));
  EXPECT_EQ(child_after->organization.path,
            absl::StrCat(new_parent->path, moved->id, "/", child->id, "/"));
  EXPECT_EQ(moved_after->change_kind, kChangeMoved);
  EXPECT_EQ(moved_after->decision.number, "7-QĐ/ĐUK");
  EXPECT_EQ(moved_after->valid_from, Date(2025, 7, 1));
  EXPECT_EQ(moved_before->valid_to, Date(2025, 7, 1));
}

TEST_F(StoreTest, ListOrganizations_Current_FollowsTheMovedSubtree) {
  absl::StatusOr<Organization> a = CreateOrganization("Đảng bộ A", std::nullopt);
  absl::StatusOr<Organization> b = CreateOrganization("Đảng bộ B", std::nullopt);
  ASSERT_TRUE(a.ok() && b.ok());
  absl::StatusOr<Organization> moved = CreateOrganization("Đảng bộ bộ phận", a->id);
  ASSERT_TRUE(moved.ok());
  absl::StatusOr<Organization> child = CreateOrganization("Chi bộ dưới", moved->id);
  ASSERT_TRUE(child.ok());
  ASSERT_TRUE(MoveOrganization(moved->id, b->id, Date(2025, 7, 1)).ok());

  OrganizationFilter under_b;
  under_b.subtree_path = b->path;
  absl::StatusOr<std::vector<Organization>> current = store_->ListOrganizations(under_b);

  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_EQ(Ids(*current), (std::vector<int64_t>{b->id, moved->id, child->id}));
  EXPECT_EQ(store_->GetOrganization(child->id)->version, 2);
}

TEST_F(StoreTest, GetOrganizationAsOf_BeforeEstablishment_IsNotFound) {
  absl::StatusOr<Organization> org =
      CreateOrganization("Chi bộ mới", std::nullopt, Date(2024, 3, 1));
  ASSERT_TRUE(org.ok());

  absl::StatusOr<OrganizationVersion> version =
      store_->GetOrganizationAsOf(org->id, Date(2024, 2, 29));

  EXPECT_EQ(version.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(StoreTest, AppendOrganizationVersion_BeforeTheOpenRow_IsFailedPrecondition) {
  absl::StatusOr<Organization> org = CreateOrganization("Chi bộ 1", std::nullopt, Date(2024, 3, 1));
  ASSERT_TRUE(org.ok());

  absl::StatusOr<std::string> result = store_->Mutate(
      NewContext("UpdateOrganization"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        OrganizationVersion version{*org, Date(2024, 1, 1), std::nullopt, 2, Decision{}, {}};
        if (absl::Status s = tx.AppendOrganizationVersion(version); !s.ok()) return s;
        return MutationOutcome{};
      });

  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(result.status().message(), HasSubstr("effective_date"));
}

TEST_F(StoreTest, ListOrganizationHistory_PagesInRecordingOrderWithRelatedIds) {
  absl::StatusOr<Organization> a = CreateOrganization("Đảng bộ A", std::nullopt);
  absl::StatusOr<Organization> b = CreateOrganization("Đảng bộ B", std::nullopt);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(store_
                  ->Mutate(NewContext("MergeOrganizations"),
                           [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
                             OrganizationVersion merged{*a,
                                                        Date(2025, 1, 1),
                                                        std::nullopt,
                                                        4,
                                                        Decision{"9-QĐ", Date(2024, 12, 20), ""},
                                                        {b->id, 42}};
                             merged.organization.state = OrganizationState::kMerged;
                             if (absl::Status s = tx.AppendOrganizationVersion(merged); !s.ok()) {
                               return s;
                             }
                             return MutationOutcome{};
                           })
                  .ok());

  absl::StatusOr<std::vector<OrganizationVersion>> first =
      store_->ListOrganizationHistories({a->id}, 1, 0);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->size(), 1u);
  absl::StatusOr<std::vector<OrganizationVersion>> second =
      store_->ListOrganizationHistories({a->id}, 1, (*first)[0].sequence);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->size(), 1u);

  EXPECT_EQ((*first)[0].change_kind, kChangeEstablished);
  EXPECT_EQ((*first)[0].valid_to, Date(2025, 1, 1));
  EXPECT_EQ((*second)[0].change_kind, 4);
  EXPECT_EQ((*second)[0].organization.state, OrganizationState::kMerged);
  EXPECT_EQ((*second)[0].related_ids, (std::vector<int64_t>{b->id, 42}));
  EXPECT_EQ((*second)[0].decision.date, Date(2024, 12, 20));
  EXPECT_FALSE((*second)[0].valid_to.has_value());
}

TEST_F(StoreTest, OrganizationPaths_KnownIds_AbsentUnknown) {
  absl::StatusOr<Organization> a = CreateOrganization("Đảng bộ A", std::nullopt);
  ASSERT_TRUE(a.ok());
  absl::StatusOr<Organization> c = CreateOrganization("Chi bộ C", a->id);
  ASSERT_TRUE(c.ok());

  absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> paths =
      store_->OrganizationPaths({c->id, 999, a->id});

  ASSERT_TRUE(paths.ok()) << paths.status();
  EXPECT_THAT(*paths, ElementsAre(Pair(a->id, a->path), Pair(c->id, c->path)));
}

}  // namespace
}  // namespace dangbo::membership
