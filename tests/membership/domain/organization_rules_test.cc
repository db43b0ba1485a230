#include "services/membership/domain/organization_rules.h"

#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

using Kind = OrganizationKind;

Organization Org(int64_t id, Kind kind, std::string path) {
  Organization org;
  org.id = id;
  org.kind = kind;
  org.path = std::move(path);
  return org;
}

TEST(CheckPlacement, BlocCommittee_IsARoot) {
  EXPECT_TRUE(CheckPlacement(Kind::kBlocCommittee, nullptr).ok());
  const Organization bloc = Org(1, Kind::kBlocCommittee, "/1/");
  EXPECT_EQ(CheckPlacement(Kind::kBlocCommittee, &bloc).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(CheckPlacement, NonBlocWithoutParent_IsFailedPrecondition) {
  EXPECT_EQ(CheckPlacement(Kind::kCell, nullptr).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(CheckPlacement, AllowedNestings_AreOk) {
  const Organization bloc = Org(1, Kind::kBlocCommittee, "/1/");
  const Organization upper = Org(2, Kind::kUpperLevelCommittee, "/1/2/");
  const Organization grassroots = Org(3, Kind::kGrassrootsCommittee, "/1/2/3/");
  const Organization sub = Org(4, Kind::kSubCommittee, "/1/2/3/4/");
  const Organization cell = Org(5, Kind::kCell, "/1/2/3/4/5/");
  const Organization grassroots_cell = Org(6, Kind::kGrassrootsCell, "/1/6/");
  EXPECT_TRUE(CheckPlacement(Kind::kUpperLevelCommittee, &bloc).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kGrassrootsCommittee, &bloc).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kGrassrootsCell, &upper).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kSubCommittee, &grassroots).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kCell, &grassroots).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kCell, &sub).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kPartyGroup, &cell).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kPartyGroup, &grassroots_cell).ok());
}

TEST(CheckPlacement, CellUnderBloc_IsFailedPreconditionNamingParentId) {
  const Organization bloc = Org(1, Kind::kBlocCommittee, "/1/");
  const absl::Status status = CheckPlacement(Kind::kCell, &bloc);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "parent_id: a CELL sits under a GRASSROOTS_COMMITTEE or SUB_COMMITTEE, not under a "
            "BLOC_COMMITTEE");
}

TEST(CheckPlacement, GrassrootsUnderGrassroots_NeedsUpperLevelPowers) {
  Organization grassroots = Org(3, Kind::kGrassrootsCommittee, "/1/3/");
  EXPECT_EQ(CheckPlacement(Kind::kGrassrootsCell, &grassroots).code(),
            absl::StatusCode::kFailedPrecondition);
  grassroots.granted_upper_level_powers = true;
  EXPECT_TRUE(CheckPlacement(Kind::kGrassrootsCell, &grassroots).ok());
  EXPECT_TRUE(CheckPlacement(Kind::kGrassrootsCommittee, &grassroots).ok());
}

TEST(CheckPlacement, PartyGroupUnderSubCommittee_IsFailedPrecondition) {
  const Organization sub = Org(4, Kind::kSubCommittee, "/1/3/4/");
  EXPECT_EQ(CheckPlacement(Kind::kPartyGroup, &sub).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(CheckPlacement, DissolvedParent_IsFailedPrecondition) {
  Organization grassroots = Org(3, Kind::kGrassrootsCommittee, "/1/3/");
  grassroots.state = OrganizationState::kDissolved;
  EXPECT_EQ(CheckPlacement(Kind::kCell, &grassroots).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(CheckPlacement, UnspecifiedKind_IsInvalidArgument) {
  EXPECT_EQ(CheckPlacement(Kind::kUnspecified, nullptr).code(), absl::StatusCode::kInvalidArgument);
}

TEST(CheckMove, UnderOwnDescendant_IsFailedPrecondition) {
  const Organization grassroots = Org(3, Kind::kGrassrootsCommittee, "/1/3/");
  const Organization sub = Org(4, Kind::kSubCommittee, "/1/3/4/");
  const Organization cell = Org(5, Kind::kCell, "/1/3/4/5/");
  EXPECT_EQ(CheckMove(sub, cell).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckMove(sub, sub).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckMove(cell, grassroots).ok());
}

TEST(CheckMove, UnderSiblingWithSharedPrefix_IsAllowed) {
  const Organization grassroots_55 = Org(55, Kind::kGrassrootsCommittee, "/1/55/");
  const Organization cell = Org(7, Kind::kCell, "/1/5/7/");
  EXPECT_TRUE(CheckMove(cell, grassroots_55).ok());
}

TEST(SizeWarnings, GrassrootsCellWithTwoFullMembers_Warns) {
  EXPECT_EQ(SizeWarnings(Kind::kGrassrootsCell, 2, 10, MembershipRules{}).size(), 1u);
  EXPECT_TRUE(SizeWarnings(Kind::kGrassrootsCell, 3, 10, MembershipRules{}).empty());
}

TEST(SizeWarnings, GrassrootsCellOfThirty_ShouldBeACommittee) {
  EXPECT_TRUE(SizeWarnings(Kind::kGrassrootsCell, 20, 29, MembershipRules{}).empty());
  EXPECT_EQ(SizeWarnings(Kind::kGrassrootsCell, 20, 30, MembershipRules{}).size(), 1u);
}

TEST(SizeWarnings, GrassrootsCommitteeUnderThirty_ShouldBeACell) {
  EXPECT_EQ(SizeWarnings(Kind::kGrassrootsCommittee, 20, 29, MembershipRules{}).size(), 1u);
  EXPECT_TRUE(SizeWarnings(Kind::kGrassrootsCommittee, 20, 30, MembershipRules{}).empty());
}

TEST(SizeWarnings, NonGrassrootsKinds_HaveNone) {
  EXPECT_TRUE(SizeWarnings(Kind::kCell, 0, 1, MembershipRules{}).empty());
}

TEST(ChildPath, AppendsIdAndSeparator) {
  EXPECT_EQ(ChildPath("/1/5/", 23), "/1/5/23/");
  EXPECT_EQ(ChildPath("", 1), "/1/");
}

TEST(IsInSubtree, MatchesWholeElementsOnly) {
  EXPECT_TRUE(IsInSubtree("/5/", "/5/"));
  EXPECT_TRUE(IsInSubtree("/5/55/", "/5/"));
  EXPECT_FALSE(IsInSubtree("/55/", "/5/"));
  EXPECT_FALSE(IsInSubtree("/1/55/7/", "/1/5/"));
  EXPECT_FALSE(IsInSubtree("/5/", "/5/55/"));
}

TEST(IsInSubtree, MalformedPaths_AreNeverInside) {
  EXPECT_FALSE(IsInSubtree("/5/55/", "/5"));
  EXPECT_FALSE(IsInSubtree("/5/55/", ""));
  EXPECT_FALSE(IsInSubtree("/5/5_/", "/5/"));
  EXPECT_FALSE(IsWellFormedPath("/05/"));
  EXPECT_FALSE(IsWellFormedPath("//"));
  EXPECT_TRUE(IsWellFormedPath("/1/20/300/"));
}

}  // namespace
}  // namespace dangbo::membership
