// Targets of terms' resolutions, one row per scope, term and figure key (V001's `targets`).
#ifndef DANGBO_SERVICES_REPORTING_STORE_TARGET_STORE_H_
#define DANGBO_SERVICES_REPORTING_STORE_TARGET_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/session.h"

namespace dangbo::reporting {

struct TargetRow {
  int64_t scope_id = 0;
  int term_start_year = 0;
  int term_end_year = 0;
  std::string figure_key;
  int64_t value = 0;
  bool at_least = true;
  // 1 when first set, one more at each change: the etag.
  int64_t version = 0;
  absl::Time update_time;
};

// Which target: the table's key.
struct TargetId {
  int64_t scope_id = 0;
  int term_start_year = 0;
  int term_end_year = 0;
  std::string figure_key;
};

// Inside a mutation's transaction (db::RunOutboxMutation's body); they throw sql::SQLException
// like the connector. The target, locked until the transaction ends (or the gap where it would
// be, so that two first settings serialize); none if not set.
std::optional<TargetRow> LockTarget(db::Session& session, const TargetId& key);
// Inserts the row or replaces the one with its key.
void WriteTarget(db::Session& session, const TargetRow& row);

absl::StatusOr<std::optional<TargetRow>> ReadTarget(db::Pool& pool, const TargetId& key);
// The targets of `scope_id` (of terms starting in `term_start_year`, or every term for 0) by
// term and key, skipping the first `offset`, at most `limit`.
absl::StatusOr<std::vector<TargetRow>> ListTargets(db::Pool& pool, int64_t scope_id,
                                                   int term_start_year, int64_t offset, int limit);
// The targets of `scope_id` whose term covers `year`.
absl::StatusOr<std::vector<TargetRow>> TargetsCovering(db::Pool& pool, int64_t scope_id, int year);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_STORE_TARGET_STORE_H_
