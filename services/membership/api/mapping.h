// Protos of dangbo.membership.v1 to the domain model and back. Input mapping validates what
// the wire can carry but the domain cannot (names, dates, enum ranges), naming the field.
#ifndef DANGBO_SERVICES_MEMBERSHIP_API_MAPPING_H_
#define DANGBO_SERVICES_MEMBERSHIP_API_MAPPING_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/api/etag.h"
#include "common/status/errors.h"
#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/member_event.pb.h"
#include "dangbo/membership/v1/organization.pb.h"
#include "dangbo/type/v1/decision.pb.h"
#include "services/membership/domain/model.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {

namespace pb = ::dangbo::membership::v1;

inline constexpr std::string_view kOrganizations = "organizations";
inline constexpr std::string_view kMembers = "members";

// Shared with the other services' adapters.
using api::Etag;
using api::ParseEtag;
using status::Prefixed;

absl::StatusOr<Decision> DecisionFromProto(std::string_view field,
                                           const dangbo::type::v1::Decision& in);
dangbo::type::v1::Decision DecisionToProto(const Decision& in);

// The fields a caller may set on creation; output-only fields are ignored.
absl::StatusOr<Organization> OrganizationFromProto(std::string_view field,
                                                   const pb::Organization& in);
pb::Organization OrganizationToProto(const Organization& in);
pb::OrganizationChange OrganizationChangeToProto(const OrganizationVersion& in);

absl::StatusOr<Member> MemberFromProto(std::string_view field, const pb::Member& in);
// Personal data is copied only when `with_personal_data`.
pb::Member MemberToProto(const Member& in, bool with_personal_data);

absl::StatusOr<MemberEvent> MemberEventFromProto(std::string_view field, const pb::MemberEvent& in);
pb::MemberEvent MemberEventToProto(const MemberEvent& in);

}  // namespace dangbo::membership

namespace dangbo::membership {

// A change-feed entry carrying `payload` as an Any; change_type is
// "<payload's full type name>.<verb>", e.g. "dangbo.membership.v1.Member.created".
ChangeRecord MakeChange(std::string resource, std::string_view verb,
                        const google::protobuf::Message& payload);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_API_MAPPING_H_
