// Keeps a MemberCache coherent with other replicas' writes by following the outbox: every
// interval it reads the resources changed since its position and invalidates them.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_CACHE_FOLLOWER_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_CACHE_FOLLOWER_H_

#include <cstdint>
#include <optional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/membership/store/member_cache.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {

class MemberCacheFollower {
 public:
  // Passes run every `interval`; a quarter of the cache's max_staleness lets a slow pass or
  // two go by without the cache turning itself off.
  MemberCacheFollower(MembershipStore& store, MemberCache& cache, absl::Duration interval);
  ~MemberCacheFollower();  // stops the thread

  void Start();
  void Stop();

  // One pass: the first takes the outbox's head as its position; later ones invalidate what
  // committed after it. On success the cache learns the pass's start time.
  absl::Status FollowOnce();

 private:
  void Run();

  MembershipStore& store_;
  MemberCache& cache_;
  const absl::Duration interval_;
  std::optional<int64_t> position_;  // only the pass running touches it

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_CACHE_FOLLOWER_H_
