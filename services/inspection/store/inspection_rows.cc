// inspections and what hangs off one: team, subjects, findings, task completions.
#include <algorithm>
#include <memory>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/filter_sql.h"
#include "services/inspection/store/rows.h"
#include "common/db/sql_row.h"

namespace dangbo::inspection::internal {
namespace {

constexpr char kInspectionColumns[] =
    "SELECT id, type, conducting_body, conducting_organization_id, conducting_level,"
    " programme_id, stage, decision_number, decision_date, content, period_from, period_to,"
    " planned_duration_working_days, extension_working_days, started_date, reported_date,"
    " concluded_date, closed_date, cancelled_date, cancellation_reason, decision_issuer,"
    " current_notice_revision, version FROM inspections";

// The columns a write sets, in BindInspectionData's order.
constexpr char kInspectionDataColumns[] =
    "type, conducting_body, conducting_organization_id, conducting_level, programme_id, stage,"
    " decision_number, decision_date, content, period_from, period_to,"
    " planned_duration_working_days, extension_working_days, started_date, reported_date,"
    " concluded_date, closed_date, cancelled_date, cancellation_reason, decision_issuer";

Inspection ReadInspection(db::RowReader& row, std::optional<int>& notice_revision) {
  Inspection i;
  i.id = row.Int64();
  i.type = row.EnumValue<InspectionType>();
  i.conducting_body = row.EnumValue<ConductingBody>();
  i.conducting_organization_id = row.Int64();
  i.conducting_level = row.EnumValue<Level>();
  i.programme_id = row.OptionalInt64();
  i.stage = row.EnumValue<InspectionStage>();
  i.decision.number = row.String();
  i.decision.date = row.OptionalDate();
  i.content = row.String();
  i.period_from = row.OptionalDate();
  i.period_to = row.OptionalDate();
  i.planned_duration_working_days = row.Int();
  i.extension_working_days = row.Int();
  i.started_date = row.OptionalDate();
  i.reported_date = row.OptionalDate();
  i.concluded_date = row.OptionalDate();
  i.closed_date = row.OptionalDate();
  i.cancelled_date = row.OptionalDate();
  i.cancellation_reason = row.String();
  i.decision.issuer = row.String();
  notice_revision = row.OptionalInt();
  i.version = row.Int64();
  return i;
}

db::ParamBinder& BindInspectionData(db::ParamBinder& binder, const Inspection& i) {
  return binder.EnumValue(i.type)
      .EnumValue(i.conducting_body)
      .Int64(i.conducting_organization_id)
      .EnumValue(i.conducting_level)
      .OptionalInt64(i.programme_id)
      .EnumValue(i.stage)
      .String(i.decision.number)
      .OptionalDate(i.decision.date)
      .String(i.content)
      .OptionalDate(i.period_from)
      .OptionalDate(i.period_to)
      .Int(i.planned_duration_working_days)
      .Int(i.extension_working_days)
      .OptionalDate(i.started_date)
      .OptionalDate(i.reported_date)
      .OptionalDate(i.concluded_date)
      .OptionalDate(i.closed_date)
      .OptionalDate(i.cancelled_date)
      .String(i.cancellation_reason)
      .String(i.decision.issuer);
}

// Team, subjects, findings, completions and the notice in force.
void LoadParts(db::Session& session, Inspection& inspection, std::optional<int> notice_revision) {
  {
    sql::PreparedStatement& team = session.Prepare(
        "SELECT member_id, full_name, role FROM inspection_team_members WHERE inspection_id = ?"
        " ORDER BY position");
    team.setInt64(1, inspection.id);
    std::unique_ptr<sql::ResultSet> rs(team.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      TeamMember member;
      member.member_id = row.Int64();
      member.full_name = row.String();
      member.role = row.EnumValue<TeamRole>();
      inspection.team.push_back(std::move(member));
    }
  }
  {
    sql::PreparedStatement& subjects = session.Prepare(
        "SELECT subject_kind, subject_id, committee_member, organization_id_at_decision, outcome"
        " FROM inspection_subjects WHERE inspection_id = ? ORDER BY position");
    subjects.setInt64(1, inspection.id);
    std::unique_ptr<sql::ResultSet> rs(subjects.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      InspectionSubject subject;
      subject.subject.kind = row.EnumValue<SubjectKind>();
      subject.subject.id = row.Int64();
      subject.committee_member = row.Bool();
      subject.organization_id_at_decision = row.Int64();
      subject.outcome = row.EnumValue<SubjectOutcome>();
      inspection.subjects.push_back(subject);
    }
  }
  {
    sql::PreparedStatement& findings = session.Prepare(
        "SELECT subject_kind, subject_id, text, category FROM inspection_findings"
        " WHERE inspection_id = ? ORDER BY position");
    findings.setInt64(1, inspection.id);
    std::unique_ptr<sql::ResultSet> rs(findings.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      Finding finding;
      finding.subject.kind = row.EnumValue<SubjectKind>();
      finding.subject.id = row.Int64();
      finding.text = row.String();
      finding.category = row.EnumValue<ViolationCategory>();
      inspection.findings.push_back(std::move(finding));
    }
  }
  {
    sql::PreparedStatement& completions = session.Prepare(
        "SELECT task_number, completed_date, note FROM task_completions WHERE inspection_id = ?"
        " ORDER BY task_number");
    completions.setInt64(1, inspection.id);
    std::unique_ptr<sql::ResultSet> rs(completions.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      TaskCompletion completion;
      completion.task_number = row.Int();
      completion.completed_date = row.Date();
      completion.note = row.String();
      inspection.task_completions.push_back(std::move(completion));
    }
  }
  if (notice_revision.has_value()) {
    std::vector<ConclusionNotice> notices = LoadNotices(session, inspection.id, notice_revision);
    if (!notices.empty()) inspection.notice = std::move(notices.front());
  }
}

absl::Status CheckDistinctSubjects(const Inspection& inspection) {
  std::set<std::pair<int, int64_t>> seen;
  for (const InspectionSubject& s : inspection.subjects) {
    if (!seen.emplace(static_cast<int>(s.subject.kind), s.subject.id).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "subjects: ", s.subject.kind == SubjectKind::kMember ? "members/" : "organizations/",
          s.subject.id, " named twice"));
    }
  }
  return absl::OkStatus();
}

