#include "services/inspection/domain/stage_graph.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/absl_compat.h"
#include "services/inspection/domain/conclusion_notice.h"
#include "services/inspection/domain/durations.h"
#include "services/inspection/domain/enum_names.h"
#include "services/inspection/domain/type_rules.h"
#include "services/membership/domain/dates.h"

namespace dangbo::inspection {
namespace {

using membership::FormatDate;
using Stage = InspectionStage;

bool Reaches(Stage stage, Stage milestone) {
  return static_cast<int>(stage) >= static_cast<int>(milestone) && stage != Stage::kCancelled;
}

absl::Status Missing(std::string_view field, Stage stage) {
  return absl::FailedPreconditionError(
      absl::StrCat(ToAbsl(field), ": required to reach ", InspectionStageName(stage)));
}

// A stage date: present, not before the previous stage's date, not after today.
absl::Status CheckStageDate(std::string_view field, const std::optional<Date>& date, Stage stage,
                            std::string_view previous_what, const std::optional<Date>& previous,
                            Date today) {
  if (!date.has_value()) return Missing(field, stage);
  if (*date > today) {
    return absl::FailedPreconditionError(absl::StrCat(ToAbsl(field), ": ", FormatDate(*date),
                                                      " is after today (", FormatDate(today), ")"));
  }
  if (previous.has_value() && *date < *previous) {
    return absl::FailedPreconditionError(absl::StrCat(ToAbsl(field), ": ", FormatDate(*date),
                                                      " precedes ", ToAbsl(previous_what), " of ",
                                                      FormatDate(*previous)));
  }
  return absl::OkStatus();
}

absl::Status CheckSubjects(const Inspection& in) {
  if (in.subjects.empty()) return Missing("subjects", Stage::kDecided);
  for (size_t i = 0; i < in.subjects.size(); ++i) {
    const InspectionSubject& s = in.subjects[i];
    const std::string field = absl::StrCat("subjects[", i, "]");
    if (s.subject.kind == SubjectKind::kUnspecified || s.subject.id <= 0) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, ".subject: a kind and an id are required"));
    }
    if (s.committee_member && s.subject.kind != SubjectKind::kMember) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, ".committee_member: only a member sits on a committee"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (in.subjects[j].subject == s.subject) {
        return absl::FailedPreconditionError(
            absl::StrCat(field, ": ", SubjectKindName(s.subject.kind), " ", s.subject.id,
                         " is already subjects[", j, "]"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckTeam(const Inspection& in) {
  if (in.team.empty()) return Missing("team", Stage::kDecided);
  int leaders = 0;
  for (size_t i = 0; i < in.team.size(); ++i) {
    if (in.team[i].role == TeamRole::kUnspecified) {
      return absl::FailedPreconditionError(absl::StrCat("team[", i, "].role: required"));
    }
    if (in.team[i].member_id <= 0 && in.team[i].full_name.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("team[", i, "]: a member id or a full name is required"));
    }
    if (in.team[i].role == TeamRole::kLeader) ++leaders;
  }
  if (leaders != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("team: exactly one leader (trưởng đoàn) is required; found ", leaders));
  }
  return absl::OkStatus();
}

absl::Status CheckDecided(const Inspection& in, const InspectionRules& rules, Date today) {
  if (absl::Status s = CheckConductingBody(in.type, in.conducting_body); !s.ok()) return s;
  if (in.decision.number.empty()) return Missing("decision.number", Stage::kDecided);
  if (absl::Status s =
          CheckStageDate("decision.date", in.decision.date, Stage::kDecided, "", {}, today);
      !s.ok()) {
    return s;
  }
  if (in.content.empty()) return Missing("content", Stage::kDecided);
  if (in.period_from.has_value() && in.period_to.has_value() && *in.period_to < *in.period_from) {
    return absl::FailedPreconditionError(absl::StrCat("period_to: ", FormatDate(*in.period_to),
                                                      " precedes period_from ",
                                                      FormatDate(*in.period_from)));
  }
  if (absl::Status s = CheckSubjects(in); !s.ok()) return s;
  if (!NeedsTeam(in.type)) return absl::OkStatus();
  if (absl::Status s = CheckTeam(in); !s.ok()) return s;
  if (in.conducting_level == Level::kUnspecified) {
    return Missing("conducting_level", Stage::kDecided);
  }
  if (in.planned_duration_working_days <= 0) {
    return Missing("planned_duration_working_days", Stage::kDecided);
  }
  return CheckPlannedDuration(in, rules);
}

absl::Status CheckConcluded(const Inspection& in, Date today) {
  if (absl::Status s = CheckStageDate("concluded_date", in.concluded_date, Stage::kConcluded,
                                      "the team's report", in.reported_date, today);
      !s.ok()) {
    return s;
  }
  for (size_t i = 0; i < in.subjects.size(); ++i) {
    if (in.subjects[i].outcome == SubjectOutcome::kUnspecified) {
      return absl::FailedPreconditionError(
          absl::StrCat("subjects[", i,
                       "].outcome: every subject needs an outcome (NOT_ASSESSED at least) to "
                       "conclude; ",
                       SubjectKindName(in.subjects[i].subject.kind), " ", in.subjects[i].subject.id,
                       " has none"));
    }
  }
  for (size_t i = 0; i < in.findings.size(); ++i) {
    const SubjectRef& about = in.findings[i].subject;
    if (std::none_of(in.subjects.begin(), in.subjects.end(),
                     [&about](const InspectionSubject& s) { return s.subject == about; })) {
      return absl::FailedPreconditionError(
          absl::StrCat("findings[", i, "].subject: ", SubjectKindName(about.kind), " ", about.id,
                       " is not a subject of this inspection"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckClosed(const Inspection& in, Date today) {
  const std::optional<Date> notice_date =
      in.notice.has_value() ? in.notice->issued_date : std::nullopt;
  if (absl::Status s = CheckStageDate("closed_date", in.closed_date, Stage::kClosed,
                                      "the conclusion notice", notice_date, today);
      !s.ok()) {
    return s;
  }
  const size_t tasks = in.notice.has_value() ? in.notice->required_tasks.size() : 0;
  for (size_t i = 0; i < tasks; ++i) {
    const int number = static_cast<int>(i) + 1;
    if (std::none_of(in.task_completions.begin(), in.task_completions.end(),
                     [number](const TaskCompletion& c) { return c.task_number == number; })) {
      return absl::FailedPreconditionError(absl::StrCat(
          "task_completions: required task ", number, " (", in.notice->required_tasks[i].assignee,
          ") is not completed; close the follow-up once every task is done"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckCancelled(const Inspection& in, Date today) {
  if (!in.cancelled_date.has_value()) return Missing("cancelled_date", Stage::kCancelled);
  if (*in.cancelled_date > today) {
    return absl::FailedPreconditionError(
        absl::StrCat("cancelled_date: ", FormatDate(*in.cancelled_date), " is after today (",
                     FormatDate(today), ")"));
  }
  if (in.cancellation_reason.empty()) return Missing("cancellation_reason", Stage::kCancelled);
  return absl::OkStatus();
}

}  // namespace

std::vector<InspectionStage> NextStages(InspectionStage from) {
  switch (from) {
    case Stage::kPlanned:
      return {Stage::kDecided, Stage::kCancelled};
    case Stage::kDecided:
      return {Stage::kInProgress, Stage::kCancelled};
    case Stage::kInProgress:
      return {Stage::kReported, Stage::kCancelled};
    case Stage::kReported:
      return {Stage::kConcluded, Stage::kCancelled};
    case Stage::kConcluded:
      return {Stage::kNoticeIssued};
    case Stage::kNoticeIssued:
      return {Stage::kFollowUp, Stage::kClosed};
    case Stage::kFollowUp:
      return {Stage::kClosed};
    case Stage::kClosed:
    case Stage::kCancelled:
    case Stage::kUnspecified:
      break;
  }
  return {};
}

bool IsTransitionAllowed(InspectionStage from, InspectionStage to) {
  const std::vector<InspectionStage> next = NextStages(from);
  return std::find(next.begin(), next.end(), to) != next.end();
}

bool IsTerminal(InspectionStage stage) {
  return stage == Stage::kClosed || stage == Stage::kCancelled;
}

bool NeedsTeam(InspectionType type) {
  return type != InspectionType::kRegularSupervision && type != InspectionType::kSelfInspection;
}

absl::Status CheckStageRequirements(const Inspection& in, InspectionStage stage,
                                    const InspectionRules& rules, Date today) {
  if (stage == Stage::kUnspecified) return absl::InvalidArgumentError("stage: required");
  if (stage == Stage::kCancelled) return CheckCancelled(in, today);
  if (stage == Stage::kPlanned) return CheckConductingBody(in.type, in.conducting_body);
  if (absl::Status s = CheckDecided(in, rules, today); !s.ok()) return s;
  if (Reaches(stage, Stage::kInProgress)) {
    if (absl::Status s = CheckStageDate("started_date", in.started_date, Stage::kInProgress,
                                        "the decision", in.decision.date, today);
        !s.ok()) {
      return s;
    }
  }
  if (Reaches(stage, Stage::kReported)) {
    if (absl::Status s = CheckStageDate("reported_date", in.reported_date, Stage::kReported,
                                        "the start", in.started_date, today);
        !s.ok()) {
      return s;
    }
  }
  if (Reaches(stage, Stage::kConcluded)) {
    if (absl::Status s = CheckConcluded(in, today); !s.ok()) return s;
  }
  if (Reaches(stage, Stage::kNoticeIssued)) {
    if (!in.notice.has_value() || !IsIssued(*in.notice)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "notice: an issued conclusion notice is required to reach ", InspectionStageName(stage)));
    }
    if (absl::Status s = CheckIssue(*in.notice, in, today); !s.ok()) return s;
  }
  if (stage == Stage::kFollowUp && in.notice->required_tasks.empty()) {
    return absl::FailedPreconditionError(
        "notice.required_tasks: the notice sets no task to follow up; close the inspection");
  }
  if (stage == Stage::kClosed) return CheckClosed(in, today);
  return absl::OkStatus();
}

absl::Status CheckAdvance(const Inspection& inspection, InspectionStage to,
                          const InspectionRules& rules, Date today) {
  if (!IsTransitionAllowed(inspection.stage, to)) {
    const std::vector<InspectionStage> next = NextStages(inspection.stage);
    return absl::FailedPreconditionError(absl::StrCat(
        "stage: ", InspectionStageName(inspection.stage), " cannot move to ",
        InspectionStageName(to), "; ",
        next.empty()
            ? std::string("it is final")
            : absl::StrCat("it moves to ",
                           absl::StrJoin(next, " or ", [](std::string* out, InspectionStage s) {
                             absl::StrAppend(out, InspectionStageName(s));
                           }))));
  }
  return CheckStageRequirements(inspection, to, rules, today);
}

absl::Status CheckNewInspection(const Inspection& inspection, const InspectionRules& rules,
                                Date today) {
  if (inspection.stage != Stage::kPlanned && inspection.stage != Stage::kDecided) {
    return absl::FailedPreconditionError(
        absl::StrCat("stage: a new inspection starts PLANNED or DECIDED, not ",
                     InspectionStageName(inspection.stage)));
  }
  return CheckStageRequirements(inspection, inspection.stage, rules, today);
}

}  // namespace dangbo::inspection
