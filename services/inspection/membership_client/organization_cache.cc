#include "services/inspection/membership_client/organization_cache.h"

namespace dangbo::inspection {

OrganizationCache::OrganizationCache(absl::Duration ttl, size_t capacity)
    : ttl_(ttl), capacity_(capacity) {}

std::optional<OrganizationInfo> OrganizationCache::Find(int64_t id, absl::Time now) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(id);
  if (it == entries_.end() || now - it->second.stored >= ttl_) return std::nullopt;
  return it->second.info;
}

void OrganizationCache::Put(const OrganizationInfo& info, absl::Time now) {
  if (ttl_ <= absl::ZeroDuration() || capacity_ == 0) return;
  absl::MutexLock lock(&mu_);
  if (!entries_.contains(info.id) && entries_.size() >= capacity_) {
    absl::erase_if(entries_, [&](const auto& entry) { return now - entry.second.stored >= ttl_; });
    // Still full of fresh entries: drop any, as each costs only one more lookup later.
    while (entries_.size() >= capacity_) entries_.erase(entries_.begin());
  }
  entries_.insert_or_assign(info.id, Entry{info, now});
}

size_t OrganizationCache::size() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace dangbo::inspection
