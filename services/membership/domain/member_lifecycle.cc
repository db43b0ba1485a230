#include "services/membership/domain/member_lifecycle.h"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/absl_compat.h"
#include "services/membership/domain/dates.h"
#include "services/membership/domain/deadlines.h"
#include "services/membership/domain/enum_names.h"

namespace dangbo::membership {
namespace {

using Type = MemberEventType;
using State = MemberState;

// What every per-type check reads and writes.
struct Check {
  const Member& member;
  MemberEvent& event;
  const std::vector<MemberEvent>& history;
  const MembershipRules& rules;
  const HolidayCalendar& calendar;
  Date today;
  const std::vector<std::string>& open_violation_cases;
  std::vector<std::string>& warnings;

  Date LatestAllowed() const { return today + rules.future_tolerance_days; }
  const char* TypeName() const { return MemberEventTypeName(event.type); }
};

std::string AgeText(int months) {
  return absl::StrCat(months / 12, " years ", months % 12, " months");
}

absl::Status RequireState(const Check& c, std::initializer_list<State> allowed) {
  if (std::find(allowed.begin(), allowed.end(), c.member.state) != allowed.end()) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "state: ", c.TypeName(), " applies to a member who is ",
      absl::StrJoin(allowed, " or ",
                    [](std::string* out, State s) { absl::StrAppend(out, MemberStateName(s)); }),
      "; this one is ", MemberStateName(c.member.state)));
}

absl::Status RequirePartyMember(const Check& c) {
  return RequireState(c, {State::kProbationary, State::kFull});
}

absl::Status NotInFuture(const Check& c, std::string_view field, Date date) {
  if (date <= c.LatestAllowed()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(ToAbsl(field), ": ", FormatDate(date),
                                                    " is after today (", FormatDate(c.today), ")"));
}

absl::Status CheckEffectiveDate(const Check& c) {
  if (absl::Status s = NotInFuture(c, "effective_date", c.event.effective_date); !s.ok()) {
    return s;
  }
  const MemberEvent* previous = nullptr;
  for (const MemberEvent& e : c.history) {
    if (previous == nullptr || e.effective_date > previous->effective_date) previous = &e;
  }
  if (previous != nullptr && c.event.effective_date < previous->effective_date) {
    return absl::FailedPreconditionError(
        absl::StrCat("effective_date: ", FormatDate(c.event.effective_date),
                     " precedes the member's previous event (", MemberEventTypeName(previous->type),
                     " on ", FormatDate(previous->effective_date), ")"));
  }
  return absl::OkStatus();
}

// Events that rest on a formal decision (quyết định) must cite it.
bool NeedsDecisionNumber(Type type) {
  switch (type) {
    case Type::kAdmit:
    case Type::kReadmit:
    case Type::kRecognizeFull:
    case Type::kProbationNotPassed:
    case Type::kStrikeOff:
    case Type::kResign:
    case Type::kExpel:
      return true;
    default:
      return false;
  }
}

absl::Status CheckDecision(const Check& c) {
  if (NeedsDecisionNumber(c.event.type) && c.event.decision.number.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("decision.number: required for ", c.TypeName()));
  }
  if (c.event.decision.date.has_value()) {
    return NotInFuture(c, "decision.date", *c.event.decision.date);
  }
  return absl::OkStatus();
}

