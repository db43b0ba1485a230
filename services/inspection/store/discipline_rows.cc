// disciplinary_decisions and appeals.
#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/sql_row.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/filter_sql.h"
#include "services/inspection/store/json_lists.h"
#include "services/inspection/store/rows.h"

namespace dangbo::inspection::internal {
namespace {

constexpr char kDecisionColumns[] =
    "SELECT id, subject_kind, subject_id, member_standing, holds_post, subject_organization_id,"
    " form, deciding_organization_id, deciding_body, number, decision_date, effective_date,"
    " violation_dates, category, reasons, source_inspection_id, aggravating_circumstances,"
    " mitigating_circumstances, version FROM disciplinary_decisions";

constexpr char kAppealColumns[] =
    "SELECT id, decision_id, received_date, filed_date, resolving_organization_id,"
    " resolving_level, resolution_due_date, outcome, resolution_date, resolution_number,"
    " new_form, resolution_reasons, version FROM appeals";

DisciplinaryDecision ReadDecision(db::RowReader& row) {
  DisciplinaryDecision d;
  d.id = row.Int64();
  d.subject.kind = row.EnumValue<SubjectKind>();
  d.subject.id = row.Int64();
  d.member_standing = row.EnumValue<MemberStanding>();
  d.holds_post = row.Bool();
  d.subject_organization_id = row.Int64();
  d.form = row.EnumValue<DisciplineForm>();
  d.deciding_organization_id = row.Int64();
  d.deciding_body = row.EnumValue<DecidingBody>();
  d.number = row.String();
  d.decision_date = row.Date();
  d.effective_date = row.Date();
  d.violation_dates = DatesFromJson(row.String());
  d.category = row.EnumValue<ViolationCategory>();
  d.reasons = row.String();
  d.source_inspection_id = row.OptionalInt64();
  d.aggravating_circumstances = TextsFromJson(row.String());
  d.mitigating_circumstances = TextsFromJson(row.String());
  d.version = row.Int64();
  return d;
}

db::ParamBinder& BindDecisionData(db::ParamBinder& binder, const DisciplinaryDecision& d) {
  return binder.EnumValue(d.subject.kind)
      .Int64(d.subject.id)
      .EnumValue(d.member_standing)
      .Bool(d.holds_post)
      .Int64(d.subject_organization_id)
      .EnumValue(d.form)
      .Int64(d.deciding_organization_id)
      .EnumValue(d.deciding_body)
      .String(d.number)
      .Date(d.decision_date)
      .Date(d.effective_date)
      .String(DatesToJson(d.violation_dates))
      .EnumValue(d.category)
      .String(d.reasons)
      .OptionalInt64(d.source_inspection_id)
      .String(TextsToJson(d.aggravating_circumstances))
      .String(TextsToJson(d.mitigating_circumstances));
}

StoredAppeal ReadAppeal(db::RowReader& row) {
  StoredAppeal stored;
  Appeal& a = stored.appeal;
  a.id = row.Int64();
  a.decision_id = row.Int64();
  a.received_date = row.Date();
  a.filed_date = row.Date();
  a.resolving_organization_id = row.Int64();
  a.resolving_level = row.EnumValue<Level>();
  stored.resolution_due_date = row.Date();
  const auto outcome = row.EnumValue<AppealOutcome>();
  const std::optional<Date> date = row.OptionalDate();
  std::string number = row.String();
  const auto new_form = row.EnumValue<DisciplineForm>();
  std::string reasons = row.String();
  if (outcome != AppealOutcome::kUnspecified) {
    a.resolution = AppealResolution{.outcome = outcome,
                                    .date = date.value_or(Date()),
                                    .number = std::move(number),
                                    .new_form = new_form,
                                    .reasons = std::move(reasons)};
  }
  a.version = row.Int64();
  return stored;
}

db::ParamBinder& BindAppealData(db::ParamBinder& binder, const StoredAppeal& stored) {
  const Appeal& a = stored.appeal;
  const AppealResolution none;
  const AppealResolution& r = a.resolution.has_value() ? *a.resolution : none;
  return binder.Int64(a.decision_id)
      .Date(a.received_date)
      .Date(a.filed_date)
      .Int64(a.resolving_organization_id)
      .EnumValue(a.resolving_level)
      .Date(stored.resolution_due_date)
      .EnumValue(r.outcome)
      .OptionalDate(a.resolution.has_value() ? std::optional<Date>(r.date) : std::nullopt)
      .String(r.number)
      .EnumValue(r.new_form)
      .String(r.reasons);
}

absl::Status CheckResolution(const StoredAppeal& stored) {
  if (stored.appeal.resolution.has_value() &&
      stored.appeal.resolution->outcome == AppealOutcome::kUnspecified) {
    return absl::InvalidArgumentError("resolution.outcome: required");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DisciplinaryDecision> LoadDecision(db::Session& session, int64_t id, Lock lock) {
  sql::PreparedStatement& statement = session.Prepare(absl::StrCat(
      kDecisionColumns, " WHERE id = ?", lock == Lock::kForUpdate ? " FOR UPDATE" : ""));
  statement.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  if (!rs->next()) {
    return absl::NotFoundError(absl::StrCat("disciplinaryDecisions/", id, " not found"));
  }
  db::RowReader row(*rs);
  return ReadDecision(row);
}

std::vector<DisciplinaryDecision> LoadDecisions(db::Session& session,
                                                const DecisionFilter& filter) {
  FilterSql where;
  where.Add("id > ?", filter.after_id);
  where.In("subject_organization_id", filter.subject_organization_ids);
  if (filter.subject.has_value()) {
    where.Add("subject_kind = ? AND subject_id = ?", static_cast<int64_t>(filter.subject->kind),
              filter.subject->id);
  }
  where.InEnums("form", filter.forms);
  if (filter.decided_from.has_value()) where.Add("decision_date >= ?", *filter.decided_from);
  if (filter.decided_to.has_value()) where.Add("decision_date <= ?", *filter.decided_to);
  sql::PreparedStatement& statement =
      session.Prepare(absl::StrCat(kDecisionColumns, where.Where(), " ORDER BY id LIMIT ?"));
  const uint32_t next = where.Bind(statement);
  statement.setInt(next, std::clamp(filter.page_size, 1, 1001));
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  std::vector<DisciplinaryDecision> decisions;
  while (rs->next()) {
    db::RowReader row(*rs);
    decisions.push_back(ReadDecision(row));
  }
  return decisions;
}

DisciplinaryDecision InsertDecisionRow(db::Session& session, const DisciplinaryDecision& decision) {
  DisciplinaryDecision stored = decision;
  stored.version = 1;
  const absl::Time now = db::NowMicros();
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO disciplinary_decisions (subject_kind, subject_id, member_standing, holds_post,"
      " subject_organization_id, form, deciding_organization_id, deciding_body, number,"
      " decision_date, effective_date, violation_dates, category, reasons, source_inspection_id,"
      " aggravating_circumstances, mitigating_circumstances, version, create_time, update_time)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  db::ParamBinder binder(insert);
  BindDecisionData(binder, stored).Int64(stored.version).Time(now).Time(now);
  insert.executeUpdate();
  stored.id = LastInsertId(session);
  return stored;
}

absl::StatusOr<DisciplinaryDecision> UpdateDecisionRow(db::Session& session,
                                                       const DisciplinaryDecision& decision) {
  absl::StatusOr<DisciplinaryDecision> current =
      LoadDecision(session, decision.id, Lock::kForUpdate);
  if (!current.ok()) return current.status();
  if (current->version != decision.version) {
    return StaleVersionError(absl::StrCat("disciplinaryDecisions/", decision.id), current->version,
                             decision.version);
  }
  DisciplinaryDecision stored = decision;
  stored.version = current->version + 1;
  sql::PreparedStatement& update = session.Prepare(
      "UPDATE disciplinary_decisions SET subject_kind = ?, subject_id = ?, member_standing = ?,"
      " holds_post = ?, subject_organization_id = ?, form = ?, deciding_organization_id = ?,"
      " deciding_body = ?, number = ?, decision_date = ?, effective_date = ?,"
      " violation_dates = ?, category = ?, reasons = ?, source_inspection_id = ?,"
      " aggravating_circumstances = ?, mitigating_circumstances = ?, version = ?,"
      " update_time = ? WHERE id = ?");
  db::ParamBinder binder(update);
  BindDecisionData(binder, stored).Int64(stored.version).Time(db::NowMicros()).Int64(stored.id);
  update.executeUpdate();
  return stored;
}

absl::StatusOr<StoredAppeal> LoadAppeal(db::Session& session, int64_t decision_id,
                                        int64_t appeal_id, Lock lock) {
  sql::PreparedStatement& statement =
      session.Prepare(absl::StrCat(kAppealColumns, " WHERE id = ? AND decision_id = ?",
                                   lock == Lock::kForUpdate ? " FOR UPDATE" : ""));
  db::ParamBinder(statement).Int64(appeal_id).Int64(decision_id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  if (!rs->next()) {
    return absl::NotFoundError(
        absl::StrCat("disciplinaryDecisions/", decision_id, "/appeals/", appeal_id, " not found"));
  }
  db::RowReader row(*rs);
  return ReadAppeal(row);
}

std::vector<StoredAppeal> LoadAppeals(db::Session& session, const AppealFilter& filter) {
  FilterSql where;
  where.Add("id > ?", filter.after_id);
  if (filter.decision_id.has_value()) where.Add("decision_id = ?", *filter.decision_id);
  where.In("resolving_organization_id", filter.resolving_organization_ids);
  if (filter.unresolved_only) where.Add("outcome = 0");
  if (filter.due_before.has_value()) where.Add("resolution_due_date < ?", *filter.due_before);
  sql::PreparedStatement& statement =
      session.Prepare(absl::StrCat(kAppealColumns, where.Where(), " ORDER BY id LIMIT ?"));
  const uint32_t next = where.Bind(statement);
  statement.setInt(next, std::clamp(filter.page_size, 1, 1001));
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  std::vector<StoredAppeal> appeals;
  while (rs->next()) {
    db::RowReader row(*rs);
    appeals.push_back(ReadAppeal(row));
  }
  return appeals;
}

absl::StatusOr<StoredAppeal> InsertAppealRow(db::Session& session, const StoredAppeal& appeal) {
  if (absl::Status s = CheckResolution(appeal); !s.ok()) return s;
  absl::StatusOr<DisciplinaryDecision> decision =
      LoadDecision(session, appeal.appeal.decision_id, Lock::kForUpdate);
  if (!decision.ok()) return decision.status();
  StoredAppeal stored = appeal;
  stored.appeal.version = 1;
  const absl::Time now = db::NowMicros();
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO appeals (decision_id, received_date, filed_date, resolving_organization_id,"
      " resolving_level, resolution_due_date, outcome, resolution_date, resolution_number,"
      " new_form, resolution_reasons, version, create_time, update_time)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  db::ParamBinder binder(insert);
  BindAppealData(binder, stored).Int64(stored.appeal.version).Time(now).Time(now);
  insert.executeUpdate();
  stored.appeal.id = LastInsertId(session);
  return stored;
}

absl::StatusOr<StoredAppeal> UpdateAppealRow(db::Session& session, const StoredAppeal& appeal) {
  if (absl::Status s = CheckResolution(appeal); !s.ok()) return s;
  absl::StatusOr<StoredAppeal> current =
      LoadAppeal(session, appeal.appeal.decision_id, appeal.appeal.id, Lock::kForUpdate);
  if (!current.ok()) return current.status();
  if (current->appeal.version != appeal.appeal.version) {
    return StaleVersionError(absl::StrCat("disciplinaryDecisions/", appeal.appeal.decision_id,
                                          "/appeals/", appeal.appeal.id),
                             current->appeal.version, appeal.appeal.version);
  }
  StoredAppeal stored = appeal;
  stored.appeal.version = current->appeal.version + 1;
  sql::PreparedStatement& update = session.Prepare(
      "UPDATE appeals SET decision_id = ?, received_date = ?, filed_date = ?,"
      " resolving_organization_id = ?, resolving_level = ?, resolution_due_date = ?,"
      " outcome = ?, resolution_date = ?, resolution_number = ?, new_form = ?,"
      " resolution_reasons = ?, version = ?, update_time = ? WHERE id = ?");
  db::ParamBinder binder(update);
  BindAppealData(binder, stored)
      .Int64(stored.appeal.version)
      .Time(db::NowMicros())
      .Int64(stored.appeal.id);
  update.executeUpdate();
  return stored;
}

absl::flat_hash_set<int64_t> MembersDisciplinedOutOfRows(db::Session& session,
                                                         int64_t inspection_id) {
  sql::PreparedStatement& statement = session.Prepare(
      "SELECT subject_id FROM disciplinary_decisions"
      " WHERE source_inspection_id = ? AND subject_kind = ?");
  db::ParamBinder(statement).Int64(inspection_id).EnumValue(SubjectKind::kMember);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  absl::flat_hash_set<int64_t> members;
  while (rs->next()) members.insert(rs->getInt64(1));
  return members;
}

}  // namespace dangbo::inspection::internal
