// Reading a service's change feed: its outbox rows after a position, in sequence order, over any
// schema with the outbox and outbox_head tables of the services' V001 migrations.
#ifndef DANGBO_COMMON_DB_OUTBOX_FEED_H_
#define DANGBO_COMMON_DB_OUTBOX_FEED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/pool.h"

namespace dangbo::db {

// A committed change, as the feed returns it.
struct StoredChange {
  int64_t sequence = 0;
  std::string resource;
  std::string change_type;
  std::string payload;
  std::string request_id;
  absl::Time commit_time;
};

// What a cache needs to know of a change: which resource it touched.
struct ChangedResource {
  int64_t sequence = 0;
  std::string resource;
};

// The largest page a feed read returns: a follower catching up reads thousands a call.
inline constexpr int kMaxChangesPage = 10'000;

// Changes with sequence > after_sequence in order, at most page_size (clamped to
// 1..kMaxChangesPage). A reader that resumes after the last sequence it got misses nothing: the
// page never runs past a change that has committed but is not yet visible (outbox_feed.cc).
absl::StatusOr<std::vector<StoredChange>> ReadChanges(Pool& pool, int64_t after_sequence,
                                                      int page_size);
// The same rows without their payloads, at most `limit` (clamped likewise).
absl::StatusOr<std::vector<ChangedResource>> ReadChangedResources(Pool& pool,
                                                                  int64_t after_sequence,
                                                                  int limit);
// The last sequence handed out.
absl::StatusOr<int64_t> ReadHeadSequence(Pool& pool);

namespace internal {

// How often, and after which waits, a page with a hole is read again before the hole is taken
// for rows that are gone (deleted by hand) and the page returned as read.
inline constexpr int kHoleReads = 8;
inline constexpr absl::Duration kFirstHoleWait = absl::Milliseconds(1);

// The index of the first row whose sequence does not follow the one before it (after_sequence
// before the first row), or rows.size() when the page runs on without a hole.
template <typename Row>
size_t FirstHole(int64_t after_sequence, const std::vector<Row>& rows) {
  int64_t expected = after_sequence + 1;
  for (size_t i = 0; i < rows.size(); ++i, ++expected) {
    if (rows[i].sequence != expected) return i;
  }
  return rows.size();
}

// Reads a page with `read` until it has no hole, waiting (with `wait`) 1, 2, 4 … ms between
// reads, at most kHoleReads reads; then returns the last page read, hole and all.
template <typename Row>
absl::StatusOr<std::vector<Row>> ReadWithoutTransientHoles(
    int64_t after_sequence, absl::FunctionRef<absl::StatusOr<std::vector<Row>>()> read,
    absl::FunctionRef<void(absl::Duration)> wait) {
  absl::Duration backoff = kFirstHoleWait;
  for (int reads = 1;; ++reads) {
    absl::StatusOr<std::vector<Row>> page = read();
    if (!page.ok() || FirstHole(after_sequence, *page) == page->size() || reads == kHoleReads) {
      return page;
    }
    wait(backoff);
    backoff *= 2;
  }
}

}  // namespace internal
}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_OUTBOX_FEED_H_
