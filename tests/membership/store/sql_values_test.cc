// The store's pure helpers: SQL time text, name words, id batches.
#include "services/membership/store/sql_values.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/membership/store/id_batches.h"
#include "services/membership/store/name_words.h"

namespace dangbo::membership::internal {
namespace {

using ::testing::ElementsAre;

absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone());
}

TEST(SqlTimeTest, ParseSqlTime_WithMicroseconds_KeepsThem) {
  EXPECT_EQ(ParseSqlTime("2026-11-23 07:38:11.000120"),
            Utc(2026, 11, 23, 7, 38, 11) + absl::Microseconds(120));
}

TEST(SqlTimeTest, ParseSqlTime_ShortFraction_IsScaledToMicroseconds) {
  EXPECT_EQ(ParseSqlTime("2026-11-23 07:38:11.5"),
            Utc(2026, 11, 23, 7, 38, 11) + absl::Milliseconds(500));
}

TEST(SqlTimeTest, ParseSqlTime_WithoutFraction_IsWholeSecond) {
  EXPECT_EQ(ParseSqlTime("2000-02-29 23:59:59"), Utc(2000, 2, 29, 23, 59, 59));
}

TEST(SqlTimeTest, ParseSqlTime_Garbage_IsInfinitePast) {
  EXPECT_EQ(ParseSqlTime("yesterday"), absl::InfinitePast());
}

TEST(SqlTimeTest, FormatThenParse_RoundTripsMicroseconds) {
  const absl::Time t = Utc(2025, 7, 1, 0, 0, 0) + absl::Microseconds(999999);
  EXPECT_EQ(ParseSqlTime(FormatSqlTime(t)), t);
}

TEST(NameWordsTest, NameWords_RepeatedWords_AreListedOnce) {
  EXPECT_THAT(NameWords("nguyen thi nguyen  anh"), ElementsAre("nguyen", "thi", "anh"));
}

TEST(NameWordsTest, NameWords_LongWord_IsCutAtCodePointLimit) {
  std::string long_word;
  for (int i = 0; i < 70; ++i) long_word += "\xc3\xa9";  // é, two bytes each
  std::vector<std::string> words = NameWords(long_word);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].size(), 2 * kMaxNameWordCodePoints);
}

TEST(IdBatchesTest, ForEachIdBatch_PadsToFewStatementShapes) {
  std::vector<int64_t> ids;
  for (int64_t i = 1; i <= 70; ++i) ids.push_back(i);
  std::vector<size_t> sizes;
  std::vector<int64_t> last_batch;
  ForEachIdBatch(ids, [&](const std::string& placeholders, const std::vector<int64_t>& batch) {
    sizes.push_back(batch.size());
    EXPECT_EQ(placeholders.size(), batch.size() * 3 - 2);  // "?, ?, ?"
    last_batch = batch;
  });
  EXPECT_THAT(sizes, ElementsAre(64u, 16u));
  EXPECT_EQ(last_batch.front(), 65);
  EXPECT_EQ(last_batch.back(), 70);
}

}  // namespace
}  // namespace dangbo::membership::internal
