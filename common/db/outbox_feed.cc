// Sequences in an outbox are dense: each is handed out under outbox_head's row lock, which its
// transaction holds until COMMIT, a rollback returns it, and no row is ever deleted. So sequence
// order is commit order, and yet a reader can see N+1 while N is still hidden from it: MariaDB
// builds a statement's read view by walking the active transactions while others commit, so a
// view can count N's transaction as active and N+1's (committed just after) as done. A polling
// reader that moved its position to N+1 would never see N (observed: a poller got 799 of 800
// changes from four concurrent writers on a busy machine). The reads here therefore never return
// a page with a hole; a hole that does not fill within kHoleReads reads is rows that are gone,
// and the page is returned as read for the follower to deal with.
#include "common/db/outbox_feed.h"

#include <algorithm>
#include <memory>

#include "common/db/session.h"
#include "common/db/sql_row.h"
#include "cppconn/resultset.h"

namespace dangbo::db {
namespace {

// Reads a page of rows after `after_sequence`, holes waited out.
template <typename Row>
absl::StatusOr<std::vector<Row>> ReadPage(Pool& pool, int64_t after_sequence, int limit,
                                          const char* query, Row (*read_row)(RowReader&)) {
  auto read = [&]() -> absl::StatusOr<std::vector<Row>> {
    std::vector<Row> rows;
    absl::Status status = pool.Read([&](Session& session) -> absl::Status {
      rows.clear();
      sql::PreparedStatement& statement = session.Prepare(query);
      ParamBinder(statement).Int64(after_sequence).Int(std::clamp(limit, 1, kMaxChangesPage));
      std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
      while (rs->next()) {
        RowReader row(*rs);
        rows.push_back(read_row(row));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return rows;
  };
  return internal::ReadWithoutTransientHoles<Row>(after_sequence, read,
                                                  [](absl::Duration d) { absl::SleepFor(d); });
}

StoredChange ReadStoredChange(RowReader& row) {
  StoredChange change;
  change.sequence = row.Int64();
  change.resource = row.String();
  change.change_type = row.String();
  change.payload = row.String();
  change.request_id = row.String();
  change.commit_time = row.Time();
  return change;
}

ChangedResource ReadChangedResource(RowReader& row) {
  ChangedResource change;
  change.sequence = row.Int64();
  change.resource = row.String();
  return change;
}

}  // namespace

absl::StatusOr<std::vector<StoredChange>> ReadChanges(Pool& pool, int64_t after_sequence,
                                                      int page_size) {
  return ReadPage(pool, after_sequence, page_size,
                  "SELECT sequence, resource, change_type, payload, request_id, commit_time"
                  " FROM outbox WHERE sequence > ? ORDER BY sequence LIMIT ?",
                  &ReadStoredChange);
}

absl::StatusOr<std::vector<ChangedResource>> ReadChangedResources(Pool& pool,
                                                                  int64_t after_sequence,
                                                                  int limit) {
  return ReadPage(pool, after_sequence, limit,
                  "SELECT sequence, resource FROM outbox WHERE sequence > ? ORDER BY sequence"
                  " LIMIT ?",
                  &ReadChangedResource);
}

absl::StatusOr<int64_t> ReadHeadSequence(Pool& pool) {
  int64_t head = 0;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    std::unique_ptr<sql::ResultSet> rs(
        session.Prepare("SELECT last_sequence FROM outbox_head WHERE id = 1").executeQuery());
    head = rs->next() ? rs->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return head;
}

}  // namespace dangbo::db
