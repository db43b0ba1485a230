#include "services/inspection/domain/appeals.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/inspection/domain/discipline_rules.h"
#include "services/inspection/domain/enum_names.h"
#include "services/membership/domain/dates.h"

namespace dangbo::inspection {
namespace {

using membership::AddMonths;
using membership::FormatDate;

// Resolved appeals in the order their resolutions took effect.
std::vector<const Appeal*> ResolvedInOrder(const std::vector<Appeal>& appeals) {
  std::vector<const Appeal*> resolved;
  for (const Appeal& a : appeals) {
    if (a.resolution.has_value()) resolved.push_back(&a);
  }
  std::stable_sort(resolved.begin(), resolved.end(), [](const Appeal* a, const Appeal* b) {
    return a->resolution->date < b->resolution->date;
  });
  return resolved;
}

}  // namespace

Date AppealFilingDeadline(Date received, const InspectionRules& rules,
                          const HolidayCalendar& calendar) {
  if (rules.appeal_filing_months > 0) return AddMonths(received, rules.appeal_filing_months);
  return calendar.AddWorkingDays(received, rules.appeal_filing_working_days);
}

Date AppealResolutionDeadline(const Appeal& appeal, const InspectionRules& rules,
                              const HolidayCalendar& calendar) {
  const int days = appeal.resolving_level == Level::kCentral
                       ? rules.appeal_resolution_working_days_central
                       : rules.appeal_resolution_working_days;
  return calendar.AddWorkingDays(appeal.filed_date, days);
}

absl::Status CheckAppealFiling(const DisciplinaryDecision& decision,
                               const std::vector<Appeal>& earlier, const Appeal& appeal,
                               const InspectionRules& rules, const HolidayCalendar& calendar,
                               Date today) {
  if (appeal.resolving_level == Level::kUnspecified) {
    return absl::InvalidArgumentError("resolving_level: required");
  }
  if (appeal.received_date < decision.decision_date) {
    return absl::FailedPreconditionError(
        absl::StrCat("received_date: ", FormatDate(appeal.received_date),
                     " precedes the decision of ", FormatDate(decision.decision_date)));
  }
  if (appeal.filed_date < appeal.received_date) {
    return absl::FailedPreconditionError(absl::StrCat("filed_date: ", FormatDate(appeal.filed_date),
                                                      " precedes receipt on ",
                                                      FormatDate(appeal.received_date)));
  }
  if (appeal.filed_date > today) {
    return absl::FailedPreconditionError(absl::StrCat("filed_date: ", FormatDate(appeal.filed_date),
                                                      " is after today (", FormatDate(today), ")"));
  }
  for (const Appeal& other : earlier) {
    if (other.id == appeal.id) continue;
    if (!other.resolution.has_value()) {
      return absl::FailedPreconditionError(absl::StrCat("decision: appeal ", other.id, " filed on ",
                                                        FormatDate(other.filed_date),
                                                        " is still pending; one appeal at a time"));
    }
    if (other.resolution->outcome == AppealOutcome::kAnnulled) {
      return absl::FailedPreconditionError(
          absl::StrCat("decision: ", decision.number, " was annulled on ",
                       FormatDate(other.resolution->date), "; there is nothing to appeal"));
    }
    // Appealing further up is appealing the resolution, so receipt follows it.
    if (appeal.received_date < other.resolution->date) {
      return absl::FailedPreconditionError(
          absl::StrCat("received_date: ", FormatDate(appeal.received_date),
                       " precedes the resolution of appeal ", other.id, " on ",
                       FormatDate(other.resolution->date), " that this appeal contests"));
    }
  }
  const Date deadline = AppealFilingDeadline(appeal.received_date, rules, calendar);
  if (appeal.filed_date > deadline) {
    return absl::FailedPreconditionError(
        absl::StrCat("filed_date: ", FormatDate(appeal.filed_date), " is after the deadline of ",
                     FormatDate(deadline), " (",
                     rules.appeal_filing_months > 0
                         ? absl::StrCat(rules.appeal_filing_months, " months")
                         : absl::StrCat(rules.appeal_filing_working_days, " working days"),
                     " from receiving the decision on ", FormatDate(appeal.received_date), ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckAppealResolution(const DisciplinaryDecision& decision,
                                   const std::vector<Appeal>& appeals, const Appeal& appeal,
                                   const AppealResolution& resolution, const InspectionRules& rules,
                                   Date today) {
  if (appeal.resolution.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat("resolution: appeal ", appeal.id,
                                                      " was resolved on ",
                                                      FormatDate(appeal.resolution->date)));
  }
  if (resolution.outcome == AppealOutcome::kUnspecified) {
    return absl::InvalidArgumentError("resolution.outcome: required");
  }
  const bool changes_form = resolution.outcome == AppealOutcome::kReduced ||
                            resolution.outcome == AppealOutcome::kIncreased;
  if (!changes_form && resolution.new_form != DisciplineForm::kUnspecified) {
    return absl::InvalidArgumentError(
        absl::StrCat("resolution.new_form: only REDUCED or INCREASED sets a new form, not ",
                     AppealOutcomeName(resolution.outcome)));
  }
  if (resolution.date < appeal.filed_date) {
    return absl::FailedPreconditionError(
        absl::StrCat("resolution.date: ", FormatDate(resolution.date),
                     " precedes the appeal filed on ", FormatDate(appeal.filed_date)));
  }
  if (resolution.date > today) {
    return absl::FailedPreconditionError(
        absl::StrCat("resolution.date: ", FormatDate(resolution.date), " is after today (",
                     FormatDate(today), ")"));
  }
  if (!changes_form) return absl::OkStatus();

  std::vector<Appeal> others;
  for (const Appeal& a : appeals) {
    if (a.id != appeal.id) others.push_back(a);
  }
  const DisciplineForm current = StandingAt(decision, others, resolution.date).form;
  if (resolution.new_form == DisciplineForm::kUnspecified) {
    return absl::FailedPreconditionError(absl::StrCat(
        "resolution.new_form: ", AppealOutcomeName(resolution.outcome), " names the new form"));
  }
  const bool lighter = Severity(resolution.new_form) < Severity(current);
  const bool heavier = Severity(resolution.new_form) > Severity(current);
  if ((resolution.outcome == AppealOutcome::kReduced && !lighter) ||
      (resolution.outcome == AppealOutcome::kIncreased && !heavier)) {
    return absl::FailedPreconditionError(
        absl::StrCat("resolution.new_form: ", DisciplineFormName(resolution.new_form), " is not ",
                     resolution.outcome == AppealOutcome::kReduced ? "lighter" : "heavier",
                     " than ", DisciplineFormName(current), ", the form in force"));
  }
  DisciplinaryDecision changed = decision;
  changed.form = resolution.new_form;
  return CheckFormForSubject(changed, rules);
}

DecisionStanding StandingAt(const DisciplinaryDecision& decision,
                            const std::vector<Appeal>& appeals, Date date) {
  DecisionStanding standing;
  if (date < decision.effective_date) return standing;
  standing.in_force = true;
  standing.form = decision.form;
  for (const Appeal* appeal : ResolvedInOrder(appeals)) {
    const AppealResolution& r = *appeal->resolution;
    if (r.date > date) break;
    switch (r.outcome) {
      case AppealOutcome::kReduced:
      case AppealOutcome::kIncreased:
        standing.form = r.new_form;
        standing.changed_by_appeal_id = appeal->id;
        break;
      case AppealOutcome::kAnnulled:
        standing.in_force = false;
        standing.form = DisciplineForm::kUnspecified;
        standing.changed_by_appeal_id = appeal->id;
        return standing;
      case AppealOutcome::kUpheld:
      case AppealOutcome::kUnspecified:
        break;
    }
  }
  return standing;
}

}  // namespace dangbo::inspection
