// Annual quality rating (đánh giá, xếp loại chất lượng), domain.md §2.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_RATINGS_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_RATINGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/model.h"

namespace dangbo::membership {

// The level a 100-point score falls in: >= 90 excellent, 70–89 good, 50–69 completed, below
// that not completed (bands from MembershipRules).
RatingLevel LevelForScore(int score, const MembershipRules& rules);

// INVALID_ARGUMENT for a missing level, a year outside 1930..9999, a score outside 0..100 or a
// score whose band is not the level given; FAILED_PRECONDITION when the subject was disciplined
// during the year (`disciplined_during_year`, looked up by the caller) and the level is not
// NOT_COMPLETED.
absl::Status CheckRating(const Rating& rating, bool disciplined_during_year,
                         const MembershipRules& rules);

// Warnings over one grassroots organization's batch of member ratings: members rated excellent
// should be at most 20 % of those rated good (a soft rule, domain.md marks it (?)).
std::vector<std::string> BatchWarnings(const std::vector<Rating>& batch,
                                       const MembershipRules& rules);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_RATINGS_H_