absl::Status CheckAdmission(Check& c) {
  MemberEvent& e = c.event;
  if (!e.ceremony_date.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("ceremony_date: required for ", c.TypeName()));
  }
  const Date decided = e.decision.date.value_or(e.effective_date);
  if (decided < e.effective_date) {
    return absl::FailedPreconditionError(
        absl::StrCat("decision.date: the admission decision of ", FormatDate(decided),
                     " precedes the cell's consideration on ", FormatDate(e.effective_date)));
  }
  if (*e.ceremony_date < decided) {
    return absl::FailedPreconditionError(
        absl::StrCat("ceremony_date: ", FormatDate(*e.ceremony_date),
                     " precedes the admission decision of ", FormatDate(decided)));
  }
  if (absl::Status s = NotInFuture(c, "ceremony_date", *e.ceremony_date); !s.ok()) return s;

  const std::optional<Date>& birth = c.member.personal.birth_date;
  if (!birth.has_value()) {
    if (e.special_age_decision) return absl::OkStatus();
    return absl::FailedPreconditionError(
        "personal.birth_date: required to check the admission age");
  }
  const int age = FullMonthsBetween(*birth, e.effective_date);
  if (age < c.rules.admission_min_age_months) {
    return absl::FailedPreconditionError(
        absl::StrCat("personal.birth_date: aged ", AgeText(std::max(age, 0)),
                     " at the cell's consideration on ", FormatDate(e.effective_date),
                     "; admission needs at least ", AgeText(c.rules.admission_min_age_months)));
  }
  if (age > c.rules.admission_max_age_months && !e.special_age_decision) {
    return absl::FailedPreconditionError(absl::StrCat(
        "personal.birth_date: aged ", AgeText(age), " at the cell's consideration on ",
        FormatDate(e.effective_date), "; above ", AgeText(c.rules.admission_max_age_months),
        " admission needs a special decision (special_age_decision)"));
  }
  return absl::OkStatus();
}

absl::Status CheckRecognition(Check& c) {
  const std::optional<Date>& ceremony = c.member.admission_ceremony_date;
  if (!ceremony.has_value()) {
    return absl::FailedPreconditionError(
        "admission_ceremony_date: unknown, so the probation end cannot be determined");
  }
  const Date end = ProbationEnd(*ceremony, c.rules);
  if (c.event.effective_date < end) {
    return absl::FailedPreconditionError(
        absl::StrCat("effective_date: recognition is possible from ", FormatDate(end), ", ",
                     c.rules.probation_months, " months after the admission ceremony on ",
                     FormatDate(*ceremony)));
  }
  const Date deadline = RecognitionDeadline(*ceremony, c.rules, c.calendar);
  if (c.event.effective_date > deadline) {
    c.warnings.push_back(absl::StrCat("effective_date: recognition decided ",
                                      c.calendar.WorkingDaysBetween(end, c.event.effective_date),
                                      " working days after the probation ended on ",
                                      FormatDate(end), "; the cell should decide within ",
                                      c.rules.recognition_decision_working_days, " (by ",
                                      FormatDate(deadline), ")"));
  }
  return absl::OkStatus();
}

absl::Status RequireDestination(const Check& c) {
  const std::optional<int64_t>& destination = c.event.destination_organization_id;
  if (!destination.has_value() || *destination <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("destination_organization_id: required for ", c.TypeName()));
  }
  if (*destination == c.member.organization_id) {
    return absl::FailedPreconditionError(
        absl::StrCat("destination_organization_id: the member is already registered in "
                     "organization ",
                     *destination));
  }
  return absl::OkStatus();
}

absl::Status CheckOfficialTransferStart(Check& c) {
  if (c.member.transfer_in_transit) {
    return absl::FailedPreconditionError(
        "transfer_in_transit: an official transfer of this member is already in progress");
  }
  if (absl::Status s = RequireDestination(c); !s.ok()) return s;
  const std::optional<Date>& moved = c.event.moved_date;
  if (!moved.has_value()) return absl::OkStatus();
  if (*moved > c.event.effective_date) {
    return absl::FailedPreconditionError(absl::StrCat("moved_date: ", FormatDate(*moved),
                                                      " is after the transfer letter of ",
                                                      FormatDate(c.event.effective_date)));
  }
  const Date start_by = TransferStartDeadline(*moved, c.rules, c.calendar);
  if (c.event.effective_date > start_by) {
    c.warnings.push_back(absl::StrCat(
        "effective_date: the transfer started ",
        c.calendar.WorkingDaysBetween(*moved, c.event.effective_date),
        " working days after the move on ", FormatDate(*moved), "; it should start within ",
        c.rules.transfer_start_working_days, " (by ", FormatDate(start_by), ")"));
  }
  return absl::OkStatus();
}

