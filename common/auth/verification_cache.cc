#include "common/auth/verification_cache.h"

#include <algorithm>
#include <utility>

namespace dangbo::auth {

VerificationCache::VerificationCache(size_t capacity)
    : generation_capacity_(std::max<size_t>(capacity, 2) / 2) {}

std::optional<Principal> VerificationCache::Lookup(absl::string_view token, absl::Time now) {
  absl::MutexLock lock(&mutex_);
  if (auto young = young_.find(token); young != young_.end()) {
    if (now < young->second.expires_at) return young->second.principal;
    young_.erase(young);
    return std::nullopt;
  }
  auto old = old_.find(token);
  if (old == old_.end()) return std::nullopt;
  if (!(now < old->second.expires_at)) {
    old_.erase(old);
    return std::nullopt;
  }
  auto node = old_.extract(old);
  Principal principal = node.mapped().principal;
  InsertYoung(std::move(node.key()), std::move(node.mapped()));
  return principal;
}

void VerificationCache::Insert(absl::string_view token, const Principal& principal,
                               absl::Time expires_at) {
  absl::MutexLock lock(&mutex_);
  old_.erase(token);
  InsertYoung(std::string(token), Entry{principal, expires_at});
}

void VerificationCache::InsertYoung(std::string token, Entry entry) {
  if (young_.size() >= generation_capacity_ && !young_.contains(token)) {
    old_ = std::move(young_);
    young_ = Generation();
  }
  young_.insert_or_assign(std::move(token), std::move(entry));
}

size_t VerificationCache::size() const {
  absl::MutexLock lock(&mutex_);
  return young_.size() + old_.size();
}

}  // namespace dangbo::auth
