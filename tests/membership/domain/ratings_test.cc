#include "services/membership/domain/ratings.h"

#include "gtest/gtest.h"

namespace dangbo::membership {
namespace {

Rating MemberRating(RatingLevel level, std::optional<int> score = std::nullopt) {
  Rating rating;
  rating.subject_kind = Rating::SubjectKind::kMember;
  rating.subject_id = 7;
  rating.year = 2025;
  rating.level = level;
  rating.score = score;
  return rating;
}

TEST(LevelForScore, BandEdges) {
  const MembershipRules rules;
  EXPECT_EQ(LevelForScore(90, rules), RatingLevel::kExcellent);
  EXPECT_EQ(LevelForScore(89, rules), RatingLevel::kGood);
  EXPECT_EQ(LevelForScore(70, rules), RatingLevel::kGood);
  EXPECT_EQ(LevelForScore(69, rules), RatingLevel::kCompleted);
  EXPECT_EQ(LevelForScore(50, rules), RatingLevel::kCompleted);
  EXPECT_EQ(LevelForScore(49, rules), RatingLevel::kNotCompleted);
}

TEST(CheckRating, ScoreMatchingLevel_IsOk) {
  EXPECT_TRUE(CheckRating(MemberRating(RatingLevel::kGood, 75), false, MembershipRules{}).ok());
  EXPECT_TRUE(CheckRating(MemberRating(RatingLevel::kGood), false, MembershipRules{}).ok());
}

TEST(CheckRating, ScoreInAnotherBand_IsInvalidArgument) {
  const absl::Status status =
      CheckRating(MemberRating(RatingLevel::kExcellent, 85), false, MembershipRules{});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "score: 85 falls in the GOOD band, not EXCELLENT");
}

TEST(CheckRating, ScoreOutOfRange_IsInvalidArgument) {
  EXPECT_EQ(
      CheckRating(MemberRating(RatingLevel::kExcellent, 101), false, MembershipRules{}).code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      CheckRating(MemberRating(RatingLevel::kNotCompleted, -1), false, MembershipRules{}).code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(CheckRating, MissingLevel_IsInvalidArgument) {
  EXPECT_EQ(CheckRating(MemberRating(RatingLevel::kUnspecified), false, MembershipRules{}).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CheckRating, DisciplinedButRatedGood_IsFailedPrecondition) {
  const absl::Status status =
      CheckRating(MemberRating(RatingLevel::kGood), true, MembershipRules{});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message().substr(0, 6), "level:");
}

TEST(CheckRating, DisciplinedAndNotCompleted_IsOk) {
  EXPECT_TRUE(
      CheckRating(MemberRating(RatingLevel::kNotCompleted, 40), true, MembershipRules{}).ok());
}

TEST(BatchWarnings, ExcellentAtTwentyPercentOfGood_HasNoWarning) {
  std::vector<Rating> batch(10, MemberRating(RatingLevel::kGood));
  batch.insert(batch.end(), 2, MemberRating(RatingLevel::kExcellent));
  EXPECT_TRUE(BatchWarnings(batch, MembershipRules{}).empty());
}

TEST(BatchWarnings, ExcellentAboveTwentyPercentOfGood_Warns) {
  std::vector<Rating> batch(10, MemberRating(RatingLevel::kGood));
  batch.insert(batch.end(), 3, MemberRating(RatingLevel::kExcellent));
  EXPECT_EQ(BatchWarnings(batch, MembershipRules{}).size(), 1u);
}

TEST(BatchWarnings, OrganizationRatings_AreNotCounted) {
  std::vector<Rating> batch(3, MemberRating(RatingLevel::kExcellent));
  for (Rating& rating : batch) rating.subject_kind = Rating::SubjectKind::kOrganization;
  EXPECT_TRUE(BatchWarnings(batch, MembershipRules{}).empty());
}

}  // namespace
}  // namespace dangbo::membership
