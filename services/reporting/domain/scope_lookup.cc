#include "services/reporting/domain/scope_lookup.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"

namespace dangbo::reporting {

absl::StatusOr<ScopeLookup> ScopeLookup::Build(const OrganizationTree& tree,
                                               const InspectionModel& model, int64_t scope_id,
                                               const DateRange& range) {
  absl::StatusOr<std::vector<SubtreeSegment>> segments = tree.Subtree(scope_id, range);
  if (!segments.ok()) return segments.status();
  ScopeLookup lookup;
  for (const SubtreeSegment& s : *segments) {
    if (s.child_id != 0) lookup.children_.push_back(s.child_id);
  }
  std::sort(lookup.children_.begin(), lookup.children_.end());
  lookup.children_.erase(std::unique(lookup.children_.begin(), lookup.children_.end()),
                         lookup.children_.end());
  absl::flat_hash_map<int64_t, int> ordinal;
  for (size_t i = 0; i < lookup.children_.size(); ++i) {
    ordinal[lookup.children_[i]] = static_cast<int>(i) + 1;
  }
  lookup.head_.assign(model.organization_slots(), -1);
  lookup.segments_.reserve(segments->size());
  for (const SubtreeSegment& s : *segments) {
    // An organization the model never saw has no rows to count.
    const std::optional<uint32_t> slot = model.FindOrganization(s.organization_id);
    if (!slot.has_value()) continue;
    lookup.segments_.push_back({.from = ToDayNumber(s.from),
                                .to = ToDayNumber(s.to),
                                .child = s.child_id == 0 ? kScopeItself : ordinal[s.child_id],
                                .next = lookup.head_[*slot]});
    lookup.head_[*slot] = static_cast<int32_t>(lookup.segments_.size() - 1);
  }
  return lookup;
}

}  // namespace dangbo::reporting
