// Checks on a member as a request states it, before the store sees it.
#ifndef DANGBO_SERVICES_MEMBERSHIP_API_MEMBER_RULES_H_
#define DANGBO_SERVICES_MEMBERSHIP_API_MEMBER_RULES_H_

#include "absl/status/status.h"
#include "services/membership/domain/model.h"

namespace dangbo::membership {

// The lifecycle dates a created or imported member must carry for its initial state:
// an applicant none; a probationary or full member the admission decision and ceremony
// (in order, not in the future), a full member also the date it became full.
absl::Status ValidateInitialState(const Member& m, Date today);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_API_MEMBER_RULES_H_
