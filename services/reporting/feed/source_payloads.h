// The source services' resources, as their feeds carry them, turned into the values the
// read model keeps. Only the fields statistics use are read; the resource's feed sequence
// serves as its version (a later change always carries a later state).
#ifndef DANGBO_SERVICES_REPORTING_FEED_SOURCE_PAYLOADS_H_
#define DANGBO_SERVICES_REPORTING_FEED_SOURCE_PAYLOADS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dangbo/inspection/v1/discipline.pb.h"
#include "dangbo/inspection/v1/inspection.pb.h"
#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/member_event.pb.h"
#include "dangbo/membership/v1/organization.pb.h"
#include "dangbo/membership/v1/rating.pb.h"
#include "dangbo/type/v1/change.pb.h"
#include "google/protobuf/any.pb.h"
#include "services/inspection/domain/model.h"
#include "services/membership/domain/model.h"
#include "services/reporting/domain/organization_tree.h"
#include "services/reporting/domain/rating_model.h"

namespace dangbo::reporting {

// INVALID_ARGUMENT naming the field for a name or date that does not parse.
absl::StatusOr<inspection::Inspection> InspectionFromFeed(
    const dangbo::inspection::v1::Inspection& in, int64_t version);
absl::StatusOr<inspection::DisciplinaryDecision> DecisionFromFeed(
    const dangbo::inspection::v1::DisciplinaryDecision& in, int64_t version);
absl::StatusOr<inspection::Appeal> AppealFromFeed(const dangbo::inspection::v1::Appeal& in,
                                                  int64_t version);

absl::StatusOr<membership::Member> MemberFromFeed(const dangbo::membership::v1::Member& in,
                                                  int64_t version);
absl::StatusOr<membership::MemberEvent> MemberEventFromFeed(
    const dangbo::membership::v1::MemberEvent& in);

absl::StatusOr<RatingRecord> RatingFromFeed(const dangbo::membership::v1::Rating& in,
                                            int64_t version);
absl::StatusOr<membership::Badge> BadgeFromFeed(const dangbo::membership::v1::Badge& in);

// The key a change's resource is kept under in the read model's rows. Membership's feed names
// a rating by its subject (`members/{id}`), the very name of the member's own resource, so a
// rating is kept as `members/{id}/ratings/{year}` (`organizations/{id}/ratings/{year}`): one
// row per subject and year, apart from the subject's; a badge, named by its member too, as
// `members/{id}/badges/{years}`. Any other change keeps its resource.
std::string FeedResourceKey(const dangbo::type::v1::Change& change);

// The full name of a feed payload's message, e.g. "dangbo.membership.v1.Member".
std::string_view PayloadType(const google::protobuf::Any& payload);

// An organization's history (membership's ListOrganizationChanges, oldest first) as the rows
// of the tree: each change opens a row from its effective date with the organization as the
// change left it; a dissolution or a merge into another ends the last row on that date.
// Changes are taken in effective-date order, recording order breaking ties, because a change
// may be recorded after one that takes effect later.
absl::StatusOr<std::vector<OrganizationVersion>> OrganizationHistoryFromFeed(
    int64_t organization_id,
    const google::protobuf::RepeatedPtrField<dangbo::membership::v1::OrganizationChange>& changes);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_FEED_SOURCE_PAYLOADS_H_
