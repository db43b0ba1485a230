#include "services/membership/domain/member_lifecycle.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;
using Type = MemberEventType;

constexpr int64_t kOrigin = 10;
constexpr int64_t kDestination = 20;

class LifecycleTest : public ::testing::Test {
 protected:
  Member Applicant(Date birth = Date(1995, 6, 15)) {
    Member m;
    m.id = 1;
    m.state = MemberState::kApplicant;
    m.organization_id = kOrigin;
    m.personal.birth_date = birth;
    return m;
  }
  Member Probationary(Date ceremony) {
    Member m = Applicant();
    m.state = MemberState::kProbationary;
    m.admission_decision_date = ceremony - 10;
    m.admission_ceremony_date = ceremony;
    return m;
  }
  Member Full() {
    Member m = Probationary(Date(2020, 3, 1));
    m.state = MemberState::kFull;
    m.full_member_date = Date(2021, 3, 1);
    return m;
  }
  static MemberEvent Event(Type type, Date effective) {
    MemberEvent e;
    e.type = type;
    e.effective_date = effective;
    e.decision.number = "251-QĐ/ĐUK";
    return e;
  }
  static MemberEvent Admission(Type type, Date considered) {
    MemberEvent e = Event(type, considered);
    e.decision.date = considered + 20;
    e.ceremony_date = considered + 30;
    return e;
  }
  static MemberEvent Transfer(Type type, Date effective, int64_t destination = kDestination) {
    MemberEvent e = Event(type, effective);
    e.destination_organization_id = destination;
    return e;
  }
  absl::StatusOr<CheckedEvent> Check(const Member& member, const MemberEvent& event,
                                     const std::vector<MemberEvent>& history = {},
                                     const std::vector<std::string>& open_violation_cases = {}) {
    return CheckEvent(member, event, history, rules_, calendar_, today_, open_violation_cases);
  }

  MembershipRules rules_;
  HolidayCalendar calendar_ = HolidayCalendar::VietnamDefault();
  Date today_{2026, 11, 23};
};

// --- Admission ---

TEST_F(LifecycleTest, Admit_Applicant_BecomesProbationaryWithDecisionAndCeremonyDates) {
  absl::StatusOr<CheckedEvent> result =
      Check(Applicant(), Admission(Type::kAdmit, Date(2026, 5, 4)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->event.state_before, MemberState::kApplicant);
  EXPECT_EQ(result->event.state_after, MemberState::kProbationary);
  EXPECT_EQ(result->event.organization_before, kOrigin);
  EXPECT_EQ(result->event.organization_after, kOrigin);
  EXPECT_EQ(result->event.member_id, 1);
  EXPECT_EQ(result->member_after.state, MemberState::kProbationary);
  EXPECT_EQ(result->member_after.admission_decision_date, Date(2026, 5, 24));
  EXPECT_EQ(result->member_after.admission_ceremony_date, Date(2026, 6, 3));
  EXPECT_THAT(result->warnings, IsEmpty());
}

TEST_F(LifecycleTest, Admit_AgedExactlyEighteenYearsZeroMonths_IsAllowed) {
  EXPECT_TRUE(Check(Applicant(Date(2008, 3, 15)), Admission(Type::kAdmit, Date(2026, 3, 15))).ok());
}

TEST_F(LifecycleTest, Admit_AgedSeventeenYearsElevenMonths_IsFailedPrecondition) {
  absl::StatusOr<CheckedEvent> result =
      Check(Applicant(Date(2008, 3, 15)), Admission(Type::kAdmit, Date(2026, 3, 14)));
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith("personal.birth_date: aged 17 years 11 months"));
}

TEST_F(LifecycleTest, Admit_AgedSixtyYearsElevenMonths_IsAllowed) {
  EXPECT_TRUE(Check(Applicant(Date(1965, 3, 15)), Admission(Type::kAdmit, Date(2026, 2, 15))).ok());
}

TEST_F(LifecycleTest, Admit_AgedSixtyOneYears_IsFailedPrecondition) {
  absl::StatusOr<CheckedEvent> result =
      Check(Applicant(Date(1965, 3, 15)), Admission(Type::kAdmit, Date(2026, 3, 15)));
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("special_age_decision"));
}

