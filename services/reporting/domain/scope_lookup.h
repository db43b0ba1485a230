// A scope's subtree over a period (OrganizationTree::Subtree) turned into an array over the read
// model's organization slots, so that testing a row costs one lookup: was this organization
// inside the scope on this day, and under which of the scope's direct children.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_SCOPE_LOOKUP_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_SCOPE_LOOKUP_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "services/reporting/domain/day_number.h"
#include "services/reporting/domain/inspection_model.h"
#include "services/reporting/domain/organization_tree.h"

namespace dangbo::reporting {

class ScopeLookup {
 public:
  static constexpr int kOutside = -1;
  static constexpr int kScopeItself = 0;

  // NOT_FOUND or FAILED_PRECONDITION as OrganizationTree::Subtree.
  static absl::StatusOr<ScopeLookup> Build(const OrganizationTree& tree,
                                           const InspectionModel& model, int64_t scope_id,
                                           const DateRange& range);

  // kOutside; kScopeItself; or k ≥ 1 for the direct child children()[k - 1].
  int Find(uint32_t organization_slot, DayNumber day) const {
    if (organization_slot >= head_.size()) return kOutside;
    for (int32_t s = head_[organization_slot]; s >= 0; s = segments_[s].next) {
      const Segment& seg = segments_[s];
      if (seg.from <= day && day <= seg.to) return seg.child;
    }
    return kOutside;
  }

  // The scope's direct children at some time in the period, by id.
  const std::vector<int64_t>& children() const { return children_; }

 private:
  struct Segment {
    DayNumber from;
    DayNumber to;  // included
    int child;
    int32_t next;
  };
  std::vector<int32_t> head_;  // by organization slot; -1: never inside
  std::vector<Segment> segments_;
  std::vector<int64_t> children_;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_SCOPE_LOOKUP_H_