absl::Status RequireInTransit(const Check& c) {
  if (c.member.transfer_in_transit) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("transfer_in_transit: ", c.TypeName(),
                                                    " needs an official transfer in progress"));
}

const MemberEvent* LatestOfType(const std::vector<MemberEvent>& history, Type type) {
  const MemberEvent* latest = nullptr;
  for (const MemberEvent& e : history) {
    // Later in the list wins among equal dates: history is normally in recording order.
    if (e.type == type && (latest == nullptr || e.effective_date >= latest->effective_date)) {
      latest = &e;
    }
  }
  return latest;
}

absl::Status CheckOfficialTransferReceive(Check& c) {
  if (absl::Status s = RequireInTransit(c); !s.ok()) return s;
  const MemberEvent* start = LatestOfType(c.history, Type::kTransferOfficialStart);
  if (start == nullptr || !start->destination_organization_id.has_value()) {
    return absl::FailedPreconditionError(
        "history: the transfer in progress has no TRANSFER_OFFICIAL_START with a destination");
  }
  const int64_t destination = *start->destination_organization_id;
  if (c.event.destination_organization_id.has_value() &&
      *c.event.destination_organization_id != destination) {
    return absl::FailedPreconditionError(
        absl::StrCat("destination_organization_id: the transfer letter of ",
                     FormatDate(start->effective_date), " is addressed to organization ",
                     destination, ", not ", *c.event.destination_organization_id));
  }
  c.event.destination_organization_id = destination;
  const Date present_by = TransferPresentDeadline(start->effective_date, c.rules, c.calendar);
  if (c.event.effective_date > present_by) {
    c.warnings.push_back(absl::StrCat(
        "effective_date: the letter of ", FormatDate(start->effective_date), " was presented ",
        c.calendar.WorkingDaysBetween(start->effective_date, c.event.effective_date),
        " working days after it was issued; it should be presented within ",
        c.rules.transfer_present_working_days, " (by ", FormatDate(present_by), ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckTemporaryTransferStart(Check& c) {
  if (c.member.temporarily_attached) {
    return absl::FailedPreconditionError(
        absl::StrCat("temporarily_attached: the member is already attached to organization ",
                     c.member.temporary_host_organization_id.value_or(0)));
  }
  if (c.member.transfer_in_transit) {
    return absl::FailedPreconditionError(
        "transfer_in_transit: finish the official transfer before a temporary one");
  }
  if (absl::Status s = RequireDestination(c); !s.ok()) return s;
  const std::optional<Date>& until = c.event.temporary_until;
  if (!until.has_value()) {
    return absl::InvalidArgumentError("temporary_until: required for TRANSFER_TEMPORARY_START");
  }
  const Date start = c.event.effective_date;
  const Date shortest = AddMonths(start, c.rules.temporary_transfer_min_months);
  if (*until < shortest) {
    return absl::FailedPreconditionError(
        absl::StrCat("temporary_until: a temporary transfer lasts at least ",
                     c.rules.temporary_transfer_min_months, " months (until ", FormatDate(shortest),
                     " or later)"));
  }
  if (c.event.temporary_purpose == TemporaryTransferPurpose::kStudy) {
    const Date longest = AddMonths(start, c.rules.temporary_transfer_study_max_months);
    if (*until > longest) {
      return absl::FailedPreconditionError(
          absl::StrCat("temporary_until: a temporary transfer for study lasts at most ",
                       c.rules.temporary_transfer_study_max_months, " months (until ",
                       FormatDate(longest), ")"));
    }
  } else {
    const Date too_long = AddMonths(start, c.rules.temporary_transfer_max_months);
    if (*until >= too_long) {
      return absl::FailedPreconditionError(
          absl::StrCat("temporary_until: a temporary transfer lasts under ",
                       c.rules.temporary_transfer_max_months, " months (until before ",
                       FormatDate(too_long), "); longer is only for study"));
    }
  }
  return absl::OkStatus();
}

absl::Status RequireFlag(const Check& c, bool flag, bool wanted, std::string_view field) {
  if (flag == wanted) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(ToAbsl(field), ": ", c.TypeName(), " needs ",
                                                    ToAbsl(field), " to be ",
                                                    flag ? "false" : "true"));
}

// Fills state_after and organization_after, or says why the event cannot happen.
absl::Status CheckTransition(Check& c) {
  MemberEvent& e = c.event;
  const Member& m = c.member;
  switch (e.type) {
    case Type::kAdmit:
      if (absl::Status s = RequireState(c, {State::kApplicant}); !s.ok()) return s;
      e.state_after = State::kProbationary;
      return CheckAdmission(c);
    case Type::kReadmit:
      if (absl::Status s = RequireState(c, {State::kStruckOff, State::kExpelled}); !s.ok()) {
        return s;
      }
      e.state_after = State::kProbationary;
      return CheckAdmission(c);
    case Type::kRecognizeFull:
      if (absl::Status s = RequireState(c, {State::kProbationary}); !s.ok()) return s;
      e.state_after = State::kFull;
      return CheckRecognition(c);
    case Type::kProbationNotPassed:
      if (absl::Status s = RequireState(c, {State::kProbationary}); !s.ok()) return s;
      e.state_after = State::kStruckOff;
      return absl::OkStatus();
    case Type::kTransferOfficialStart:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return CheckOfficialTransferStart(c);
    case Type::kTransferHopAcknowledge:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return RequireInTransit(c);
    case Type::kTransferOfficialReceive:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      if (absl::Status s = CheckOfficialTransferReceive(c); !s.ok()) return s;
      e.organization_after = *e.destination_organization_id;
      return absl::OkStatus();
    case Type::kTransferTemporaryStart:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return CheckTemporaryTransferStart(c);
    case Type::kTransferTemporaryEnd:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return RequireFlag(c, m.temporarily_attached, true, "temporarily_attached");
    case Type::kExempt:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return RequireFlag(c, m.exempted, false, "exempted");
    case Type::kUnexempt:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return RequireFlag(c, m.exempted, true, "exempted");
    case Type::kLostContact:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return RequireFlag(c, m.lost_contact, false, "lost_contact");
    case Type::kRegainContact:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      return RequireFlag(c, m.lost_contact, true, "lost_contact");
    case Type::kStrikeOff:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      if (e.strike_off_ground == StrikeOffGround::kUnspecified) {
        return absl::InvalidArgumentError("strike_off_ground: required for STRIKE_OFF");
      }
      e.state_after = State::kStruckOff;
      return absl::OkStatus();
    case Type::kResign:
      if (absl::Status s = RequirePartyMember(c); !s.ok()) return s;
      if (!c.open_violation_cases.empty()) {
        return absl::FailedPreconditionError(absl::StrCat(
            "state: the member is under a violation case and cannot resign until it is settled "
            "(open: ",
            absl::StrJoin(c.open_violation_cases, ", "), ")"));
      }
      e.state_after = State::kStruckOff;
      return absl::OkStatus();
    case Type::kExpel:
      if (absl::Status s = RequireState(c, {State::kFull}); !s.ok()) return s;
      e.state_after = State::kExpelled;
      return absl::OkStatus();
    case Type::kDecease:
      if (absl::Status s = RequireState(c, {State::kApplicant, State::kProbationary, State::kFull});
          !s.ok()) {
        return s;
      }
      e.state_after = State::kDeceased;
      return absl::OkStatus();
    case Type::kWithdrawApplication:
      if (absl::Status s = RequireState(c, {State::kApplicant}); !s.ok()) return s;
      e.state_after = State::kWithdrawn;
      return absl::OkStatus();
    case Type::kOrganizationMerged:
    case Type::kOrganizationSplit:
      if (absl::Status s = RequireState(c, {State::kApplicant, State::kProbationary, State::kFull});
          !s.ok()) {
        return s;
      }
      if (absl::Status s = RequireDestination(c); !s.ok()) return s;
      e.organization_after = *e.destination_organization_id;
      return absl::OkStatus();
    case Type::kUnspecified:
      break;
  }
  return absl::InvalidArgumentError("type: required");
}

void ClearMembershipFlags(Member& member) {
  member.exempted = false;
  member.lost_contact = false;
  member.transfer_in_transit = false;
  member.temporarily_attached = false;
  member.temporary_host_organization_id.reset();
}

}  // namespace

bool IsPartyMember(MemberState state) {
  return state == State::kProbationary || state == State::kFull;
}

absl::StatusOr<CheckedEvent> CheckEvent(const Member& current, const MemberEvent& requested,
                                        const std::vector<MemberEvent>& history,
                                        const MembershipRules& rules,
                                        const HolidayCalendar& calendar, Date today,
                                        const std::vector<std::string>& open_violation_cases) {
  if (std::string_view(MemberEventTypeName(requested.type)) == "UNKNOWN" ||
      requested.type == Type::kUnspecified) {
    return absl::InvalidArgumentError("type: required");
  }
  if (requested.member_id != 0 && current.id != 0 && requested.member_id != current.id) {
    return absl::InvalidArgumentError(absl::StrCat("member_id: the event names member ",
                                                   requested.member_id, ", not ", current.id));
  }
  CheckedEvent out;
  out.event = requested;
  out.event.member_id = current.id;
  out.event.state_before = current.state;
  out.event.state_after = current.state;
  out.event.organization_before = current.organization_id;
  out.event.organization_after = current.organization_id;
  Check check{current,     out.event, history, rules, calendar, today, open_violation_cases,
              out.warnings};
  if (absl::Status s = CheckDecision(check); !s.ok()) return s;
  if (absl::Status s = CheckEffectiveDate(check); !s.ok()) return s;
  if (absl::Status s = CheckTransition(check); !s.ok()) return s;
  out.member_after = current;
  ApplyEvent(out.event, rules, out.member_after);
  return out;
}

void ApplyEvent(const MemberEvent& event, const MembershipRules& rules, Member& member) {
  member.state = event.state_after;
  member.organization_id = event.organization_after;
  switch (event.type) {
    case Type::kAdmit:
    case Type::kReadmit:
      // Party age counts from the first admission (minus the time out), so a re-admission
      // keeps the first decision date; the new ceremony starts a new probation.
      if (event.type == Type::kAdmit || !member.admission_decision_date.has_value()) {
        member.admission_decision_date = event.decision.date.value_or(event.effective_date);
      }
      member.admission_ceremony_date = event.ceremony_date;
      member.full_member_date.reset();
      ClearMembershipFlags(member);
      break;
    case Type::kRecognizeFull:
      // Full as of the end of the probation, however late the decision.
      if (member.admission_ceremony_date.has_value()) {
        member.full_member_date = ProbationEnd(*member.admission_ceremony_date, rules);
      }
      break;
    case Type::kProbationNotPassed:
    case Type::kStrikeOff:
    case Type::kResign:
    case Type::kExpel:
    case Type::kDecease:
    case Type::kWithdrawApplication:
      ClearMembershipFlags(member);
      break;
    case Type::kTransferOfficialStart:
      member.transfer_in_transit = true;
      break;
    case Type::kTransferOfficialReceive:
      member.transfer_in_transit = false;
      break;
    case Type::kTransferTemporaryStart:
      member.temporarily_attached = true;
      member.temporary_host_organization_id = event.destination_organization_id;
      break;
    case Type::kTransferTemporaryEnd:
      member.temporarily_attached = false;
      member.temporary_host_organization_id.reset();
      break;
    case Type::kExempt:
      member.exempted = true;
      break;
    case Type::kUnexempt:
      member.exempted = false;
      break;
    case Type::kLostContact:
      member.lost_contact = true;
      break;
    case Type::kRegainContact:
      member.lost_contact = false;
      break;
    case Type::kTransferHopAcknowledge:
    case Type::kOrganizationMerged:
    case Type::kOrganizationSplit:
    case Type::kUnspecified:
      break;
  }
}

}  // namespace dangbo::membership
