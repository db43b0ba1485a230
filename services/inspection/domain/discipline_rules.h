// Discipline (domain.md §4): which forms fit which subject, who may decide them (the authority
// matrix in InspectionRules), and the statute of limitations (thời hiệu) with its restart rule.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_DISCIPLINE_RULES_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_DISCIPLINE_RULES_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

// Heavier forms rank higher: reprimand 1, warning 2, removal from post 3, expulsion and
// dissolution 4 (the heaviest form for a member or an organization); unspecified 0.
int Severity(DisciplineForm form);

// The forms valid for a subject: by kind and, for a member, by standing. Empty for an
// unspecified kind or a member of unspecified standing.
const std::vector<DisciplineForm>& FormsFor(SubjectKind kind, MemberStanding standing,
                                            const InspectionRules& rules);

// FAILED_PRECONDITION "form: ..." when the form does not fit the subject: dissolution for a
// member, expulsion for a probationary member, removal from post for a member holding none.
absl::Status CheckFormForSubject(const DisciplinaryDecision& decision,
                                 const InspectionRules& rules);

// The matrix cell (body, subject, form).
bool MayDecide(DecidingBody body, SubjectKind subject, DisciplineForm form,
               const InspectionRules& rules);

// FAILED_PRECONDITION "deciding_body: ..." when the matrix does not allow the decision, and
// "deciding_organization_id: ..." when a cell disciplines someone who is not its own member.
absl::Status CheckAuthority(const DisciplinaryDecision& decision, const InspectionRules& rules);

// The limitation period of a violation that deserves `form`, in years; none when the form or the
// category is never time-barred.
std::optional<int> LimitationYears(DisciplineForm form, ViolationCategory category,
                                   const InspectionRules& rules);

struct LimitationPeriod {
  Date runs_from;  // the violation, or the later violation that restarted the clock
  Date last_day;   // the last day a decision may be taken: runs_from + the period's years
};

// The period within which a violation committed on `violation` may still be disciplined with
// `form`. Counted from the violation; a new violation of the same subject committed while the
// period is running restarts it from the new violation's date ("được tính lại kể từ thời điểm
// xảy ra hành vi vi phạm mới"), and so on. `subject_violations` are all the subject's violation
// dates (any order; those on or before `violation` are ignored). None when never time-barred.
std::optional<LimitationPeriod> LimitationPeriodFor(Date violation, DisciplineForm form,
                                                    ViolationCategory category,
                                                    const std::vector<Date>& subject_violations,
                                                    const InspectionRules& rules);

// FAILED_PRECONDITION "violation_dates[i]: ..." when a violation the decision disciplines was
// time-barred on the decision date. The decision's own violation dates count as violations of
// the subject too, so a later one restarts the clock of an earlier one.
absl::Status CheckLimitation(const DisciplinaryDecision& decision,
                             const std::vector<Date>& other_subject_violations,
                             const InspectionRules& rules);

// Everything a new disciplinary decision must satisfy. INVALID_ARGUMENT names a missing or
// malformed field (subject, form, deciding body, number, violation dates, category, reasons,
// a member's standing). FAILED_PRECONDITION names the rule broken: dates (a decision after
// `today`, a violation after the decision, an effective date before the decision), the form for
// the subject, the authority, the statute of limitations. `rules` are those in force at the
// decision date.
absl::Status CheckDisciplinaryDecision(const DisciplinaryDecision& decision,
                                       const std::vector<Date>& other_subject_violations,
                                       const InspectionRules& rules, Date today);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_DISCIPLINE_RULES_H_
