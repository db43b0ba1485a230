#include "bench/reporting/organization_closure.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"

namespace dangbo::reporting::bench {
namespace {

struct Interval {
  DayNumber from;
  DayNumber to;  // excluded
  std::optional<int64_t> parent;
};

using Histories = absl::flat_hash_map<int64_t, std::vector<Interval>>;

// Emits (ancestor, descendant) for every version of `ancestor` overlapping [from, to), then
// climbs to that version's parent over the overlap.
bool Climb(const Histories& histories, int64_t ancestor, int64_t descendant, DayNumber from,
           DayNumber to, int depth, std::vector<ClosureRow>& out) {
  if (depth > OrganizationTree::kMaxDepth) return false;
  const auto it = histories.find(ancestor);
  if (it == histories.end()) return true;
  for (const Interval& v : it->second) {
    const DayNumber a = std::max(from, v.from);
    const DayNumber b = std::min(to, v.to);
    if (a >= b) continue;
    out.push_back({ancestor, descendant, a, b});
    if (v.parent.has_value() && !Climb(histories, *v.parent, descendant, a, b, depth + 1, out)) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<std::vector<ClosureRow>> BuildClosure(
    const std::vector<OrganizationVersion>& versions) {
  Histories histories;
  for (const OrganizationVersion& v : versions) {
    histories[v.organization_id].push_back(
        {ToDayNumber(v.valid_from), v.valid_to ? ToDayNumber(*v.valid_to) : kOpenEnd, v.parent_id});
  }
  std::vector<ClosureRow> rows;
  for (const auto& [organization, history] : histories) {
    for (const Interval& v : history) {
      rows.push_back({organization, organization, v.from, v.to});
      if (v.parent.has_value() &&
          !Climb(histories, *v.parent, organization, v.from, v.to, 1, rows)) {
        return absl::FailedPreconditionError("organization_versions: nested deeper than any tree");
      }
    }
  }
  std::sort(rows.begin(), rows.end(), [](const ClosureRow& x, const ClosureRow& y) {
    return std::tie(x.ancestor_id, x.descendant_id, x.valid_from) <
           std::tie(y.ancestor_id, y.descendant_id, y.valid_from);
  });
  // A move below the same ancestor leaves two stretches that meet: one row says it as well.
  std::vector<ClosureRow> joined;
  joined.reserve(rows.size());
  for (const ClosureRow& r : rows) {
    if (!joined.empty() && joined.back().ancestor_id == r.ancestor_id &&
        joined.back().descendant_id == r.descendant_id && joined.back().valid_to == r.valid_from) {
      joined.back().valid_to = r.valid_to;
    } else {
      joined.push_back(r);
    }
  }
  return joined;
}

}  // namespace dangbo::reporting::bench
