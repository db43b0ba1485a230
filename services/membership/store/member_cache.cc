#include "services/membership/store/member_cache.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <system_error>


namespace dangbo::membership {
namespace {

// Heap bytes of a string beyond the object itself (none while it fits the small buffer).
int64_t HeapBytes(const std::string& s) {
  return s.capacity() > sizeof(std::string) ? static_cast<int64_t>(s.capacity()) : 0;
}

// An estimate of what an entry holds, for the budget: the slot, plus the strings' heap.
// A string field added to Member and left out here only makes the estimate a little low.
int64_t ApproximateBytes(const MemberWithPath& found) {
  const Member& m = found.member;
  const PersonalData& p = m.personal;
  return static_cast<int64_t>(sizeof(int64_t) + sizeof(MemberWithPath) + 2 * sizeof(uint64_t)) +
         HeapBytes(found.organization_path) + HeapBytes(m.full_name) +
         HeapBytes(m.party_card_number) + HeapBytes(m.party_profile_number) +
         HeapBytes(m.general_education) + HeapBytes(m.professional_qualification) +
         HeapBytes(m.academic_title) + HeapBytes(m.occupation) + HeapBytes(m.position) +
         HeapBytes(p.citizen_id) + HeapBytes(p.ethnicity) + HeapBytes(p.religion) +
         HeapBytes(p.address);
}

// The member a resource name is about: "members/42" and "members/42/badges/30" give 42.
std::optional<int64_t> MemberOf(std::string_view resource) {
  constexpr std::string_view kPrefix = "members/";
  if (!resource.starts_with(kPrefix)) return std::nullopt;
  resource.remove_prefix(kPrefix.size());
  const std::string_view digits = resource.substr(0, resource.find('/'));
  int64_t id = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return id;
}

}  // namespace

MemberCache::MemberCache(const MemberCacheOptions& options)
    : shard_budget_(std::max<int64_t>(options.max_bytes, 0) / kShards),
      max_staleness_(options.max_staleness),
      followed_from_ns_(std::numeric_limits<int64_t>::min()) {}

std::optional<MemberWithPath> MemberCache::Find(int64_t id, absl::Time now) {
  const int64_t followed_from = followed_from_ns_.load(std::memory_order_acquire);
  if (followed_from == std::numeric_limits<int64_t>::min() ||
      now - absl::FromUnixNanos(followed_from) > max_staleness_) {
    bypasses_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  const uint64_t tree = tree_generation_.load(std::memory_order_acquire);
  Shard& shard = ShardOf(id);
  {
    absl::MutexLock lock(&shard.mu);
    auto it = shard.entries.find(id);
    if (it != shard.entries.end()) {
      if (it->second.tree_generation == tree) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return it->second.found;
      }
      shard.bytes -= it->second.bytes;
      shard.entries.erase(it);
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

MemberCache::Ticket MemberCache::BeginFill(int64_t id) {
  Ticket ticket{.id = id};
  ticket.followed =
      followed_from_ns_.load(std::memory_order_acquire) != std::numeric_limits<int64_t>::min();
  ticket.tree_generation = tree_generation_.load(std::memory_order_acquire);
  Shard& shard = ShardOf(id);
  absl::MutexLock lock(&shard.mu);
  ticket.shard_generation = shard.generation;
  return ticket;
}

void MemberCache::Fill(const Ticket& ticket, const MemberWithPath& found) {
  if (!ticket.followed || found.member.id != ticket.id) return;
  const int64_t bytes = ApproximateBytes(found);
  if (bytes > shard_budget_) return;
  Shard& shard = ShardOf(ticket.id);
  absl::MutexLock lock(&shard.mu);
  // Read under the shard's lock: Clear moves the tree generation before it takes the locks,
  // so a fill that gets the lock after a Clear sees the new generation.
  if (shard.generation != ticket.shard_generation ||
      tree_generation_.load(std::memory_order_acquire) != ticket.tree_generation) {
    return;
  }
  if (auto it = shard.entries.find(ticket.id); it != shard.entries.end()) {
    shard.bytes -= it->second.bytes;
    shard.entries.erase(it);
  }
  // Evicts arbitrary entries (the first slots of the table, in hash order): for members read
  // at random that is as good as least-recently-used, with no bookkeeping on a hit.
  while (shard.bytes + bytes > shard_budget_ && !shard.entries.empty()) {
    auto victim = shard.entries.begin();
    shard.bytes -= victim->second.bytes;
    shard.entries.erase(victim);
  }
  shard.entries.emplace(ticket.id, Entry{.found = found,
                                         .tree_generation = ticket.tree_generation,
                                         .bytes = bytes});
  shard.bytes += bytes;
}

void MemberCache::InvalidateMember(int64_t id) {
  Shard& shard = ShardOf(id);
  absl::MutexLock lock(&shard.mu);
  ++shard.generation;
  if (auto it = shard.entries.find(id); it != shard.entries.end()) {
    shard.bytes -= it->second.bytes;
    shard.entries.erase(it);
  }
}

void MemberCache::Invalidate(std::string_view resource) {
  if (std::optional<int64_t> member = MemberOf(resource)) {
    InvalidateMember(*member);
  } else if (resource.starts_with("organizations/")) {
    Clear();
  }
}

void MemberCache::Clear() {
  tree_generation_.fetch_add(1, std::memory_order_acq_rel);
  // Entries of older generations are never served; freeing them now keeps the budget honest.
  for (Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    shard.entries.clear();
    shard.bytes = 0;
  }
}

void MemberCache::Followed(absl::Time pass_start) {
  const int64_t ns = absl::ToUnixNanos(pass_start);
  int64_t seen = followed_from_ns_.load(std::memory_order_relaxed);
  // Never backwards, should passes ever overlap.
  while (seen < ns &&
         !followed_from_ns_.compare_exchange_weak(seen, ns, std::memory_order_acq_rel)) {
  }
}

MemberCacheStats MemberCache::Stats() const {
  MemberCacheStats stats;
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    stats.entries += static_cast<int64_t>(shard.entries.size());
    stats.bytes += shard.bytes;
  }
  stats.hits = hits_.load(std::memory_order_relaxed);
  stats.misses = misses_.load(std::memory_order_relaxed);
  stats.bypasses = bypasses_.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace dangbo::membership
