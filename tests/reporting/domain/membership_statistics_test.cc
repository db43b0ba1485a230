#include "services/reporting/domain/membership_statistics.h"

#include <map>
#include <thread>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/reporting/domain/parallel_chunks.h"
#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace testing;  // NOLINT: the builders

using F = MembershipFigureId;
using membership::Gender;
using membership::MemberEventType;
using membership::MemberState;
using T = MemberEventType;
using S = MemberState;

const DateRange k2023{Date(2023, 1, 1), Date(2023, 12, 31)};

DateRange AsOf(Date day) { return {Date(2023, 1, 1), day}; }

// The bloc of builders.h plus 13, a grassroots cell in a private enterprise established under 10
// on 2023-07-01; members:
//   1001 full at 111 since before 2023, woman, Tày, Buddhist, born 1990 (33)
//   1002 admitted at 121 on 2023-03-10, woman, youth union, born 2000 (23)
//   1003 full, transferred 111 → 211 on 2023-06-15, born 1970 (53)
//   1004 full at 121, deceased 2023-09-01, born 1950
//   1006 recognized full at 111 on 2023-02-01, born 1962-12-31 (61 on 2023-12-31)
//   1007 probationary at 211, struck off 2023-05-01, born 1995
class MembershipStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_ = *OrganizationTree::Build(BlocVersions());
    ASSERT_TRUE(tree_
                    .SetHistory(13, {{.organization_id = 13,
                                      .parent_id = 10,
                                      .kind = OrganizationKind::kGrassrootsCell,
                                      .ownership = EnterpriseOwnership::kPrivate,
                                      .valid_from = Date(2023, 7, 1)}})
                    .ok());

    membership::Member m1001 = MakeMember(1001, 111, S::kFull, Date(1990, 6, 1), Gender::kFemale);
    m1001.personal.ethnicity = "Tày";
    m1001.personal.religion = "Phật giáo";
    m1001.admission_decision_date = Date(2010, 5, 1);
    Upsert(m1001);

    membership::Member m1002 =
        MakeMember(1002, 121, S::kProbationary, Date(2000, 1, 1), Gender::kFemale);
    m1002.youth_union_member = true;
    m1002.personal.religion = "Không";
    Upsert(m1002);
    Upsert(MakeMemberEvent(1, 1002, T::kAdmit, Date(2023, 3, 10), S::kApplicant, S::kProbationary,
                           121, 121));

    Upsert(MakeMember(1003, 211, S::kFull, Date(1970, 5, 5)));
    Upsert(MakeMemberEvent(2, 1003, T::kTransferOfficialReceive, Date(2023, 6, 15), S::kFull,
                           S::kFull, 111, 211));

    Upsert(MakeMember(1004, 121, S::kDeceased, Date(1950, 1, 1)));
    Upsert(MakeMemberEvent(3, 1004, T::kDecease, Date(2023, 9, 1), S::kFull, S::kDeceased, 121,
                           121));

    Upsert(MakeMember(1006, 111, S::kFull, Date(1962, 12, 31)));
    Upsert(MakeMemberEvent(4, 1006, T::kRecognizeFull, Date(2023, 2, 1), S::kProbationary,
                           S::kFull, 111, 111));

    Upsert(MakeMember(1007, 211, S::kStruckOff, Date(1995, 1, 1)));
    Upsert(MakeMemberEvent(5, 1007, T::kStrikeOff, Date(2023, 5, 1), S::kProbationary,
                           S::kStruckOff, 211, 211));
  }

  void Upsert(const membership::Member& m) { ASSERT_TRUE(model_.UpsertMember(m).ok()); }
  void Upsert(const membership::MemberEvent& e) { ASSERT_TRUE(model_.UpsertMemberEvent(e).ok()); }

  Statistics Compute(int64_t scope, const DateRange& range = k2023, bool by_children = false) {
    absl::StatusOr<Statistics> s = ComputeMembershipStatistics(
        tree_, model_, {.scope_id = scope, .range = range, .breakdown_by_children = by_children});
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : Statistics{};
  }

  // (distinct, occurrences)
  std::pair<int64_t, int64_t> Count(int64_t scope, F figure, const DateRange& range = k2023) {
    const FigureValue& f = Compute(scope, range).figure(figure);
    return {f.distinct, f.occurrences};
  }
  int64_t Members(int64_t scope, Date as_of) {
    return Compute(scope, AsOf(as_of)).figure(F::kMembersTotal).distinct;
  }

  std::vector<int64_t> SubjectIds(int64_t scope, std::string_view key,
                                  const DateRange& range = k2023) {
    absl::StatusOr<std::vector<FigureSubject>> s =
        ListMembershipFigureSubjects(tree_, model_, scope, range, key);
    EXPECT_TRUE(s.ok()) << s.status();
    std::vector<int64_t> ids;
    if (s.ok()) {
      for (const FigureSubject& subject : *s) ids.push_back(subject.subject.id);
    }
    return ids;
  }

  OrganizationTree tree_;
  MembershipModel model_;
};

