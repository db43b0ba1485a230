#include "services/reporting/domain/rating_targets.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {

absl::Status CheckTarget(const RatingTarget& target) {
  const std::optional<RatingFigureId> figure = FindRatingFigure(target.key);
  if (!figure.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("key: \"", target.key,
                     "\" is not a rating figure (ratings.members.*, "
                     "ratings.organizations.*, ratings.grassroots.*)"));
  }
  if (target.value < 0) return absl::InvalidArgumentError("value: must not be negative");
  if (DefinitionOf(*figure).percent && target.value > kWholePercent) {
    return absl::InvalidArgumentError(absl::StrCat("value: ", target.value, " exceeds 100 % (",
                                                   kWholePercent, " hundredths of a percent)"));
  }
  if (target.term_start_year < kFirstReportYear || target.term_start_year > kLastReportYear) {
    return absl::InvalidArgumentError(absl::StrCat("term_start_year: must be between ",
                                                   kFirstReportYear, " and ", kLastReportYear));
  }
  if (target.term_end_year <= target.term_start_year || target.term_end_year > kLastReportYear) {
    return absl::InvalidArgumentError(absl::StrCat("term_end_year: must be after term_start_year (",
                                                   target.term_start_year, ") and at most ",
                                                   kLastReportYear));
  }
  return absl::OkStatus();
}

std::vector<RatingTarget> TargetsForYear(std::span<const RatingTarget> targets, int year) {
  absl::flat_hash_map<RatingFigureId, const RatingTarget*> latest;
  for (const RatingTarget& t : targets) {
    if (year < t.term_start_year || year > t.term_end_year) continue;
    const std::optional<RatingFigureId> figure = FindRatingFigure(t.key);
    if (!figure.has_value()) continue;
    const RatingTarget*& held = latest[*figure];
    if (held == nullptr || t.term_start_year > held->term_start_year) held = &t;
  }
  std::vector<std::pair<RatingFigureId, const RatingTarget*>> ordered(latest.begin(), latest.end());
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<RatingTarget> out;
  out.reserve(ordered.size());
  for (const auto& [figure, target] : ordered) out.push_back(*target);
  return out;
}

bool Attains(const RatingActual& actual, const RatingTarget& target) {
  if (actual.whole <= 0) return false;
  // part/whole against value/kWholePercent (value/1 for counts), cross-multiplied. A percent's
  // value is at most kWholePercent and a count's whole is 1, so neither side can overflow.
  const std::optional<RatingFigureId> figure = FindRatingFigure(target.key);
  const int64_t scale = figure.has_value() && DefinitionOf(*figure).percent ? kWholePercent : 1;
  const int64_t lhs = actual.part * scale;
  const int64_t rhs = target.value * actual.whole;
  return target.at_least ? lhs >= rhs : lhs <= rhs;
}

}  // namespace dangbo::reporting
