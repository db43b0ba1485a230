// Rules of the organization tree (domain.md §1): which kind sits under which, moves that would
// make a cycle, size warnings, and the materialized ancestor paths.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ORGANIZATION_RULES_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ORGANIZATION_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/model.h"

namespace dangbo::membership {

// Whether an organization of `kind` may be placed under `parent` (nullptr: as a root).
//   BLOC_COMMITTEE                         root only
//   UPPER_LEVEL_COMMITTEE                  under BLOC_COMMITTEE
//   GRASSROOTS_COMMITTEE, GRASSROOTS_CELL  under BLOC_COMMITTEE or UPPER_LEVEL_COMMITTEE, or a
//                                          GRASSROOTS_COMMITTEE granted upper-level powers
//   SUB_COMMITTEE                          under GRASSROOTS_COMMITTEE
//   CELL                                   under GRASSROOTS_COMMITTEE or SUB_COMMITTEE
//   PARTY_GROUP                            under CELL or GRASSROOTS_CELL
// INVALID_ARGUMENT "kind: ..." for an unspecified kind; FAILED_PRECONDITION "parent_id: ..."
// for a wrong parent kind or a parent that is dissolved or merged.
absl::Status CheckPlacement(OrganizationKind kind, const Organization* parent);

// CheckPlacement for `organization` under `new_parent`, and FAILED_PRECONDITION when the new
// parent is the organization itself or one of its descendants (by path).
absl::Status CheckMove(const Organization& organization, const Organization& new_parent);

// Soft rules for grassroots organizations: at least 3 full members; fewer than 30 members
// should be a grassroots cell and 30 or more a grassroots committee. Empty for other kinds.
std::vector<std::string> SizeWarnings(OrganizationKind kind, int full_members, int total_members,
                                      const MembershipRules& rules);

// "/1/5/" + 23 → "/1/5/23/"; an empty parent path makes a root path "/23/".
std::string ChildPath(std::string_view parent_path, int64_t id);

// Whether `path` is `root_path` or lies below it, comparing whole elements: "/5/55/" is under
// "/5/" but "/55/" is not. False when either path is not of the form "/id/.../".
bool IsInSubtree(std::string_view path, std::string_view root_path);

// "/id/.../" with positive decimal ids and nothing else.
bool IsWellFormedPath(std::string_view path);

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_ORGANIZATION_RULES_H_
