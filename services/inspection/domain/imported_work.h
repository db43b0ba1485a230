// Past inspection work brought in whole from an earlier system (ImportInspectionWork): an
// inspection as it ended and a decision's appeals are checked at once against the rules each
// step would have met one call at a time.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_IMPORTED_WORK_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_IMPORTED_WORK_H_

#include <vector>

#include "absl/status/status.h"
#include "services/inspection/domain/appeals.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

// An inspection at its final `stage`: everything that stage requires along the stage graph
// (CheckStageRequirements); no date of a stage it never reached (FAILED_PRECONDITION naming
// the date); task completions naming tasks of the notice in force, once each, dated from the
// notice's issue up to `today`; and a notice, if any, at revision 1 without a correction
// reason. `rules` are those in force at the decision date.
absl::Status CheckImportedInspection(const Inspection& inspection, const InspectionRules& rules,
                                     Date today);

// A decision's appeals, oldest first, as CreateAppeal and then ResolveAppeal would have taken
// them one after the other: each filed in time against the standing its earlier appeals left,
// each resolution valid for it. Errors name "appeals[i]…". Rules are those in force at each
// filing and resolution date.
absl::Status CheckImportedAppeals(const DisciplinaryDecision& decision,
                                  const std::vector<Appeal>& appeals,
                                  const InspectionRuleBook& book, const HolidayCalendar& calendar,
                                  Date today);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_IMPORTED_WORK_H_
