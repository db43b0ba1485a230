#include "services/reporting/domain/inspection_statistics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace testing;  // NOLINT: the builders

using F = FigureId;

const DateRange k2023{Date(2023, 1, 1), Date(2023, 12, 31)};

class InspectionStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override { tree_ = *OrganizationTree::Build(BlocVersions()); }

  void Upsert(const Inspection& in) { ASSERT_TRUE(model_.UpsertInspection(in).ok()); }
  void Upsert(const DisciplinaryDecision& d) { ASSERT_TRUE(model_.UpsertDecision(d).ok()); }
  void Upsert(const Appeal& a) { ASSERT_TRUE(model_.UpsertAppeal(a).ok()); }

  Statistics Compute(int64_t scope, const DateRange& range = k2023, bool by_children = false) {
    absl::StatusOr<Statistics> s = ComputeInspectionStatistics(
        tree_, model_, {.scope_id = scope, .range = range, .breakdown_by_children = by_children});
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : Statistics{};
  }

  // (distinct, occurrences)
  std::pair<int64_t, int64_t> Count(int64_t scope, F figure, const DateRange& range = k2023) {
    const FigureValue& f = Compute(scope, range).figure(figure);
    return {f.distinct, f.occurrences};
  }

  std::vector<FigureSubject> Subjects(int64_t scope, std::string_view key,
                                      const DateRange& range = k2023) {
    absl::StatusOr<std::vector<FigureSubject>> s =
        ListFigureSubjects(tree_, model_, scope, range, key);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *s : std::vector<FigureSubject>{};
  }

  OrganizationTree tree_;
  InspectionModel model_;
};

std::pair<int64_t, int64_t> P(int64_t distinct, int64_t occurrences) {
  return {distinct, occurrences};
}

TEST_F(InspectionStatisticsTest, DistinctSubjectsAndOccurrencesAreBothCounted) {
  Upsert(CommitteeInspection(1, 10, Date(2023, 3, 1),
                             {MemberSubject(7001, 111), MemberSubject(7002, 111)}));
  Upsert(CommitteeInspection(2, 11, Date(2023, 9, 1), {MemberSubject(7001, 111)}));
  EXPECT_EQ(Count(1, F::kCommitteeThematicInspectionMembers), P(2, 3));
  EXPECT_EQ(Count(11, F::kCommitteeThematicInspectionMembers), P(2, 3));
}

TEST_F(InspectionStatisticsTest, OnlyInspectionsDecidedInThePeriodCount) {
  Upsert(CommitteeInspection(1, 10, Date(2022, 12, 31), {OrganizationSubject(11)}));
  Upsert(CommitteeInspection(2, 10, Date(2023, 1, 1), {OrganizationSubject(12)}));
  Upsert(CommitteeInspection(3, 10, Date(2023, 12, 31), {OrganizationSubject(111)}));
  Upsert(CommitteeInspection(4, 10, Date(2024, 1, 1), {OrganizationSubject(121)}));
  EXPECT_EQ(Count(1, F::kCommitteeThematicInspectionOrganizations), P(2, 2));
  const DateRange q1{Date(2023, 1, 1), Date(2023, 3, 31)};
  EXPECT_EQ(Count(1, F::kCommitteeThematicInspectionOrganizations, q1), P(1, 1));
}

TEST_F(InspectionStatisticsTest, CancelledInspectionsAreLeftOut) {
  Upsert(CommitteeInspection(1, 10, Date(2023, 3, 1), {OrganizationSubject(11)}));
  Inspection cancelled = CommitteeInspection(2, 10, Date(2023, 3, 1), {OrganizationSubject(12)});
  cancelled.stage = InspectionStage::kCancelled;
  Upsert(cancelled);
  EXPECT_EQ(Count(1, F::kCommitteeThematicInspectionOrganizations), P(1, 1));
  // Cancelling the first too leaves nothing.
  Inspection first = CommitteeInspection(1, 10, Date(2023, 3, 1), {OrganizationSubject(11)});
  first.stage = InspectionStage::kCancelled;
  Upsert(first);
  EXPECT_EQ(Count(1, F::kCommitteeThematicInspectionOrganizations), P(0, 0));
}

