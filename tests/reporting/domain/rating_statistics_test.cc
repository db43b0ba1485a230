#include "services/reporting/domain/rating_statistics.h"

#include <string_view>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace testing;  // NOLINT: the builders

using F = RatingFigureId;
using L = RatingLevel;
using membership::MemberEventType;
using membership::MemberState;

// The bloc of builders.h (1 ── 10 ── 11 ── 111, 10 ── 12 ── 121, 1 ── 20 ── 21 ── 211; 11, 12
// and 21 grassroots committees) and, for 2024:
//   members  1001 at 111 excellent; 1002 at 121 good; 1003 at 211 completed;
//            1004 rated not completed in 111, transferred 111 → 211 on 2024-06-01;
//            1005 unknown to the members' model, rated good in 121;
//            1006 at 111, rated only for 2023.
//   organizations  10 completed; 11 excellent; 12 good; 21 not completed; 111 good.
class RatingStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_ = *OrganizationTree::Build(BlocVersions());
    Upsert(MakeMember(1001, 111, MemberState::kFull, Date(1980, 1, 1)));
    Upsert(MakeMember(1002, 121, MemberState::kFull, Date(1980, 1, 1)));
    Upsert(MakeMember(1003, 211, MemberState::kFull, Date(1980, 1, 1)));
    Upsert(MakeMember(1004, 211, MemberState::kFull, Date(1980, 1, 1)));
    ASSERT_TRUE(members_
                    .UpsertMemberEvent(MakeMemberEvent(
                        1, 1004, MemberEventType::kTransferOfficialReceive, Date(2024, 6, 1),
                        MemberState::kFull, MemberState::kFull, 111, 211))
                    .ok());
    Upsert(MakeMember(1006, 111, MemberState::kFull, Date(1980, 1, 1)));

    Rate(RatedSubjectKind::kMember, 1001, L::kExcellent, 111);
    Rate(RatedSubjectKind::kMember, 1002, L::kGood, 121);
    Rate(RatedSubjectKind::kMember, 1003, L::kCompleted, 211);
    Rate(RatedSubjectKind::kMember, 1004, L::kNotCompleted, 111);
    Rate(RatedSubjectKind::kMember, 1005, L::kGood, 121);
    Rate(RatedSubjectKind::kMember, 1006, L::kExcellent, 111, 2023);
    Rate(RatedSubjectKind::kOrganization, 10, L::kCompleted, 10);
    Rate(RatedSubjectKind::kOrganization, 11, L::kExcellent, 11);
    Rate(RatedSubjectKind::kOrganization, 12, L::kGood, 12);
    Rate(RatedSubjectKind::kOrganization, 21, L::kNotCompleted, 21);
    Rate(RatedSubjectKind::kOrganization, 111, L::kGood, 11);
  }

  void Upsert(const membership::Member& m) { ASSERT_TRUE(members_.UpsertMember(m).ok()); }

  void Rate(RatedSubjectKind kind, int64_t id, RatingLevel level, int64_t rated_in,
            int year = 2024) {
    ASSERT_TRUE(ratings_
                    .Upsert({.kind = kind,
                             .subject_id = id,
                             .year = year,
                             .level = level,
                             .rated_in_organization_id = rated_in,
                             .version = ++version_})
                    .ok());
  }

  RatingStatistics Compute(int64_t scope, int year = 2024,
                           const std::vector<RatingTarget>& targets = {}) {
    absl::StatusOr<RatingStatistics> s =
        ComputeRatingStatistics(tree_, members_, ratings_, scope, year, targets);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : RatingStatistics{};
  }

  static std::vector<int64_t> Values(const RatingStatistics& s, std::vector<F> ids) {
    std::vector<int64_t> out;
    for (F id : ids) out.push_back(s.value(id));
    return out;
  }

  OrganizationTree tree_;
  MembershipModel members_;
  RatingModel ratings_;
  int64_t version_ = 0;
};

