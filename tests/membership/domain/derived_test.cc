#include "services/membership/domain/derived.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;
using Type = MemberEventType;

class DerivedTest : public ::testing::Test {
 protected:
  static Member Admitted(Date decision, MemberState state = MemberState::kFull) {
    Member m;
    m.id = 7;
    m.state = state;
    m.organization_id = 10;
    m.admission_decision_date = decision;
    m.admission_ceremony_date = decision + 14;
    return m;
  }
  static MemberEvent Event(Type type, Date effective) {
    MemberEvent e;
    e.member_id = 7;
    e.type = type;
    e.effective_date = effective;
    return e;
  }
  static std::vector<Badge> Awarded(std::initializer_list<int> years) {
    std::vector<Badge> badges;
    for (int y : years) {
      Badge badge;
      badge.member_id = 7;
      badge.years = y;
      badges.push_back(badge);
    }
    return badges;
  }
  std::optional<PartyAge> AgeAt(const Member& m, const std::vector<MemberEvent>& history, Date at) {
    return PartyAgeAt(m, history, at, rules_, calendar_);
  }

  MembershipRules rules_;
  HolidayCalendar calendar_ = HolidayCalendar::VietnamDefault();
};

// --- Party age ---

TEST_F(DerivedTest, PartyAge_WithoutBreaks_CountsFullMonthsFromTheDecision) {
  const Member m = Admitted(Date(2000, 5, 10));
  EXPECT_EQ(AgeAt(m, {}, Date(2026, 5, 9))->total_months, 26 * 12 - 1);
  const std::optional<PartyAge> age = AgeAt(m, {}, Date(2026, 5, 10));
  ASSERT_TRUE(age.has_value());
  EXPECT_EQ(age->years, 26);
  EXPECT_EQ(age->months, 0);
  EXPECT_EQ(age->days_out, 0);
}

TEST_F(DerivedTest, PartyAge_BeforeAdmission_IsNone) {
  EXPECT_EQ(AgeAt(Admitted(Date(2000, 5, 10)), {}, Date(2000, 5, 9)), std::nullopt);
  Member applicant;
  applicant.state = MemberState::kApplicant;
  EXPECT_EQ(AgeAt(applicant, {}, Date(2026, 1, 1)), std::nullopt);
}

TEST_F(DerivedTest, PartyAge_StrikeOffAndReadmission_DeductsTheGap) {
  const Member m = Admitted(Date(2000, 5, 10));
  // Out from 2010-05-10 to 2012-05-10: 731 days (2012 is a leap year).
  const std::vector<MemberEvent> history = {Event(Type::kStrikeOff, Date(2010, 5, 10)),
                                            Event(Type::kReadmit, Date(2012, 5, 10))};
  const std::optional<PartyAge> age = AgeAt(m, history, Date(2026, 5, 11));
  ASSERT_TRUE(age.has_value());
  EXPECT_EQ(age->days_out, 731);
  EXPECT_EQ(age->years, 24);
  EXPECT_EQ(age->months, 0);
  EXPECT_EQ(AgeAt(m, history, Date(2026, 5, 10))->total_months, 24 * 12 - 1);
}

TEST_F(DerivedTest, PartyAge_WhileStillOut_StopsGrowing) {
  const Member m = Admitted(Date(2000, 5, 10), MemberState::kStruckOff);
  const std::vector<MemberEvent> history = {Event(Type::kExpel, Date(2010, 5, 10))};
  EXPECT_EQ(AgeAt(m, history, Date(2026, 5, 10))->total_months, 10 * 12);
}

TEST_F(DerivedTest, PartyAge_LostContactGap_IsDeducted) {
  const Member m = Admitted(Date(2000, 1, 1));
  const std::vector<MemberEvent> history = {Event(Type::kLostContact, Date(2010, 1, 1)),
                                            Event(Type::kRegainContact, Date(2010, 4, 11))};
  EXPECT_EQ(AgeAt(m, history, Date(2026, 1, 1))->days_out, 100);
}

TEST_F(DerivedTest, PartyAge_OverlappingGaps_CountOnce) {
  const Member m = Admitted(Date(2000, 1, 1));
  const std::vector<MemberEvent> history = {Event(Type::kLostContact, Date(2010, 1, 1)),
                                            Event(Type::kStrikeOff, Date(2010, 2, 1)),
                                            Event(Type::kReadmit, Date(2010, 3, 1))};
  // Lost contact never regained but readmitted: out from Jan 1 on, contact still lost.
  EXPECT_EQ(AgeAt(m, history, Date(2010, 4, 1))->days_out, 90);
}

