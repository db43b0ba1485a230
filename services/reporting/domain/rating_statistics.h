// The rating figures of a scope and year (domain.md §5: members and organizations by rating;
// seed 003's targets), from the ratings' read model, the members' read model and the
// organization tree as it stood at the year's end (31 December), and their attainment of the
// scope's targets.
//
// - Members: every member rated for the year, counted under the organization the member stood
//   in on 31 December (MembershipModel::StandingOn), or, for a member the members' model does
//   not place anywhere that day (left during the year, or not followed yet), under the
//   organization that rated them. Counted when that organization was inside the scope that day.
// - Organizations: every organization rated for the year that stood inside the scope on
//   31 December (the scope itself included); one dissolved or merged before then is no longer
//   reported. Grassroots (GRASSROOTS_COMMITTEE or GRASSROOTS_CELL) by the kind it had that day.
// - Percents: rated good or excellent over rated, in hundredths of a percent rounded down;
//   0 when nobody was rated.
// - Targets (rating_targets.h): for each target applying to the year, `target.<key>` holds the
//   target's value and `target.<key>.attained` 1 when the figure attains it, 0 when not.
//
// Every figure counts each subject once (distinct == occurrences on the wire).
//
// Drill-down (ListRatingFigureSubjects): the subjects a count figure counts; for a percent
// figure, those in its numerator (rated good or excellent), the whole being the matching
// "rated" figure's subjects. Target figures have none.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_RATING_STATISTICS_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_RATING_STATISTICS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/reporting/domain/inspection_statistics.h"  // FigureSubject
#include "services/reporting/domain/membership_model.h"
#include "services/reporting/domain/organization_tree.h"
#include "services/reporting/domain/rating_figures.h"
#include "services/reporting/domain/rating_model.h"
#include "services/reporting/domain/rating_targets.h"

namespace dangbo::reporting {

struct RatingFigureValue {
  std::string key;
  std::string label;
  int64_t value = 0;
};

struct RatingStatistics {
  int64_t scope_id = 0;
  int year = 0;
  // The catalogue in its order, then two figures per applying target in catalogue order.
  std::vector<RatingFigureValue> figures;

  int64_t value(RatingFigureId id) const { return figures[static_cast<int>(id)].value; }
  // The figure with this key; nullptr when there is none (a target that does not apply).
  const RatingFigureValue* Find(std::string_view key) const;
};

// The key of a target's value figure and of its attainment figure.
std::string TargetKey(std::string_view figure_key);
std::string AttainedKey(std::string_view figure_key);

// INVALID_ARGUMENT "year: ..." for a year outside the report years; NOT_FOUND "scope: ..." for a
// scope the tree has never held; FAILED_PRECONDITION when the tree's history has a cycle.
// `targets` are the scope's, of any term: those not applying to the year are left out.
absl::StatusOr<RatingStatistics> ComputeRatingStatistics(const OrganizationTree& tree,
                                                         const MembershipModel& members,
                                                         const RatingModel& ratings,
                                                         int64_t scope_id, int year,
                                                         std::span<const RatingTarget> targets);

// The members and organizations behind rating figure `key` of the scope and year, organizations
// first, each by id, counted under the organization ComputeRatingStatistics counts it under,
// its rating as the one source. INVALID_ARGUMENT "key: ..." for a key outside the rating
// catalogue (target figures included); otherwise as ComputeRatingStatistics.
absl::StatusOr<std::vector<FigureSubject>> ListRatingFigureSubjects(
    const OrganizationTree& tree, const MembershipModel& members, const RatingModel& ratings,
    int64_t scope_id, int year, std::string_view key);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_RATING_STATISTICS_H_
