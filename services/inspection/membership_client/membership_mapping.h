// Membership's answers as the directory's infos. Membership is trusted to answer well-formed
// names, but a malformed one is an error here, never a crash or a wrong path.
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_MEMBERSHIP_MAPPING_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_MEMBERSHIP_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/organization.pb.h"
#include "services/inspection/membership_client/directory.h"

namespace dangbo::inspection {

inline constexpr std::string_view kOrganizations = "organizations";
inline constexpr std::string_view kMembers = "members";

// The path "/1/5/23/" from `ancestors` (root first, the organization itself last).
absl::StatusOr<OrganizationInfo> OrganizationInfoFromProto(
    const dangbo::membership::v1::Organization& organization);

// `organization_path` is the path of the organization the member is registered at.
absl::StatusOr<MemberInfo> MemberInfoFromProto(const dangbo::membership::v1::Member& member,
                                               std::string organization_path);

// PROBATIONARY and FULL belong to the party; every other state has no standing.
MemberStanding StandingOf(dangbo::membership::v1::MemberState state);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_MEMBERSHIP_MAPPING_H_
