#include "services/reporting/domain/distinct_tally.h"

namespace dangbo::reporting {

DistinctTally::DistinctTally(size_t buckets, size_t subjects)
    : subjects_(subjects), occurrences_(buckets, 0), distinct_(buckets, 0) {}

void DistinctTally::Finish() {
  const size_t buckets = occurrences_.size();
  std::vector<size_t> start(buckets + 1, 0);
  for (size_t b = 0; b < buckets; ++b) start[b + 1] = start[b] + occurrences_[b];
  std::vector<uint32_t> sorted(entries_.size());
  std::vector<size_t> next(start.begin(), start.end() - 1);
  for (const Entry& e : entries_) sorted[next[e.bucket]++] = e.subject;
  entries_.clear();
  entries_.shrink_to_fit();

  std::vector<uint64_t> seen((subjects_ + 63) / 64, 0);
  for (size_t b = 0; b < buckets; ++b) {
    int64_t distinct = 0;
    for (size_t i = start[b]; i < start[b + 1]; ++i) {
      const uint32_t s = sorted[i];
      uint64_t& word = seen[s >> 6];
      const uint64_t bit = uint64_t{1} << (s & 63);
      distinct += (word & bit) == 0;
      word |= bit;
    }
    distinct_[b] = distinct;
    // Clear only the words this bucket touched, so the bitmap costs nothing per bucket.
    for (size_t i = start[b]; i < start[b + 1]; ++i) seen[sorted[i] >> 6] = 0;
  }
}

}  // namespace dangbo::reporting
