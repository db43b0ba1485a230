#include "services/membership/domain/organization_rules.h"

#include <algorithm>
#include <initializer_list>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/absl_compat.h"
#include "services/membership/domain/enum_names.h"

namespace dangbo::membership {
namespace {

using Kind = OrganizationKind;

std::vector<Kind> AllowedParentKinds(Kind kind) {
  switch (kind) {
    case Kind::kUpperLevelCommittee:
      return {Kind::kBlocCommittee};
    case Kind::kGrassrootsCommittee:
    case Kind::kGrassrootsCell:
      return {Kind::kBlocCommittee, Kind::kUpperLevelCommittee};
    case Kind::kSubCommittee:
      return {Kind::kGrassrootsCommittee};
    case Kind::kCell:
      return {Kind::kGrassrootsCommittee, Kind::kSubCommittee};
    case Kind::kPartyGroup:
      return {Kind::kCell, Kind::kGrassrootsCell};
    case Kind::kBlocCommittee:
    case Kind::kUnspecified:
      return {};
  }
  return {};
}

std::string KindList(const std::vector<Kind>& kinds) {
  return absl::StrJoin(kinds, " or ", [](std::string* out, Kind kind) {
    absl::StrAppend(out, OrganizationKindName(kind));
  });
}

}  // namespace

absl::Status CheckPlacement(OrganizationKind kind, const Organization* parent) {
  if (kind == Kind::kUnspecified || std::string_view(OrganizationKindName(kind)) == "UNKNOWN") {
    return absl::InvalidArgumentError("kind: required");
  }
  if (parent == nullptr) {
    if (kind == Kind::kBlocCommittee) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("parent_id: a ", OrganizationKindName(kind),
                     " needs a parent; only a BLOC_COMMITTEE is a root"));
  }
  if (parent->state != OrganizationState::kActive) {
    return absl::FailedPreconditionError(
        absl::StrCat("parent_id: organization ", parent->id, " is no longer active"));
  }
  const std::vector<Kind> allowed = AllowedParentKinds(kind);
  if (std::find(allowed.begin(), allowed.end(), parent->kind) != allowed.end()) {
    return absl::OkStatus();
  }
  // A grassroots committee granted upper-level powers (được giao quyền cấp trên cơ sở) has
  // grassroots organizations under it.
  if (IsGrassroots(kind) && parent->kind == Kind::kGrassrootsCommittee &&
      parent->granted_upper_level_powers) {
    return absl::OkStatus();
  }
  if (allowed.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("parent_id: a ", OrganizationKindName(kind), " is a root and has no parent"));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("parent_id: a ", OrganizationKindName(kind), " sits under a ", KindList(allowed),
                   ", not under a ", OrganizationKindName(parent->kind)));
}

absl::Status CheckMove(const Organization& organization, const Organization& new_parent) {
  if (new_parent.id == organization.id || IsInSubtree(new_parent.path, organization.path)) {
    return absl::FailedPreconditionError(
        absl::StrCat("parent_id: organization ", new_parent.id, " is ", organization.id,
                     " itself or lies below it; a move cannot make a cycle"));
  }
  return CheckPlacement(organization.kind, &new_parent);
}

std::vector<std::string> SizeWarnings(OrganizationKind kind, int full_members, int total_members,
                                      const MembershipRules& rules) {
  std::vector<std::string> warnings;
  if (!IsGrassroots(kind)) return warnings;
  if (full_members < rules.grassroots_min_full_members) {
    warnings.push_back(absl::StrCat("a grassroots organization needs at least ",
                                    rules.grassroots_min_full_members, " full members; it has ",
                                    full_members));
  }
  if (kind == Kind::kGrassrootsCell && total_members >= rules.grassroots_committee_min_members) {
    warnings.push_back(absl::StrCat("a grassroots cell with ", total_members,
                                    " members should become a grassroots committee (",
                                    rules.grassroots_committee_min_members, " or more)"));
  }
  if (kind == Kind::kGrassrootsCommittee &&
      total_members < rules.grassroots_committee_min_members) {
    warnings.push_back(absl::StrCat("a grassroots committee with ", total_members,
                                    " members should be a grassroots cell (fewer than ",
                                    rules.grassroots_committee_min_members, ")"));
  }
  return warnings;
}

std::string ChildPath(std::string_view parent_path, int64_t id) {
  if (parent_path.empty()) return absl::StrCat("/", id, "/");
  return absl::StrCat(ToAbsl(parent_path), id, "/");
}

bool IsWellFormedPath(std::string_view path) {
  if (path.size() < 3 || path.front() != '/' || path.back() != '/') return false;
  bool in_element = false;
  for (size_t i = 1; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '/') {
      if (!in_element) return false;  // "//"
      in_element = false;
    } else if (absl::ascii_isdigit(c)) {
      if (!in_element && c == '0') return false;  // ids are positive, written without padding
      in_element = true;
    } else {
      return false;
    }
  }
  return true;
}

bool IsInSubtree(std::string_view path, std::string_view root_path) {
  // Both end with '/', so a prefix match can only end on an element boundary.
  return IsWellFormedPath(path) && IsWellFormedPath(root_path) &&
         absl::StartsWith(ToAbsl(path), ToAbsl(root_path));
}

}  // namespace dangbo::membership