TEST_F(LifecycleTest, Admit_AgedSixtyOneYearsWithSpecialDecision_IsAllowed) {
  MemberEvent admit = Admission(Type::kAdmit, Date(2026, 3, 15));
  admit.special_age_decision = true;
  EXPECT_TRUE(Check(Applicant(Date(1965, 3, 15)), admit).ok());
}

TEST_F(LifecycleTest, Admit_WithoutBirthDate_IsFailedPrecondition) {
  Member applicant = Applicant();
  applicant.personal.birth_date.reset();
  EXPECT_EQ(Check(applicant, Admission(Type::kAdmit, Date(2026, 3, 15))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, Admit_WithoutCeremonyDate_IsInvalidArgument) {
  MemberEvent admit = Admission(Type::kAdmit, Date(2026, 3, 15));
  admit.ceremony_date.reset();
  absl::StatusOr<CheckedEvent> result = Check(Applicant(), admit);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()), StartsWith("ceremony_date:"));
}

TEST_F(LifecycleTest, Admit_CeremonyBeforeDecision_IsFailedPrecondition) {
  MemberEvent admit = Admission(Type::kAdmit, Date(2026, 3, 15));
  admit.ceremony_date = *admit.decision.date - 1;
  absl::StatusOr<CheckedEvent> result = Check(Applicant(), admit);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()), StartsWith("ceremony_date:"));
}

TEST_F(LifecycleTest, Admit_DecisionBeforeConsideration_IsFailedPrecondition) {
  MemberEvent admit = Admission(Type::kAdmit, Date(2026, 3, 15));
  admit.decision.date = Date(2026, 3, 14);
  EXPECT_EQ(Check(Applicant(), admit).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, Admit_CeremonyInTheFuture_IsFailedPrecondition) {
  MemberEvent admit = Admission(Type::kAdmit, Date(2026, 11, 10));
  admit.decision.date = Date(2026, 11, 15);
  admit.ceremony_date = Date(2026, 12, 1);
  EXPECT_EQ(Check(Applicant(), admit).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, Admit_WithoutDecisionNumber_IsInvalidArgument) {
  MemberEvent admit = Admission(Type::kAdmit, Date(2026, 3, 15));
  admit.decision.number.clear();
  absl::StatusOr<CheckedEvent> result = Check(Applicant(), admit);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()), StartsWith("decision.number:"));
}

TEST_F(LifecycleTest, Admit_ProbationaryMember_IsFailedPrecondition) {
  absl::StatusOr<CheckedEvent> result =
      Check(Probationary(Date(2026, 1, 5)), Admission(Type::kAdmit, Date(2026, 3, 15)));
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith("state: ADMIT applies to a member who is APPLICANT"));
}

