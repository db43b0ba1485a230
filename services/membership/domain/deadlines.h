// The deadlines the regulations set for probation and transfers.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DEADLINES_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DEADLINES_H_

#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/model.h"
#include "services/membership/domain/working_days.h"

namespace dangbo::membership {

// The day the probation is complete (ceremony + probation_months, clamped at month end): the
// earliest recognition, and the date a recognized member is full from.
Date ProbationEnd(Date ceremony, const MembershipRules& rules);

// The last day the cell may decide on recognition: recognition_decision_working_days working
// days after ProbationEnd.
Date RecognitionDeadline(Date ceremony, const MembershipRules& rules,
                         const HolidayCalendar& calendar);

// The last day to issue the official transfer letter after the member moved (60 working days).
Date TransferStartDeadline(Date moved_date, const MembershipRules& rules,
                           const HolidayCalendar& calendar);

// The last day to present the letter to the receiving organization (30 working days).
Date TransferPresentDeadline(Date letter_date, const MembershipRules& rules,
                             const HolidayCalendar& calendar);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_DEADLINES_H_