TEST_F(DerivedTest, PartyAge_TransferPresentedLate_DeductsDaysPastTheDeadline) {
  const Member m = Admitted(Date(2000, 1, 1));
  // Letter of 2026-09-01; presentation deadline 2026-10-14; received 2026-10-24.
  const std::vector<MemberEvent> history = {
      Event(Type::kTransferOfficialStart, Date(2026, 9, 1)),
      Event(Type::kTransferOfficialReceive, Date(2026, 10, 24))};
  EXPECT_EQ(AgeAt(m, history, Date(2026, 11, 1))->days_out, 9);
}

TEST_F(DerivedTest, PartyAge_AfterDeath_StaysAtTheAgeAtDeath) {
  const Member m = Admitted(Date(2000, 1, 1), MemberState::kDeceased);
  const std::vector<MemberEvent> history = {Event(Type::kDecease, Date(2020, 1, 1))};
  EXPECT_EQ(AgeAt(m, history, Date(2026, 1, 1))->total_months, 20 * 12);
}

// --- Badges ---

TEST_F(DerivedTest, NextBadge_ThirtyYears_DueOnAnniversaryWithTwelveMonthEarlyWindow) {
  const Member m = Admitted(Date(1996, 6, 1));
  const std::optional<BadgeDue> due = NextBadge(m, {}, {}, Date(2026, 3, 1), rules_, calendar_);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->years, 30);
  EXPECT_EQ(due->due_date, Date(2026, 6, 1));
  EXPECT_EQ(due->earliest_early_date, Date(2025, 6, 1));
}

TEST_F(DerivedTest, NextBadge_SixtyFiveYears_HasTwelveMonthEarlyWindow) {
  const Member m = Admitted(Date(1962, 2, 3));
  const std::optional<BadgeDue> due =
      NextBadge(m, {}, Awarded({30, 40, 45, 50, 55, 60}), Date(2026, 3, 1), rules_, calendar_);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->years, 65);
  EXPECT_EQ(due->earliest_early_date, Date(2026, 2, 3));
}

TEST_F(DerivedTest, NextBadge_SeventyYears_HasTwentyFourMonthEarlyWindow) {
  const Member m = Admitted(Date(1957, 1, 15));
  const std::optional<BadgeDue> due =
      NextBadge(m, {}, Awarded({30, 40, 45, 50, 55, 60, 65}), Date(2026, 3, 1), rules_, calendar_);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->years, 70);
  EXPECT_EQ(due->due_date, Date(2027, 1, 15));
  EXPECT_EQ(due->earliest_early_date, Date(2025, 1, 15));
}

TEST_F(DerivedTest, NextBadge_SeveralMilestonesPassedUnawarded_IsTheHighestReached) {
  const Member m = Admitted(Date(1980, 1, 1));  // 46 years on 2026-03-01
  const std::optional<BadgeDue> due = NextBadge(m, {}, {}, Date(2026, 3, 1), rules_, calendar_);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->years, 45);
  EXPECT_EQ(due->due_date, Date(2025, 1, 1));
}

TEST_F(DerivedTest, NextBadge_ReadmittedMember_IsDelayedByTheGap) {
  const Member m = Admitted(Date(1996, 6, 1));
  const std::vector<MemberEvent> history = {Event(Type::kStrikeOff, Date(2000, 1, 1)),
                                            Event(Type::kReadmit, Date(2000, 1, 31))};
  const std::optional<BadgeDue> due =
      NextBadge(m, history, {}, Date(2026, 3, 1), rules_, calendar_);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->due_date, Date(2026, 7, 1));
}

TEST_F(DerivedTest, NextBadge_AllAwardedOrNotAMember_IsNone) {
  const Member m = Admitted(Date(1930, 2, 3));
  EXPECT_EQ(NextBadge(m, {}, Awarded({90}), Date(2026, 3, 1), rules_, calendar_), std::nullopt);
  EXPECT_EQ(NextBadge(Admitted(Date(1990, 1, 1), MemberState::kExpelled), {}, {}, Date(2026, 3, 1),
                      rules_, calendar_),
            std::nullopt);
}

// --- Due actions ---