std::pair<int64_t, int64_t> P(int64_t distinct, int64_t occurrences) {
  return {distinct, occurrences};
}

TEST_F(MembershipStatisticsTest, EveryFigureOfTheBlocForTheYear) {
  const Statistics s = Compute(1);
  const auto at = [&](F f) { return P(s.figure(f).distinct, s.figure(f).occurrences); };
  EXPECT_EQ(at(F::kMembersTotal), P(4, 4));  // 1001, 1002, 1003, 1006
  EXPECT_EQ(at(F::kMembersFull), P(3, 3));
  EXPECT_EQ(at(F::kMembersProbationary), P(1, 1));
  EXPECT_EQ(at(F::kMembersFemale), P(2, 2));
  EXPECT_EQ(at(F::kMembersEthnicMinority), P(1, 1));
  EXPECT_EQ(at(F::kMembersReligious), P(1, 1));
  EXPECT_EQ(at(F::kAgeTo30), P(1, 1));
  EXPECT_EQ(at(F::kAge31To40), P(1, 1));
  EXPECT_EQ(at(F::kAge41To50), P(0, 0));
  EXPECT_EQ(at(F::kAge51To60), P(1, 1));
  EXPECT_EQ(at(F::kAgeFrom61), P(1, 1));
  EXPECT_EQ(at(F::kAdmitted), P(1, 1));
  EXPECT_EQ(at(F::kAdmittedFemale), P(1, 1));
  EXPECT_EQ(at(F::kAdmittedYouthUnion), P(1, 1));
  EXPECT_EQ(at(F::kRecognizedFull), P(1, 1));
  EXPECT_EQ(at(F::kTransferredIn), P(0, 0));  // 111 → 211 stays inside the bloc
  EXPECT_EQ(at(F::kTransferredOut), P(0, 0));
  EXPECT_EQ(at(F::kStruckOff), P(1, 1));
  EXPECT_EQ(at(F::kExpelled), P(0, 0));
  EXPECT_EQ(at(F::kResigned), P(0, 0));
  EXPECT_EQ(at(F::kDeceased), P(1, 1));
  EXPECT_EQ(at(F::kKindBlocCommittee), P(1, 1));
  EXPECT_EQ(at(F::kKindUpperLevelCommittee), P(2, 2));
  EXPECT_EQ(at(F::kKindGrassrootsCommittee), P(3, 3));
  EXPECT_EQ(at(F::kKindGrassrootsCell), P(1, 1));
  EXPECT_EQ(at(F::kKindSubCommittee), P(0, 0));
  EXPECT_EQ(at(F::kKindCell), P(3, 3));
  EXPECT_EQ(at(F::kKindPartyGroup), P(0, 0));
  EXPECT_EQ(at(F::kOwnershipStateOver50), P(9, 9));
  EXPECT_EQ(at(F::kOwnershipState50OrLess), P(0, 0));
  EXPECT_EQ(at(F::kOwnershipPrivate), P(1, 1));
  EXPECT_EQ(at(F::kOwnershipForeignInvested), P(0, 0));
  EXPECT_EQ(at(F::kOwnershipPublicServiceUnit), P(0, 0));
  EXPECT_EQ(at(F::kOwnershipAgency), P(0, 0));
  EXPECT_EQ(at(F::kOwnershipOther), P(0, 0));
  EXPECT_EQ(at(F::kNewPrivateGrassroots), P(1, 1));
  ASSERT_EQ(s.figures.size(), static_cast<size_t>(kMembershipFigureCount));
  EXPECT_EQ(s.figure(F::kAge31To40).key, "members.age.31_40");
  EXPECT_EQ(s.figure(F::kKindGrassrootsCommittee).key, "organizations.kind.grassroots_committee");
  EXPECT_EQ(s.figure(F::kOwnershipStateOver50).key, "organizations.ownership.state_over_50");
}

