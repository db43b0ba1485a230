#include "services/membership/domain/ratings.h"

#include "absl/strings/str_cat.h"
#include "services/membership/domain/enum_names.h"

namespace dangbo::membership {

RatingLevel LevelForScore(int score, const MembershipRules& rules) {
  if (score >= rules.rating_excellent_min_score) return RatingLevel::kExcellent;
  if (score >= rules.rating_good_min_score) return RatingLevel::kGood;
  if (score >= rules.rating_completed_min_score) return RatingLevel::kCompleted;
  return RatingLevel::kNotCompleted;
}

absl::Status CheckRating(const Rating& rating, bool disciplined_during_year,
                         const MembershipRules& rules) {
  if (rating.level == RatingLevel::kUnspecified ||
      std::string_view(RatingLevelName(rating.level)) == "UNKNOWN") {
    return absl::InvalidArgumentError("level: required");
  }
  if (rating.year < 1930 || rating.year > 9999) {
    return absl::InvalidArgumentError(absl::StrCat("year: ", rating.year, " is not a valid year"));
  }
  if (rating.score.has_value()) {
    const int score = *rating.score;
    if (score < 0 || score > 100) {
      return absl::InvalidArgumentError(absl::StrCat("score: ", score, " is outside 0..100"));
    }
    const RatingLevel band = LevelForScore(score, rules);
    if (band != rating.level) {
      return absl::InvalidArgumentError(absl::StrCat("score: ", score, " falls in the ",
                                                     RatingLevelName(band), " band, not ",
                                                     RatingLevelName(rating.level)));
    }
  }
  if (disciplined_during_year && rating.level != RatingLevel::kNotCompleted) {
    return absl::FailedPreconditionError(absl::StrCat("level: a subject disciplined during ",
                                                      rating.year, " is rated NOT_COMPLETED, not ",
                                                      RatingLevelName(rating.level)));
  }
  return absl::OkStatus();
}

std::vector<std::string> BatchWarnings(const std::vector<Rating>& batch,
                                       const MembershipRules& rules) {
  int excellent = 0;
  int good = 0;
  for (const Rating& rating : batch) {
    if (rating.subject_kind != Rating::SubjectKind::kMember) continue;
    if (rating.level == RatingLevel::kExcellent) ++excellent;
    if (rating.level == RatingLevel::kGood) ++good;
  }
  std::vector<std::string> warnings;
  // Integer comparison: excellent / good > percent / 100 without rounding.
  if (excellent * 100 > good * rules.rating_excellent_max_percent_of_good) {
    warnings.push_back(absl::StrCat(excellent, " members rated EXCELLENT exceed ",
                                    rules.rating_excellent_max_percent_of_good, " % of the ", good,
                                    " rated GOOD"));
  }
  return warnings;
}

}  // namespace dangbo::membership
