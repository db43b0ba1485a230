// Values computed from a member's record and history (domain.md §2 "Derived values"): party
// age, the next party badge, and the actions that fall due.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DERIVED_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DERIVED_H_

#include <optional>
#include <vector>

#include "services/membership/domain/deadlines.h"
#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/model.h"
#include "services/membership/domain/working_days.h"

namespace dangbo::membership {

struct PartyAge {
  int years = 0;
  int months = 0;        // 0..11, on top of `years`
  int total_months = 0;  // years * 12 + months
  int days_out = 0;      // days deducted as periods out of the party
};

// Party age (tuổi đảng) at `at`: full months from the first admission decision, the start
// moved later by every day spent out of the party up to `at`:
//   - struck off, resigned, failed probation or expelled, until re-admission;
//   - lost contact, until contact was regained;
//   - in an official transfer past the letter's presentation deadline, until received (the
//     member belonged to no cell meanwhile);
//   - after death (the age stays what it was at death).
// Overlapping periods count once. None when the person had not been admitted by `at`.
std::optional<PartyAge> PartyAgeAt(const Member& member, const std::vector<MemberEvent>& history,
                                   Date at, const MembershipRules& rules,
                                   const HolidayCalendar& calendar);

struct BadgeDue {
  int years = 0;             // the milestone, e.g. 30
  Date due_date;             // the day party age reaches it, assuming no further time out
  Date earliest_early_date;  // earliest award for a seriously ill member
};

// The badge a living party member should receive next: the highest milestone already reached
// and not awarded (badges are not given for lower milestones passed over), otherwise the next
// milestone above the highest awarded. None for a non-member or when no milestone is left.
// Early windows: 12 months for 30–65 years, 24 months for 70 years and above.
std::optional<BadgeDue> NextBadge(const Member& member, const std::vector<MemberEvent>& history,
                                  const std::vector<Badge>& awarded, Date today,
                                  const MembershipRules& rules, const HolidayCalendar& calendar);

enum class DueActionKind {
  kRecognition = 1,      // công nhận đảng viên chính thức
  kTransferReceipt = 2,  // present the official transfer letter to the receiver
  kBadge = 3,            // award Huy hiệu Đảng
};

struct DueAction {
  DueActionKind kind = DueActionKind::kRecognition;
  int64_t member_id = 0;
  // The deadline: recognition and transfer deadlines, or the badge's milestone date.
  Date due_date;
  // When the action may be taken first: the probation end, the letter date, the early badge
  // date.
  Date window_start;
  bool overdue = false;  // today is past due_date
  int badge_years = 0;   // kBadge only
};

// What needs doing for `member` as of `today`: recognitions whose decision window opens within
// `horizon_days` (or is open or past), official transfers in transit, and badges whose
// milestone falls within the horizon (or has passed unawarded). Sorted by due date.
std::vector<DueAction> DueActions(const Member& member, const std::vector<MemberEvent>& history,
                                  const std::vector<Badge>& awarded, Date today, int horizon_days,
                                  const MembershipRules& rules, const HolidayCalendar& calendar);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DERIVED_H_
