// Planned-duration limits by level and everything that can run late: inspections past their
// duration, required tasks of a notice past their due date, appeals past their resolution
// deadline (ListOverdue). Durations count working days on the membership HolidayCalendar.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_DURATIONS_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_DURATIONS_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/model.h"
#include "services/membership/domain/working_days.h"

namespace dangbo::inspection {

using membership::HolidayCalendar;

// The longest planned duration of `type` at `level`, in working days; none when unlimited.
std::optional<int> DurationLimitFor(InspectionType type, Level level, const InspectionRules& rules);

// The longest extension of a duration limited to `limit` working days: limit / divisor,
// rounded down (20 → 6, 25 → 8, 30 → 10, 45 → 15 with the default divisor 3).
int MaxExtension(int limit, const InspectionRules& rules);

// FAILED_PRECONDITION "planned_duration_working_days: ..." when the plan exceeds the limit of
// its type and level, "extension_working_days: ..." when the extension exceeds MaxExtension or
// is negative. `rules` are those in force at the decision date.
absl::Status CheckPlannedDuration(const Inspection& inspection, const InspectionRules& rules);

// The last working day of the planned duration plus its extension, counted after the day the
// decision was announced (started_date) or, until then, after the decision date (the start day
// itself is not counted, as in every working-day deadline); none without a start or a planned
// duration.
std::optional<Date> InspectionDueDate(const Inspection& inspection,
                                      const HolidayCalendar& calendar);

struct Overdue {
  Date due_date;
  int days_past_due = 0;  // calendar days from the due date to `today`
};

// An inspection is overdue while it has a due date, is past it, and has not yet reached
// rules.duration_ends_at (nor been cancelled). `rules` are those in force at the decision date.
std::optional<Overdue> InspectionOverdue(const Inspection& inspection, const InspectionRules& rules,
                                         const HolidayCalendar& calendar, Date today);

struct OverdueTask {
  int task_number = 0;  // 1-based, as TaskCompletion numbers them
  Overdue overdue;
};

// The required tasks of an issued notice whose due date is before `today` and that have no
// completion recorded.
std::vector<OverdueTask> OverdueTasks(const ConclusionNotice& notice,
                                      const std::vector<TaskCompletion>& completions, Date today);

// An unresolved appeal past its resolution deadline (appeals.h). `rules` are those in force at
// the filing date.
std::optional<Overdue> AppealOverdue(const Appeal& appeal, const InspectionRules& rules,
                                     const HolidayCalendar& calendar, Date today);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_DURATIONS_H_
