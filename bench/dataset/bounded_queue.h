#ifndef DANGBO_BENCH_DATASET_BOUNDED_QUEUE_H_
#define DANGBO_BENCH_DATASET_BOUNDED_QUEUE_H_

#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "absl/synchronization/mutex.h"

namespace dangbo::bench {

// A queue between one producer and one consumer that holds at most `capacity` items, so a
// generator never runs gigabytes ahead of a slow server. A consumer that gives up abandons
// the queue, and the producer's pushes then return at once instead of blocking forever.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

  // False when the consumer abandoned the queue (the item is dropped).
  bool Push(T item) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BoundedQueue::HasRoomOrAbandoned));
    if (abandoned_) return false;
    items_.push_back(std::move(item));
    return true;
  }

  // No more pushes: Pop returns nullopt once the queue drains.
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  void Abandon() {
    absl::MutexLock lock(&mu_);
    abandoned_ = true;
    items_.clear();
  }

  std::optional<T> Pop() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BoundedQueue::HasItemOrClosed));
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
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

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_BOUNDED_QUEUE_H_
