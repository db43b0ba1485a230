#include "services/inspection/domain/imported_work.h"

#include <optional>
#include <set>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"
#include "services/inspection/domain/enum_names.h"
#include "services/inspection/domain/stage_graph.h"

namespace dangbo::inspection {
namespace {

using Stage = InspectionStage;

// A domain error about `prefix`'s part of the record: "appeals[1]." + "filed_date: …".
absl::Status Under(std::string_view prefix, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(ToAbsl(prefix), status.message()));
}

// The dates a stage sets, with the stage that sets each.
struct StageDate {
  std::string_view field;
  const std::optional<Date>& date;
  Stage stage;
};

}  // namespace

absl::Status CheckImportedInspection(const Inspection& in, const InspectionRules& rules,
                                     Date today) {
  if (in.stage == Stage::kUnspecified) return absl::InvalidArgumentError("stage: required");
  // A cancelled inspection keeps the dates of the stages it went through: it may be cancelled
  // up to REPORTED (stage_graph.h).
  const bool cancelled = in.stage == Stage::kCancelled;
  const StageDate dates[] = {{"started_date", in.started_date, Stage::kInProgress},
                             {"reported_date", in.reported_date, Stage::kReported},
                             {"concluded_date", in.concluded_date, Stage::kConcluded},
                             {"closed_date", in.closed_date, Stage::kClosed}};
  for (const StageDate& d : dates) {
    const bool reached = cancelled ? d.stage <= Stage::kReported : in.stage >= d.stage;
    if (d.date.has_value() && !reached) {
      return absl::FailedPreconditionError(absl::StrCat(ToAbsl(d.field),
                                                        ": set, but the inspection never reached ",
                                                        InspectionStageName(d.stage)));
    }
  }
  if (!cancelled && (in.cancelled_date.has_value() || !in.cancellation_reason.empty())) {
    return absl::FailedPreconditionError(
        absl::StrCat(in.cancelled_date.has_value() ? "cancelled_date" : "cancellation_reason",
                     ": only for a CANCELLED inspection"));
  }
  const bool noticed = !cancelled && in.stage >= Stage::kNoticeIssued;
  if (in.notice.has_value() && !noticed) {
    return absl::FailedPreconditionError(
        absl::StrCat("conclusion_notice: a notice is issued once concluded, not at ",
                     InspectionStageName(in.stage)));
  }
  if (in.notice.has_value() && !in.notice->correction_reason.empty()) {
    return absl::InvalidArgumentError(
        "conclusion_notice.correction_reason: the notice in force is imported as revision 1");
  }
  const size_t tasks = in.notice.has_value() ? in.notice->required_tasks.size() : 0;
  std::set<int> done;
  for (size_t i = 0; i < in.task_completions.size(); ++i) {
    const TaskCompletion& c = in.task_completions[i];
    const std::string field = absl::StrCat("task_completions[", i, "]");
    if (c.task_number < 1 || static_cast<size_t>(c.task_number) > tasks) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".task_number: ", c.task_number,
                                                     " is not a task of the notice in force (",
                                                     tasks, " required tasks)"));
    }
    if (!done.insert(c.task_number).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".task_number: task ", c.task_number, " is completed twice"));
    }
    if (in.notice->issued_date.has_value() && c.completed_date < *in.notice->issued_date) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, ".completed_date: before the notice was issued"));
    }
    if (c.completed_date > today) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, ".completed_date: must not be in the future"));
    }
  }
  // Last, so that a malformed part of the record is named before what the stage lacks.
  return CheckStageRequirements(in, in.stage, rules, today);
}

absl::Status CheckImportedAppeals(const DisciplinaryDecision& decision,
                                  const std::vector<Appeal>& appeals,
                                  const InspectionRuleBook& book, const HolidayCalendar& calendar,
                                  Date today) {
  // The appeals as the store would have held them after each step; ids are positions here.
  std::vector<Appeal> recorded;
  for (size_t i = 0; i < appeals.size(); ++i) {
    const std::string prefix = absl::StrCat("appeals[", i, "].");
    Appeal filed = appeals[i];
    filed.id = static_cast<int64_t>(i) + 1;
    filed.resolution.reset();
    if (absl::Status s = CheckAppealFiling(decision, recorded, filed, book.At(filed.filed_date),
                                           calendar, today);
        !s.ok()) {
      return Under(prefix, s);
    }
    recorded.push_back(filed);
    if (!appeals[i].resolution.has_value()) continue;
    const AppealResolution& resolution = *appeals[i].resolution;
    if (absl::Status s = CheckAppealResolution(decision, recorded, filed, resolution,
                                               book.At(resolution.date), today);
        !s.ok()) {
      return Under(prefix, s);
    }
    recorded.back().resolution = resolution;
  }
  return absl::OkStatus();
}

}  // namespace dangbo::inspection
