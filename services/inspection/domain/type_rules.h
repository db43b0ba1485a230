// Which body may conduct which kind of inspection or supervision (domain.md §3's table).
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_TYPE_RULES_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_TYPE_RULES_H_

#include <vector>

#include "absl/status/status.h"
#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

// The bodies that may conduct `type`; empty for kUnspecified.
std::vector<ConductingBody> ConductingBodiesFor(InspectionType type);

bool MayConduct(ConductingBody body, InspectionType type);

// OK, INVALID_ARGUMENT ("type: ..." / "conducting_body: ...") for an unspecified value, or
// FAILED_PRECONDITION "conducting_body: ..." naming the bodies that may conduct the type.
absl::Status CheckConductingBody(InspectionType type, ConductingBody body);

// Supervision (giám sát) follows and reminds; inspection (kiểm tra) concludes on violations.
bool IsSupervision(InspectionType type);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_TYPE_RULES_H_
