#include "services/inspection/domain/conclusion_notice.h"

#include "absl/strings/str_cat.h"
#include "services/membership/domain/dates.h"

namespace dangbo::inspection {
namespace {

using membership::FormatDate;

bool AllBlank(const std::vector<std::string>& section) {
  for (const std::string& line : section) {
    if (!line.empty()) return false;
  }
  return true;
}

absl::Status CheckTasks(const ConclusionNotice& notice) {
  for (size_t i = 0; i < notice.required_tasks.size(); ++i) {
    const RequiredTask& task = notice.required_tasks[i];
    const std::string field = absl::StrCat("notice.required_tasks[", i, "]");
    if (task.text.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(field, ".text: required"));
    }
    if (task.assignee.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, ".assignee: every required task names who carries it out"));
    }
    if (!task.due_date.has_value()) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, ".due_date: every required task has a due date"));
    }
    if (*task.due_date < *notice.issued_date) {
      return absl::FailedPreconditionError(
          absl::StrCat(field, ".due_date: ", FormatDate(*task.due_date),
                       " precedes the notice's issue date ", FormatDate(*notice.issued_date)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsIssued(const ConclusionNotice& notice) { return notice.issued_date.has_value(); }

absl::Status CheckIssue(const ConclusionNotice& notice, const Inspection& inspection, Date today) {
  if (notice.number.empty()) {
    return absl::FailedPreconditionError("notice.number: an issued notice has a number");
  }
  if (!notice.issued_date.has_value()) {
    return absl::FailedPreconditionError("notice.issued_date: required to issue the notice");
  }
  if (*notice.issued_date > today) {
    return absl::FailedPreconditionError(
        absl::StrCat("notice.issued_date: ", FormatDate(*notice.issued_date), " is after today (",
                     FormatDate(today), ")"));
  }
  if (!inspection.concluded_date.has_value()) {
    return absl::FailedPreconditionError(
        "concluded_date: a notice is issued only after the deciding body concluded");
  }
  if (*notice.issued_date < *inspection.concluded_date) {
    return absl::FailedPreconditionError(
        absl::StrCat("notice.issued_date: ", FormatDate(*notice.issued_date),
                     " precedes the conclusion of ", FormatDate(*inspection.concluded_date)));
  }
  if (AllBlank(notice.strengths) && AllBlank(notice.shortcomings) && AllBlank(notice.causes) &&
      notice.required_tasks.empty()) {
    return absl::FailedPreconditionError(
        "notice: strengths, shortcomings, causes and required_tasks are all empty");
  }
  if (absl::Status status = CheckTasks(notice); !status.ok()) return status;
  if (AllBlank(notice.distribution)) {
    return absl::FailedPreconditionError("notice.distribution: the notice names its recipients");
  }
  return absl::OkStatus();
}

absl::Status CheckEdit(const ConclusionNotice& stored, const ConclusionNotice& edited) {
  if (IsIssued(stored)) {
    if (stored == edited) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "notice: revision ", stored.revision, " was issued on ", FormatDate(*stored.issued_date),
        " and cannot change; issue a correction as a new revision"));
  }
  if (edited.inspection_id != stored.inspection_id || edited.revision != stored.revision ||
      edited.supersedes_revision != stored.supersedes_revision) {
    return absl::FailedPreconditionError(
        "notice: a draft keeps its inspection, revision and the revision it supersedes");
  }
  return absl::OkStatus();
}

absl::StatusOr<ConclusionNotice> MakeCorrection(const ConclusionNotice& issued,
                                                ConclusionNotice correction,
                                                const Inspection& inspection, Date today) {
  if (!IsIssued(issued)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "notice: revision ", issued.revision, " is a draft; edit it instead of correcting it"));
  }
  if (correction.correction_reason.empty()) {
    return absl::FailedPreconditionError(
        "notice.correction_reason: a correction says what it corrects");
  }
  correction.inspection_id = issued.inspection_id;
  correction.revision = issued.revision + 1;
  correction.supersedes_revision = issued.revision;
  if (absl::Status status = CheckIssue(correction, inspection, today); !status.ok()) {
    return status;
  }
  if (*correction.issued_date < *issued.issued_date) {
    return absl::FailedPreconditionError(absl::StrCat(
        "notice.issued_date: the correction's ", FormatDate(*correction.issued_date),
        " precedes revision ", issued.revision, " of ", FormatDate(*issued.issued_date)));
  }
  return correction;
}

const ConclusionNotice* CurrentRevision(const std::vector<ConclusionNotice>& revisions) {
  const ConclusionNotice* current = nullptr;
  for (const ConclusionNotice& notice : revisions) {
    if (IsIssued(notice) && (current == nullptr || notice.revision > current->revision)) {
      current = &notice;
    }
  }
  return current;
}

}  // namespace dangbo::inspection
