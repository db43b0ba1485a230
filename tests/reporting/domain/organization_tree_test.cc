#include "services/reporting/domain/organization_tree.h"

#include <algorithm>
#include <tuple>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting {
namespace {

using testing::BlocVersions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using testing::Version;

OrganizationTree Bloc() { return *OrganizationTree::Build(BlocVersions()); }

std::vector<SubtreeSegment> Sorted(std::vector<SubtreeSegment> segments) {
  std::sort(segments.begin(), segments.end(), [](const auto& a, const auto& b) {
    return std::tuple(a.organization_id, a.from) < std::tuple(b.organization_id, b.from);
  });
  return segments;
}

TEST(OrganizationTree, ContainsFollowsTheAncestors) {
  const OrganizationTree tree = Bloc();
  const Date day(2022, 6, 1);
  EXPECT_TRUE(tree.Contains(1, 111, day));
  EXPECT_TRUE(tree.Contains(10, 111, day));
  EXPECT_TRUE(tree.Contains(11, 111, day));
  EXPECT_TRUE(tree.Contains(111, 111, day));
  EXPECT_FALSE(tree.Contains(20, 111, day));
  EXPECT_FALSE(tree.Contains(12, 111, day));
  EXPECT_FALSE(tree.Contains(111, 11, day));
  EXPECT_FALSE(tree.Contains(1, 999, day));
  EXPECT_FALSE(tree.Contains(999, 111, day));
  // Before the tree existed.
  EXPECT_FALSE(tree.Contains(1, 111, Date(2014, 12, 31)));
}

// A cell records no ownership: it is its enterprise's, the nearest recorded above it.
TEST(OrganizationTree, OwnershipOnIsTheNearestRecordedAtOrAbove) {
  std::vector<OrganizationVersion> versions = BlocVersions();
  for (OrganizationVersion& v : versions) {
    if (v.organization_id == 111 || v.organization_id == 121) {
      v.ownership = EnterpriseOwnership::kUnspecified;
    }
    if (v.organization_id == 12) v.ownership = EnterpriseOwnership::kPrivate;
  }
  OrganizationTree tree = *OrganizationTree::Build(versions);
  const Date day(2022, 6, 1);
  EXPECT_EQ(tree.OwnershipOn(121, day), EnterpriseOwnership::kPrivate);
  EXPECT_EQ(tree.OwnershipOn(111, day), EnterpriseOwnership::kStateOver50);
  EXPECT_EQ(tree.OwnershipOn(12, day), EnterpriseOwnership::kPrivate);
  EXPECT_EQ(tree.OwnershipOn(999, day), EnterpriseOwnership::kUnspecified);
  EXPECT_EQ(tree.OwnershipOn(121, Date(2014, 12, 31)), EnterpriseOwnership::kUnspecified);

  // After 121 moves under 11 (state-owned), it takes 11's ownership from that day.
  OrganizationVersion moved = Version(121, 11, Date(2023, 7, 1));
  moved.ownership = EnterpriseOwnership::kUnspecified;
  ASSERT_TRUE(tree.ApplyChange(moved).ok());
  EXPECT_EQ(tree.OwnershipOn(121, Date(2023, 6, 30)), EnterpriseOwnership::kPrivate);
  EXPECT_EQ(tree.OwnershipOn(121, Date(2023, 7, 1)), EnterpriseOwnership::kStateOver50);
}

TEST(OrganizationTree, AMoveChangesTheScopeFromItsEffectiveDate) {
  OrganizationTree tree = Bloc();
  // 12 (with its cell 121) moves from upper committee 10 to 20 on 2023-07-01.
  ASSERT_TRUE(tree.ApplyChange(Version(12, 20, Date(2023, 7, 1))).ok());
  EXPECT_TRUE(tree.Contains(10, 121, Date(2023, 6, 30)));
  EXPECT_FALSE(tree.Contains(20, 121, Date(2023, 6, 30)));
  EXPECT_FALSE(tree.Contains(10, 121, Date(2023, 7, 1)));
  EXPECT_TRUE(tree.Contains(20, 121, Date(2023, 7, 1)));
  EXPECT_THAT(tree.ChildrenAt(10, Date(2023, 6, 30)), ElementsAre(11, 12));
  EXPECT_THAT(tree.ChildrenAt(10, Date(2023, 7, 1)), ElementsAre(11));
  EXPECT_THAT(tree.ChildrenAt(20, Date(2023, 7, 1)), ElementsAre(12, 21));

  // Over 2023, 121 was inside 10 for half the year and inside 20 for the other half.
  const DateRange year{Date(2023, 1, 1), Date(2023, 12, 31)};
  EXPECT_THAT(Sorted(*tree.Subtree(10, year)),
              ElementsAre(SubtreeSegment{10, 0, Date(2023, 1, 1), Date(2023, 12, 31)},
                          SubtreeSegment{11, 11, Date(2023, 1, 1), Date(2023, 12, 31)},
                          SubtreeSegment{12, 12, Date(2023, 1, 1), Date(2023, 6, 30)},
                          SubtreeSegment{111, 11, Date(2023, 1, 1), Date(2023, 12, 31)},
                          SubtreeSegment{121, 12, Date(2023, 1, 1), Date(2023, 6, 30)}));
  EXPECT_THAT(Sorted(*tree.Subtree(1, year)),
              ::testing::Contains(SubtreeSegment{121, 20, Date(2023, 7, 1), Date(2023, 12, 31)}));
  EXPECT_THAT(Sorted(*tree.Subtree(1, year)),
              ::testing::Contains(SubtreeSegment{121, 10, Date(2023, 1, 1), Date(2023, 6, 30)}));
}

TEST(OrganizationTree, AMergeMovesTheChildrenToTheTarget) {
  OrganizationTree tree = Bloc();
  // 11 merges into 21 on 2024-01-01: 11 ends, its cell 111 moves under 21.
  ASSERT_TRUE(tree.SetHistory(11, {Version(11, 10, Date(2015, 1, 1), Date(2024, 1, 1))}).ok());
  ASSERT_TRUE(tree.ApplyChange(Version(111, 21, Date(2024, 1, 1))).ok());
  EXPECT_TRUE(tree.Contains(10, 111, Date(2023, 12, 31)));
  EXPECT_TRUE(tree.Contains(11, 111, Date(2023, 12, 31)));
  EXPECT_FALSE(tree.Contains(11, 111, Date(2024, 1, 1)));
  EXPECT_FALSE(tree.Contains(10, 111, Date(2024, 1, 1)));
  EXPECT_TRUE(tree.Contains(20, 111, Date(2024, 1, 1)));
  EXPECT_TRUE(tree.Contains(21, 111, Date(2024, 1, 1)));
  // The merged organization is gone from the tree after the merge, there before it.
  EXPECT_FALSE(tree.VersionAt(11, Date(2024, 1, 1)).has_value());
  EXPECT_TRUE(tree.VersionAt(11, Date(2023, 12, 31)).has_value());
  EXPECT_THAT(tree.ChildrenAt(10, Date(2024, 1, 1)), ElementsAre(12));
  EXPECT_THAT(tree.ChildrenAt(21, Date(2024, 1, 1)), ElementsAre(111, 211));
  // A report on 11 for 2024 finds only the days it existed: none.
  EXPECT_TRUE(tree.Subtree(11, {Date(2024, 1, 1), Date(2024, 12, 31)})->empty());
}

TEST(OrganizationTree, ApplyChangeTwiceChangesNothing) {
  OrganizationTree once = Bloc();
  OrganizationTree twice = Bloc();
  ASSERT_TRUE(once.ApplyChange(Version(12, 20, Date(2023, 7, 1))).ok());
  ASSERT_TRUE(twice.ApplyChange(Version(12, 20, Date(2023, 7, 1))).ok());
  ASSERT_TRUE(twice.ApplyChange(Version(12, 20, Date(2023, 7, 1))).ok());
  EXPECT_EQ(once.version_count(), twice.version_count());
  EXPECT_EQ(once.VersionAt(12, Date(2023, 6, 30)), twice.VersionAt(12, Date(2023, 6, 30)));
  EXPECT_EQ(twice.VersionAt(12, Date(2023, 6, 30))->valid_to, Date(2023, 7, 1));
  EXPECT_EQ(twice.VersionAt(12, Date(2023, 7, 1))->parent_id, 20);
  const DateRange year{Date(2023, 1, 1), Date(2023, 12, 31)};
  EXPECT_EQ(Sorted(*once.Subtree(1, year)), Sorted(*twice.Subtree(1, year)));
  EXPECT_THAT(twice.ChildrenAt(20, Date(2023, 8, 1)), ElementsAre(12, 21));
}

TEST(OrganizationTree, SetHistoryReplacesTheLinksToParents) {
  OrganizationTree tree = Bloc();
  ASSERT_TRUE(tree.SetHistory(121, {Version(121, 11, Date(2015, 1, 1))}).ok());
  EXPECT_THAT(tree.ChildrenAt(12, Date(2020, 1, 1)), ::testing::IsEmpty());
  EXPECT_THAT(tree.ChildrenAt(11, Date(2020, 1, 1)), ElementsAre(111, 121));
  ASSERT_TRUE(tree.SetHistory(121, {}).ok());
  EXPECT_FALSE(tree.Knows(121));
  EXPECT_THAT(tree.ChildrenAt(11, Date(2020, 1, 1)), ElementsAre(111));
  EXPECT_EQ(tree.organization_count(), 8u);
}

TEST(OrganizationTree, BuildNamesTheBadRow) {
  std::vector<OrganizationVersion> rows = BlocVersions();
  rows.push_back(Version(111, 11, Date(2020, 1, 1)));  // overlaps 111's row from 2015
  absl::StatusOr<OrganizationTree> tree = OrganizationTree::Build(rows);
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(tree.status().message()),
              HasSubstr("versions[9].valid_from: overlaps versions[6]"));

