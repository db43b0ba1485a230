// A bounded hand-over between two stages of the feed pipeline (fetch, prepare, commit, apply):
// it keeps order, bounds how far a stage may run ahead of the next one (and so the memory held
// in pages), and lets either side end the exchange: the producer when it has nothing more, the
// consumer when it failed and must not be fed any longer.
#ifndef DANGBO_SERVICES_REPORTING_FEED_PAGE_QUEUE_H_
#define DANGBO_SERVICES_REPORTING_FEED_PAGE_QUEUE_H_

#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace dangbo::reporting {

template <typename Page>
class PageQueue {
 public:
  explicit PageQueue(size_t capacity) : capacity_(capacity) {}

  // Waits for room; false when the consumer gave up (the page is dropped).
  bool Push(Page page) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &PageQueue::HasRoomOrAbandoned));
    if (abandoned_) return false;
    pages_.push_back(std::move(page));
    return true;
  }

  // The next page in order; nullopt once the producer closed and every page was taken.
  std::optional<Page> Pop() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &PageQueue::HasPageOrClosed));
    if (pages_.empty()) return std::nullopt;
    Page page = std::move(pages_.front());
    pages_.pop_front();
    return page;
  }

  // The next page only if one is waiting now: lets a consumer gather what piled up.
  std::optional<Page> TryPop() {
    absl::MutexLock lock(&mu_);
    if (pages_.empty()) return std::nullopt;
    Page page = std::move(pages_.front());
    pages_.pop_front();
    return page;
  }

  // Producer: no more pages.
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  // Consumer: stop accepting pages and drop those waiting.
  void Abandon() {
    absl::MutexLock lock(&mu_);
    abandoned_ = true;
    pages_.clear();
  }

 private:
  bool HasRoomOrAbandoned() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return abandoned_ || pages_.size() < capacity_;
  }
  bool HasPageOrClosed() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closed_ || !pages_.empty();
  }

  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<Page> pages_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool abandoned_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_FEED_PAGE_QUEUE_H_
