// The change feed: outbox rows in sequence order, which is commit order
// (common/db/outbox_feed.h).
#include "common/db/outbox_feed.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {

absl::StatusOr<std::vector<StoredChange>> MembershipStore::ListChanges(int64_t after_sequence,
                                                                       int page_size) {
  return db::ReadChanges(pool_, after_sequence, page_size);
}

absl::StatusOr<std::vector<ChangedResource>> MembershipStore::ListChangedResources(
    int64_t after_sequence, int limit) {
  return db::ReadChangedResources(pool_, after_sequence, limit);
}

absl::StatusOr<int64_t> MembershipStore::HeadSequence() { return db::ReadHeadSequence(pool_); }

}  // namespace dangbo::membership
