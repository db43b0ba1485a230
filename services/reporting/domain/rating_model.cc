#include "services/reporting/domain/rating_model.h"

#include "absl/strings/str_cat.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {
namespace {

// Ids above this would lose their top bit to the kind in the key.
constexpr int64_t kMaxId = int64_t{1} << 61;

}  // namespace

absl::Status RatingModel::Upsert(const RatingRecord& rating) {
  if (rating.subject_id <= 0 || rating.subject_id > kMaxId) {
    return absl::InvalidArgumentError(
        absl::StrCat("rating.subject: id ", rating.subject_id, " is out of range"));
  }
  if (rating.year < kFirstReportYear || rating.year > kLastReportYear) {
    return absl::InvalidArgumentError(absl::StrCat("rating.year: ", rating.year,
                                                   " is outside the report years ",
                                                   kFirstReportYear, "–", kLastReportYear));
  }
  if (rating.level < RatingLevel::kExcellent || rating.level > RatingLevel::kNotCompleted) {
    return absl::InvalidArgumentError(
        absl::StrCat("rating.level: ", static_cast<int>(rating.level), " is not a rating level"));
  }
  if (rating.rated_in_organization_id < 0) {
    return absl::InvalidArgumentError("rating.rated_in_organization: negative id");
  }
  if (rating.version < 0) return absl::InvalidArgumentError("rating.version: negative");
  auto [it, inserted] =
      years_[rating.year].try_emplace(KeyOf(rating.kind, rating.subject_id), rating);
  if (inserted) {
    ++size_;
  } else if (rating.version >= it->second.version) {
    it->second = rating;
  }
  return absl::OkStatus();
}

}  // namespace dangbo::reporting
