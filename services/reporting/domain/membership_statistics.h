// The membership figures of a scope and period (domain.md §5), from the members' read model and
// the organization tree as it stood, and the members or organizations behind any one of them.
//
// - Stocks (members.*, members.age.*): party members (probationary or full) on the period's last
//   day whose organization on that day (MembershipModel::StandingOn) was inside the scope then.
//   Age in whole years on that day from the birth date; a member without one is in no band.
//   Political theory levels (members.theory.*) from the member's latest state; a member with
//   none recorded is in no level.
// - Movements (members.movement.*): kept events effective in the period, attributed to an
//   organization inside the scope on the event's day: admitted (admit and re-admit) and
//   recognized by the organization after; struck off (strike off and probation not passed),
//   resigned, expelled and deceased by the organization before. An official transfer counts
//   when it is received, in for the destination's side and out for the origin's, and only where
//   it crosses the boundary: a move between two organizations of the scope is neither for the
//   scope, but is out of one child and into another. Merges and splits move members without
//   counting as transfers. Women and youth union members are read from the member's latest
//   state. Admitted in a private enterprise: the admitting organization, or the nearest one
//   above it recording an ownership, was in a private enterprise on the day.
// - Badges (members.badges.awarded): party badges awarded in the period, attributed to the
//   organization the member stood in on the award day; each badge an occurrence. An admission or recognition that no kept event records (a member imported with its
//   dates) counts on the member's admission decision date or full_member_date, for the
//   organization the member stood in that day; a member with an admit event has its first
//   admission there, one with a recognize event its latest recognition.
// - Organizations (organizations.kind.*, organizations.ownership.*): organizations existing on
//   the period's last day inside the scope, the scope itself included, by the kind and
//   ownership they had then. organizations.new_private_grassroots: grassroots organizations
//   established in the period (their earliest row starts in it) inside the scope on that day,
//   in a private enterprise then.
//
// Stocks and organizations have distinct == occurrences; movements count each event as an
// occurrence and each member once as distinct. A child's figures are the part of the scope's
// that came through that child; what belongs to the scope itself belongs to no child.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_STATISTICS_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_STATISTICS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/reporting/domain/inspection_statistics.h"
#include "services/reporting/domain/membership_figures.h"
#include "services/reporting/domain/membership_model.h"
#include "services/reporting/domain/organization_tree.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {

// Every figure of MembershipFigures(), in its order (Statistics::figure(MembershipFigureId)).
// INVALID_ARGUMENT "period: ..." for a range ending before it starts or outside the report
// years; NOT_FOUND "scope: ..." for a scope the tree has never held; FAILED_PRECONDITION when
// the tree's history has a cycle.
absl::StatusOr<Statistics> ComputeMembershipStatistics(const OrganizationTree& tree,
                                                       const MembershipModel& model,
                                                       const StatisticsRequest& request);

// The members (stocks and movements) or organizations behind figure `key` for the scope and
// range, by id. Stocks name SourceKind::kMember, organizations kOrganization, movements each
// event (kMemberEvent, by day then id). organization_id is where the subject was counted: the
// member's organization on the last day for stocks, the event's attributed organization (at its
// earliest event) for movements, the organization itself for organizations. A movement dated by
// the member's row names the member (SourceKind::kMember) as its source. INVALID_ARGUMENT
// "key: ..." for a key not in the catalogue; otherwise as ComputeMembershipStatistics.
absl::StatusOr<std::vector<FigureSubject>> ListMembershipFigureSubjects(
    const OrganizationTree& tree, const MembershipModel& model, int64_t scope_id,
    const DateRange& range, std::string_view key);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_STATISTICS_H_
