#include "common/auth/verification_cache.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace dangbo::auth {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

Principal Named(std::string subject) {
  Principal principal;
  principal.subject = std::move(subject);
  return principal;
}

TEST(VerificationCacheTest, Lookup_BeforeExpiry_ReturnsInsertedPrincipal) {
  VerificationCache cache(10);
  cache.Insert("token", Named("alice"), kNow + absl::Minutes(1));

  std::optional<Principal> principal = cache.Lookup("token", kNow);

  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->subject, "alice");
}

TEST(VerificationCacheTest, Lookup_AtExpiry_MissesAndForgetsEntry) {
  VerificationCache cache(10);
  cache.Insert("token", Named("alice"), kNow + absl::Minutes(1));

  EXPECT_FALSE(cache.Lookup("token", kNow + absl::Minutes(1)).has_value());
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerificationCacheTest, Insert_BeyondCapacity_StaysBounded) {
  VerificationCache cache(100);

  for (int i = 0; i < 1000; ++i) {
    cache.Insert(absl::StrCat("token-", i), Named("caller"), kNow + absl::Hours(1));
  }

  EXPECT_LE(cache.size(), 100u);
  EXPECT_TRUE(cache.Lookup("token-999", kNow).has_value());
  EXPECT_FALSE(cache.Lookup("token-0", kNow).has_value());
}

TEST(VerificationCacheTest, Lookup_OfTokenInUse_KeepsItThroughTurnover) {
  VerificationCache cache(10);
  cache.Insert("busy", Named("busy caller"), kNow + absl::Hours(1));

  for (int i = 0; i < 100; ++i) {
    cache.Insert(absl::StrCat("idle-", i), Named("idle caller"), kNow + absl::Hours(1));
    ASSERT_TRUE(cache.Lookup("busy", kNow).has_value()) << "lost after " << i << " inserts";
  }
}

}  // namespace
}  // namespace dangbo::auth