TEST_F(RatingStatisticsTest, MembersAreCountedByRatingUnderTheWholeBloc) {
  const RatingStatistics s = Compute(1);
  EXPECT_THAT(Values(s, {F::kMembersRated, F::kMembersExcellent, F::kMembersGood,
                         F::kMembersCompleted, F::kMembersNotCompleted}),
              ElementsAre(5, 1, 2, 1, 1));
  // 3 of 5 rated good or better.
  EXPECT_EQ(s.value(F::kMembersGoodOrBetterPercent), 6000);
}

TEST_F(RatingStatisticsTest, AMemberTransferredDuringTheYearCountsWhereTheyStoodOnDecember31) {
  // 1004 was rated in 111 but stood in 211 at the year's end.
  EXPECT_THAT(Values(Compute(10), {F::kMembersRated, F::kMembersNotCompleted}), ElementsAre(3, 0));
  EXPECT_THAT(Values(Compute(20), {F::kMembersRated, F::kMembersCompleted, F::kMembersNotCompleted,
                                   F::kMembersGoodOrBetterPercent}),
              ElementsAre(2, 1, 1, 0));
}

TEST_F(RatingStatisticsTest, AMemberTheMembersModelDoesNotPlaceCountsWhereTheyWereRated) {
  // 121 holds 1002 and 1005 (known only from the rating).
  EXPECT_THAT(Values(Compute(12), {F::kMembersRated, F::kMembersGood}), ElementsAre(2, 2));
}

TEST_F(RatingStatisticsTest, OrganizationsAreCountedByRatingAndGrassrootsByKind) {
  const RatingStatistics s = Compute(1);
  EXPECT_THAT(Values(s, {F::kOrganizationsRated, F::kOrganizationsExcellent, F::kOrganizationsGood,
                         F::kOrganizationsCompleted, F::kOrganizationsNotCompleted}),
              ElementsAre(5, 1, 2, 1, 1));
  // 10 is an upper-level committee and 111 a cell: not grassroots.
  EXPECT_THAT(Values(s, {F::kGrassrootsRated, F::kGrassrootsExcellent, F::kGrassrootsGood,
                         F::kGrassrootsCompleted, F::kGrassrootsNotCompleted}),
              ElementsAre(3, 1, 1, 0, 1));
}

TEST_F(RatingStatisticsTest, PercentsAreInHundredthsRoundedDown) {
  // 2 of 3 grassroots organizations: 66.666…% reads 6666.
  EXPECT_EQ(Compute(1).value(F::kGrassrootsGoodOrBetterPercent), 6666);
  EXPECT_EQ(Compute(10).value(F::kGrassrootsGoodOrBetterPercent), 10000);
  EXPECT_EQ(Compute(10).value(F::kMembersGoodOrBetterPercent), 10000);
}

TEST_F(RatingStatisticsTest, NobodyRatedReadsZeroPercent) {
  const RatingStatistics s = Compute(1, 2022);
  EXPECT_THAT(Values(s, {F::kMembersRated, F::kMembersGoodOrBetterPercent, F::kGrassrootsRated,
                         F::kGrassrootsGoodOrBetterPercent}),
              ElementsAre(0, 0, 0, 0));
}

TEST_F(RatingStatisticsTest, OnlyTheAskedYearIsCounted) {
  // 1006 was rated for 2023 only.
  const RatingStatistics s = Compute(11, 2023);
  EXPECT_THAT(Values(s, {F::kMembersRated, F::kMembersExcellent, F::kOrganizationsRated}),
              ElementsAre(1, 1, 0));
  EXPECT_THAT(Values(Compute(11), {F::kMembersRated, F::kOrganizationsRated}), ElementsAre(1, 2));
}

