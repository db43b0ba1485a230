#ifndef DANGBO_COMMON_AUTH_VERIFICATION_CACHE_H_
#define DANGBO_COMMON_AUTH_VERIFICATION_CACHE_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace dangbo::auth {

// Remembers the principals of tokens that passed verification, each until its token expires,
// so that a caller's second RPC costs a hash lookup instead of a signature check.
//
// Bounded by two generations instead of an exact LRU list: inserts go to the young generation;
// when it is full the old one is dropped and the young one becomes old; a hit in the old
// generation moves the entry back to the young one. Tokens in use survive, idle ones go
// within two generations, and a lookup takes one lock and at most two probes.
class VerificationCache {
 public:
  // Holds at most `capacity` entries (at least 2).
  explicit VerificationCache(size_t capacity);

  // The principal of `token` if it was verified and `now` is before its expiry.
  std::optional<Principal> Lookup(absl::string_view token, absl::Time now);

  void Insert(absl::string_view token, const Principal& principal, absl::Time expires_at);

  size_t size() const;

 private:
  struct Entry {
    Principal principal;
    absl::Time expires_at;
  };
  using Generation = absl::flat_hash_map<std::string, Entry>;

  void InsertYoung(std::string token, Entry entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t generation_capacity_;
  mutable absl::Mutex mutex_;
  Generation young_ ABSL_GUARDED_BY(mutex_);
  Generation old_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_VERIFICATION_CACHE_H_