TEST_F(MembershipStatisticsTest, AsOfBeforeAndAfterATransfer) {
  EXPECT_EQ(Members(10, Date(2023, 6, 14)), 5);  // 1001, 1002, 1003, 1004, 1006
  EXPECT_EQ(Members(20, Date(2023, 6, 14)), 0);
  EXPECT_EQ(Members(10, Date(2023, 6, 15)), 4);
  EXPECT_EQ(Members(20, Date(2023, 6, 15)), 1);
  EXPECT_EQ(Count(10, F::kTransferredOut), P(1, 1));
  EXPECT_EQ(Count(20, F::kTransferredIn), P(1, 1));
  EXPECT_EQ(Count(10, F::kTransferredIn), P(0, 0));
}

TEST_F(MembershipStatisticsTest, AsOfBeforeAndAfterADeath) {
  EXPECT_EQ(Members(12, Date(2023, 8, 31)), 2);  // 1002, 1004
  EXPECT_EQ(Members(12, Date(2023, 9, 1)), 1);
  EXPECT_EQ(Count(12, F::kDeceased, AsOf(Date(2023, 8, 31))), P(0, 0));
  EXPECT_EQ(Count(12, F::kDeceased), P(1, 1));
}

TEST_F(MembershipStatisticsTest, BeforeAdmissionAndRecognitionTheEarlierStateCounts) {
  EXPECT_EQ(Members(121, Date(2023, 3, 9)), 1);  // 1004 only
  EXPECT_EQ(Members(121, Date(2023, 3, 10)), 2);
  const Statistics january = Compute(111, AsOf(Date(2023, 1, 31)));
  EXPECT_EQ(january.figure(F::kMembersProbationary).distinct, 1);  // 1006
  EXPECT_EQ(Count(211, F::kMembersProbationary, AsOf(Date(2023, 4, 30))), P(1, 1));  // 1007
  EXPECT_EQ(Count(211, F::kMembersProbationary, AsOf(Date(2023, 5, 1))), P(0, 0));
}

TEST_F(MembershipStatisticsTest, AMemberMovedByAMergeCountsWhereTheTreeSentIt) {
  // 211 merged into 111 on 2023-04-01.
  std::vector<OrganizationVersion> rows = BlocVersions();
  for (OrganizationVersion& v : rows) {
    if (v.organization_id == 211) v.valid_to = Date(2023, 4, 1);
  }
  tree_ = *OrganizationTree::Build(rows);
  Upsert(MakeMember(1008, 111, S::kFull, Date(1980, 1, 1)));
  Upsert(MakeMemberEvent(6, 1008, T::kOrganizationMerged, Date(2023, 4, 1), S::kFull, S::kFull,
                         211, 111));
  EXPECT_EQ(Members(20, Date(2023, 3, 31)), 2);  // 1007 (probationary), 1008
  // 1007 was never moved, and 211 no longer stands in the tree.
  EXPECT_EQ(Members(20, Date(2023, 4, 1)), 0);
  EXPECT_EQ(Members(11, Date(2023, 3, 31)), 3);  // 1001, 1003, 1006
  EXPECT_EQ(Members(11, Date(2023, 4, 1)), 4);
  EXPECT_EQ(Count(20, F::kTransferredOut), P(0, 0));
  EXPECT_EQ(Count(10, F::kTransferredIn), P(0, 0));
  EXPECT_EQ(Count(1, F::kKindCell, AsOf(Date(2023, 3, 31))), P(3, 3));
  EXPECT_EQ(Count(1, F::kKindCell, AsOf(Date(2023, 4, 1))), P(2, 2));
}

TEST_F(MembershipStatisticsTest, ReplayedAndOlderUpsertsDoNotCountTwice) {
  const Statistics before = Compute(1);
  Upsert(MakeMemberEvent(1, 1002, T::kAdmit, Date(2023, 3, 10), S::kApplicant, S::kProbationary,
                         121, 121));
  membership::Member m1002 =
      MakeMember(1002, 121, S::kProbationary, Date(2000, 1, 1), Gender::kFemale);
  m1002.youth_union_member = true;
  Upsert(m1002);
  const Statistics after = Compute(1);
  for (size_t i = 0; i < before.figures.size(); ++i) {
    EXPECT_EQ(after.figures[i].distinct, before.figures[i].distinct) << after.figures[i].key;
    EXPECT_EQ(after.figures[i].occurrences, before.figures[i].occurrences)
        << after.figures[i].key;
  }
  // Version 2 moves 1001 to 211; the late version 1 is ignored.
  Upsert(MakeMember(1001, 211, S::kFull, Date(1990, 6, 1), Gender::kFemale, 2));
  Upsert(MakeMember(1001, 111, S::kFull, Date(1990, 6, 1), Gender::kFemale, 1));
  EXPECT_EQ(Count(211, F::kMembersTotal), P(2, 2));
  EXPECT_EQ(Count(1, F::kMembersTotal), P(4, 4));
  EXPECT_EQ(model_.event_count(), 5u);
}