TEST_F(DerivedTest, DueActions_RecognitionWindowOpensWithinHorizon_IsListed) {
  Member m = Admitted(Date(2025, 9, 20), MemberState::kProbationary);
  m.admission_ceremony_date = Date(2025, 10, 1);
  const std::vector<DueAction> actions =
      DueActions(m, {}, {}, Date(2026, 9, 20), 30, rules_, calendar_);
  ASSERT_THAT(actions, SizeIs(1));
  EXPECT_EQ(actions[0].kind, DueActionKind::kRecognition);
  EXPECT_EQ(actions[0].window_start, Date(2026, 10, 1));
  EXPECT_EQ(actions[0].due_date, calendar_.AddWorkingDays(Date(2026, 10, 1), 30));
  EXPECT_FALSE(actions[0].overdue);
  EXPECT_EQ(actions[0].member_id, 7);
}

TEST_F(DerivedTest, DueActions_RecognitionBeyondHorizon_IsNotListed) {
  Member m = Admitted(Date(2025, 9, 20), MemberState::kProbationary);
  m.admission_ceremony_date = Date(2025, 10, 1);
  EXPECT_THAT(DueActions(m, {}, {}, Date(2026, 8, 1), 30, rules_, calendar_), IsEmpty());
}

TEST_F(DerivedTest, DueActions_RecognitionPastDeadline_IsOverdue) {
  Member m = Admitted(Date(2024, 3, 1), MemberState::kProbationary);
  m.admission_ceremony_date = Date(2024, 3, 1);
  const std::vector<DueAction> actions =
      DueActions(m, {}, {}, Date(2025, 4, 15), 0, rules_, calendar_);
  ASSERT_THAT(actions, SizeIs(1));
  EXPECT_EQ(actions[0].due_date, Date(2025, 4, 14));
  EXPECT_TRUE(actions[0].overdue);
}

TEST_F(DerivedTest, DueActions_TransferInTransitPastPresentation_IsOverdue) {
  Member m = Admitted(Date(2010, 1, 1));
  m.transfer_in_transit = true;
  const std::vector<MemberEvent> history = {Event(Type::kTransferOfficialStart, Date(2026, 9, 1))};
  const std::vector<DueAction> actions =
      DueActions(m, history, Awarded({}), Date(2026, 11, 23), 0, rules_, calendar_);
  ASSERT_THAT(actions, SizeIs(1));
  EXPECT_EQ(actions[0].kind, DueActionKind::kTransferReceipt);
  EXPECT_EQ(actions[0].due_date, Date(2026, 10, 14));
  EXPECT_TRUE(actions[0].overdue);
}

TEST_F(DerivedTest, DueActions_BadgeWithinHorizon_IsListedWithItsEarlyWindow) {
  const Member m = Admitted(Date(1996, 6, 1));
  const std::vector<DueAction> actions =
      DueActions(m, {}, {}, Date(2026, 3, 1), 120, rules_, calendar_);
  ASSERT_THAT(actions, SizeIs(1));
  EXPECT_EQ(actions[0].kind, DueActionKind::kBadge);
  EXPECT_EQ(actions[0].badge_years, 30);
  EXPECT_EQ(actions[0].due_date, Date(2026, 6, 1));
  EXPECT_EQ(actions[0].window_start, Date(2025, 6, 1));
  EXPECT_FALSE(actions[0].overdue);
  EXPECT_THAT(DueActions(m, {}, {}, Date(2026, 3, 1), 60, rules_, calendar_), IsEmpty());
}

TEST_F(DerivedTest, DueActions_AreSortedByDueDate) {
  Member m = Admitted(Date(1996, 6, 1));
  m.transfer_in_transit = true;
  const std::vector<MemberEvent> history = {Event(Type::kTransferOfficialStart, Date(2026, 9, 1))};
  const std::vector<DueAction> actions =
      DueActions(m, history, {}, Date(2026, 9, 2), 30, rules_, calendar_);
  ASSERT_THAT(actions, SizeIs(2));
  EXPECT_EQ(actions[0].kind, DueActionKind::kBadge);
  EXPECT_TRUE(actions[0].overdue);
  EXPECT_EQ(actions[1].kind, DueActionKind::kTransferReceipt);
}

TEST(Deadlines, TransferStart_IsSixtyWorkingDaysAfterTheMove) {
  const HolidayCalendar calendar = HolidayCalendar::VietnamDefault();
  const MembershipRules rules;
  // From Fri 2025-01-24: 60 working days skip Tết (Jan 28–Feb 3) and Hùng Kings' day (Apr 7).
  EXPECT_EQ(TransferStartDeadline(Date(2025, 1, 24), rules, calendar), Date(2025, 4, 28));
  EXPECT_EQ(TransferPresentDeadline(Date(2025, 8, 29), rules, calendar), Date(2025, 10, 14));
}

}  // namespace
}  // namespace dangbo::membership
