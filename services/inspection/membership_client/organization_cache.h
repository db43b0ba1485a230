// Organization infos seen lately. Organizations move rarely and are never deleted, so a short
// time to live spares membership a lookup on most writes while a move shows up within it.
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_ORGANIZATION_CACHE_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_ORGANIZATION_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/inspection/membership_client/directory.h"

namespace dangbo::inspection {

class OrganizationCache {
 public:
  // `ttl` zero or negative: nothing is kept. At most `capacity` entries.
  OrganizationCache(absl::Duration ttl, size_t capacity);

  // The info stored for `id` less than ttl before `now`.
  std::optional<OrganizationInfo> Find(int64_t id, absl::Time now) const;
  void Put(const OrganizationInfo& info, absl::Time now);

  size_t size() const;

 private:
  struct Entry {
    OrganizationInfo info;
    absl::Time stored;
  };

  const absl::Duration ttl_;
  const size_t capacity_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<int64_t, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_ORGANIZATION_CACHE_H_