  rows = BlocVersions();
  rows[4].valid_to = rows[4].valid_from;
  tree = OrganizationTree::Build(rows);
  ASSERT_FALSE(tree.ok());
  EXPECT_THAT(std::string(tree.status().message()), HasSubstr("versions[4].valid_to"));

  rows = BlocVersions();
  rows[2].parent_id = rows[2].organization_id;
  EXPECT_THAT(std::string(OrganizationTree::Build(rows).status().message()),
              HasSubstr("versions[2].parent_id"));

  rows = BlocVersions();
  rows[3].valid_from = Date(-50000, 1, 1);
  EXPECT_THAT(std::string(OrganizationTree::Build(rows).status().message()),
              HasSubstr("versions[3].valid_from"));
}

TEST(OrganizationTree, ABadHistoryLeavesTheTreeUnchanged) {
  OrganizationTree tree = Bloc();
  EXPECT_FALSE(tree.SetHistory(12, {Version(12, 20, Date(2016, 1, 1)),
                                    Version(12, 10, Date(2017, 1, 1), Date(2016, 6, 1))})
                   .ok());
  EXPECT_FALSE(tree.SetHistory(12, {Version(13, 20, Date(2016, 1, 1))}).ok());
  EXPECT_FALSE(tree.SetHistory(-4, {}).ok());
  EXPECT_TRUE(tree.Contains(10, 121, Date(2020, 1, 1)));
}