TEST_F(RatingStatisticsTest, TheTreeIsTakenAsItStoodAtTheYearsEnd) {
  // 12 moves from 10 to 20 on 2025-03-01: for 2024 it and 121 still count under 10.
  ASSERT_TRUE(tree_
                  .SetHistory(12, {Version(12, 10, Date(2015, 1, 1), Date(2025, 3, 1),
                                           OrganizationKind::kGrassrootsCommittee),
                                   Version(12, 20, Date(2025, 3, 1), std::nullopt,
                                           OrganizationKind::kGrassrootsCommittee)})
                  .ok());
  EXPECT_THAT(Values(Compute(10), {F::kMembersRated, F::kGrassrootsRated}), ElementsAre(3, 2));
  EXPECT_THAT(Values(Compute(20), {F::kMembersRated, F::kGrassrootsRated}), ElementsAre(2, 1));
}

TEST_F(RatingStatisticsTest, AnOrganizationGoneBeforeTheYearsEndIsNotReported) {
  ASSERT_TRUE(tree_.SetHistory(111, {Version(111, 11, Date(2015, 1, 1), Date(2024, 10, 1))}).ok());
  EXPECT_THAT(Values(Compute(1), {F::kOrganizationsRated, F::kOrganizationsGood}),
              ElementsAre(4, 1));
}

TEST_F(RatingStatisticsTest, TargetsOfTheTermAreShownWithTheirAttainment) {
  const std::vector<RatingTarget> targets = {
      {.key = "ratings.members.good_or_better_percent",
       .value = 9000,
       .at_least = true,
       .term_start_year = 2020,
       .term_end_year = 2025},
      {.key = "ratings.grassroots.good_or_better_percent",
       .value = 9500,
       .at_least = true,
       .term_start_year = 2020,
       .term_end_year = 2025},
      {.key = "ratings.grassroots.not_completed",
       .value = 0,
       .at_least = false,
       .term_start_year = 2020,
       .term_end_year = 2025},
  };
  const RatingStatistics bloc = Compute(1, 2024, targets);
  ASSERT_EQ(bloc.figures.size(), static_cast<size_t>(kRatingFigureCount) + 6);
  // Catalogue order: members' percent, grassroots not completed, grassroots' percent.
  std::vector<std::pair<std::string, int64_t>> tail;
  for (size_t i = kRatingFigureCount; i < bloc.figures.size(); ++i) {
    tail.emplace_back(bloc.figures[i].key, bloc.figures[i].value);
  }
  using KV = std::pair<std::string, int64_t>;
  EXPECT_THAT(tail,
              ElementsAre(KV{"target.ratings.members.good_or_better_percent", 9000},
                          KV{"target.ratings.members.good_or_better_percent.attained", 0},
                          KV{"target.ratings.grassroots.not_completed", 0},
                          KV{"target.ratings.grassroots.not_completed.attained", 0},
                          KV{"target.ratings.grassroots.good_or_better_percent", 9500},
                          KV{"target.ratings.grassroots.good_or_better_percent.attained", 0}));
  EXPECT_THAT(bloc.figures[kRatingFigureCount].label, HasSubstr("2020–2025"));
  EXPECT_THAT(bloc.figures[kRatingFigureCount].label, HasSubstr("tối thiểu"));
  EXPECT_THAT(bloc.figures[kRatingFigureCount + 2].label, HasSubstr("tối đa"));

  // Under 10 everyone is rated good or better and no grassroots organization failed.
  const RatingStatistics upper = Compute(10, 2024, targets);
  EXPECT_EQ(upper.Find(AttainedKey("ratings.members.good_or_better_percent"))->value, 1);
  EXPECT_EQ(upper.Find(AttainedKey("ratings.grassroots.good_or_better_percent"))->value, 1);
  EXPECT_EQ(upper.Find(AttainedKey("ratings.grassroots.not_completed"))->value, 1);
}

TEST_F(RatingStatisticsTest, ATargetOfAnotherTermIsLeftOut) {
  const std::vector<RatingTarget> targets = {{.key = "ratings.members.good_or_better_percent",
                                              .value = 9000,
                                              .term_start_year = 2015,
                                              .term_end_year = 2020}};
  const RatingStatistics s = Compute(1, 2024, targets);
  EXPECT_EQ(s.figures.size(), static_cast<size_t>(kRatingFigureCount));
  EXPECT_EQ(s.Find(TargetKey("ratings.members.good_or_better_percent")), nullptr);
}