void DeleteParts(db::Session& session, int64_t id) {
  for (const char* sql : {"DELETE FROM inspection_team_members WHERE inspection_id = ?",
                          "DELETE FROM inspection_subjects WHERE inspection_id = ?",
                          "DELETE FROM inspection_findings WHERE inspection_id = ?",
                          "DELETE FROM task_completions WHERE inspection_id = ?"}) {
    sql::PreparedStatement& statement = session.Prepare(sql);
    statement.setInt64(1, id);
    statement.executeUpdate();
  }
}

void WriteParts(db::Session& session, const Inspection& inspection) {
  sql::PreparedStatement& team = session.Prepare(
      "INSERT INTO inspection_team_members (inspection_id, position, member_id, full_name, role)"
      " VALUES (?, ?, ?, ?, ?)");
  for (size_t i = 0; i < inspection.team.size(); ++i) {
    const TeamMember& m = inspection.team[i];
    db::ParamBinder(team)
        .Int64(inspection.id)
        .Int(static_cast<int>(i))
        .Int64(m.member_id)
        .String(m.full_name)
        .EnumValue(m.role);
    team.executeUpdate();
  }
  sql::PreparedStatement& subjects = session.Prepare(
      "INSERT INTO inspection_subjects (inspection_id, subject_kind, subject_id, position,"
      " committee_member, organization_id_at_decision, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < inspection.subjects.size(); ++i) {
    const InspectionSubject& s = inspection.subjects[i];
    db::ParamBinder(subjects)
        .Int64(inspection.id)
        .EnumValue(s.subject.kind)
        .Int64(s.subject.id)
        .Int(static_cast<int>(i))
        .Bool(s.committee_member)
        .Int64(s.organization_id_at_decision)
        .EnumValue(s.outcome);
    subjects.executeUpdate();
  }
  sql::PreparedStatement& findings = session.Prepare(
      "INSERT INTO inspection_findings (inspection_id, position, subject_kind, subject_id, text,"
      " category) VALUES (?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < inspection.findings.size(); ++i) {
    const Finding& f = inspection.findings[i];
    db::ParamBinder(findings)
        .Int64(inspection.id)
        .Int(static_cast<int>(i))
        .EnumValue(f.subject.kind)
        .Int64(f.subject.id)
        .String(f.text)
        .EnumValue(f.category);
    findings.executeUpdate();
  }
  sql::PreparedStatement& completions = session.Prepare(
      "INSERT INTO task_completions (inspection_id, task_number, completed_date, note)"
      " VALUES (?, ?, ?, ?)");
  for (const TaskCompletion& c : inspection.task_completions) {
    db::ParamBinder(completions)
        .Int64(inspection.id)
        .Int(c.task_number)
        .Date(c.completed_date)
        .String(c.note);
    completions.executeUpdate();
  }
}

}  // namespace

absl::StatusOr<Inspection> LoadInspection(db::Session& session, int64_t id, Lock lock) {
  sql::PreparedStatement& statement = session.Prepare(absl::StrCat(
      kInspectionColumns, " WHERE id = ?", lock == Lock::kForUpdate ? " FOR UPDATE" : ""));
  statement.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  if (!rs->next()) return absl::NotFoundError(absl::StrCat("inspections/", id, " not found"));
  db::RowReader row(*rs);
  std::optional<int> notice_revision;
  Inspection inspection = ReadInspection(row, notice_revision);
  rs.reset();
  LoadParts(session, inspection, notice_revision);
  return inspection;
}

