// The change feed: outbox rows in sequence order, which is commit order (see mutation.cc).
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/db/pool.h"
#include "common/db/session.h"
#include "cppconn/resultset.h"
#include "services/membership/store/sql_values.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {
namespace {

// ListChanges' largest page (the API's bound), beyond the other lists' 1000: a follower catching
// up reads thousands of changes a call.
constexpr int kMaxChangesPage = 10'000;

}  // namespace

absl::StatusOr<std::vector<StoredChange>> MembershipStore::ListChanges(int64_t after_sequence,
                                                                       int page_size) {
  std::vector<StoredChange> page;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(
        "SELECT sequence, resource, change_type, payload, request_id, commit_time FROM outbox"
        " WHERE sequence > ? ORDER BY sequence LIMIT ?");
    internal::ParamBinder(statement)
        .Int64(after_sequence)
        .Int64(std::clamp(page_size, 1, kMaxChangesPage));
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      internal::RowReader row(*rs);
      StoredChange change;
      change.sequence = row.Int64();
      change.resource = row.String();
      change.change_type = row.String();
      change.payload = row.String();
      change.request_id = row.String();
      change.commit_time = row.Time();
      page.push_back(std::move(change));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<std::vector<std::pair<int64_t, std::string>>>
MembershipStore::ListChangedResources(int64_t after_sequence, int limit) {
  std::vector<std::pair<int64_t, std::string>> page;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(
        "SELECT sequence, resource FROM outbox WHERE sequence > ? ORDER BY sequence LIMIT ?");
    internal::ParamBinder(statement).Int64(after_sequence).Int64(limit);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      internal::RowReader row(*rs);
      const int64_t sequence = row.Int64();
      page.emplace_back(sequence, row.String());
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<int64_t> MembershipStore::HeadSequence() {
  int64_t head = 0;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    std::unique_ptr<sql::ResultSet> rs(
        session.Prepare("SELECT last_sequence FROM outbox_head WHERE id = 1").executeQuery());
    head = rs->next() ? rs->getInt64(1) : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return head;
}

}  // namespace dangbo::membership