TEST_F(MembershipStatisticsTest, BadInputNamesTheFieldAndLeavesTheModelUnchanged) {
  const size_t members = model_.member_slots();
  membership::Member no_id = MakeMember(0, 111, S::kFull, Date(1990, 1, 1));
  EXPECT_THAT(std::string(model_.UpsertMember(no_id).message()), HasSubstr("member.id"));
  membership::Member old = MakeMember(2001, 111, S::kFull, Date(1700, 1, 1));
  EXPECT_THAT(std::string(model_.UpsertMember(old).message()),
              HasSubstr("member.personal.birth_date"));
  membership::Member homeless = MakeMember(2002, 0, S::kFull, Date(1990, 1, 1));
  EXPECT_THAT(std::string(model_.UpsertMember(homeless).message()),
              HasSubstr("member.organization_id"));
  membership::Member odd_state = MakeMember(2003, 111, static_cast<S>(42), Date(1990, 1, 1));
  EXPECT_EQ(model_.UpsertMember(odd_state).code(), absl::StatusCode::kInvalidArgument);
  membership::MemberEvent early = MakeMemberEvent(9, 2004, T::kAdmit, Date(1900, 1, 1),
                                                  S::kApplicant, S::kProbationary, 111, 111);
  EXPECT_THAT(std::string(model_.UpsertMemberEvent(early).message()),
              HasSubstr("event.effective_date"));
  membership::MemberEvent untyped = early;
  untyped.effective_date = Date(2023, 1, 1);
  untyped.type = static_cast<T>(99);
  EXPECT_THAT(std::string(model_.UpsertMemberEvent(untyped).message()), HasSubstr("event.type"));
  membership::MemberEvent no_member = untyped;
  no_member.type = T::kAdmit;
  no_member.member_id = -5;
  EXPECT_THAT(std::string(model_.UpsertMemberEvent(no_member).message()),
              HasSubstr("event.member_id"));
  EXPECT_EQ(model_.member_slots(), members);
  EXPECT_EQ(model_.event_count(), 5u);
}

TEST_F(MembershipStatisticsTest, ChildrenBreakDownTheScope) {
  const Statistics s = Compute(1, k2023, /*by_children=*/true);
  ASSERT_EQ(s.children.size(), 2u);
  EXPECT_EQ(s.children[0].scope_id, 10);
  EXPECT_EQ(s.children[1].scope_id, 20);
  EXPECT_EQ(s.children[0].figure(F::kMembersTotal).distinct, 3);
  EXPECT_EQ(s.children[1].figure(F::kMembersTotal).distinct, 1);
  EXPECT_EQ(s.children[0].figure(F::kTransferredOut).occurrences, 1);
  EXPECT_EQ(s.children[1].figure(F::kTransferredIn).occurrences, 1);
  EXPECT_EQ(s.figure(F::kTransferredIn).occurrences, 0);
  EXPECT_EQ(s.children[0].figure(F::kAdmitted).occurrences, 1);
  EXPECT_EQ(s.children[1].figure(F::kStruckOff).occurrences, 1);
  // Organizations: 10's six and 20's three, the bloc itself belonging to neither.
  const auto organizations = [](const Statistics& x) {
    int64_t n = 0;
    for (int k = static_cast<int>(F::kKindBlocCommittee); k <= static_cast<int>(F::kKindPartyGroup);
         ++k) {
      n += x.figures[k].distinct;
    }
    return n;
  };
  EXPECT_EQ(organizations(s), 10);
  EXPECT_EQ(organizations(s.children[0]), 6);
  EXPECT_EQ(organizations(s.children[1]), 3);
  EXPECT_EQ(s.children[0].figure(F::kNewPrivateGrassroots).distinct, 1);
}

