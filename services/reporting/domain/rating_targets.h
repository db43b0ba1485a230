// Targets of a term's resolution (chỉ tiêu nghị quyết nhiệm kỳ, seed 003) on the rating figures,
// and whether a year's figures attain them.
//
// A target belongs to a scope and a term and names one figure of the rating catalogue. A term
// runs from the start of term_start_year to the end of term_end_year, so consecutive terms
// share their boundary year (2020–2025, 2025–2030); for a year two terms cover, the later term's
// target on a figure supersedes the earlier one's (the new congress's resolution applies).
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_RATING_TARGETS_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_RATING_TARGETS_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/reporting/domain/rating_figures.h"

namespace dangbo::reporting {

struct RatingTarget {
  std::string key;  // a rating figure's key
  // Percent figures in hundredths of a percent (9000 = 90 %), counts as they are.
  int64_t value = 0;
  // True: the figure must reach at least `value`; false: at most `value`.
  bool at_least = true;
  int term_start_year = 0;
  int term_end_year = 0;
  friend bool operator==(const RatingTarget&, const RatingTarget&) = default;
};

// INVALID_ARGUMENT naming the field ("key: ...", "value: ...", "term_end_year: ..."): a key
// outside the rating catalogue, a negative value or a percent above 100 %, a term outside the
// report years or not ending after it starts.
absl::Status CheckTarget(const RatingTarget& target);

// The targets that apply to `year`: of those whose term covers it, per key the one of the
// latest-starting term. By catalogue order of their keys.
std::vector<RatingTarget> TargetsForYear(std::span<const RatingTarget> targets, int year);

// A figure's actual as an exact fraction: a count is count/1, a percent is part/whole.
struct RatingActual {
  int64_t part = 0;
  int64_t whole = 1;
};

// Whether `actual` attains `target`. Percent targets compare the exact fraction, not the figure
// rounded down to hundredths (so 89.999 % does not reach 90 %, and 0.004 % exceeds an "at most
// 0 %"); a percent of nobody rated attains no target.
bool Attains(const RatingActual& actual, const RatingTarget& target);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_RATING_TARGETS_H_
