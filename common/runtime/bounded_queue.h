// A bounded hand-over from one producer thread to one consumer thread (the stages of the
// reporting feed pipeline; a dataset generator and the loader sending to a server): it keeps
// order, bounds how far the producer may run ahead (and so the memory held), and lets either side
// end the exchange: the producer when it has nothing more, the consumer when it failed and must
// not be fed any longer (the producer's pushes then return at once instead of blocking).
#ifndef DANGBO_COMMON_RUNTIME_BOUNDED_QUEUE_H_
#define DANGBO_COMMON_RUNTIME_BOUNDED_QUEUE_H_

#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace dangbo::runtime {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

  // Waits for room; false when the consumer gave up (the item is dropped).
  bool Push(T item) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BoundedQueue::HasRoomOrAbandoned));
    if (abandoned_) return false;
    items_.push_back(std::move(item));
    return true;
  }

  // The next item in order; nullopt once the producer closed and every item was taken.
  std::optional<T> Pop() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BoundedQueue::HasItemOrClosed));
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // The next item only if one is waiting now: lets a consumer gather what piled up.
  std::optional<T> TryPop() {
    absl::MutexLock lock(&mu_);
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Producer: no more items.
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  // Consumer: stop accepting items and drop those waiting.
  void Abandon() {
    absl::MutexLock lock(&mu_);
    abandoned_ = true;
    items_.clear();
  }

 private:
  bool HasRoomOrAbandoned() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return abandoned_ || items_.size() < capacity_;
  }
  bool HasItemOrClosed() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closed_ || !items_.empty();
  }

  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<T> items_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool abandoned_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace dangbo::runtime

#endif  // DANGBO_COMMON_RUNTIME_BOUNDED_QUEUE_H_