TEST_F(LifecycleTest, Readmit_StruckOffMember_KeepsFirstAdmissionAndStartsNewProbation) {
  Member member = Full();
  member.state = MemberState::kStruckOff;
  absl::StatusOr<CheckedEvent> result = Check(member, Admission(Type::kReadmit, Date(2026, 3, 2)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.state, MemberState::kProbationary);
  EXPECT_EQ(result->member_after.admission_decision_date, member.admission_decision_date);
  EXPECT_EQ(result->member_after.admission_ceremony_date, Date(2026, 4, 1));
  EXPECT_EQ(result->member_after.full_member_date, std::nullopt);
}

TEST_F(LifecycleTest, Readmit_Applicant_IsFailedPrecondition) {
  EXPECT_EQ(Check(Applicant(), Admission(Type::kReadmit, Date(2026, 3, 2))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// --- Recognition ---

TEST_F(LifecycleTest, RecognizeFull_BeforeTwelveMonths_IsFailedPrecondition) {
  absl::StatusOr<CheckedEvent> result =
      Check(Probationary(Date(2024, 3, 1)), Event(Type::kRecognizeFull, Date(2025, 2, 28)));
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(result.status().message(),
            "effective_date: recognition is possible from 2025-03-01, 12 months after the "
            "admission ceremony on 2024-03-01");
}

TEST_F(LifecycleTest, RecognizeFull_OnProbationEnd_IsFullWithoutWarning) {
  absl::StatusOr<CheckedEvent> result =
      Check(Probationary(Date(2024, 3, 1)), Event(Type::kRecognizeFull, Date(2025, 3, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.state, MemberState::kFull);
  EXPECT_EQ(result->member_after.full_member_date, Date(2025, 3, 1));
  EXPECT_THAT(result->warnings, IsEmpty());
}

TEST_F(LifecycleTest, RecognizeFull_OnLastWorkingDayOfWindow_HasNoWarning) {
  // 30 working days after Sat 2025-03-01, skipping Hùng Kings' day (Mon 2025-04-07).
  absl::StatusOr<CheckedEvent> result =
      Check(Probationary(Date(2024, 3, 1)), Event(Type::kRecognizeFull, Date(2025, 4, 14)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(result->warnings, IsEmpty());
}

TEST_F(LifecycleTest, RecognizeFull_DecidedLate_IsFullAsOfProbationEndWithWarning) {
  absl::StatusOr<CheckedEvent> result =
      Check(Probationary(Date(2024, 3, 1)), Event(Type::kRecognizeFull, Date(2025, 4, 15)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.full_member_date, Date(2025, 3, 1));
  ASSERT_THAT(result->warnings, SizeIs(1));
  EXPECT_THAT(result->warnings[0], HasSubstr("by 2025-04-14"));
}

TEST_F(LifecycleTest, RecognizeFull_LeapDayCeremony_IsPossibleFromFebruary28) {
  const Member member = Probationary(Date(2024, 2, 29));
  EXPECT_EQ(Check(member, Event(Type::kRecognizeFull, Date(2025, 2, 27))).status().code(),
            absl::StatusCode::kFailedPrecondition);
  absl::StatusOr<CheckedEvent> result =
      Check(member, Event(Type::kRecognizeFull, Date(2025, 2, 28)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.full_member_date, Date(2025, 2, 28));
}

TEST_F(LifecycleTest, RecognizeFull_CeremonyOnJanuary31_IsPossibleFromJanuary31) {
  const Member member = Probationary(Date(2025, 1, 31));
  EXPECT_FALSE(Check(member, Event(Type::kRecognizeFull, Date(2026, 1, 30))).ok());
  EXPECT_TRUE(Check(member, Event(Type::kRecognizeFull, Date(2026, 1, 31))).ok());
}

TEST_F(LifecycleTest, RecognizeFull_FullMember_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kRecognizeFull, Date(2026, 3, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, ProbationNotPassed_StrikesOffTheProbationaryMember) {
  absl::StatusOr<CheckedEvent> result =
      Check(Probationary(Date(2025, 1, 10)), Event(Type::kProbationNotPassed, Date(2026, 1, 20)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->event.state_after, MemberState::kStruckOff);
}

TEST_F(LifecycleTest, ProbationNotPassed_FullMember_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kProbationNotPassed, Date(2026, 1, 20))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// --- Official transfer ---

TEST_F(LifecycleTest, TransferOfficialStart_PutsMemberInTransitStillAtOrigin) {
  absl::StatusOr<CheckedEvent> result =
      Check(Full(), Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->member_after.transfer_in_transit);
  EXPECT_EQ(result->event.organization_after, kOrigin);
}

TEST_F(LifecycleTest, TransferOfficialStart_WithoutDestination_IsInvalidArgument) {
  MemberEvent start = Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1));
  start.destination_organization_id.reset();
  absl::StatusOr<CheckedEvent> result = Check(Full(), start);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()), StartsWith("destination_organization_id:"));
}

TEST_F(LifecycleTest, TransferOfficialStart_ToCurrentOrganization_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1), kOrigin))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TransferOfficialStart_SixtyWorkingDaysAfterMove_HasNoWarning) {
  MemberEvent start = Transfer(Type::kTransferOfficialStart, Date(2026, 1, 2));
  start.moved_date = Date(2026, 1, 2);
  start.effective_date = calendar_.AddWorkingDays(*start.moved_date, 60);
  absl::StatusOr<CheckedEvent> result = Check(Full(), start);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(result->warnings, IsEmpty());
}

TEST_F(LifecycleTest, TransferOfficialStart_LaterThanSixtyWorkingDays_IsAllowedWithWarning) {
  MemberEvent start = Transfer(Type::kTransferOfficialStart, Date(2026, 1, 2));
  start.moved_date = Date(2026, 1, 2);
  start.effective_date = calendar_.AddWorkingDays(*start.moved_date, 61);
  absl::StatusOr<CheckedEvent> result = Check(Full(), start);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->warnings, SizeIs(1));
  EXPECT_THAT(result->warnings[0], HasSubstr("61 working days after the move"));
}

TEST_F(LifecycleTest, TransferOfficialStart_MovedAfterTheLetter_IsFailedPrecondition) {
  MemberEvent start = Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1));
  start.moved_date = Date(2026, 9, 2);
  EXPECT_EQ(Check(Full(), start).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TransferOfficialStart_AlreadyInTransit_IsFailedPrecondition) {
  Member member = Full();
  member.transfer_in_transit = true;
  EXPECT_EQ(Check(member, Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TransferOfficialStart_StruckOffPerson_IsFailedPrecondition) {
  Member member = Full();
  member.state = MemberState::kStruckOff;
  EXPECT_EQ(Check(member, Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TransferHopAcknowledge_NotInTransit_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kTransferHopAcknowledge, Date(2026, 9, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TransferHopAcknowledge_InTransit_KeepsOrganizationAndTransit) {
  Member member = Full();
  member.transfer_in_transit = true;
  absl::StatusOr<CheckedEvent> result =
      Check(member, Event(Type::kTransferHopAcknowledge, Date(2026, 9, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->member_after.transfer_in_transit);
  EXPECT_EQ(result->member_after.organization_id, kOrigin);
}

TEST_F(LifecycleTest, TransferOfficialReceive_MovesMemberToTheLettersDestination) {
  Member member = Full();
  member.transfer_in_transit = true;
  const std::vector<MemberEvent> history = {
      Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1))};
  MemberEvent receive = Event(Type::kTransferOfficialReceive, Date(2026, 9, 10));
  absl::StatusOr<CheckedEvent> result = Check(member, receive, history);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->event.organization_before, kOrigin);
  EXPECT_EQ(result->event.organization_after, kDestination);
  EXPECT_EQ(result->event.destination_organization_id, kDestination);
  EXPECT_EQ(result->member_after.organization_id, kDestination);
  EXPECT_FALSE(result->member_after.transfer_in_transit);
  EXPECT_THAT(result->warnings, IsEmpty());
}

TEST_F(LifecycleTest, TransferOfficialReceive_ByAnotherOrganization_IsFailedPrecondition) {
  Member member = Full();
  member.transfer_in_transit = true;
  const std::vector<MemberEvent> history = {
      Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1))};
  EXPECT_EQ(Check(member, Transfer(Type::kTransferOfficialReceive, Date(2026, 9, 10), 99), history)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TransferOfficialReceive_AfterThirtyWorkingDays_Warns) {
  Member member = Full();
  member.transfer_in_transit = true;
  const std::vector<MemberEvent> history = {
      Transfer(Type::kTransferOfficialStart, Date(2026, 9, 1))};
  // Sep 1–2 are National Day: the 30th working day after Sep 1 is Oct 14.
  EXPECT_THAT(
      Check(member, Event(Type::kTransferOfficialReceive, Date(2026, 10, 14)), history)->warnings,
      IsEmpty());
  absl::StatusOr<CheckedEvent> late =
      Check(member, Event(Type::kTransferOfficialReceive, Date(2026, 10, 15)), history);
  ASSERT_TRUE(late.ok()) << late.status();
  EXPECT_THAT(late->warnings, SizeIs(1));
}

TEST_F(LifecycleTest, TransferOfficialReceive_NotInTransit_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kTransferOfficialReceive, Date(2026, 9, 10))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// --- Temporary transfer ---

MemberEvent Temporary(Date start, Date until, TemporaryTransferPurpose purpose) {
  MemberEvent e;
  e.type = Type::kTransferTemporaryStart;
  e.effective_date = start;
  e.destination_organization_id = kDestination;
  e.temporary_until = until;
  e.temporary_purpose = purpose;
  return e;
}

TEST_F(LifecycleTest, TemporaryTransfer_MemberStaysCountedAtOriginWithHost) {
  absl::StatusOr<CheckedEvent> result =
      Check(Full(), Temporary(Date(2026, 6, 1), Date(2026, 9, 1), TemporaryTransferPurpose::kWork));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.organization_id, kOrigin);
  EXPECT_TRUE(result->member_after.temporarily_attached);
  EXPECT_EQ(result->member_after.temporary_host_organization_id, kDestination);
}

TEST_F(LifecycleTest, TemporaryTransfer_UnderThreeMonths_IsFailedPrecondition) {
  absl::StatusOr<CheckedEvent> result = Check(
      Full(), Temporary(Date(2026, 6, 1), Date(2026, 8, 31), TemporaryTransferPurpose::kWork));
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()), StartsWith("temporary_until:"));
}

TEST_F(LifecycleTest, TemporaryTransfer_OneYearForWork_IsFailedPrecondition) {
  EXPECT_TRUE(
      Check(Full(), Temporary(Date(2025, 6, 1), Date(2026, 5, 31), TemporaryTransferPurpose::kWork))
          .ok());
  EXPECT_EQ(
      Check(Full(), Temporary(Date(2025, 6, 1), Date(2026, 6, 1), TemporaryTransferPurpose::kWork))
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TemporaryTransfer_TwoYearsForStudy_IsAllowed) {
  EXPECT_TRUE(
      Check(Full(), Temporary(Date(2025, 6, 1), Date(2027, 6, 1), TemporaryTransferPurpose::kStudy))
          .ok());
}

TEST_F(LifecycleTest, TemporaryTransfer_OverTwoYearsForStudy_IsFailedPrecondition) {
  EXPECT_EQ(
      Check(Full(), Temporary(Date(2025, 6, 1), Date(2027, 6, 2), TemporaryTransferPurpose::kStudy))
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TemporaryTransfer_WithoutUntil_IsInvalidArgument) {
  MemberEvent start =
      Temporary(Date(2026, 6, 1), Date(2026, 9, 1), TemporaryTransferPurpose::kWork);
  start.temporary_until.reset();
  EXPECT_EQ(Check(Full(), start).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(LifecycleTest, TemporaryTransfer_AlreadyAttached_IsFailedPrecondition) {
  Member member = Full();
  member.temporarily_attached = true;
  member.temporary_host_organization_id = 30;
  EXPECT_EQ(
      Check(member, Temporary(Date(2026, 6, 1), Date(2026, 9, 1), TemporaryTransferPurpose::kWork))
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, TemporaryTransferEnd_ClearsTheHost) {
  Member member = Full();
  member.temporarily_attached = true;
  member.temporary_host_organization_id = kDestination;
  absl::StatusOr<CheckedEvent> result =
      Check(member, Event(Type::kTransferTemporaryEnd, Date(2026, 9, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->member_after.temporarily_attached);
  EXPECT_EQ(result->member_after.temporary_host_organization_id, std::nullopt);
}

TEST_F(LifecycleTest, TemporaryTransferEnd_NotAttached_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kTransferTemporaryEnd, Date(2026, 9, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// --- Flags ---

TEST_F(LifecycleTest, Exempt_SetsTheFlagAndTwiceIsFailedPrecondition) {
  absl::StatusOr<CheckedEvent> result = Check(Full(), Event(Type::kExempt, Date(2026, 9, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->member_after.exempted);
  EXPECT_EQ(Check(result->member_after, Event(Type::kExempt, Date(2026, 9, 2))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, Unexempt_Exempted_ClearsTheFlag) {
  absl::StatusOr<CheckedEvent> exempt = Check(Full(), Event(Type::kExempt, Date(2026, 3, 1)));
  ASSERT_TRUE(exempt.ok()) << exempt.status();
  absl::StatusOr<CheckedEvent> unexempt =
      Check(exempt->member_after, Event(Type::kUnexempt, Date(2026, 9, 1)), {exempt->event});
  ASSERT_TRUE(unexempt.ok()) << unexempt.status();
  EXPECT_FALSE(unexempt->member_after.exempted);
  EXPECT_EQ(unexempt->member_after.state, MemberState::kFull);
}

TEST_F(LifecycleTest, Unexempt_NotExempted_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kUnexempt, Date(2026, 9, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, LostContactThenRegained_TogglesTheFlag) {
  absl::StatusOr<CheckedEvent> lost = Check(Full(), Event(Type::kLostContact, Date(2026, 2, 1)));
  ASSERT_TRUE(lost.ok()) << lost.status();
  EXPECT_TRUE(lost->member_after.lost_contact);
  absl::StatusOr<CheckedEvent> regained =
      Check(lost->member_after, Event(Type::kRegainContact, Date(2026, 5, 1)), {lost->event});
  ASSERT_TRUE(regained.ok()) << regained.status();
  EXPECT_FALSE(regained->member_after.lost_contact);
}

TEST_F(LifecycleTest, RegainContact_WithoutLostContact_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kRegainContact, Date(2026, 5, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// --- Leaving ---

TEST_F(LifecycleTest, StrikeOff_WithoutGround_IsInvalidArgument) {
  absl::StatusOr<CheckedEvent> result = Check(Full(), Event(Type::kStrikeOff, Date(2026, 5, 1)));
  ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()), StartsWith("strike_off_ground:"));
}

TEST_F(LifecycleTest, StrikeOff_WithGround_StrikesOffAndClearsFlags) {
  Member member = Full();
  member.exempted = true;
  MemberEvent strike = Event(Type::kStrikeOff, Date(2026, 5, 1));
  strike.strike_off_ground = StrikeOffGround::kStoppedActivityOrDues;
  absl::StatusOr<CheckedEvent> result = Check(member, strike);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.state, MemberState::kStruckOff);
  EXPECT_FALSE(result->member_after.exempted);
}

TEST_F(LifecycleTest, Resign_UnderViolation_IsFailedPrecondition) {
  const absl::Status refused =
      Check(Full(), Event(Type::kResign, Date(2026, 5, 1)), {}, {"inspections/12"}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("inspections/12"), std::string::npos) << refused;
}

TEST_F(LifecycleTest, Resign_NotUnderViolation_IsRecordedAsStruckOff) {
  absl::StatusOr<CheckedEvent> result = Check(Full(), Event(Type::kResign, Date(2026, 5, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->event.state_after, MemberState::kStruckOff);
}

TEST_F(LifecycleTest, Expel_ProbationaryMember_IsFailedPrecondition) {
  EXPECT_EQ(
      Check(Probationary(Date(2026, 1, 5)), Event(Type::kExpel, Date(2026, 5, 1))).status().code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, Expel_FullMember_IsExpelled) {
  absl::StatusOr<CheckedEvent> result = Check(Full(), Event(Type::kExpel, Date(2026, 5, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.state, MemberState::kExpelled);
}

TEST_F(LifecycleTest, Decease_FullMember_IsDeceased) {
  absl::StatusOr<CheckedEvent> result = Check(Full(), Event(Type::kDecease, Date(2026, 5, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.state, MemberState::kDeceased);
}

TEST_F(LifecycleTest, Decease_Deceased_IsFailedPrecondition) {
  Member member = Full();
  member.state = MemberState::kDeceased;
  EXPECT_EQ(Check(member, Event(Type::kDecease, Date(2026, 5, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, WithdrawApplication_Applicant_IsWithdrawn) {
  absl::StatusOr<CheckedEvent> result =
      Check(Applicant(), Event(Type::kWithdrawApplication, Date(2026, 5, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.state, MemberState::kWithdrawn);
}

TEST_F(LifecycleTest, WithdrawApplication_FullMember_IsFailedPrecondition) {
  EXPECT_EQ(Check(Full(), Event(Type::kWithdrawApplication, Date(2026, 5, 1))).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(LifecycleTest, OrganizationMerged_MovesTheMember) {
  absl::StatusOr<CheckedEvent> result =
      Check(Full(), Transfer(Type::kOrganizationMerged, Date(2026, 7, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.organization_id, kDestination);
}

TEST_F(LifecycleTest, OrganizationSplit_MovesTheMemberAndKeepsItsState) {
  absl::StatusOr<CheckedEvent> result =
      Check(Full(), Transfer(Type::kOrganizationSplit, Date(2026, 7, 1)));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->member_after.organization_id, kDestination);
  EXPECT_EQ(result->member_after.state, MemberState::kFull);
}

TEST_F(LifecycleTest, OrganizationSplit_WithoutDestination_IsInvalidArgument) {
  absl::StatusOr<CheckedEvent> result =
      Check(Full(), Event(Type::kOrganizationSplit, Date(2026, 7, 1)));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
}

// --- Dates and shape ---

TEST_F(LifecycleTest, EffectiveDate_BeforePreviousEvent_IsFailedPrecondition) {
  const std::vector<MemberEvent> history = {Event(Type::kExempt, Date(2026, 6, 1))};
  Member member = Full();
  member.exempted = true;
  absl::StatusOr<CheckedEvent> result =
      Check(member, Event(Type::kUnexempt, Date(2026, 5, 31)), history);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()),
              HasSubstr("precedes the member's previous event (EXEMPT on 2026-06-01)"));
}

TEST_F(LifecycleTest, EffectiveDate_SameDayAsPreviousEvent_IsAllowed) {
  const std::vector<MemberEvent> history = {Event(Type::kExempt, Date(2026, 6, 1))};
  Member member = Full();
  member.exempted = true;
  EXPECT_TRUE(Check(member, Event(Type::kUnexempt, Date(2026, 6, 1)), history).ok());
}

TEST_F(LifecycleTest, EffectiveDate_AfterToday_IsFailedPrecondition) {
  absl::StatusOr<CheckedEvent> result = Check(Full(), Event(Type::kExempt, today_ + 1));
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(result.status().message()), StartsWith("effective_date:"));
}

TEST_F(LifecycleTest, EffectiveDate_WithinFutureTolerance_IsAllowed) {
  rules_.future_tolerance_days = 1;
  EXPECT_TRUE(Check(Full(), Event(Type::kExempt, today_ + 1)).ok());
}

TEST_F(LifecycleTest, UnspecifiedType_IsInvalidArgument) {
  EXPECT_EQ(Check(Full(), Event(Type::kUnspecified, Date(2026, 5, 1))).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(LifecycleTest, EventForAnotherMember_IsInvalidArgument) {
  MemberEvent event = Event(Type::kExempt, Date(2026, 5, 1));
  event.member_id = 2;
  EXPECT_EQ(Check(Full(), event).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(LifecycleTest, ApplyEvent_ReplayOfCheckedEvents_RebuildsTheMember) {
  Member member = Applicant();
  std::vector<MemberEvent> history;
  for (MemberEvent requested :
       {Admission(Type::kAdmit, Date(2024, 1, 10)), Event(Type::kRecognizeFull, Date(2025, 2, 20)),
        Transfer(Type::kTransferOfficialStart, Date(2026, 3, 2))}) {
    absl::StatusOr<CheckedEvent> checked = Check(member, requested, history);
    ASSERT_TRUE(checked.ok()) << checked.status();
    member = checked->member_after;
    history.push_back(checked->event);
  }
  Member replayed = Applicant();
  for (const MemberEvent& event : history) ApplyEvent(event, rules_, replayed);
  EXPECT_EQ(replayed.state, MemberState::kFull);
  EXPECT_EQ(replayed.full_member_date, Date(2025, 2, 9));
  EXPECT_TRUE(replayed.transfer_in_transit);
  EXPECT_EQ(replayed.admission_ceremony_date, member.admission_ceremony_date);
}

}  // namespace
}  // namespace dangbo::membership
