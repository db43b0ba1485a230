// Appeals against disciplinary decisions (khiếu nại kỷ luật, domain.md §4): filing and resolution
// deadlines in working days, what a resolution may change, and the decision's standing on any
// date given its appeals. The decision stays in force while an appeal is pending.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_APPEALS_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_APPEALS_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/model.h"
#include "services/membership/domain/working_days.h"

namespace dangbo::inspection {

using membership::HolidayCalendar;

// The last day to file: rules.appeal_filing_working_days working days after `received` (the day
// of receipt not counted), or rules.appeal_filing_months calendar months when that is set.
Date AppealFilingDeadline(Date received, const InspectionRules& rules,
                          const HolidayCalendar& calendar);

// The last day to resolve: 90 working days after the resolving body received the appeal
// (filed_date), 180 when it is at central level.
Date AppealResolutionDeadline(const Appeal& appeal, const InspectionRules& rules,
                              const HolidayCalendar& calendar);

// A new appeal against `decision`, given the decision's `earlier` appeals. INVALID_ARGUMENT for a
// missing resolving level; FAILED_PRECONDITION "filed_date: ..." when filed after the deadline
// or after `today`, "received_date: ..." when before the decision (or before the resolution
// appealed further), "decision: ..." when the decision is annulled or another appeal is
// pending. `rules` are those in force at the filing date.
absl::Status CheckAppealFiling(const DisciplinaryDecision& decision,
                               const std::vector<Appeal>& earlier, const Appeal& appeal,
                               const InspectionRules& rules, const HolidayCalendar& calendar,
                               Date today);

// Resolving `appeal` (one of `appeals`, all of the decision's appeals) with `resolution`.
// INVALID_ARGUMENT for a missing outcome, or a new form given with UPHELD or ANNULLED;
// FAILED_PRECONDITION "resolution..." when already resolved, dated before the filing or after
// `today`, or when REDUCED is not lighter / INCREASED not heavier than the form in force, or
// the new form does not fit the subject. A late resolution is allowed (AppealOverdue reports
// it).
absl::Status CheckAppealResolution(const DisciplinaryDecision& decision,
                                   const std::vector<Appeal>& appeals, const Appeal& appeal,
                                   const AppealResolution& resolution, const InspectionRules& rules,
                                   Date today);

// What a decision counts as on a date.
struct DecisionStanding {
  bool in_force = false;
  DisciplineForm form = DisciplineForm::kUnspecified;  // the form in force; unspecified if none
  // The resolution that last changed the decision on or before the date, if any.
  std::optional<int64_t> changed_by_appeal_id;
};

// In force from the effective date with the decided form; each resolution dated on or before
// `date` applies from its own date, in date order: REDUCED and INCREASED replace the form,
// ANNULLED ends the decision, UPHELD changes nothing.
DecisionStanding StandingAt(const DisciplinaryDecision& decision,
                            const std::vector<Appeal>& appeals, Date date);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_APPEALS_H_