std::vector<Inspection> LoadInspections(db::Session& session, const InspectionFilter& filter) {
  FilterSql where;
  where.Add("id > ?", filter.after_id);
  where.In("conducting_organization_id", filter.conducting_organization_ids);
  where.InEnums("type", filter.types);
  where.InEnums("stage", filter.stages);
  if (filter.subject.has_value()) {
    where.Add(
        "EXISTS (SELECT 1 FROM inspection_subjects s WHERE s.inspection_id = inspections.id"
        " AND s.subject_kind = ? AND s.subject_id = ?)",
        static_cast<int64_t>(filter.subject->kind), filter.subject->id);
  }
  if (filter.decided_from.has_value()) where.Add("decision_date >= ?", *filter.decided_from);
  if (filter.decided_to.has_value()) where.Add("decision_date <= ?", *filter.decided_to);
  if (filter.task_due_before.has_value()) {
    where.Add(
        "EXISTS (SELECT 1 FROM notice_required_tasks t LEFT JOIN task_completions c"
        " ON c.inspection_id = t.inspection_id AND c.task_number = t.task_number"
        " WHERE t.inspection_id = inspections.id AND t.revision = "
        "inspections.current_notice_revision"
        " AND t.due_date < ? AND c.inspection_id IS NULL)",
        *filter.task_due_before);
  }
  sql::PreparedStatement& statement =
      session.Prepare(absl::StrCat(kInspectionColumns, where.Where(), " ORDER BY id LIMIT ?"));
  const uint32_t next = where.Bind(statement);
  statement.setInt(next, std::clamp(filter.page_size, 1, 1001));
  std::vector<std::pair<Inspection, std::optional<int>>> rows;
  {
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      std::optional<int> revision;
      Inspection inspection = ReadInspection(row, revision);
      rows.emplace_back(std::move(inspection), revision);
    }
  }
  std::vector<Inspection> inspections;
  inspections.reserve(rows.size());
  for (auto& [inspection, revision] : rows) {
    LoadParts(session, inspection, revision);
    inspections.push_back(std::move(inspection));
  }
  return inspections;
}

absl::StatusOr<Inspection> InsertInspectionRow(db::Session& session, const Inspection& inspection) {
  if (absl::Status s = CheckDistinctSubjects(inspection); !s.ok()) return s;
  Inspection stored = inspection;
  stored.version = 1;
  stored.notice.reset();
  const absl::Time now = db::NowMicros();
  sql::PreparedStatement& insert = session.Prepare(absl::StrCat(
      "INSERT INTO inspections (", kInspectionDataColumns,
      ", version, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      " ?, ?, ?, ?, ?, ?, ?, ?)"));
  db::ParamBinder binder(insert);
  BindInspectionData(binder, stored).Int64(stored.version).Time(now).Time(now);
  insert.executeUpdate();
  stored.id = LastInsertId(session);
  WriteParts(session, stored);
  return stored;
}

absl::StatusOr<Inspection> UpdateInspectionRow(db::Session& session, const Inspection& inspection) {
  if (absl::Status s = CheckDistinctSubjects(inspection); !s.ok()) return s;
  sql::PreparedStatement& lock = session.Prepare(
      "SELECT version, current_notice_revision FROM inspections WHERE id = ? FOR UPDATE");
  lock.setInt64(1, inspection.id);
  std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
  const std::string resource = absl::StrCat("inspections/", inspection.id);
  if (!rs->next()) return absl::NotFoundError(absl::StrCat(resource, " not found"));
  db::RowReader row(*rs);
  const int64_t stored_version = row.Int64();
  const std::optional<int> notice_revision = row.OptionalInt();
  rs.reset();
  if (stored_version != inspection.version) {
    return StaleVersionError(resource, stored_version, inspection.version);
  }
  Inspection stored = inspection;
  stored.version = stored_version + 1;
  sql::PreparedStatement& update = session.Prepare(
      "UPDATE inspections SET type = ?, conducting_body = ?, conducting_organization_id = ?,"
      " conducting_level = ?, programme_id = ?, stage = ?, decision_number = ?,"
      " decision_date = ?, content = ?, period_from = ?, period_to = ?,"
      " planned_duration_working_days = ?, extension_working_days = ?, started_date = ?,"
      " reported_date = ?, concluded_date = ?, closed_date = ?, cancelled_date = ?,"
      " cancellation_reason = ?, decision_issuer = ?, version = ?, update_time = ? WHERE id = ?");
  db::ParamBinder binder(update);
  BindInspectionData(binder, stored).Int64(stored.version).Time(db::NowMicros()).Int64(stored.id);
  update.executeUpdate();
  DeleteParts(session, stored.id);
  WriteParts(session, stored);
  // The notice in force is the store's to say (InsertNoticeRevision), not the caller's.
  stored.notice.reset();
  if (notice_revision.has_value()) {
    std::vector<ConclusionNotice> notices = LoadNotices(session, stored.id, notice_revision);
    if (!notices.empty()) stored.notice = std::move(notices.front());
  }
  return stored;
}

}  // namespace dangbo::inspection::internal
