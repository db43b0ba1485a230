// MemberCache's rules, without a database: when it answers, what invalidates what, fills
// racing with invalidation, its memory budget.
#include "services/membership/store/member_cache.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1'700'000'000);
constexpr absl::Duration kStaleness = absl::Milliseconds(500);

MemberWithPath Found(int64_t id, const std::string& name = "Nguyễn Thị Minh Khai") {
  MemberWithPath found;
  found.member.id = id;
  found.member.full_name = name;
  found.organization_path = "/1/7/";
  return found;
}

class MemberCacheTest : public ::testing::Test {
 protected:
  MemberCacheTest()
      : cache_(MemberCacheOptions{.max_bytes = 1 << 20, .max_staleness = kStaleness}) {
    cache_.Followed(kStart);
  }

  void Fill(int64_t id, const std::string& name = "Nguyễn Thị Minh Khai") {
    cache_.Fill(cache_.BeginFill(id), Found(id, name));
  }
  bool Has(int64_t id) { return cache_.Find(id, kStart).has_value(); }

  MemberCache cache_;
};

TEST_F(MemberCacheTest, AFilledMemberIsFoundWithItsPath) {
  Fill(42);
  std::optional<MemberWithPath> found = cache_.Find(42, kStart);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->member.full_name, "Nguyễn Thị Minh Khai");
  EXPECT_EQ(found->organization_path, "/1/7/");
  EXPECT_FALSE(Has(43));
  const MemberCacheStats stats = cache_.Stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.entries, 1);
  EXPECT_GT(stats.bytes, 0);
}

TEST_F(MemberCacheTest, NothingIsKeptBeforeTheFollowersFirstPass) {
  MemberCache cold(MemberCacheOptions{.max_bytes = 1 << 20, .max_staleness = kStaleness});
  // A read before the follower took its position could miss a write it will never replay.
  cold.Fill(cold.BeginFill(42), Found(42));
  cold.Followed(kStart);
  EXPECT_FALSE(cold.Find(42, kStart).has_value());
  EXPECT_EQ(cold.Stats().entries, 0);
}

TEST_F(MemberCacheTest, ItStopsAnsweringWhenTheFollowerFallsBehind) {
  Fill(42);
  EXPECT_TRUE(cache_.Find(42, kStart + kStaleness).has_value());
  EXPECT_FALSE(cache_.Find(42, kStart + kStaleness + absl::Milliseconds(1)).has_value());
  EXPECT_EQ(cache_.Stats().bypasses, 1u);
  cache_.Followed(kStart + absl::Seconds(1));
  EXPECT_TRUE(cache_.Find(42, kStart + absl::Seconds(1) + kStaleness).has_value());
}

TEST_F(MemberCacheTest, AnOlderPassNeverMovesTheBoundBack) {
  Fill(42);
  cache_.Followed(kStart - absl::Seconds(10));
  EXPECT_TRUE(cache_.Find(42, kStart + kStaleness).has_value());
}

TEST_F(MemberCacheTest, AChangeToTheMemberOrAnythingUnderItDropsOnlyThatMember) {
  Fill(42);
  Fill(420);
  Fill(7);
  cache_.Invalidate("members/42");
  EXPECT_FALSE(Has(42));
  EXPECT_TRUE(Has(420));
  cache_.Invalidate("members/7/badges/30");
  EXPECT_FALSE(Has(7));
  EXPECT_TRUE(Has(420));
}

TEST_F(MemberCacheTest, OtherResourcesAndMalformedNamesDropNothing) {
  Fill(42);
  for (const char* resource : {"inspections/42", "members/", "members/42x", "members/abc",
                               "disciplinary_decisions/42", ""}) {
    cache_.Invalidate(resource);
    EXPECT_TRUE(Has(42)) << resource;
  }
}

TEST_F(MemberCacheTest, AnOrganizationChangeDropsEveryMember) {
  Fill(42);
  Fill(43);
  cache_.Invalidate("organizations/9");
  EXPECT_FALSE(Has(42));
  EXPECT_FALSE(Has(43));
  EXPECT_EQ(cache_.Stats().entries, 0);
}

TEST_F(MemberCacheTest, AFillThatMayPredateAWriteIsDropped) {
  const MemberCache::Ticket ticket = cache_.BeginFill(42);
  // The write commits and invalidates while the read is on its way back.
  cache_.Invalidate("members/42");
  cache_.Fill(ticket, Found(42, "old name"));
  EXPECT_FALSE(Has(42));
  // A fill started after the write is kept.
  Fill(42, "new name");
  ASSERT_TRUE(Has(42));
  EXPECT_EQ(cache_.Find(42, kStart)->member.full_name, "new name");
}

TEST_F(MemberCacheTest, AFillThatMayPredateAMoveIsDropped) {
  const MemberCache::Ticket ticket = cache_.BeginFill(42);
  cache_.Invalidate("organizations/7");
  cache_.Fill(ticket, Found(42));
  EXPECT_FALSE(Has(42));
}

TEST_F(MemberCacheTest, AFillForAnotherMemberThanTheTicketsIsRefused) {
  cache_.Fill(cache_.BeginFill(42), Found(43));
  EXPECT_FALSE(Has(42));
  EXPECT_FALSE(Has(43));
}

TEST_F(MemberCacheTest, ItStaysWithinItsMemoryBudget) {
  constexpr int64_t kBudget = 256 << 10;
  MemberCache small(MemberCacheOptions{.max_bytes = kBudget, .max_staleness = kStaleness});
  small.Followed(kStart);
  const std::string long_name(200, 'x');
  for (int64_t id = 1; id <= 20'000; ++id) small.Fill(small.BeginFill(id), Found(id, long_name));
  const MemberCacheStats stats = small.Stats();
  EXPECT_LE(stats.bytes, kBudget);
  EXPECT_GT(stats.entries, 100);
  EXPECT_LT(stats.entries, 20'000);
  // The newest fill of a shard is never its victim.
  EXPECT_TRUE(small.Find(20'000, kStart).has_value());
}

TEST_F(MemberCacheTest, AZeroBudgetKeepsNothing) {
  MemberCache off(MemberCacheOptions{.max_bytes = 0, .max_staleness = kStaleness});
  off.Followed(kStart);
  off.Fill(off.BeginFill(42), Found(42));
  EXPECT_EQ(off.Stats().entries, 0);
}

}  // namespace
}  // namespace dangbo::membership