TEST_F(InspectionStatisticsTest, CommitteesAndTheUbktAreSeparateSections) {
  const Date day(2023, 5, 5);
  Upsert(MakeInspection(1, InspectionType::kThematicInspection, ConductingBody::kExecutiveCommittee,
                        1, day, {MemberSubject(1, 111, SubjectOutcome::kShortcomings, true)}));
  Upsert(MakeInspection(
      2, InspectionType::kThematicSupervision, ConductingBody::kCell, 111, day,
      {MemberSubject(2, 111), OrganizationSubject(111, SubjectOutcome::kShortcomings)}));
  // The UBKT's thematic supervision and a staff body's inspection are in no figure.
  Upsert(MakeInspection(3, InspectionType::kThematicSupervision,
                        ConductingBody::kInspectionCommittee, 1, day, {MemberSubject(3, 111)}));
  Upsert(MakeInspection(4, InspectionType::kThematicInspection, ConductingBody::kStaffBody, 1, day,
                        {MemberSubject(4, 111)}));
  Upsert(MakeInspection(5, InspectionType::kViolationSignsInspection,
                        ConductingBody::kInspectionCommittee, 1, day,
                        {MemberSubject(5, 111, SubjectOutcome::kViolation, true),
                         MemberSubject(6, 111, SubjectOutcome::kViolationRequiresDiscipline),
                         MemberSubject(7, 111, SubjectOutcome::kGood),
                         OrganizationSubject(12, SubjectOutcome::kViolationRequiresDiscipline)}));
  // A committee cannot hold a violation-signs inspection in the statistics' sense.
  Upsert(MakeInspection(6, InspectionType::kViolationSignsInspection,
                        ConductingBody::kStandingCommittee, 1, day, {MemberSubject(8, 111)}));
  Upsert(MakeInspection(7, InspectionType::kFinanceInspection, ConductingBody::kInspectionCommittee,
                        1, day, {OrganizationSubject(11), MemberSubject(9, 111)}));
  Upsert(MakeInspection(8, InspectionType::kDuesInspection, ConductingBody::kInspectionCommittee, 1,
                        day, {OrganizationSubject(11), OrganizationSubject(12)}));
  Upsert(MakeInspection(9, InspectionType::kInspectionDutyInspection,
                        ConductingBody::kInspectionCommittee, 1, day, {OrganizationSubject(10)}));
  Upsert(MakeInspection(10, InspectionType::kDisciplineExecutionInspection,
                        ConductingBody::kInspectionCommittee, 1, day, {OrganizationSubject(20)}));

  const Statistics s = Compute(1);
  const auto at = [&](F f) { return P(s.figure(f).distinct, s.figure(f).occurrences); };
  EXPECT_EQ(at(F::kCommitteeThematicInspectionMembers), P(1, 1));
  EXPECT_EQ(at(F::kCommitteeThematicInspectionCommitteeMembers), P(1, 1));
  EXPECT_EQ(at(F::kCommitteeThematicInspectionMembersShortcomings), P(1, 1));
  EXPECT_EQ(at(F::kCommitteeThematicInspectionOrganizations), P(0, 0));
  EXPECT_EQ(at(F::kCommitteeThematicSupervisionMembers), P(1, 1));
  EXPECT_EQ(at(F::kCommitteeThematicSupervisionOrganizations), P(1, 1));
  EXPECT_EQ(at(F::kCommitteeThematicSupervisionOrganizationsShortcomings), P(1, 1));
  EXPECT_EQ(at(F::kCommitteeThematicSupervisionMembersShortcomings), P(0, 0));
  EXPECT_EQ(at(F::kUbktViolationSignsMembers), P(3, 3));
  EXPECT_EQ(at(F::kUbktViolationSignsCommitteeMembers), P(1, 1));
  EXPECT_EQ(at(F::kUbktViolationSignsMembersViolation), P(2, 2));
  EXPECT_EQ(at(F::kUbktViolationSignsMembersToDiscipline), P(1, 1));
  EXPECT_EQ(at(F::kUbktViolationSignsOrganizations), P(1, 1));
  EXPECT_EQ(at(F::kUbktViolationSignsOrganizationsViolation), P(1, 1));
  EXPECT_EQ(at(F::kUbktViolationSignsOrganizationsToDiscipline), P(1, 1));
  EXPECT_EQ(at(F::kUbktFinanceOrganizations), P(1, 1));
  EXPECT_EQ(at(F::kUbktDuesOrganizations), P(2, 2));
  EXPECT_EQ(at(F::kUbktInspectionDutyOrganizations), P(1, 1));
  EXPECT_EQ(at(F::kUbktDisciplineExecutionOrganizations), P(1, 1));
}

