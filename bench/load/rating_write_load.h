// A paced write load on membership: BatchRecordRatings of one member at a time, at a fixed total
// rate, each call one change in membership's feed. It is the source load under which the
// reporting service's feed lag is measured (bench/run-reporting-bench).
#ifndef DANGBO_BENCH_LOAD_RATING_WRITE_LOAD_H_
#define DANGBO_BENCH_LOAD_RATING_WRITE_LOAD_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/load/latency.h"

namespace dangbo::bench {

struct WriteLoadOptions {
  std::string target;
  std::string token;
  double rate = 1000;  // calls per second, all threads together
  int threads = 16;    // synchronous callers; each keeps its share of the pace
  absl::Duration duration = absl::Seconds(30);
  absl::Duration call_deadline = absl::Seconds(5);
  int year = 2024;
  uint64_t seed = 1;
};

struct WriteLoadResult {
  int64_t calls = 0;
  absl::Duration elapsed;
  LatencySummary latency;
  std::map<std::string, int64_t> errors;  // by gRPC status code name
  // Calls started later than their slot by more than 100 ms: the server could not keep up.
  int64_t late = 0;
};

// Rates `members` (chosen at random) for `year`, one per call, at options.rate.
WriteLoadResult RunRatingWriteLoad(const std::vector<std::string>& members,
                                   const WriteLoadOptions& options);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_LOAD_RATING_WRITE_LOAD_H_
