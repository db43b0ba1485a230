// A replica's cache of members as GetMember reads them: the member and its organization's
// path, so the service's busiest call needs no database round trip when it hits.
//
// Coherence. Every write of this replica invalidates what it touched right after its COMMIT
// (MembershipStore::Mutate), so a caller reads its own writes. Writes of other replicas are
// seen by following the outbox (MemberCacheFollower): the cache answers only while the
// follower's last completed pass started at most `max_staleness` ago, so an entry is never
// older than every write committed before that bound. A fill races with invalidation through
// generations: a ticket taken before the database read records them, and a fill whose
// generations moved on meanwhile is dropped. An organization change (a move re-paths a whole
// subtree) drops every entry at once by moving the tree generation.
//
// Hand-written: Debian packages no concurrent bounded cache for C++ (Abseil has none).
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_CACHE_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_CACHE_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {

struct MemberCacheOptions {
  int64_t max_bytes = int64_t{256} << 20;
  absl::Duration max_staleness = absl::Milliseconds(500);
};

struct MemberCacheStats {
  int64_t entries = 0;
  int64_t bytes = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  // Lookups that went to the database because the follower was behind its bound.
  uint64_t bypasses = 0;
};

class MemberCache {
 public:
  // What a fill must match to be kept; take it before reading the database.
  struct Ticket {
    int64_t id = 0;
    uint64_t shard_generation = 0;
    uint64_t tree_generation = 0;
    bool followed = false;
  };

  explicit MemberCache(const MemberCacheOptions& options);
  MemberCache(const MemberCache&) = delete;
  MemberCache& operator=(const MemberCache&) = delete;

  // The cached member, if any and if the follower is within its bound at `now`.
  std::optional<MemberWithPath> Find(int64_t id, absl::Time now);
  Ticket BeginFill(int64_t id);
  // Keeps `found` unless something it may predate was invalidated since `ticket`, or the
  // follower had never completed a pass when the ticket was taken (it could not know what
  // committed between that read and its first position).
  void Fill(const Ticket& ticket, const MemberWithPath& found);

  // Drops what a change to `resource` may have made stale: "members/{id}" and anything under
  // it drops that member; "organizations/..." drops every entry. Other names are ignored.
  void Invalidate(std::string_view resource);
  // Drops every entry, for when the follower cannot tell what changed.
  void Clear();
  // The follower completed a pass that started at `pass_start`: every commit before then has
  // been invalidated.
  void Followed(absl::Time pass_start);

  MemberCacheStats Stats() const;

 private:
  static constexpr int kShards = 64;

  struct Entry {
    MemberWithPath found;
    uint64_t tree_generation = 0;
    int64_t bytes = 0;
  };
  struct Shard {
    mutable absl::Mutex mu;
    absl::flat_hash_map<int64_t, Entry> entries ABSL_GUARDED_BY(mu);
    int64_t bytes ABSL_GUARDED_BY(mu) = 0;
    // Moves at every invalidation in the shard; per shard rather than per member so that a
    // forgotten member leaves nothing behind.
    uint64_t generation ABSL_GUARDED_BY(mu) = 0;
  };

  Shard& ShardOf(int64_t id) { return shards_[static_cast<uint64_t>(id) % kShards]; }
  void InvalidateMember(int64_t id);

  const int64_t shard_budget_;
  const absl::Duration max_staleness_;
  std::array<Shard, kShards> shards_;
  std::atomic<uint64_t> tree_generation_{0};
  // absl::ToUnixNanos of the last completed pass's start; INT64_MIN before the first.
  std::atomic<int64_t> followed_from_ns_;
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
  std::atomic<uint64_t> bypasses_{0};
};

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_CACHE_H_
