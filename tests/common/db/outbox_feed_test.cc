// A feed page never runs past a change that is not visible yet (common/db/outbox_feed.h).
#include "common/db/outbox_feed.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::db {
namespace {

using ::testing::ElementsAre;

struct Row {
  int64_t sequence = 0;
};

std::vector<int64_t> Sequences(const std::vector<Row>& rows) {
  std::vector<int64_t> sequences;
  for (const Row& row : rows) sequences.push_back(row.sequence);
  return sequences;
}

// Serves the given pages in turn, the last one for ever.
class PagedSource {
 public:
  explicit PagedSource(std::vector<std::vector<int64_t>> pages) : pages_(std::move(pages)) {}

  absl::StatusOr<std::vector<Row>> Next() {
    std::vector<Row> rows;
    for (int64_t sequence : pages_[std::min(reads_, pages_.size() - 1)]) {
      rows.push_back(Row{sequence});
    }
    ++reads_;
    return rows;
  }

  size_t reads() const { return reads_; }

 private:
  std::vector<std::vector<int64_t>> pages_;
  size_t reads_ = 0;
};

absl::StatusOr<std::vector<Row>> ReadFrom(PagedSource& source, int64_t after) {
  return internal::ReadWithoutTransientHoles<Row>(
      after, [&]() { return source.Next(); }, [](absl::Duration) {});
}

TEST(OutboxFeedTest, FirstHole_IsTheFirstSequenceThatDoesNotFollowOn) {
  EXPECT_EQ(internal::FirstHole(4, std::vector<Row>{{5}, {6}, {7}}), 3u);
  EXPECT_EQ(internal::FirstHole(4, std::vector<Row>{{5}, {7}, {8}}), 1u);
  EXPECT_EQ(internal::FirstHole(4, std::vector<Row>{{6}, {7}}), 0u);
  EXPECT_EQ(internal::FirstHole(4, std::vector<Row>{}), 0u);
}

TEST(OutboxFeedTest, APageWithoutAHoleIsReadOnce) {
  PagedSource source({{11, 12, 13}});
  absl::StatusOr<std::vector<Row>> page = ReadFrom(source, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(Sequences(*page), ElementsAre(11, 12, 13));
  EXPECT_EQ(source.reads(), 1u);
}

// The race the feed guards against: 12's commit is not yet visible while 13's is.
TEST(OutboxFeedTest, AHoleThatFillsIsReadAgainUntilThePageRunsOn) {
  PagedSource source({{11, 13}, {11, 13}, {11, 12, 13}});
  std::vector<absl::Duration> waits;
  absl::StatusOr<std::vector<Row>> page = internal::ReadWithoutTransientHoles<Row>(
      10, [&]() { return source.Next(); }, [&](absl::Duration d) { waits.push_back(d); });
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(Sequences(*page), ElementsAre(11, 12, 13));
  EXPECT_THAT(waits, ElementsAre(absl::Milliseconds(1), absl::Milliseconds(2)));
}

TEST(OutboxFeedTest, AHoleAtTheStartOfThePageIsWaitedOutToo) {
  PagedSource source({{12}, {11, 12}});
  absl::StatusOr<std::vector<Row>> page = ReadFrom(source, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(Sequences(*page), ElementsAre(11, 12));
  EXPECT_EQ(source.reads(), 2u);
}

// Rows deleted by hand never come back: after a bounded number of reads the page is returned
// as it is, and the reader decides (the member cache empties itself).
TEST(OutboxFeedTest, AHoleThatStaysIsReturnedAfterTheLastRead) {
  PagedSource source({{11, 13}});
  absl::StatusOr<std::vector<Row>> page = ReadFrom(source, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(Sequences(*page), ElementsAre(11, 13));
  EXPECT_EQ(source.reads(), static_cast<size_t>(internal::kHoleReads));
}

TEST(OutboxFeedTest, AnErrorIsReturnedAtOnce) {
  int reads = 0;
  absl::StatusOr<std::vector<Row>> page = internal::ReadWithoutTransientHoles<Row>(
      10,
      [&]() -> absl::StatusOr<std::vector<Row>> {
        ++reads;
        return absl::UnavailableError("server gone");
      },
      [](absl::Duration) {});
  EXPECT_EQ(page.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(reads, 1);
}

}  // namespace
}  // namespace dangbo::db