TEST_F(MembershipStatisticsTest, DrillDownListsAsManySubjectsAsEachFigureCounts) {
  for (int scope : {1, 10, 20, 12}) {
    const Statistics s = Compute(scope);
    for (const FigureValue& f : s.figures) {
      absl::StatusOr<std::vector<FigureSubject>> subjects =
          ListMembershipFigureSubjects(tree_, model_, scope, k2023, f.key);
      ASSERT_TRUE(subjects.ok()) << subjects.status();
      EXPECT_EQ(static_cast<int64_t>(subjects->size()), f.distinct) << scope << " " << f.key;
      int64_t sources = 0;
      for (const FigureSubject& subject : *subjects) sources += subject.sources.size();
      EXPECT_EQ(sources, f.occurrences) << scope << " " << f.key;
    }
  }
  EXPECT_THAT(SubjectIds(1, "members.total"), ElementsAre(1001, 1002, 1003, 1006));
  EXPECT_THAT(SubjectIds(1, "members.age.from_61"), ElementsAre(1006));
  EXPECT_THAT(SubjectIds(1, "organizations.new_private_grassroots"), ElementsAre(13));
  absl::StatusOr<std::vector<FigureSubject>> out =
      ListMembershipFigureSubjects(tree_, model_, 10, k2023, "members.movement.transferred_out");
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].organization_id, 111);
  EXPECT_THAT((*out)[0].sources, ElementsAre(SourceRecord{.kind = SourceKind::kMemberEvent,
                                                          .id = 2,
                                                          .member_id = 1003}));
  EXPECT_EQ(ListMembershipFigureSubjects(tree_, model_, 1, k2023, "members.nope").status().code(),
            absl::StatusCode::kInvalidArgument);
}

// Members imported with their dates and no events: the row dates their admission and
// recognition, for the organization they stood in that day, unless an event records it.
TEST_F(MembershipStatisticsTest, ImportedAdmissionsAndRecognitionsCountFromTheRowDates) {
  const auto admitted = [](membership::Member m, Date decision) {
    m.admission_decision_date = decision;
    return m;
  };
  // 1010: admitted at 121 on 2023-04-05, woman, youth union; no event.
  membership::Member m1010 = admitted(
      MakeMember(1010, 121, S::kProbationary, Date(2001, 1, 1), Gender::kFemale), Date(2023, 4, 5));
  m1010.youth_union_member = true;
  Upsert(m1010);
  // 1011: admitted 2022-02-01, full since 2023-02-01 at 111; no event.
  membership::Member m1011 =
      admitted(MakeMember(1011, 111, S::kFull, Date(1985, 1, 1)), Date(2022, 2, 1));
  m1011.full_member_date = Date(2023, 2, 1);
  Upsert(m1011);
  // 1012: its recognize event (2023-03-02) and its row's date (2023-03-01) are one recognition.
  membership::Member m1012 =
      admitted(MakeMember(1012, 111, S::kFull, Date(1985, 1, 1)), Date(2022, 3, 1));
  m1012.full_member_date = Date(2023, 3, 1);
  Upsert(m1012);
  Upsert(MakeMemberEvent(10, 1012, T::kRecognizeFull, Date(2023, 3, 2), S::kProbationary,
                         S::kFull, 111, 111));
  // 1013: its admit event (2023-06-01) and its decision date (2023-05-30) are one admission.
  Upsert(admitted(MakeMember(1013, 211, S::kProbationary, Date(1999, 1, 1)), Date(2023, 5, 30)));
  Upsert(MakeMemberEvent(11, 1013, T::kAdmit, Date(2023, 6, 1), S::kApplicant, S::kProbationary,
                         211, 211));
  // 1014: first admitted 2023-01-15 at 211 (imported), struck off and re-admitted at 211.
  Upsert(admitted(MakeMember(1014, 211, S::kProbationary, Date(1990, 1, 1)), Date(2023, 1, 15)));
  Upsert(MakeMemberEvent(12, 1014, T::kStrikeOff, Date(2023, 4, 1), S::kProbationary,
                         S::kStruckOff, 211, 211));
  Upsert(MakeMemberEvent(13, 1014, T::kReadmit, Date(2023, 10, 1), S::kStruckOff,
                         S::kProbationary, 211, 211));
  // 1015: admitted 2023-02-01 at 121 (imported), then transferred to 211 on 2023-08-01.
  Upsert(admitted(MakeMember(1015, 211, S::kProbationary, Date(1998, 1, 1)), Date(2023, 2, 1)));
  Upsert(MakeMemberEvent(14, 1015, T::kTransferOfficialReceive, Date(2023, 8, 1),
                         S::kProbationary, S::kProbationary, 121, 211));

  // 1002 (event), 1010, 1013 (event), 1014 twice, 1015.
  EXPECT_EQ(Count(1, F::kAdmitted), P(5, 6));
  EXPECT_EQ(Count(1, F::kAdmittedFemale), P(2, 2));       // 1002, 1010
  EXPECT_EQ(Count(1, F::kAdmittedYouthUnion), P(2, 2));   // 1002, 1010
  EXPECT_EQ(Count(12, F::kAdmitted), P(3, 3));            // 1002, 1010, 1015 (at 121 then)
  EXPECT_EQ(Count(20, F::kAdmitted), P(2, 3));            // 1013, 1014 twice
  EXPECT_EQ(Count(1, F::kRecognizedFull), P(3, 3));       // 1006, 1011, 1012
  EXPECT_EQ(Count(111, F::kRecognizedFull), P(3, 3));
  // 1002, 1014, 1015
  EXPECT_EQ(Count(1, F::kAdmitted, {Date(2023, 1, 1), Date(2023, 3, 31)}), P(3, 3));
  const Statistics by_children = Compute(1, k2023, true);
  int64_t children = 0;
  for (const Statistics& child : by_children.children) {
    children += child.figure(F::kAdmitted).occurrences;
  }
  EXPECT_EQ(children, 6);

  absl::StatusOr<std::vector<FigureSubject>> subjects =
      ListMembershipFigureSubjects(tree_, model_, 1, k2023, "members.movement.admitted");
  ASSERT_TRUE(subjects.ok()) << subjects.status();
  ASSERT_EQ(subjects->size(), 5u);
  EXPECT_EQ((*subjects)[1].subject.id, 1010);
  EXPECT_EQ((*subjects)[1].organization_id, 121);
  EXPECT_THAT((*subjects)[1].sources,
              ElementsAre(SourceRecord{.kind = SourceKind::kMember, .id = 1010}));
  EXPECT_EQ((*subjects)[3].subject.id, 1014);
  EXPECT_THAT((*subjects)[3].sources,
              ElementsAre(SourceRecord{.kind = SourceKind::kMember, .id = 1014},
                          SourceRecord{.kind = SourceKind::kMemberEvent,
                                       .id = 13,
                                       .member_id = 1014}));

  // A corrected date moves the admission out of the year; the same row twice changes nothing.
  Upsert(admitted(m1010, Date(2024, 1, 10)));
  Upsert(admitted(m1010, Date(2024, 1, 10)));
  EXPECT_EQ(Count(1, F::kAdmitted), P(4, 5));
  EXPECT_EQ(Count(1, F::kAdmitted, {Date(2024, 1, 1), Date(2024, 12, 31)}), P(1, 1));
}

