#include "services/membership/store/member_cache_follower.h"

#include <string>
#include <utility>
#include <vector>

#include "common/server/log.h"

namespace dangbo::membership {
namespace {

// Outbox rows read per query; an import batch writes a thousand.
constexpr int kPageSize = 4096;

}  // namespace

MemberCacheFollower::MemberCacheFollower(MembershipStore& store, MemberCache& cache,
                                         absl::Duration interval)
    : store_(store), cache_(cache), interval_(interval) {}

MemberCacheFollower::~MemberCacheFollower() { Stop(); }

void MemberCacheFollower::Start() {
  absl::MutexLock lock(&mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void MemberCacheFollower::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status MemberCacheFollower::FollowOnce() {
  const absl::Time pass_start = absl::Now();
  if (!position_.has_value()) {
    absl::StatusOr<int64_t> head = store_.HeadSequence();
    if (!head.ok()) return head.status();
    position_ = *head;
    cache_.Followed(pass_start);
    return absl::OkStatus();
  }
  for (;;) {
    absl::StatusOr<std::vector<ChangedResource>> page =
        store_.ListChangedResources(*position_, kPageSize);
    if (!page.ok()) return page.status();
    for (const auto& [sequence, resource] : *page) {
      // Sequences are dense and the feed read waits out holes still committing
      // (common/db/outbox_feed.cc): a hole here means rows went away unseen.
      if (sequence != *position_ + 1) cache_.Clear();
      cache_.Invalidate(resource);
      position_ = sequence;
    }
    if (static_cast<int>(page->size()) < kPageSize) break;
  }
  cache_.Followed(pass_start);
  return absl::OkStatus();
}

void MemberCacheFollower::Run() {
  bool failing = false;
  for (;;) {
    absl::Status status = FollowOnce();
    if (!status.ok() && !failing) {
      log::Warn("member cache follower cannot read the outbox; the cache turns itself off",
                {{"error", status.ToString()}});
    } else if (status.ok() && failing) {
      log::Info("member cache follower reads the outbox again");
    }
    failing = !status.ok();
    absl::MutexLock lock(&mu_);
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) return;
  }
}

}  // namespace dangbo::membership
