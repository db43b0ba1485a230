// The member state machine of domain.md §2: which lifecycle event may follow which state, on
// which dates, and what it changes.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MEMBER_LIFECYCLE_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MEMBER_LIFECYCLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/model.h"
#include "services/membership/domain/working_days.h"

namespace dangbo::membership {

struct CheckedEvent {
  // The request with member_id, state_before/after and organization_before/after filled, and
  // for a transfer receipt the destination taken from the letter.
  MemberEvent event;
  // `current` with the event applied (ApplyEvent).
  Member member_after;
  // Rules an upper committee may waive, so they are reported instead of refused: a transfer
  // letter issued or presented late, a recognition decided after its 30 working days.
  std::vector<std::string> warnings;
};

// Checks `requested` against the member's current state, flags and dates and the member's
// `history` (earlier events, any order). `rules` are those in force at the event's effective
// date; `today` is injected. `open_violation_cases` names the cases the member is under
// (violation_cases.h; only RESIGN reads them).
//
// INVALID_ARGUMENT names a malformed field (missing ceremony date, destination, strike-off
// ground, decision number, ...). FAILED_PRECONDITION names the field whose value breaks a rule:
// "state: ..." for an event the state machine does not allow, "effective_date: ..." for dates
// (before the previous event, in the future, recognition before the probation ends), and so on.
//
//   ADMIT              APPLICANT → PROBATIONARY; age 18y0m..60y11m in full months at the cell's
//                      consideration (effective_date) unless special_age_decision; the admission
//                      decision is decision.date (default: effective_date), not before the
//                      consideration; ceremony_date required, not before the decision
//   READMIT            STRUCK_OFF | EXPELLED → PROBATIONARY; as ADMIT
//   RECOGNIZE_FULL     PROBATIONARY → FULL; not before ceremony + probation_months; full as of
//                      that date even when decided late (late is a warning)
//   PROBATION_NOT_PASSED  PROBATIONARY → STRUCK_OFF
//   TRANSFER_OFFICIAL_START  member, not in transit; destination required and not the current
//                      organization; moved_date not after the start; in transit afterwards
//   TRANSFER_HOP_ACKNOWLEDGE only in transit
//   TRANSFER_OFFICIAL_RECEIVE  only in transit; organization becomes the letter's destination
//   TRANSFER_TEMPORARY_START   member, not attached, not in transit; host required; stays
//                      counted at the origin; 3 months <= stay < 12 months (study: <= 24)
//   TRANSFER_TEMPORARY_END     only while attached
//   EXEMPT / UNEXEMPT, LOST_CONTACT / REGAIN_CONTACT  flag toggles on a member
//   STRIKE_OFF         member → STRUCK_OFF; strike_off_ground required
//   RESIGN             member → STRUCK_OFF; refused, naming them, while violation cases are open
//   EXPEL              FULL → EXPELLED (a probationary member is only reprimanded or warned)
//   DECEASE            APPLICANT | PROBATIONARY | FULL → DECEASED
//   WITHDRAW_APPLICATION  APPLICANT → WITHDRAWN
//   ORGANIZATION_MERGED   APPLICANT | member; organization becomes the destination
absl::StatusOr<CheckedEvent> CheckEvent(const Member& current, const MemberEvent& requested,
                                        const std::vector<MemberEvent>& history,
                                        const MembershipRules& rules,
                                        const HolidayCalendar& calendar, Date today,
                                        const std::vector<std::string>& open_violation_cases = {});

// Applies a checked event (its state_after and organization_after) to `member`: dates, flags,
// host organization. Used by CheckEvent and to replay a member's history.
void ApplyEvent(const MemberEvent& event, const MembershipRules& rules, Member& member);

// Probationary or full: the states in which a person is a party member.
bool IsPartyMember(MemberState state);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MEMBER_LIFECYCLE_H_
