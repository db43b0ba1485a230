#include "bench/load/latency.h"

#include <algorithm>

namespace dangbo::bench {
namespace {

// The smallest sample with at least `per_mille` / 1000 of all samples at or below it.
int64_t NearestRank(std::vector<int64_t>& nanos, int per_mille) {
  const size_t n = nanos.size();
  size_t rank = (n * static_cast<size_t>(per_mille) + 999) / 1000;
  rank = std::clamp<size_t>(rank, 1, n);
  std::nth_element(nanos.begin(), nanos.begin() + static_cast<ptrdiff_t>(rank - 1), nanos.end());
  return nanos[rank - 1];
}

}  // namespace

LatencySummary SummarizeLatencies(std::vector<int64_t>& nanos) {
  LatencySummary s;
  s.count = static_cast<int64_t>(nanos.size());
  if (nanos.empty()) return s;
  long double sum = 0;
  for (int64_t x : nanos) sum += x;
  s.mean = absl::Nanoseconds(static_cast<int64_t>(sum / nanos.size()));
  s.max = absl::Nanoseconds(*std::max_element(nanos.begin(), nanos.end()));
  s.p50 = absl::Nanoseconds(NearestRank(nanos, 500));
  s.p90 = absl::Nanoseconds(NearestRank(nanos, 900));
  s.p99 = absl::Nanoseconds(NearestRank(nanos, 990));
  s.p999 = absl::Nanoseconds(NearestRank(nanos, 999));
  return s;
}

}  // namespace dangbo::bench