TEST_F(InspectionStatisticsTest, AMemberCountsWhereTheyWereAtTheDecision) {
  // Member 7001 in cell 121 (under 10) in March; moved to cell 211 (under 20) by September.
  Upsert(CommitteeInspection(1, 1, Date(2023, 3, 1), {MemberSubject(7001, 121)}));
  Upsert(CommitteeInspection(2, 1, Date(2023, 9, 1), {MemberSubject(7001, 211)}));
  EXPECT_EQ(Count(10, F::kCommitteeThematicInspectionMembers), P(1, 1));
  EXPECT_EQ(Count(20, F::kCommitteeThematicInspectionMembers), P(1, 1));
  EXPECT_EQ(Count(1, F::kCommitteeThematicInspectionMembers), P(1, 2));
  EXPECT_THAT(Subjects(10, "committee.thematic_inspection.members"),
              ElementsAre(::testing::Field(&FigureSubject::organization_id, 121)));
}

TEST_F(InspectionStatisticsTest, TheTreeAsItStoodOnTheDecisionDateDecidesTheScope) {
  // Grassroots 12 (with cell 121) moves from 10 to 20 on 2023-07-01.
  ASSERT_TRUE(tree_.ApplyChange(Version(12, 20, Date(2023, 7, 1))).ok());
  Upsert(CommitteeInspection(1, 1, Date(2023, 6, 30), {MemberSubject(7001, 121)}));
  Upsert(CommitteeInspection(2, 1, Date(2023, 7, 1), {MemberSubject(7002, 121)}));
  EXPECT_THAT(Subjects(10, "committee.thematic_inspection.members"),
              ElementsAre(::testing::Field(&FigureSubject::subject,
                                           SubjectRef{SubjectKind::kMember, 7001})));
  EXPECT_THAT(Subjects(20, "committee.thematic_inspection.members"),
              ElementsAre(::testing::Field(&FigureSubject::subject,
                                           SubjectRef{SubjectKind::kMember, 7002})));

  // 11 merges into 21 on 2023-10-01; its cell 111 goes with it.
  ASSERT_TRUE(tree_.SetHistory(11, {Version(11, 10, Date(2015, 1, 1), Date(2023, 10, 1))}).ok());
  ASSERT_TRUE(tree_.ApplyChange(Version(111, 21, Date(2023, 10, 1))).ok());
  Upsert(CommitteeInspection(3, 1, Date(2023, 9, 30), {MemberSubject(7003, 111)}));
  Upsert(CommitteeInspection(4, 1, Date(2023, 10, 1), {MemberSubject(7004, 111)}));
  EXPECT_EQ(Count(10, F::kCommitteeThematicInspectionMembers), P(2, 2));  // 7001, 7003
  EXPECT_EQ(Count(20, F::kCommitteeThematicInspectionMembers), P(2, 2));  // 7002, 7004
  EXPECT_EQ(Count(11, F::kCommitteeThematicInspectionMembers), P(1, 1));  // 7003
}