TEST_F(MembershipStatisticsTest, TheoryLevelsAndAdmissionsInPrivateEnterprises) {
  // 14: a cell under 13 (a grassroots cell in a private enterprise from 2023-07-01) recording no
  // ownership of its own.
  ASSERT_TRUE(tree_
                  .SetHistory(14, {{.organization_id = 14,
                                    .parent_id = 13,
                                    .kind = OrganizationKind::kCell,
                                    .ownership = EnterpriseOwnership::kUnspecified,
                                    .valid_from = Date(2023, 7, 1)}})
                  .ok());
  membership::Member m1001 = MakeMember(1001, 111, S::kFull, Date(1990, 6, 1), Gender::kFemale);
  m1001.personal.ethnicity = "Tày";
  m1001.personal.religion = "Phật giáo";
  m1001.political_theory_level = membership::PoliticalTheoryLevel::kIntermediate;
  Upsert(m1001);
  membership::Member m1003 = MakeMember(1003, 211, S::kFull, Date(1970, 5, 5));
  m1003.political_theory_level = membership::PoliticalTheoryLevel::kBachelor;
  Upsert(m1003);
  membership::Member m1006 = MakeMember(1006, 111, S::kFull, Date(1962, 12, 31));
  m1006.political_theory_level = membership::PoliticalTheoryLevel::kNone;
  Upsert(m1006);
  // 1020 admitted into the cell 14 by an event, 1021 into 13 by its row's date.
  Upsert(MakeMember(1020, 14, S::kProbationary, Date(2000, 1, 1)));
  Upsert(MakeMemberEvent(20, 1020, T::kAdmit, Date(2023, 8, 1), S::kApplicant, S::kProbationary,
                         14, 14));
  membership::Member m1021 = MakeMember(1021, 13, S::kProbationary, Date(2001, 1, 1));
  m1021.admission_decision_date = Date(2023, 9, 1);
  Upsert(m1021);

  EXPECT_EQ(Count(1, F::kTheoryIntermediate), P(1, 1));
  EXPECT_EQ(Count(1, F::kTheoryBachelor), P(1, 1));
  EXPECT_EQ(Count(1, F::kTheoryNone), P(1, 1));
  EXPECT_EQ(Count(1, F::kTheoryElementary), P(0, 0));
  EXPECT_EQ(Count(20, F::kTheoryBachelor), P(1, 1));
  EXPECT_EQ(Count(1, F::kAdmitted), P(3, 3));  // 1002 at 121, 1020, 1021
  EXPECT_EQ(Count(1, F::kAdmittedPrivateEnterprise), P(2, 2));
  EXPECT_EQ(Count(12, F::kAdmittedPrivateEnterprise), P(0, 0));
  EXPECT_THAT(SubjectIds(1, "members.movement.admitted_private_enterprise"),
              ElementsAre(1020, 1021));
  EXPECT_THAT(SubjectIds(1, "members.theory.intermediate"), ElementsAre(1001));

  membership::Member bad = m1003;
  bad.political_theory_level = static_cast<membership::PoliticalTheoryLevel>(9);
  bad.version = 5;
  absl::Status refused = model_.UpsertMember(bad);
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.message(), HasSubstr("member.political_theory_level"));
}

