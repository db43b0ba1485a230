// Snapshots of reports as submitted upward: each revision one immutable row.
#ifndef DANGBO_SERVICES_REPORTING_STORE_SNAPSHOT_STORE_H_
#define DANGBO_SERVICES_REPORTING_STORE_SNAPSHOT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/session.h"

namespace dangbo::reporting {

struct SnapshotRow {
  int64_t id = 0;
  int revision = 0;
  int64_t scope_id = 0;
  int kind = 0;            // dangbo.reporting.v1.Snapshot.Kind
  std::string period;      // serialized dangbo.reporting.v1.Period
  std::string statistics;  // serialized dangbo.reporting.v1.Statistics
  std::string submitted_by;
  absl::Time submit_time;
  std::string revision_reason;
};

// Inside a mutation's transaction (db::RunOutboxMutation's body). They throw
// sql::SQLException like the connector.
int64_t NextSnapshotId(db::Session& session);
// The latest revision of snapshot `id`, locked until the transaction ends; none if unknown.
std::optional<SnapshotRow> LockLatestSnapshot(db::Session& session, int64_t id);
void InsertSnapshot(db::Session& session, const SnapshotRow& row);

// `revision` 0: the latest. None when there is no such snapshot or revision.
absl::StatusOr<std::optional<SnapshotRow>> ReadSnapshot(db::Pool& pool, int64_t id, int revision);
// The latest revision of each snapshot of `scope_id` with an id above `after_id`, by id, at
// most `limit`.
absl::StatusOr<std::vector<SnapshotRow>> ListLatestSnapshots(db::Pool& pool, int64_t scope_id,
                                                             int64_t after_id, int limit);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_STORE_SNAPSHOT_STORE_H_
