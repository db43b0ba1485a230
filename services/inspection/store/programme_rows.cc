// programmes, programme_items, programme_item_subjects.
#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/filter_sql.h"
#include "services/inspection/store/rows.h"
#include "common/db/sql_row.h"

namespace dangbo::inspection::internal {
namespace {

constexpr char kProgrammeColumns[] =
    "SELECT id, organization_id, conducting_body, year, decision_number, decision_date,"
    " decision_issuer, version FROM programmes";

Programme ReadProgramme(db::RowReader& row) {
  Programme p;
  p.id = row.Int64();
  p.organization_id = row.Int64();
  p.conducting_body = row.EnumValue<ConductingBody>();
  p.year = row.Int();
  p.decision.number = row.String();
  p.decision.date = row.OptionalDate();
  p.decision.issuer = row.String();
  p.version = row.Int64();
  return p;
}

void LoadItems(db::Session& session, Programme& programme) {
  sql::PreparedStatement& items = session.Prepare(
      "SELECT type, content, planned_start, inspection_id FROM programme_items"
      " WHERE programme_id = ? ORDER BY position");
  items.setInt64(1, programme.id);
  std::unique_ptr<sql::ResultSet> rs(items.executeQuery());
  while (rs->next()) {
    db::RowReader row(*rs);
    PlannedItem item;
    item.type = row.EnumValue<InspectionType>();
    item.content = row.String();
    item.planned_start = row.OptionalDate();
    item.inspection_id = row.OptionalInt64();
    programme.items.push_back(std::move(item));
  }
  sql::PreparedStatement& subjects = session.Prepare(
      "SELECT item_position, subject_kind, subject_id FROM programme_item_subjects"
      " WHERE programme_id = ? ORDER BY item_position, position");
  subjects.setInt64(1, programme.id);
  std::unique_ptr<sql::ResultSet> srs(subjects.executeQuery());
  while (srs->next()) {
    db::RowReader row(*srs);
    const int position = row.Int();
    SubjectRef subject;
    subject.kind = row.EnumValue<SubjectKind>();
    subject.id = row.Int64();
    if (position >= 0 && position < static_cast<int>(programme.items.size())) {
      programme.items[position].subjects.push_back(subject);
    }
  }
}

void WriteItems(db::Session& session, const Programme& programme) {
  sql::PreparedStatement& clear_subjects =
      session.Prepare("DELETE FROM programme_item_subjects WHERE programme_id = ?");
  clear_subjects.setInt64(1, programme.id);
  clear_subjects.executeUpdate();
  sql::PreparedStatement& clear_items =
      session.Prepare("DELETE FROM programme_items WHERE programme_id = ?");
  clear_items.setInt64(1, programme.id);
  clear_items.executeUpdate();
  sql::PreparedStatement& insert_item = session.Prepare(
      "INSERT INTO programme_items (programme_id, position, type, content, planned_start,"
      " inspection_id) VALUES (?, ?, ?, ?, ?, ?)");
  sql::PreparedStatement& insert_subject = session.Prepare(
      "INSERT INTO programme_item_subjects (programme_id, item_position, position, subject_kind,"
      " subject_id) VALUES (?, ?, ?, ?, ?)");
  for (size_t i = 0; i < programme.items.size(); ++i) {
    const PlannedItem& item = programme.items[i];
    db::ParamBinder(insert_item)
        .Int64(programme.id)
        .Int(static_cast<int>(i))
        .EnumValue(item.type)
        .String(item.content)
        .OptionalDate(item.planned_start)
        .OptionalInt64(item.inspection_id);
    insert_item.executeUpdate();
    for (size_t s = 0; s < item.subjects.size(); ++s) {
      db::ParamBinder(insert_subject)
          .Int64(programme.id)
          .Int(static_cast<int>(i))
          .Int(static_cast<int>(s))
          .EnumValue(item.subjects[s].kind)
          .Int64(item.subjects[s].id);
      insert_subject.executeUpdate();
    }
  }
}

}  // namespace

absl::StatusOr<Programme> LoadProgramme(db::Session& session, int64_t id, Lock lock) {
  sql::PreparedStatement& statement = session.Prepare(absl::StrCat(
      kProgrammeColumns, " WHERE id = ?", lock == Lock::kForUpdate ? " FOR UPDATE" : ""));
  statement.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  if (!rs->next()) return absl::NotFoundError(absl::StrCat("programmes/", id, " not found"));
  db::RowReader row(*rs);
  Programme programme = ReadProgramme(row);
  rs.reset();
  LoadItems(session, programme);
  return programme;
}

std::vector<Programme> LoadProgrammes(db::Session& session, const ProgrammeFilter& filter) {
  FilterSql where;
  where.Add("id > ?", filter.after_id);
  where.In("organization_id", filter.organization_ids);
  if (filter.year != 0) where.Add("year = ?", int64_t{filter.year});
  sql::PreparedStatement& statement =
      session.Prepare(absl::StrCat(kProgrammeColumns, where.Where(), " ORDER BY id LIMIT ?"));
  const uint32_t next = where.Bind(statement);
  statement.setInt(next, std::clamp(filter.page_size, 1, 1001));
  std::vector<Programme> programmes;
  {
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      programmes.push_back(ReadProgramme(row));
    }
  }
  for (Programme& programme : programmes) LoadItems(session, programme);
  return programmes;
}

Programme InsertProgrammeRow(db::Session& session, const Programme& programme) {
  Programme stored = programme;
  stored.version = 1;
  const absl::Time now = db::NowMicros();
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO programmes (organization_id, conducting_body, year, decision_number,"
      " decision_date, decision_issuer, version, create_time, update_time)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  db::ParamBinder(insert)
      .Int64(stored.organization_id)
      .EnumValue(stored.conducting_body)
      .Int(stored.year)
      .String(stored.decision.number)
      .OptionalDate(stored.decision.date)
      .String(stored.decision.issuer)
      .Int64(stored.version)
      .Time(now)
      .Time(now);
  insert.executeUpdate();
  stored.id = LastInsertId(session);
  WriteItems(session, stored);
  return stored;
}

absl::StatusOr<Programme> UpdateProgrammeRow(db::Session& session, const Programme& programme) {
  absl::StatusOr<Programme> current = LoadProgramme(session, programme.id, Lock::kForUpdate);
  if (!current.ok()) return current.status();
  if (current->version != programme.version) {
    return StaleVersionError(absl::StrCat("programmes/", programme.id), current->version,
                             programme.version);
  }
  Programme stored = programme;
  stored.version = current->version + 1;
  sql::PreparedStatement& update = session.Prepare(
      "UPDATE programmes SET organization_id = ?, conducting_body = ?, year = ?,"
      " decision_number = ?, decision_date = ?, decision_issuer = ?, version = ?,"
      " update_time = ? WHERE id = ?");
  db::ParamBinder(update)
      .Int64(stored.organization_id)
      .EnumValue(stored.conducting_body)
      .Int(stored.year)
      .String(stored.decision.number)
      .OptionalDate(stored.decision.date)
      .String(stored.decision.issuer)
      .Int64(stored.version)
      .Time(db::NowMicros())
      .Int64(stored.id);
  update.executeUpdate();
  WriteItems(session, stored);
  return stored;
}

}  // namespace dangbo::inspection::internal