TEST_F(MembershipStatisticsTest, EducationLevelsAreReadFromTheRecordsText) {
  membership::Member m1001 = MakeMember(1001, 111, S::kFull, Date(1990, 6, 1), Gender::kFemale);
  m1001.general_education = "12/12";
  m1001.professional_qualification = "Kỹ sư Xây dựng";
  Upsert(m1001);
  membership::Member m1003 = MakeMember(1003, 211, S::kFull, Date(1970, 5, 5));
  m1003.general_education = "10/10";
  m1003.professional_qualification = "Thạc sĩ Kinh tế";
  Upsert(m1003);
  membership::Member m1006 = MakeMember(1006, 111, S::kFull, Date(1962, 12, 31));
  m1006.general_education = "7/10";
  m1006.professional_qualification = "Công nhân kỹ thuật";
  Upsert(m1006);
  const std::pair<int64_t, int64_t> total = Count(1, F::kMembersTotal);

  EXPECT_EQ(Count(1, F::kEducationUpperSecondary), P(2, 2));
  EXPECT_EQ(Count(1, F::kEducationLowerSecondary), P(1, 1));
  EXPECT_EQ(Count(1, F::kEducationPrimary), P(0, 0));
  EXPECT_EQ(Count(1, F::kQualificationUniversity), P(1, 1));
  EXPECT_EQ(Count(1, F::kQualificationMaster), P(1, 1));
  EXPECT_EQ(Count(1, F::kQualificationElementary), P(1, 1));
  EXPECT_EQ(Count(1, F::kQualificationDoctorate), P(0, 0));
  EXPECT_EQ(Count(20, F::kQualificationMaster), P(1, 1));
  EXPECT_EQ(Count(20, F::kQualificationUniversity), P(0, 0));
  EXPECT_THAT(SubjectIds(1, "members.qualification.master"), ElementsAre(1003));
  EXPECT_THAT(SubjectIds(1, "members.education.upper_secondary"), ElementsAre(1001, 1003));

  // A corrected record counts at its new level, and only there; the stocks stay as they were.
  m1003.professional_qualification = "Tiến sĩ Kinh tế";
  m1003.version = 5;
  Upsert(m1003);
  EXPECT_EQ(Count(1, F::kQualificationMaster), P(0, 0));
  EXPECT_EQ(Count(1, F::kQualificationDoctorate), P(1, 1));
  EXPECT_EQ(Count(1, F::kMembersTotal), total);
}

TEST_F(MembershipStatisticsTest, BadgesAwardedCountWhereTheMemberStoodThatDay) {
  const auto badge = [](int64_t member, int years, Date awarded) {
    membership::Badge b;
    b.member_id = member;
    b.years = years;
    b.award_date = awarded;
    return b;
  };
  // 1001 at 111: 30 and 40 years; 1003: 50 years before the transfer 111 → 211 on 2023-06-15;
  // 1004: posthumously at 121 after dying on 2023-09-01.
  ASSERT_TRUE(model_.UpsertBadge(badge(1001, 30, Date(2023, 2, 3))).ok());
  ASSERT_TRUE(model_.UpsertBadge(badge(1001, 40, Date(2023, 11, 7))).ok());
  ASSERT_TRUE(model_.UpsertBadge(badge(1003, 50, Date(2023, 2, 3))).ok());
  ASSERT_TRUE(model_.UpsertBadge(badge(1004, 55, Date(2023, 9, 20))).ok());
  // Replayed: nothing changes.
  ASSERT_TRUE(model_.UpsertBadge(badge(1001, 30, Date(2023, 2, 3))).ok());
  EXPECT_EQ(model_.badge_count(), 4u);

  EXPECT_EQ(Count(1, F::kBadgesAwarded), P(3, 4));
  EXPECT_EQ(Count(11, F::kBadgesAwarded), P(2, 3));  // 1001 twice, 1003 at 111 then
  EXPECT_EQ(Count(20, F::kBadgesAwarded), P(0, 0));
  EXPECT_EQ(Count(12, F::kBadgesAwarded), P(1, 1));
  EXPECT_EQ(Count(1, F::kBadgesAwarded, {Date(2023, 1, 1), Date(2023, 6, 30)}), P(2, 2));
  absl::StatusOr<std::vector<FigureSubject>> s =
      ListMembershipFigureSubjects(tree_, model_, 1, k2023, "members.badges.awarded");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 3u);
  EXPECT_THAT((*s)[0].sources,
              ElementsAre(SourceRecord{.kind = SourceKind::kMemberBadge, .id = 1001,
                                       .badge_years = 30},
                          SourceRecord{.kind = SourceKind::kMemberBadge, .id = 1001,
                                       .badge_years = 40}));

  // A corrected date moves the badge out of the year.
  ASSERT_TRUE(model_.UpsertBadge(badge(1001, 40, Date(2024, 1, 5))).ok());
  EXPECT_EQ(Count(1, F::kBadgesAwarded), P(3, 3));

  absl::Status bad = model_.UpsertBadge(badge(1001, 33, Date(2023, 1, 1)));
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(), HasSubstr("badge.years"));
  EXPECT_THAT(model_.UpsertBadge(badge(0, 30, Date(2023, 1, 1))).message(),
              HasSubstr("badge.member_id"));
  EXPECT_EQ(model_.badge_count(), 4u);
}