TEST(OrganizationTree, SubtreeOfAnUnknownScopeIsNotFound) {
  const OrganizationTree tree = Bloc();
  absl::StatusOr<std::vector<SubtreeSegment>> segments =
      tree.Subtree(999, {Date(2023, 1, 1), Date(2023, 12, 31)});
  ASSERT_FALSE(segments.ok());
  EXPECT_EQ(segments.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(segments.status().message()), HasSubstr("scope: "));
}

TEST(OrganizationTree, ACycleInTheHistoryIsRefusedNotLooped) {
  OrganizationTree tree = Bloc();
  // Bad data: 11 under 111 while 111 is under 11.
  ASSERT_TRUE(tree.SetHistory(11, {Version(11, 111, Date(2015, 1, 1))}).ok());
  EXPECT_FALSE(tree.Contains(1, 111, Date(2020, 1, 1)));
  absl::StatusOr<std::vector<SubtreeSegment>> segments =
      tree.Subtree(11, {Date(2020, 1, 1), Date(2020, 12, 31)});
  ASSERT_FALSE(segments.ok());
  EXPECT_EQ(segments.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(OrganizationTree, SubtreeClipsToTheScopesOwnLife) {
  OrganizationTree tree = Bloc();
  ASSERT_TRUE(tree.SetHistory(21, {Version(21, 20, Date(2015, 1, 1), Date(2023, 4, 1))}).ok());
  EXPECT_THAT(*tree.Subtree(21, {Date(2023, 1, 1), Date(2023, 12, 31)}),
              UnorderedElementsAre(SubtreeSegment{21, 0, Date(2023, 1, 1), Date(2023, 3, 31)},
                                   SubtreeSegment{211, 211, Date(2023, 1, 1), Date(2023, 3, 31)}));
}

}  // namespace
}  // namespace dangbo::reporting
