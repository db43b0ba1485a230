#include "services/reporting/store/snapshot_store.h"

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
    "id, revision, scope_id, kind, period, statistics, submitted_by, submit_time, "
    "revision_reason";

SnapshotRow ReadRow(const sql::ResultSet& rs) {
  RowReader row(rs);
  SnapshotRow out;
  out.id = row.Int64();
  out.revision = row.Int();
  out.scope_id = row.Int64();
  out.kind = row.Int();
  out.period = row.String();
  out.statistics = row.String();
  out.submitted_by = row.String();
  out.submit_time = row.Time();
  out.revision_reason = row.String();
  return out;
}

}  // namespace

int64_t NextSnapshotId(Session& session) {
  // The gap lock of FOR UPDATE on the index end serializes concurrent creations.
  std::unique_ptr<sql::ResultSet> rs(
      session.Prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM snapshots FOR UPDATE").executeQuery());
  rs->next();
  return rs->getInt64(1);
}

std::optional<SnapshotRow> LockLatestSnapshot(Session& session, int64_t id) {
  sql::PreparedStatement& select =
      session.Prepare(std::string("SELECT ") + kColumns +
                      " FROM snapshots WHERE id = ? ORDER BY revision DESC LIMIT 1 FOR UPDATE");
  ParamBinder(select).Int64(id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return std::nullopt;
  return ReadRow(*rs);
}

void InsertSnapshot(Session& session, const SnapshotRow& row) {
  sql::PreparedStatement& insert = session.Prepare(
      std::string("INSERT INTO snapshots (") + kColumns + ") VALUES (" + db::Placeholders(9) + ")");
  ParamBinder(insert)
      .Int64(row.id)
      .Int(row.revision)
      .Int64(row.scope_id)
      .Int(row.kind)
      .String(row.period)
      .String(row.statistics)
      .String(row.submitted_by)
      .Time(row.submit_time)
      .String(row.revision_reason);
  insert.executeUpdate();
}

absl::StatusOr<std::optional<SnapshotRow>> ReadSnapshot(db::Pool& pool, int64_t id, int revision) {
  std::optional<SnapshotRow> out;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    out.reset();
    sql::PreparedStatement& select = session.Prepare(
        std::string("SELECT ") + kColumns +
        " FROM snapshots WHERE id = ? AND (? = 0 OR revision = ?) ORDER BY revision DESC LIMIT 1");
    ParamBinder(select).Int64(id).Int(revision).Int(revision);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    if (rs->next()) out = ReadRow(*rs);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<std::vector<SnapshotRow>> ListLatestSnapshots(db::Pool& pool, int64_t scope_id,
                                                             int64_t after_id, int limit) {
  std::vector<SnapshotRow> out;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    out.clear();
    sql::PreparedStatement& select = session.Prepare(
        std::string("SELECT ") + kColumns +
        " FROM snapshots s WHERE scope_id = ? AND id > ? AND revision ="
        " (SELECT MAX(revision) FROM snapshots r WHERE r.id = s.id) ORDER BY id LIMIT ?");
    ParamBinder(select).Int64(scope_id).Int64(after_id).Int(limit);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) out.push_back(ReadRow(*rs));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace dangbo::reporting
