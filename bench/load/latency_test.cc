#include "bench/load/latency.h"

#include <vector>

#include "gtest/gtest.h"

namespace dangbo::bench {
namespace {

TEST(SummarizeLatencies, OneToThousand_GivesNearestRankPercentiles) {
  std::vector<int64_t> nanos;
  for (int64_t i = 1000; i >= 1; --i) nanos.push_back(i * 1000);
  const LatencySummary s = SummarizeLatencies(nanos);
  EXPECT_EQ(s.count, 1000);
  EXPECT_EQ(s.p50, absl::Microseconds(500));
  EXPECT_EQ(s.p90, absl::Microseconds(900));
  EXPECT_EQ(s.p99, absl::Microseconds(990));
  EXPECT_EQ(s.p999, absl::Microseconds(999));
  EXPECT_EQ(s.max, absl::Microseconds(1000));
  EXPECT_EQ(s.mean, absl::Nanoseconds(500500));
}

TEST(SummarizeLatencies, NoSamples_GivesZeroCount) {
  std::vector<int64_t> nanos;
  EXPECT_EQ(SummarizeLatencies(nanos).count, 0);
}

TEST(SummarizeLatencies, OneSlowCall_ShowsInMaxButNotMedian) {
  std::vector<int64_t> nanos(99, 100);
  nanos.push_back(1000000);
  const LatencySummary s = SummarizeLatencies(nanos);
  EXPECT_EQ(s.p50, absl::Nanoseconds(100));
  EXPECT_EQ(s.max, absl::Milliseconds(1));
}

}  // namespace
}  // namespace dangbo::bench
