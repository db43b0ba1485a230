#include "services/reporting/store/target_store.h"

#include <memory>

#include "common/db/sql_row.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/resultset.h"

namespace dangbo::reporting {
namespace {

using db::ParamBinder;
using db::RowReader;
using db::Session;

constexpr char kColumns[] =
    "scope_id, term_start_year, term_end_year, figure_key, value, at_least, version, update_time";
constexpr char kByKey[] =
    " WHERE scope_id = ? AND term_start_year = ? AND term_end_year = ? AND figure_key = ?";
constexpr char kOrder[] = " ORDER BY term_start_year, term_end_year, figure_key";

TargetRow ReadRow(const sql::ResultSet& rs) {
  RowReader row(rs);
  TargetRow out;
  out.scope_id = row.Int64();
  out.term_start_year = row.Int();
  out.term_end_year = row.Int();
  out.figure_key = row.String();
  out.value = row.Int64();
  out.at_least = row.Bool();
  out.version = row.Int64();
  out.update_time = row.Time();
  return out;
}

void BindKey(sql::PreparedStatement& statement, const TargetId& key) {
  ParamBinder(statement)
      .Int64(key.scope_id)
      .Int(key.term_start_year)
      .Int(key.term_end_year)
      .String(key.figure_key);
}

// Runs `select` (already bound) and collects its rows.
std::vector<TargetRow> Rows(sql::PreparedStatement& select) {
  std::vector<TargetRow> out;
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  while (rs->next()) out.push_back(ReadRow(*rs));
  return out;
}

}  // namespace

std::optional<TargetRow> LockTarget(Session& session, const TargetId& key) {
  sql::PreparedStatement& select =
      session.Prepare(std::string("SELECT ") + kColumns + " FROM targets" + kByKey + " FOR UPDATE");
  BindKey(select, key);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return std::nullopt;
  return ReadRow(*rs);
}

void WriteTarget(Session& session, const TargetRow& row) {
  sql::PreparedStatement& upsert = session.Prepare(
      std::string("INSERT INTO targets (") + kColumns + ") VALUES (" + db::Placeholders(8) +
      ") ON DUPLICATE KEY UPDATE value = VALUES(value), at_least = VALUES(at_least),"
      " version = VALUES(version), update_time = VALUES(update_time)");
  ParamBinder(upsert)
      .Int64(row.scope_id)
      .Int(row.term_start_year)
      .Int(row.term_end_year)
      .String(row.figure_key)
      .Int64(row.value)
      .Bool(row.at_least)
      .Int64(row.version)
      .Time(row.update_time);
  upsert.executeUpdate();
}

absl::StatusOr<std::optional<TargetRow>> ReadTarget(db::Pool& pool, const TargetId& key) {
  std::optional<TargetRow> out;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    sql::PreparedStatement& select =
        session.Prepare(std::string("SELECT ") + kColumns + " FROM targets" + kByKey);
    BindKey(select, key);
    std::vector<TargetRow> rows = Rows(select);
    out.reset();
    if (!rows.empty()) out = std::move(rows.front());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<std::vector<TargetRow>> ListTargets(db::Pool& pool, int64_t scope_id,
                                                   int term_start_year, int64_t offset, int limit) {
  std::vector<TargetRow> out;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    sql::PreparedStatement& select =
        session.Prepare(std::string("SELECT ") + kColumns +
                        " FROM targets WHERE scope_id = ? AND (? = 0 OR term_start_year = ?)" +
                        kOrder + " LIMIT ? OFFSET ?");
    ParamBinder(select)
        .Int64(scope_id)
        .Int(term_start_year)
        .Int(term_start_year)
        .Int(limit)
        .Int64(offset);
    out = Rows(select);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<std::vector<TargetRow>> TargetsCovering(db::Pool& pool, int64_t scope_id, int year) {
  std::vector<TargetRow> out;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    sql::PreparedStatement& select = session.Prepare(
        std::string("SELECT ") + kColumns +
        " FROM targets WHERE scope_id = ? AND term_start_year <= ? AND term_end_year >= ?" +
        kOrder);
    ParamBinder(select).Int64(scope_id).Int(year).Int(year);
    out = Rows(select);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace dangbo::reporting
