// Which violation cases an inspection holds open against its member subjects, and what membership
// must be told as the inspection moves on.
#include "services/inspection/domain/violation_cases.h"

#include "gtest/gtest.h"

namespace dangbo::inspection {
namespace {

constexpr int64_t kSuspect = 300;
constexpr int64_t kOther = 301;
constexpr int64_t kOrganization = 20;

InspectionSubject Member(int64_t id, SubjectOutcome outcome = SubjectOutcome::kUnspecified) {
  return {.subject = {SubjectKind::kMember, id}, .outcome = outcome};
}

Inspection OfType(InspectionType type, InspectionStage stage) {
  Inspection in;
  in.id = 12;
  in.type = type;
  in.stage = stage;
  in.subjects = {Member(kSuspect), {.subject = {SubjectKind::kOrganization, kOrganization}}};
  return in;
}

bool Open(const Inspection& in, const InspectionSubject& s,
          const absl::flat_hash_set<int64_t>& decided = {}) {
  return HoldsCaseOpen(in, s, decided);
}

TEST(ViolationCasesTest, SignsOfViolation_HoldTheMemberFromTheDecisionToTheConclusion) {
  for (InspectionType type :
       {InspectionType::kViolationSignsInspection, InspectionType::kDenunciation}) {
    EXPECT_FALSE(Open(OfType(type, InspectionStage::kPlanned), Member(kSuspect)));
    for (InspectionStage running :
         {InspectionStage::kDecided, InspectionStage::kInProgress, InspectionStage::kReported}) {
      const Inspection in = OfType(type, running);
      EXPECT_TRUE(Open(in, in.subjects[0]));
      EXPECT_FALSE(Open(in, in.subjects[1])) << "an organization has no member case";
    }
    EXPECT_FALSE(Open(OfType(type, InspectionStage::kConcluded), Member(kSuspect)));
    EXPECT_FALSE(Open(OfType(type, InspectionStage::kCancelled), Member(kSuspect)));
  }
}

TEST(ViolationCasesTest, ThematicWork_HoldsNobodyUntilDisciplineIsRequired) {
  const Inspection in = OfType(InspectionType::kThematicInspection, InspectionStage::kInProgress);
  EXPECT_FALSE(Open(in, Member(kSuspect, SubjectOutcome::kViolation)));
  EXPECT_TRUE(Open(in, Member(kSuspect, SubjectOutcome::kViolationRequiresDiscipline)));
}

TEST(ViolationCasesTest, DisciplineRequired_HoldsUntilTheDecisionOrTheClosing) {
  const InspectionSubject required = Member(kSuspect, SubjectOutcome::kViolationRequiresDiscipline);
  const Inspection concluded =
      OfType(InspectionType::kViolationSignsInspection, InspectionStage::kConcluded);
  EXPECT_TRUE(Open(concluded, required));
  EXPECT_FALSE(Open(concluded, required, {kSuspect}));
  EXPECT_TRUE(Open(concluded, required, {kOther})) << "another member's decision settles nothing";
  EXPECT_FALSE(
      Open(OfType(InspectionType::kViolationSignsInspection, InspectionStage::kClosed), required));
  EXPECT_FALSE(
      Open(OfType(InspectionType::kThematicInspection, InspectionStage::kCancelled), required));
}

TEST(ViolationCasesTest, Reports_OpenOnDecisionAndSettleOnAConclusionWithoutDiscipline) {
  Inspection planned = OfType(InspectionType::kViolationSignsInspection, InspectionStage::kPlanned);
  EXPECT_TRUE(CaseReports(std::nullopt, {}, planned, {}).empty());

  Inspection decided = planned;
  decided.stage = InspectionStage::kDecided;
  std::vector<CaseReport> reports = CaseReports(planned, {}, decided, {});
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].member_id, kSuspect);
  EXPECT_TRUE(reports[0].open);

  Inspection concluded = decided;
  concluded.stage = InspectionStage::kConcluded;
  concluded.subjects[0].outcome = SubjectOutcome::kShortcomings;
  reports = CaseReports(decided, {}, concluded, {});
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_FALSE(reports[0].open);
  EXPECT_TRUE(CaseReports(concluded, {}, concluded, {}).empty()) << "settled once";
}

TEST(ViolationCasesTest, Reports_SettleOnTheDecisionAndForASubjectNoLongerNamed) {
  Inspection concluded = OfType(InspectionType::kThematicInspection, InspectionStage::kConcluded);
  concluded.subjects[0].outcome = SubjectOutcome::kViolationRequiresDiscipline;
  std::vector<CaseReport> reports = CaseReports(concluded, {}, concluded, {kSuspect});
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_FALSE(reports[0].open);

  Inspection running = OfType(InspectionType::kDenunciation, InspectionStage::kInProgress);
  running.subjects.push_back(Member(kOther));
  Inspection without_other = running;
  without_other.subjects.pop_back();
  reports = CaseReports(running, {}, without_other, {});
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].member_id, kSuspect);
  EXPECT_TRUE(reports[0].open);
  EXPECT_EQ(reports[1].member_id, kOther);
  EXPECT_FALSE(reports[1].open);
}

}  // namespace
}  // namespace dangbo::inspection
