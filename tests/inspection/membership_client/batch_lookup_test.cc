// FetchKnown: the known ids of a batch come back however membership's whole-batch NOT_FOUND
// points at the unknown ones.
#include "services/inspection/membership_client/batch_lookup.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::inspection {
namespace {

using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

enum class Pointing { kResourceInfo, kMessage, kNothing };

// A fake batch read over the ids in `known`, failing whole like membership does.
struct FakeMembership {
  std::set<int64_t> known;
  Pointing pointing = Pointing::kResourceInfo;
  std::vector<size_t> batch_sizes;

  absl::StatusOr<std::vector<int64_t>> operator()(const std::vector<int64_t>& ids) {
    batch_sizes.push_back(ids.size());
    for (int64_t id : ids) {
      if (known.contains(id)) continue;
      const std::string name = absl::StrCat("members/", id);
      switch (pointing) {
        case Pointing::kResourceInfo:
          return status::NotFound("member", name);
        case Pointing::kMessage:
          return absl::NotFoundError(absl::StrCat(name, " not found"));
        case Pointing::kNothing:
          return absl::NotFoundError("something is missing");
      }
    }
    return ids;
  }
};

absl::StatusOr<std::vector<int64_t>> Fetch(FakeMembership& fake, const std::vector<int64_t>& ids,
                                           size_t max_batch = 1000) {
  return FetchKnown<int64_t>(ids, max_batch, "members",
                             [&](const std::vector<int64_t>& chunk) { return fake(chunk); });
}

TEST(FetchKnownTest, AllKnown_OneCallPerChunk) {
  FakeMembership fake{.known = {1, 2, 3, 4, 5}};
  absl::StatusOr<std::vector<int64_t>> got = Fetch(fake, {1, 2, 3, 4, 5}, 2);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, UnorderedElementsAre(1, 2, 3, 4, 5));
  EXPECT_EQ(fake.batch_sizes, (std::vector<size_t>{2, 2, 1}));
}

TEST(FetchKnownTest, UnknownNamedInResourceInfo_IsDroppedAndTheRestFetched) {
  FakeMembership fake{.known = {1, 3, 5}};
  absl::StatusOr<std::vector<int64_t>> got = Fetch(fake, {1, 2, 3, 4, 5});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, UnorderedElementsAre(1, 3, 5));
  EXPECT_EQ(fake.batch_sizes.size(), 3u);  // one retry per unknown id
}

TEST(FetchKnownTest, UnknownNamedOnlyInTheMessage_IsDropped) {
  FakeMembership fake{.known = {10, 30}, .pointing = Pointing::kMessage};
  absl::StatusOr<std::vector<int64_t>> got = Fetch(fake, {10, 20, 30});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, UnorderedElementsAre(10, 30));
  EXPECT_EQ(fake.batch_sizes.size(), 2u);
}

TEST(FetchKnownTest, UnknownNotPointedAt_IsFoundByHalving) {
  std::vector<int64_t> ids;
  std::set<int64_t> known;
  for (int64_t id = 1; id <= 40; ++id) {
    ids.push_back(id);
    if (id % 7 != 0) known.insert(id);
  }
  FakeMembership fake{.known = known, .pointing = Pointing::kNothing};
  absl::StatusOr<std::vector<int64_t>> got = Fetch(fake, ids);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, UnorderedElementsAreArray(known));
}

TEST(FetchKnownTest, NoneKnown_IsEmptyNotAnError) {
  FakeMembership fake{.known = {}};
  absl::StatusOr<std::vector<int64_t>> got = Fetch(fake, {7, 8, 9});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->empty());
}

TEST(FetchKnownTest, OtherErrors_AreReturnedAsIs) {
  int calls = 0;
  absl::StatusOr<std::vector<int64_t>> got =
      FetchKnown<int64_t>({1, 2}, 1000, "members",
                          [&](const std::vector<int64_t>&) -> absl::StatusOr<std::vector<int64_t>> {
                            ++calls;
                            return absl::UnavailableError("membership is down");
                          });
  EXPECT_EQ(got.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(calls, 1);
}

TEST(UnknownIdInTest, IgnoresIdsNotAskedForAndOtherCollections) {
  EXPECT_EQ(UnknownIdIn(absl::NotFoundError("members/5 not found"), "members", {4, 6}),
            std::nullopt);
  EXPECT_EQ(UnknownIdIn(absl::NotFoundError("organizations/5 not found"), "members", {5}),
            std::nullopt);
  EXPECT_EQ(UnknownIdIn(absl::NotFoundError("xmembers/5 not found"), "members", {5}), std::nullopt);
  EXPECT_EQ(UnknownIdIn(absl::NotFoundError("names[1]: members/5 not found"), "members", {4, 5}),
            5);
  EXPECT_EQ(UnknownIdIn(absl::InvalidArgumentError("members/5"), "members", {5}), std::nullopt);
}

}  // namespace
}  // namespace dangbo::inspection
