// The closure table an SQL design keeps so that "inside scope S on day D" is one indexed join:
// one row per (ancestor, descendant) for each stretch of days during which the descendant hung
// below the ancestor (or was it), derived from organization_versions by intersecting each
// version's interval with its parent's versions up the tree.
//
// Built here straight from the version rows, not through OrganizationTree, so that the SQL side
// of the benchmark shares no code with the in-memory side it is checked against.
#ifndef DANGBO_BENCH_REPORTING_ORGANIZATION_CLOSURE_H_
#define DANGBO_BENCH_REPORTING_ORGANIZATION_CLOSURE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "services/reporting/domain/day_number.h"
#include "services/reporting/domain/organization_tree.h"

namespace dangbo::reporting::bench {

struct ClosureRow {
  int64_t ancestor_id = 0;
  int64_t descendant_id = 0;
  DayNumber valid_from = 0;
  DayNumber valid_to = kOpenEnd;  // excluded
};

// Rows sorted by (ancestor, descendant, valid_from), adjacent stretches joined.
// FAILED_PRECONDITION when the history nests deeper than OrganizationTree::kMaxDepth (a cycle).
absl::StatusOr<std::vector<ClosureRow>> BuildClosure(
    const std::vector<OrganizationVersion>& versions);

}  // namespace dangbo::reporting::bench

#endif  // DANGBO_BENCH_REPORTING_ORGANIZATION_CLOSURE_H_
