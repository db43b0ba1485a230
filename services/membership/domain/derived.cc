#include "services/membership/domain/derived.h"

#include <algorithm>
#include <utility>

#include "services/membership/domain/dates.h"
#include "services/membership/domain/member_lifecycle.h"

namespace dangbo::membership {
namespace {

using Type = MemberEventType;

// [from, to) day ranges.
using Period = std::pair<Date, Date>;

std::vector<MemberEvent> ByEffectiveDate(const std::vector<MemberEvent>& history) {
  std::vector<MemberEvent> sorted = history;
  std::stable_sort(sorted.begin(), sorted.end(), [](const MemberEvent& a, const MemberEvent& b) {
    return a.effective_date < b.effective_date;
  });
  return sorted;
}

bool LeavesParty(Type type) {
  return type == Type::kStrikeOff || type == Type::kResign || type == Type::kExpel ||
         type == Type::kProbationNotPassed || type == Type::kDecease;
}

std::optional<Date> FirstAdmission(const Member& member, const std::vector<MemberEvent>& sorted) {
  if (member.admission_decision_date.has_value()) return member.admission_decision_date;
  for (const MemberEvent& e : sorted) {
    if (e.type == Type::kAdmit) return e.decision.date.value_or(e.effective_date);
  }
  return std::nullopt;
}

std::vector<Period> PeriodsOut(const std::vector<MemberEvent>& sorted, Date at,
                               const MembershipRules& rules, const HolidayCalendar& calendar) {
  std::vector<Period> periods;
  std::optional<Date> out_since;
  std::optional<Date> lost_since;
  std::optional<Date> transit_overdue_since;
  for (const MemberEvent& e : sorted) {
    if (e.effective_date > at) break;
    const Date day = e.effective_date;
    if (LeavesParty(e.type) && !out_since.has_value()) {
      out_since = day;
    } else if (e.type == Type::kReadmit && out_since.has_value()) {
      periods.emplace_back(*out_since, day);
      out_since.reset();
    } else if (e.type == Type::kLostContact && !lost_since.has_value()) {
      lost_since = day;
    } else if (e.type == Type::kRegainContact && lost_since.has_value()) {
      periods.emplace_back(*lost_since, day);
      lost_since.reset();
    } else if (e.type == Type::kTransferOfficialStart) {
      transit_overdue_since = TransferPresentDeadline(day, rules, calendar) + 1;
    } else if (e.type == Type::kTransferOfficialReceive && transit_overdue_since.has_value()) {
      if (day > *transit_overdue_since) periods.emplace_back(*transit_overdue_since, day);
      transit_overdue_since.reset();
    }
  }
  for (const std::optional<Date>& open : {out_since, lost_since, transit_overdue_since}) {
    if (open.has_value() && *open < at) periods.emplace_back(*open, at);
  }
  return periods;
}

int DaysCoveredOnce(std::vector<Period> periods) {
  std::sort(periods.begin(), periods.end());
  int days = 0;
  std::optional<Date> covered_until;
  for (const auto& [from, to] : periods) {
    const Date start = covered_until.has_value() ? std::max(from, *covered_until) : from;
    if (to > start) days += static_cast<int>(to - start);
    if (!covered_until.has_value() || to > *covered_until) covered_until = to;
  }
  return days;
}

// The date an uninterrupted membership would have started to give the same party age at `at`.
std::optional<std::pair<Date, int>> PartyAgeStart(const Member& member,
                                                  const std::vector<MemberEvent>& history, Date at,
                                                  const MembershipRules& rules,
                                                  const HolidayCalendar& calendar) {
  const std::vector<MemberEvent> sorted = ByEffectiveDate(history);
  const std::optional<Date> admitted = FirstAdmission(member, sorted);
  if (!admitted.has_value() || *admitted > at) return std::nullopt;
  const int days_out = DaysCoveredOnce(PeriodsOut(sorted, at, rules, calendar));
  return std::make_pair(*admitted + days_out, days_out);
}

}  // namespace

std::optional<PartyAge> PartyAgeAt(const Member& member, const std::vector<MemberEvent>& history,
                                   Date at, const MembershipRules& rules,
                                   const HolidayCalendar& calendar) {
  const auto start = PartyAgeStart(member, history, at, rules, calendar);
  if (!start.has_value()) return std::nullopt;
  PartyAge age;
  age.total_months = std::max(0, FullMonthsBetween(start->first, at));
  age.years = age.total_months / 12;
  age.months = age.total_months % 12;
  age.days_out = start->second;
  return age;
}

std::optional<BadgeDue> NextBadge(const Member& member, const std::vector<MemberEvent>& history,
                                  const std::vector<Badge>& awarded, Date today,
                                  const MembershipRules& rules, const HolidayCalendar& calendar) {
  if (!IsPartyMember(member.state)) return std::nullopt;
  const auto start = PartyAgeStart(member, history, today, rules, calendar);
  if (!start.has_value()) return std::nullopt;
  int highest_awarded = 0;
  for (const Badge& badge : awarded) highest_awarded = std::max(highest_awarded, badge.years);

  std::optional<int> chosen;
  for (int years : rules.badge_milestone_years) {
    if (years <= highest_awarded) continue;
    const bool reached = AddMonths(start->first, years * 12) <= today;
    if (reached || !chosen.has_value()) chosen = years;
    if (!reached) break;
  }
  if (!chosen.has_value()) return std::nullopt;
  BadgeDue due;
  due.years = *chosen;
  due.due_date = AddMonths(start->first, *chosen * 12);
  const int early_months = *chosen >= rules.badge_senior_from_years
                               ? rules.badge_early_months_senior
                               : rules.badge_early_months_standard;
  due.earliest_early_date = AddMonths(due.due_date, -early_months);
  return due;
}

std::vector<DueAction> DueActions(const Member& member, const std::vector<MemberEvent>& history,
                                  const std::vector<Badge>& awarded, Date today, int horizon_days,
                                  const MembershipRules& rules, const HolidayCalendar& calendar) {
  std::vector<DueAction> actions;
  const Date horizon = today + horizon_days;
  if (member.state == MemberState::kProbationary && member.admission_ceremony_date.has_value()) {
    const Date end = ProbationEnd(*member.admission_ceremony_date, rules);
    if (end <= horizon) {
      DueAction action;
      action.kind = DueActionKind::kRecognition;
      action.window_start = end;
      action.due_date = RecognitionDeadline(*member.admission_ceremony_date, rules, calendar);
      actions.push_back(action);
    }
  }
  if (IsPartyMember(member.state) && member.transfer_in_transit) {
    const MemberEvent* start = nullptr;
    for (const MemberEvent& e : history) {
      if (e.type == Type::kTransferOfficialStart &&
          (start == nullptr || e.effective_date >= start->effective_date)) {
        start = &e;
      }
    }
    if (start != nullptr) {
      DueAction action;
      action.kind = DueActionKind::kTransferReceipt;
      action.window_start = start->effective_date;
      action.due_date = TransferPresentDeadline(start->effective_date, rules, calendar);
      actions.push_back(action);
    }
  }
  if (std::optional<BadgeDue> badge = NextBadge(member, history, awarded, today, rules, calendar);
      badge.has_value() && badge->due_date <= horizon) {
    DueAction action;
    action.kind = DueActionKind::kBadge;
    action.window_start = badge->earliest_early_date;
    action.due_date = badge->due_date;
    action.badge_years = badge->years;
    actions.push_back(action);
  }
  for (DueAction& action : actions) {
    action.member_id = member.id;
    action.overdue = today > action.due_date;
  }
  std::sort(actions.begin(), actions.end(),
            [](const DueAction& a, const DueAction& b) { return a.due_date < b.due_date; });
  return actions;
}

}  // namespace dangbo::membership