TEST_F(RatingStatisticsTest, ACountTargetComparesTheCount) {
  const std::vector<RatingTarget> targets = {{.key = "ratings.members.excellent",
                                              .value = 1,
                                              .at_least = true,
                                              .term_start_year = 2020,
                                              .term_end_year = 2025}};
  EXPECT_EQ(Compute(1, 2024, targets).Find(AttainedKey("ratings.members.excellent"))->value, 1);
  EXPECT_EQ(Compute(20, 2024, targets).Find(AttainedKey("ratings.members.excellent"))->value, 0);
}

TEST_F(RatingStatisticsTest, DrillDownListsTheSubjectsOfEveryCountAndEachPercentsNumerator) {
  const auto subjects = [&](int64_t scope, std::string_view key) {
    absl::StatusOr<std::vector<FigureSubject>> s =
        ListRatingFigureSubjects(tree_, members_, ratings_, scope, 2024, key);
    EXPECT_TRUE(s.ok()) << s.status();
    std::vector<std::pair<int64_t, int64_t>> ids;  // (subject, counted under)
    if (s.ok()) {
      for (const FigureSubject& f : *s) ids.emplace_back(f.subject.id, f.organization_id);
    }
    return ids;
  };
  using P = std::pair<int64_t, int64_t>;
  // 1004 counts where they stood on 31 December (211), 1005 where they were rated (121).
  EXPECT_THAT(subjects(1, "ratings.members.rated"),
              ElementsAre(P(1001, 111), P(1002, 121), P(1003, 211), P(1004, 211), P(1005, 121)));
  EXPECT_THAT(subjects(1, "ratings.members.good_or_better_percent"),
              ElementsAre(P(1001, 111), P(1002, 121), P(1005, 121)));
  EXPECT_THAT(subjects(20, "ratings.members.not_completed"), ElementsAre(P(1004, 211)));
  EXPECT_THAT(subjects(1, "ratings.grassroots.good_or_better_percent"),
              ElementsAre(P(11, 11), P(12, 12)));
  // Every count figure lists as many subjects as it counts.
  for (int64_t scope : {1, 10, 20, 121}) {
    const RatingStatistics s = Compute(scope);
    for (const RatingFigureDefinition& f : RatingFigures()) {
      if (f.percent) continue;
      EXPECT_EQ(static_cast<int64_t>(subjects(scope, f.key).size()), s.value(f.id))
          << scope << " " << f.key;
    }
  }
  absl::StatusOr<std::vector<FigureSubject>> one =
      ListRatingFigureSubjects(tree_, members_, ratings_, 1, 2024, "ratings.members.excellent");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_THAT((*one)[0].sources, ElementsAre(SourceRecord{.kind = SourceKind::kMemberRating,
                                                          .id = 1001,
                                                          .year = 2024}));
  EXPECT_THAT(
      ListRatingFigureSubjects(tree_, members_, ratings_, 1, 2024, "target.ratings.members.rated")
          .status()
          .message(),
      HasSubstr("key:"));
  EXPECT_EQ(
      ListRatingFigureSubjects(tree_, members_, ratings_, 1, 1800, "ratings.members.rated")
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_F(RatingStatisticsTest, BadYearOrUnknownScopeIsRefusedNamingTheField) {
  absl::StatusOr<RatingStatistics> s =
      ComputeRatingStatistics(tree_, members_, ratings_, 1, 1929, {});
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("year"));
  s = ComputeRatingStatistics(tree_, members_, ratings_, 999, 2024, {});
  EXPECT_EQ(s.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("scope"));
}

RatingTarget Target(std::string key, int64_t value, bool at_least, int start, int end) {
  return {.key = std::move(key),
          .value = value,
          .at_least = at_least,
          .term_start_year = start,
          .term_end_year = end};
}

TEST(RatingTargetsTest, PercentAttainmentComparesTheExactFractionNotTheRoundedFigure) {
  // 2/3 = 66.666…%: reads 6666, reaches at least 66.66 % but not 66.67 %, and exceeds at most
  // 66.66 %.
  const RatingActual two_thirds{.part = 2, .whole = 3};
  const std::string key = "ratings.members.good_or_better_percent";
  EXPECT_TRUE(Attains(two_thirds, Target(key, 6666, true, 2020, 2025)));
  EXPECT_FALSE(Attains(two_thirds, Target(key, 6667, true, 2020, 2025)));
  EXPECT_FALSE(Attains(two_thirds, Target(key, 6666, false, 2020, 2025)));
  EXPECT_TRUE(Attains(two_thirds, Target(key, 6667, false, 2020, 2025)));
}

TEST(RatingTargetsTest, APercentOfNobodyRatedAttainsNoTarget) {
  const std::string key = "ratings.grassroots.good_or_better_percent";
  EXPECT_FALSE(Attains({.part = 0, .whole = 0}, Target(key, 0, true, 2020, 2025)));
  EXPECT_FALSE(Attains({.part = 0, .whole = 0}, Target(key, 10000, false, 2020, 2025)));
}

TEST(RatingTargetsTest, ACountTargetIsReachedAtItsValueFromEitherSide) {
  const std::string key = "ratings.grassroots.not_completed";
  EXPECT_TRUE(Attains({.part = 0, .whole = 1}, Target(key, 0, false, 2020, 2025)));
  EXPECT_FALSE(Attains({.part = 1, .whole = 1}, Target(key, 0, false, 2020, 2025)));
  EXPECT_TRUE(Attains({.part = 3, .whole = 1}, Target(key, 3, true, 2020, 2025)));
  EXPECT_FALSE(Attains({.part = 2, .whole = 1}, Target(key, 3, true, 2020, 2025)));
}

TEST(RatingTargetsTest, InASharedBoundaryYearTheLaterTermsTargetApplies) {
  const std::string key = "ratings.members.good_or_better_percent";
  const std::vector<RatingTarget> targets = {
      Target(key, 9000, true, 2020, 2025), Target(key, 9200, true, 2025, 2030),
      Target("ratings.grassroots.not_completed", 0, false, 2020, 2025)};
  EXPECT_THAT(TargetsForYear(targets, 2025), ElementsAre(targets[1], targets[2]));
  EXPECT_THAT(TargetsForYear(targets, 2021), ElementsAre(targets[0], targets[2]));
  EXPECT_THAT(TargetsForYear(targets, 2026), ElementsAre(targets[1]));
  EXPECT_TRUE(TargetsForYear(targets, 2031).empty());
}

TEST(RatingTargetsTest, BadTargetsAreRefusedNamingTheField) {
  struct Case {
    RatingTarget target;
    const char* field;
  };
  const std::vector<Case> cases = {
      {Target("members.total", 10, true, 2020, 2025), "key"},
      {Target("ratings.members.good", -1, true, 2020, 2025), "value"},
      {Target("ratings.members.good_or_better_percent", 10001, true, 2020, 2025), "value"},
      {Target("ratings.members.good", 10, true, 1900, 2025), "term_start_year"},
      {Target("ratings.members.good", 10, true, 2025, 2025), "term_end_year"},
  };
  for (const Case& c : cases) {
    const absl::Status s = CheckTarget(c.target);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_THAT(std::string(s.message()), HasSubstr(c.field));
  }
  EXPECT_TRUE(
      CheckTarget(Target("ratings.members.good_or_better_percent", 10000, true, 2020, 2025)).ok());
  EXPECT_TRUE(CheckTarget(Target("ratings.grassroots.not_completed", 0, false, 2020, 2025)).ok());
}

}  // namespace
}  // namespace dangbo::reporting