TEST_F(InspectionStatisticsTest, DisciplineCountsDecisionsInForceByTheFormStandingAtTheEnd) {
  const SubjectRef a{SubjectKind::kMember, 1};
  const SubjectRef b{SubjectKind::kMember, 2};
  const SubjectRef c{SubjectKind::kMember, 3};
  const SubjectRef d{SubjectKind::kMember, 4};
  const SubjectRef org{SubjectKind::kOrganization, 121};
  Upsert(MakeDecision(1, a, 111, DisciplineForm::kWarning, 11, Date(2023, 2, 1)));
  Upsert(MakeDecision(2, b, 111, DisciplineForm::kExpulsion, 11, Date(2023, 3, 1)));
  Upsert(MakeDecision(3, c, 111, DisciplineForm::kReprimand, 11, Date(2023, 4, 1)));
  Upsert(MakeDecision(4, d, 211, DisciplineForm::kRemovalFromPost, 20, Date(2023, 4, 1)));
  Upsert(MakeDecision(5, org, 121, DisciplineForm::kWarning, 10, Date(2023, 5, 1)));
  Upsert(MakeDecision(6, a, 111, DisciplineForm::kReprimand, 11, Date(2022, 5, 1)));
  // b's expulsion reduced to a warning; c's reprimand annulled; d's annulled only next year.
  Upsert(
      MakeAppeal(1, 2, 10, Date(2023, 3, 20),
                 Resolution(AppealOutcome::kReduced, Date(2023, 6, 1), DisciplineForm::kWarning)));
  Upsert(MakeAppeal(2, 3, 10, Date(2023, 4, 20),
                    Resolution(AppealOutcome::kAnnulled, Date(2023, 7, 1))));
  Upsert(MakeAppeal(3, 4, 1, Date(2023, 4, 20),
                    Resolution(AppealOutcome::kAnnulled, Date(2024, 2, 1))));

  Statistics s = Compute(1);
  const auto at = [&](F f) { return P(s.figure(f).distinct, s.figure(f).occurrences); };
  EXPECT_EQ(at(F::kDisciplineMembersTotal), P(3, 3));  // a, b (reduced), d (annulled in 2024)
  EXPECT_EQ(at(F::kDisciplineMembersWarning), P(2, 2));
  EXPECT_EQ(at(F::kDisciplineMembersExpulsion), P(0, 0));
  EXPECT_EQ(at(F::kDisciplineMembersReprimand), P(0, 0));
  EXPECT_EQ(at(F::kDisciplineMembersRemovalFromPost), P(1, 1));
  EXPECT_EQ(at(F::kDisciplineOrganizationsTotal), P(1, 1));
  EXPECT_EQ(at(F::kDisciplineOrganizationsWarning), P(1, 1));
  // In the first half of 2023, b was still expelled and c still reprimanded.
  s = Compute(1, {Date(2023, 1, 1), Date(2023, 5, 31)});
  EXPECT_EQ(at(F::kDisciplineMembersExpulsion), P(1, 1));
  EXPECT_EQ(at(F::kDisciplineMembersReprimand), P(1, 1));
  EXPECT_EQ(at(F::kDisciplineMembersTotal), P(4, 4));
  // By the deciding organization's place in the tree: 11's decisions are 10's, not 20's.
  EXPECT_EQ(Count(10, F::kDisciplineMembersTotal), P(2, 2));
  EXPECT_EQ(Count(20, F::kDisciplineMembersTotal), P(1, 1));

  // Appeals: received by the resolving organization when filed, resolved by outcome.
  s = Compute(1);
  EXPECT_EQ(at(F::kUbktAppealsReceived), P(3, 3));
  EXPECT_EQ(at(F::kUbktAppealsResolved), P(2, 2));
  EXPECT_EQ(at(F::kUbktAppealsReduced), P(1, 1));
  EXPECT_EQ(at(F::kUbktAppealsAnnulled), P(1, 1));
  EXPECT_EQ(at(F::kUbktAppealsUpheld), P(0, 0));
  EXPECT_EQ(Count(10, F::kUbktAppealsReceived), P(2, 2));
  EXPECT_EQ(Count(1, F::kUbktAppealsAnnulled, {Date(2024, 1, 1), Date(2024, 12, 31)}), P(1, 1));
}