// Above kParallelScanMinItems members the stock pass runs in chunks on several threads; the
// figures must be those of one pass, which the single-threaded drill-down makes.
TEST_F(MembershipStatisticsTest, AStockScannedInChunksCountsAsOneScan) {
  constexpr int64_t kMany = static_cast<int64_t>(kParallelScanMinItems) + 50'000;
  const int64_t organizations[] = {111, 121, 211};
  std::map<int64_t, int64_t> full_by_organization;
  int64_t women = 0;
  model_.Reserve(static_cast<size_t>(kMany), 0, 8);
  for (int64_t i = 0; i < kMany; ++i) {
    const int64_t organization = organizations[i % 3];
    const bool full = i % 2 == 0;
    const bool woman = i % 5 == 0;
    Upsert(MakeMember(100'000 + i, organization, full ? S::kFull : S::kProbationary,
                      Date(1960 + static_cast<int>(i % 40), 1, 1),
                      woman ? Gender::kFemale : Gender::kMale));
    if (full) ++full_by_organization[organization];
    if (woman) ++women;
  }
  if (std::thread::hardware_concurrency() > 1) {
    EXPECT_GT(ChunkCount(model_.member_slots()), 1u);
  }
  const Statistics s = Compute(1, AsOf(Date(2023, 12, 31)), true);
  // The fixture's 1001, 1002, 1003 and 1006 as well.
  EXPECT_EQ(s.figure(F::kMembersTotal).distinct, kMany + 4);
  EXPECT_EQ(s.figure(F::kMembersFull).distinct,
            full_by_organization[111] + full_by_organization[121] + full_by_organization[211] +
                3);
  EXPECT_EQ(s.figure(F::kMembersFemale).distinct, women + 2);
  for (const Statistics& child : s.children) {
    if (child.scope_id == 20) {
      EXPECT_EQ(child.figure(F::kMembersFull).distinct, full_by_organization[211] + 1);
    }
  }
  for (const FigureValue& f : s.figures) {
    if (f.key.rfind("members.", 0) != 0 || f.key.rfind("members.movement.", 0) == 0) continue;
    EXPECT_EQ(static_cast<int64_t>(SubjectIds(1, f.key, AsOf(Date(2023, 12, 31))).size()),
              f.distinct)
        << f.key;
  }
}

TEST(ForEachChunkTest, CoversEveryItemOnceInOrderedRanges) {
  for (size_t n : {size_t{0}, size_t{7}, kParallelScanMinItems, kParallelScanMinItems * 3 + 1}) {
    std::vector<std::pair<size_t, size_t>> ranges(ChunkCount(n));
    ForEachChunk(n, [&](size_t chunk, size_t begin, size_t end) { ranges[chunk] = {begin, end}; });
    size_t next = 0;
    for (const auto& [begin, end] : ranges) {
      EXPECT_EQ(begin, next) << n;
      EXPECT_LE(begin, end) << n;
      next = end;
    }
    EXPECT_EQ(next, n);
  }
}

TEST_F(MembershipStatisticsTest, AnUnknownScopeOrABackwardPeriodIsRefused) {
  EXPECT_EQ(ComputeMembershipStatistics(tree_, model_, {.scope_id = 999, .range = k2023})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ComputeMembershipStatistics(
                tree_, model_, {.scope_id = 1, .range = {Date(2023, 5, 1), Date(2023, 4, 1)}})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangbo::reporting
