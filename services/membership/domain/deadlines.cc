#include "services/membership/domain/deadlines.h"

#include "services/membership/domain/dates.h"

namespace dangbo::membership {

Date ProbationEnd(Date ceremony, const MembershipRules& rules) {
  return AddMonths(ceremony, rules.probation_months);
}

Date RecognitionDeadline(Date ceremony, const MembershipRules& rules,
                         const HolidayCalendar& calendar) {
  return calendar.AddWorkingDays(ProbationEnd(ceremony, rules),
                                 rules.recognition_decision_working_days);
}

Date TransferStartDeadline(Date moved_date, const MembershipRules& rules,
                           const HolidayCalendar& calendar) {
  return calendar.AddWorkingDays(moved_date, rules.transfer_start_working_days);
}

Date TransferPresentDeadline(Date letter_date, const MembershipRules& rules,
                             const HolidayCalendar& calendar) {
  return calendar.AddWorkingDays(letter_date, rules.transfer_present_working_days);
}

}  // namespace dangbo::membership