TEST_F(InspectionStatisticsTest, BreakdownByChildrenSplitsTheScope) {
  ASSERT_TRUE(tree_.ApplyChange(Version(12, 20, Date(2023, 7, 1))).ok());
  Upsert(
      CommitteeInspection(1, 1, Date(2023, 3, 1),
                          {MemberSubject(1, 111), MemberSubject(2, 121), OrganizationSubject(1)}));
  Upsert(
      CommitteeInspection(2, 1, Date(2023, 8, 1), {MemberSubject(2, 121), MemberSubject(3, 211)}));
  Upsert(MakeDecision(1, {SubjectKind::kMember, 3}, 211, DisciplineForm::kReprimand, 21,
                      Date(2023, 9, 1)));
  const Statistics s = Compute(1, k2023, /*by_children=*/true);
  ASSERT_EQ(s.children.size(), 2u);
  EXPECT_EQ(s.children[0].scope_id, 10);
  EXPECT_EQ(s.children[1].scope_id, 20);
  const auto members = [](const Statistics& x) {
    const FigureValue& f = x.figure(F::kCommitteeThematicInspectionMembers);
    return P(f.distinct, f.occurrences);
  };
  EXPECT_EQ(members(s), P(3, 4));
  EXPECT_EQ(members(s.children[0]), P(2, 2));  // 1 at 111, 2 at 121 in March
  EXPECT_EQ(members(s.children[1]), P(2, 2));  // 2 at 121 (moved) and 3 in August
  // The bloc itself, inspected as an organization, belongs to no child.
  EXPECT_EQ(s.figure(F::kCommitteeThematicInspectionOrganizations).occurrences, 1);
  EXPECT_EQ(s.children[0].figure(F::kCommitteeThematicInspectionOrganizations).occurrences, 0);
  EXPECT_EQ(s.children[1].figure(F::kCommitteeThematicInspectionOrganizations).occurrences, 0);
  EXPECT_EQ(s.children[1].figure(F::kDisciplineMembersTotal).occurrences, 1);
  EXPECT_EQ(s.children[0].figure(F::kDisciplineMembersTotal).occurrences, 0);
  // A child's figures equal the child's own statistics when nothing moved across children.
  EXPECT_EQ(members(s.children[0]), members(Compute(10)));
  // Without the breakdown, no children.
  EXPECT_TRUE(Compute(1).children.empty());
}

TEST_F(InspectionStatisticsTest, DrillDownListsTheSubjectsBehindEveryFigure) {
  const Date day(2023, 5, 5);
  Upsert(CommitteeInspection(1, 1, day,
                             {MemberSubject(1, 111, SubjectOutcome::kShortcomings, true),
                              MemberSubject(2, 121), OrganizationSubject(11)}));
  Upsert(CommitteeInspection(2, 10, day + 30, {MemberSubject(1, 111), OrganizationSubject(11)}));
  Upsert(MakeInspection(3, InspectionType::kViolationSignsInspection,
                        ConductingBody::kInspectionCommittee, 1, day,
                        {MemberSubject(5, 211, SubjectOutcome::kViolationRequiresDiscipline)}));
  Upsert(MakeDecision(1, {SubjectKind::kMember, 5}, 211, DisciplineForm::kWarning, 21, day + 40));
  Upsert(MakeDecision(2, {SubjectKind::kMember, 5}, 211, DisciplineForm::kReprimand, 21, day + 90));
  Upsert(MakeAppeal(1, 1, 20, day + 50, Resolution(AppealOutcome::kUpheld, day + 80)));

  for (const int64_t scope : {1, 10, 20, 11}) {
    const Statistics s = Compute(scope);
    for (const FigureValue& f : s.figures) {
      const std::vector<FigureSubject> subjects = Subjects(scope, f.key);
      int64_t sources = 0;
      for (const FigureSubject& subject : subjects) sources += subject.sources.size();
      EXPECT_EQ(static_cast<int64_t>(subjects.size()), f.distinct) << scope << " " << f.key;
      EXPECT_EQ(sources, f.occurrences) << scope << " " << f.key;
    }
  }
  const std::vector<FigureSubject> members = Subjects(1, "committee.thematic_inspection.members");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].subject, (SubjectRef{SubjectKind::kMember, 1}));
  EXPECT_EQ(members[0].organization_id, 111);
  EXPECT_THAT(members[0].sources, ElementsAre(SourceRecord{SourceKind::kInspection, 1, 0},
                                              SourceRecord{SourceKind::kInspection, 2, 0}));
  const std::vector<FigureSubject> disciplined = Subjects(1, "discipline.members.total");
  ASSERT_EQ(disciplined.size(), 1u);
  EXPECT_EQ(disciplined[0].organization_id, 21);
  EXPECT_THAT(disciplined[0].sources,
              ElementsAre(SourceRecord{SourceKind::kDisciplinaryDecision, 1, 0},
                          SourceRecord{SourceKind::kDisciplinaryDecision, 2, 0}));
  EXPECT_THAT(Subjects(1, "ubkt.appeals.upheld"),
              ElementsAre(::testing::Field(&FigureSubject::sources,
                                           ElementsAre(SourceRecord{SourceKind::kAppeal, 1, 1}))));
}

