#include "services/membership/domain/violation_cases.h"

namespace dangbo::membership {

ViolationCase MergeViolationCase(const std::optional<ViolationCase>& stored,
                                 const ViolationCase& reported) {
  if (!stored.has_value()) return reported;
  ViolationCase merged = *stored;
  if (!merged.opened_date) merged.opened_date = reported.opened_date;
  if (merged.open && !reported.open) {
    merged.open = false;
    merged.settled_date = reported.settled_date;
    merged.recorded_by = reported.recorded_by;
  }
  return merged;
}

std::vector<std::string> OpenCaseSources(const std::vector<ViolationCase>& cases) {
  std::vector<std::string> sources;
  for (const ViolationCase& c : cases) {
    if (c.open) sources.push_back(c.source);
  }
  return sources;
}

}  // namespace dangbo::membership
