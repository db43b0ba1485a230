// conclusion_notices and notice_required_tasks: revisions are added, drafts changed, issued
// revisions never touched again.
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/json_lists.h"
#include "services/inspection/store/rows.h"
#include "common/db/sql_row.h"

namespace dangbo::inspection::internal {
namespace {

std::string NoticeName(int64_t inspection_id, int revision) {
  return absl::StrCat("inspections/", inspection_id, "/conclusionNotices/", revision);
}

void WriteTasks(db::Session& session, const ConclusionNotice& notice) {
  sql::PreparedStatement& clear =
      session.Prepare("DELETE FROM notice_required_tasks WHERE inspection_id = ? AND revision = ?");
  db::ParamBinder(clear).Int64(notice.inspection_id).Int(notice.revision);
  clear.executeUpdate();
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO notice_required_tasks (inspection_id, revision, task_number, text, assignee,"
      " due_date) VALUES (?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < notice.required_tasks.size(); ++i) {
    const RequiredTask& task = notice.required_tasks[i];
    db::ParamBinder(insert)
        .Int64(notice.inspection_id)
        .Int(notice.revision)
        .Int(static_cast<int>(i) + 1)
        .String(task.text)
        .String(task.assignee)
        .OptionalDate(task.due_date);
    insert.executeUpdate();
  }
}

// An issued revision higher than the one in force becomes the one in force.
void RaiseRevisionInForce(db::Session& session, const ConclusionNotice& notice) {
  if (!notice.issued_date.has_value()) return;
  sql::PreparedStatement& update = session.Prepare(
      "UPDATE inspections SET current_notice_revision = ? WHERE id = ?"
      " AND (current_notice_revision IS NULL OR current_notice_revision < ?)");
  db::ParamBinder(update).Int(notice.revision).Int64(notice.inspection_id).Int(notice.revision);
  update.executeUpdate();
}

}  // namespace

absl::Status InsertNoticeRow(db::Session& session, const ConclusionNotice& notice) {
  sql::PreparedStatement& lock =
      session.Prepare("SELECT id FROM inspections WHERE id = ? FOR UPDATE");
  lock.setInt64(1, notice.inspection_id);
  {
    std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
    if (!rs->next()) {
      return absl::NotFoundError(absl::StrCat("inspections/", notice.inspection_id, " not found"));
    }
  }
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO conclusion_notices (inspection_id, revision, supersedes_revision,"
      " correction_reason, number, issued_date, strengths, shortcomings, causes, distribution,"
      " signed_by, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  db::ParamBinder(insert)
      .Int64(notice.inspection_id)
      .Int(notice.revision)
      .OptionalInt(notice.supersedes_revision)
      .String(notice.correction_reason)
      .String(notice.number)
      .OptionalDate(notice.issued_date)
      .String(TextsToJson(notice.strengths))
      .String(TextsToJson(notice.shortcomings))
      .String(TextsToJson(notice.causes))
      .String(TextsToJson(notice.distribution))
      .String(notice.signed_by)
      .Time(db::NowMicros());
  try {
    insert.executeUpdate();
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != db::kErrDuplicateKey) throw;
    return absl::AlreadyExistsError(
        absl::StrCat(NoticeName(notice.inspection_id, notice.revision), " already exists"));
  }
  WriteTasks(session, notice);
  RaiseRevisionInForce(session, notice);
  return absl::OkStatus();
}

absl::Status UpdateNoticeDraftRow(db::Session& session, const ConclusionNotice& notice) {
  const std::string name = NoticeName(notice.inspection_id, notice.revision);
  sql::PreparedStatement& lock = session.Prepare(
      "SELECT issued_date FROM conclusion_notices WHERE inspection_id = ? AND revision = ?"
      " FOR UPDATE");
  db::ParamBinder(lock).Int64(notice.inspection_id).Int(notice.revision);
  {
    std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat(name, " not found"));
    if (!rs->isNull(1)) {
      return absl::FailedPreconditionError(
          absl::StrCat(name, " is issued and never changes; issue a correction instead"));
    }
  }
  sql::PreparedStatement& update = session.Prepare(
      "UPDATE conclusion_notices SET supersedes_revision = ?, correction_reason = ?, number = ?,"
      " issued_date = ?, strengths = ?, shortcomings = ?, causes = ?, distribution = ?,"
      " signed_by = ? WHERE inspection_id = ? AND revision = ? AND issued_date IS NULL");
  db::ParamBinder(update)
      .OptionalInt(notice.supersedes_revision)
      .String(notice.correction_reason)
      .String(notice.number)
      .OptionalDate(notice.issued_date)
      .String(TextsToJson(notice.strengths))
      .String(TextsToJson(notice.shortcomings))
      .String(TextsToJson(notice.causes))
      .String(TextsToJson(notice.distribution))
      .String(notice.signed_by)
      .Int64(notice.inspection_id)
      .Int(notice.revision);
  update.executeUpdate();
  WriteTasks(session, notice);
  RaiseRevisionInForce(session, notice);
  return absl::OkStatus();
}

std::vector<ConclusionNotice> LoadNotices(db::Session& session, int64_t inspection_id,
                                          std::optional<int> revision) {
  constexpr char kColumns[] =
      "SELECT inspection_id, revision, supersedes_revision, correction_reason, number,"
      " issued_date, strengths, shortcomings, causes, distribution, signed_by"
      " FROM conclusion_notices WHERE inspection_id = ?";
  sql::PreparedStatement& statement =
      session.Prepare(revision.has_value() ? absl::StrCat(kColumns, " AND revision = ?")
                                           : absl::StrCat(kColumns, " ORDER BY revision"));
  db::ParamBinder binder(statement);
  binder.Int64(inspection_id);
  if (revision.has_value()) binder.Int(*revision);
  std::vector<ConclusionNotice> notices;
  {
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      ConclusionNotice n;
      n.inspection_id = row.Int64();
      n.revision = row.Int();
      n.supersedes_revision = row.OptionalInt();
      n.correction_reason = row.String();
      n.number = row.String();
      n.issued_date = row.OptionalDate();
      n.strengths = TextsFromJson(row.String());
      n.shortcomings = TextsFromJson(row.String());
      n.causes = TextsFromJson(row.String());
      n.distribution = TextsFromJson(row.String());
      n.signed_by = row.String();
      notices.push_back(std::move(n));
    }
  }
  sql::PreparedStatement& tasks = session.Prepare(
      "SELECT text, assignee, due_date FROM notice_required_tasks"
      " WHERE inspection_id = ? AND revision = ? ORDER BY task_number");
  for (ConclusionNotice& n : notices) {
    db::ParamBinder(tasks).Int64(n.inspection_id).Int(n.revision);
    std::unique_ptr<sql::ResultSet> rs(tasks.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      RequiredTask task;
      task.text = row.String();
      task.assignee = row.String();
      task.due_date = row.OptionalDate();
      n.required_tasks.push_back(std::move(task));
    }
  }
  return notices;
}

}  // namespace dangbo::inspection::internal
