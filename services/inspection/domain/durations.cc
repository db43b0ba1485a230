#include "services/inspection/domain/durations.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/inspection/domain/appeals.h"
#include "services/inspection/domain/conclusion_notice.h"
#include "services/inspection/domain/enum_names.h"

namespace dangbo::inspection {

std::optional<int> DurationLimitFor(InspectionType type, Level level,
                                    const InspectionRules& rules) {
  for (const DurationLimit& limit : rules.duration_limits) {
    if (limit.type == type && limit.level == level && limit.working_days > 0) {
      return limit.working_days;
    }
  }
  return std::nullopt;
}

int MaxExtension(int limit, const InspectionRules& rules) {
  // The divisor is at least 1 (InspectionRuleBook refuses less); guard a hand-built struct too.
  return rules.extension_divisor > 0 ? limit / rules.extension_divisor : 0;
}

absl::Status CheckPlannedDuration(const Inspection& inspection, const InspectionRules& rules) {
  if (inspection.planned_duration_working_days < 0) {
    return absl::FailedPreconditionError("planned_duration_working_days: cannot be negative");
  }
  if (inspection.extension_working_days < 0) {
    return absl::FailedPreconditionError("extension_working_days: cannot be negative");
  }
  const std::optional<int> limit =
      DurationLimitFor(inspection.type, inspection.conducting_level, rules);
  if (!limit.has_value()) return absl::OkStatus();
  const auto where = [&] {
    return absl::StrCat(InspectionTypeName(inspection.type), " at ",
                        LevelName(inspection.conducting_level), " level");
  };
  if (inspection.planned_duration_working_days > *limit) {
    return absl::FailedPreconditionError(
        absl::StrCat("planned_duration_working_days: ", inspection.planned_duration_working_days,
                     " exceeds the ", *limit, " working days allowed for ", where()));
  }
  if (inspection.extension_working_days > MaxExtension(*limit, rules)) {
    return absl::FailedPreconditionError(
        absl::StrCat("extension_working_days: ", inspection.extension_working_days, " exceeds the ",
                     MaxExtension(*limit, rules), " working days an extension may add to the ",
                     *limit, " allowed for ", where()));
  }
  return absl::OkStatus();
}

std::optional<Date> InspectionDueDate(const Inspection& inspection,
                                      const HolidayCalendar& calendar) {
  if (inspection.planned_duration_working_days <= 0) return std::nullopt;
  std::optional<Date> start = inspection.started_date;
  if (!start.has_value()) start = inspection.decision.date;
  if (!start.has_value()) return std::nullopt;
  // As every deadline here (and membership's), the start day itself is not counted.
  return calendar.AddWorkingDays(
      *start, inspection.planned_duration_working_days + inspection.extension_working_days);
}

std::optional<Overdue> InspectionOverdue(const Inspection& inspection, const InspectionRules& rules,
                                         const HolidayCalendar& calendar, Date today) {
  const InspectionStage stage = inspection.stage;
  if (stage == InspectionStage::kUnspecified || stage == InspectionStage::kPlanned ||
      stage == InspectionStage::kCancelled) {
    return std::nullopt;
  }
  // The stages of the main path are numbered in their order.
  if (static_cast<int>(stage) >= static_cast<int>(rules.duration_ends_at)) return std::nullopt;
  const std::optional<Date> due = InspectionDueDate(inspection, calendar);
  if (!due.has_value() || today <= *due) return std::nullopt;
  return Overdue{.due_date = *due, .days_past_due = static_cast<int>(today - *due)};
}

std::vector<OverdueTask> OverdueTasks(const ConclusionNotice& notice,
                                      const std::vector<TaskCompletion>& completions, Date today) {
  std::vector<OverdueTask> overdue;
  if (!IsIssued(notice)) return overdue;
  for (size_t i = 0; i < notice.required_tasks.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const std::optional<Date>& due = notice.required_tasks[i].due_date;
    if (!due.has_value() || today <= *due) continue;
    const bool completed =
        std::any_of(completions.begin(), completions.end(),
                    [number](const TaskCompletion& c) { return c.task_number == number; });
    if (completed) continue;
    overdue.push_back(
        {.task_number = number,
         .overdue = {.due_date = *due, .days_past_due = static_cast<int>(today - *due)}});
  }
  return overdue;
}

std::optional<Overdue> AppealOverdue(const Appeal& appeal, const InspectionRules& rules,
                                     const HolidayCalendar& calendar, Date today) {
  if (appeal.resolution.has_value()) return std::nullopt;
  const Date due = AppealResolutionDeadline(appeal, rules, calendar);
  if (today <= due) return std::nullopt;
  return Overdue{.due_date = due, .days_past_due = static_cast<int>(today - due)};
}

}  // namespace dangbo::inspection
