// Stable upper-case names (static strings) of the domain enumerations, as error messages and JSON
// spell them.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ENUM_NAMES_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ENUM_NAMES_H_

#include "services/membership/domain/model.h"

namespace dangbo::membership {

const char* OrganizationKindName(OrganizationKind kind);
const char* MemberStateName(MemberState state);
const char* MemberEventTypeName(MemberEventType type);
const char* RatingLevelName(RatingLevel level);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ENUM_NAMES_H_
