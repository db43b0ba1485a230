#include "services/reporting/domain/rating_model.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::reporting {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

RatingRecord Rated(RatedSubjectKind kind, int64_t id, int year, RatingLevel level,
                   int64_t version) {
  return {.kind = kind,
          .subject_id = id,
          .year = year,
          .level = level,
          .rated_in_organization_id = 111,
          .version = version};
}

std::vector<RatingRecord> OfYear(const RatingModel& model, int year) {
  std::vector<RatingRecord> out;
  model.ForEachOfYear(year, [&](const RatingRecord& r) { out.push_back(r); });
  return out;
}

TEST(RatingModelTest, ALaterRatingOfTheSameYearReplacesTheEarlierOne) {
  RatingModel model;
  ASSERT_TRUE(model.Upsert(Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel::kGood, 3)).ok());
  ASSERT_TRUE(
      model.Upsert(Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel::kExcellent, 9)).ok());
  EXPECT_THAT(OfYear(model, 2024), UnorderedElementsAre(Rated(RatedSubjectKind::kMember, 7, 2024,
                                                              RatingLevel::kExcellent, 9)));
  EXPECT_EQ(model.size(), 1u);
}

TEST(RatingModelTest, AnOlderVersionArrivingLateIsIgnored) {
  RatingModel model;
  ASSERT_TRUE(
      model.Upsert(Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel::kExcellent, 9)).ok());
  ASSERT_TRUE(model.Upsert(Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel::kGood, 3)).ok());
  EXPECT_THAT(OfYear(model, 2024), UnorderedElementsAre(Rated(RatedSubjectKind::kMember, 7, 2024,
                                                              RatingLevel::kExcellent, 9)));
}

TEST(RatingModelTest, TheSameRatingTwiceChangesNothing) {
  RatingModel model;
  const RatingRecord r = Rated(RatedSubjectKind::kOrganization, 11, 2023, RatingLevel::kGood, 4);
  ASSERT_TRUE(model.Upsert(r).ok());
  ASSERT_TRUE(model.Upsert(r).ok());
  EXPECT_THAT(OfYear(model, 2023), UnorderedElementsAre(r));
  EXPECT_EQ(model.size(), 1u);
}

TEST(RatingModelTest, YearsAndSubjectKindsAreKeptApart) {
  RatingModel model;
  const RatingRecord member = Rated(RatedSubjectKind::kMember, 11, 2024, RatingLevel::kGood, 1);
  const RatingRecord organization =
      Rated(RatedSubjectKind::kOrganization, 11, 2024, RatingLevel::kCompleted, 2);
  const RatingRecord earlier = Rated(RatedSubjectKind::kMember, 11, 2023, RatingLevel::kGood, 3);
  ASSERT_TRUE(model.Upsert(member).ok());
  ASSERT_TRUE(model.Upsert(organization).ok());
  ASSERT_TRUE(model.Upsert(earlier).ok());
  EXPECT_THAT(OfYear(model, 2024), UnorderedElementsAre(member, organization));
  EXPECT_THAT(OfYear(model, 2023), UnorderedElementsAre(earlier));
  EXPECT_TRUE(OfYear(model, 2022).empty());
  EXPECT_EQ(model.size(), 3u);
}

TEST(RatingModelTest, BadRatingsAreRefusedNamingTheFieldAndLeaveTheModelUnchanged) {
  RatingModel model;
  struct Case {
    RatingRecord rating;
    const char* field;
  };
  RatingRecord no_level = Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel::kUnspecified, 1);
  RatingRecord bad_level = Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel{9}, 1);
  RatingRecord negative_org = Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel::kGood, 1);
  negative_org.rated_in_organization_id = -1;
  const std::vector<Case> cases = {
      {Rated(RatedSubjectKind::kMember, 0, 2024, RatingLevel::kGood, 1), "rating.subject"},
      {Rated(RatedSubjectKind::kMember, 7, 1929, RatingLevel::kGood, 1), "rating.year"},
      {no_level, "rating.level"},
      {bad_level, "rating.level"},
      {negative_org, "rating.rated_in_organization"},
      {Rated(RatedSubjectKind::kMember, 7, 2024, RatingLevel::kGood, -1), "rating.version"},
  };
  for (const Case& c : cases) {
    absl::Status s = model.Upsert(c.rating);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_THAT(std::string(s.message()), HasSubstr(c.field));
  }
  EXPECT_EQ(model.size(), 0u);
}

}  // namespace
}  // namespace dangbo::reporting