TEST_F(InspectionStatisticsTest, RefusesWhatItCannotAnswer) {
  absl::StatusOr<Statistics> s =
      ComputeInspectionStatistics(tree_, model_, {.scope_id = 999, .range = k2023});
  EXPECT_EQ(s.status().code(), absl::StatusCode::kNotFound);
  s = ComputeInspectionStatistics(tree_, model_,
                                  {.scope_id = 1, .range = {Date(2023, 2, 1), Date(2023, 1, 1)}});
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("period: "));
  absl::StatusOr<std::vector<FigureSubject>> list =
      ListFigureSubjects(tree_, model_, 1, k2023, "committee.nothing");
  EXPECT_EQ(list.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(list.status().message()), HasSubstr("key: "));
}

TEST_F(InspectionStatisticsTest, RowsOfOrganizationsTheTreeDoesNotKnowCountNowhere) {
  Upsert(CommitteeInspection(1, 1, Date(2023, 3, 1), {MemberSubject(1, 5555)}));
  EXPECT_EQ(Count(1, F::kCommitteeThematicInspectionMembers), P(0, 0));
}

TEST(InspectionFigures, EveryKeyOfTheContractIsInTheCatalogueWithALabel) {
  for (const std::string_view key : {"committee.thematic_inspection.organizations",
                                     "committee.thematic_inspection.members",
                                     "committee.thematic_inspection.committee_members",
                                     "committee.thematic_inspection.organizations_shortcomings",
                                     "committee.thematic_inspection.members_shortcomings",
                                     "committee.thematic_supervision.organizations",
                                     "committee.thematic_supervision.members",
                                     "committee.thematic_supervision.committee_members",
                                     "committee.thematic_supervision.organizations_shortcomings",
                                     "committee.thematic_supervision.members_shortcomings",
                                     "ubkt.violation_signs.organizations",
                                     "ubkt.violation_signs.members",
                                     "ubkt.violation_signs.committee_members",
                                     "ubkt.violation_signs.organizations_violation",
                                     "ubkt.violation_signs.members_violation",
                                     "ubkt.violation_signs.organizations_to_discipline",
                                     "ubkt.violation_signs.members_to_discipline",
                                     "ubkt.inspection_duty.organizations",
                                     "ubkt.discipline_execution.organizations",
                                     "ubkt.finance.organizations",
                                     "ubkt.dues.organizations",
                                     "ubkt.appeals.received",
                                     "ubkt.appeals.resolved",
                                     "ubkt.appeals.upheld",
                                     "ubkt.appeals.reduced",
                                     "ubkt.appeals.increased",
                                     "ubkt.appeals.annulled",
                                     "discipline.organizations.total",
                                     "discipline.organizations.reprimand",
                                     "discipline.organizations.warning",
                                     "discipline.organizations.dissolution",
                                     "discipline.members.total",
                                     "discipline.members.reprimand",
                                     "discipline.members.warning",
                                     "discipline.members.removal_from_post",
                                     "discipline.members.expulsion"}) {
    const std::optional<FigureId> id = FindInspectionFigure(key);
    ASSERT_TRUE(id.has_value()) << key;
    EXPECT_EQ(DefinitionOf(*id).key, key);
    EXPECT_FALSE(DefinitionOf(*id).label.empty()) << key;
  }
  EXPECT_EQ(InspectionFigures().size(), static_cast<size_t>(kFigureCount));
}

}  // namespace
}  // namespace dangbo::reporting
