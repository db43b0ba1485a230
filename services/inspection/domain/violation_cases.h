// The violation cases an inspection holds open against the members it names. Membership keeps
// them (RecordViolationCase) so that a member cannot resign out of a case (domain.md §2); this
// service tells it when one opens and when it is settled.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_VIOLATION_CASES_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_VIOLATION_CASES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

// Whether `inspection` holds a case open against the member `subject` names (false for an
// organization):
// - an inspection of signs of violation or a denunciation, from the decision establishing the
//   team until its conclusion;
// - a member found to be VIOLATION_REQUIRES_DISCIPLINE, until a decision disciplines them out of
//   this inspection (`decided` holds those members) or the inspection is closed.
// A cancelled inspection holds nothing.
bool HoldsCaseOpen(const Inspection& inspection, const InspectionSubject& subject,
                   const absl::flat_hash_set<int64_t>& decided);

struct CaseReport {
  int64_t member_id = 0;
  bool open = false;  // OPEN, else SETTLED
};

// What membership must be told when `before` (none for a new inspection) becomes `after`: an
// OPEN for every case open in `after` (reports repeat harmlessly: each is sent under a request
// id of its own), a SETTLED for every case open in `before` and no longer in `after`. In the
// order of the subjects, `before`'s removed subjects last.
std::vector<CaseReport> CaseReports(const std::optional<Inspection>& before,
                                    const absl::flat_hash_set<int64_t>& decided_before,
                                    const Inspection& after,
                                    const absl::flat_hash_set<int64_t>& decided_after);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_VIOLATION_CASES_H_
