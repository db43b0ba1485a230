#include "common/auth/authorization.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace dangbo::auth {
namespace {

constexpr Role kAllRoles[] = {Role::kAdmin,    Role::kOrganizer,    Role::kInspector, Role::kReader,
                              Role::kReporter, Role::kPersonalData, Role::kService};

bool OneOf(Action action, std::initializer_list<Action> actions) {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

bool IsDigits(absl::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
}

// Calls `visit` with each organization id of a well-formed path, root first; returns false
// (possibly after some visits) when the path is malformed.
template <typename Visit>
bool ForEachPathElement(absl::string_view org_path, Visit visit) {
  if (org_path.size() < 3 || org_path.front() != '/' || org_path.back() != '/') return false;
  absl::string_view inner = org_path.substr(1, org_path.size() - 2);
  for (absl::string_view element : absl::StrSplit(inner, '/')) {
    int64_t id = 0;
    if (!IsDigits(element) || !absl::SimpleAtoi(element, &id)) return false;
    visit(id);
  }
  return true;
}

bool IsWellFormed(absl::string_view org_path) {
  return ForEachPathElement(org_path, [](int64_t) {});
}

// The last element: the organization the path leads to.
absl::string_view TargetOrganization(absl::string_view org_path) {
  absl::string_view inner = org_path.substr(0, org_path.size() - 1);
  return inner.substr(inner.rfind('/') + 1);
}

std::string RolesAllowing(Action action) {
  std::vector<absl::string_view> names;
  for (Role role : kAllRoles) {
    if (RoleAllows(role, action)) names.push_back(RoleName(role));
  }
  return absl::StrJoin(names, ", ");
}

}  // namespace

bool RoleAllows(Role role, Action action) {
  using A = Action;
  switch (role) {
    case Role::kAdmin:
      return action != A::kReadPersonalData;
    case Role::kOrganizer:
      return OneOf(action,
                   {A::kReadOrganization, A::kWriteOrganization, A::kReadMember, A::kWriteMember});
    case Role::kInspector:
      return OneOf(action,
                   {A::kReadInspection, A::kWriteInspection, A::kReadOrganization, A::kReadMember});
    case Role::kReader:
      return OneOf(action, {A::kReadOrganization, A::kReadMember, A::kReadInspection});
    case Role::kReporter:
      return OneOf(action, {A::kReadStatistics, A::kWriteSnapshot});
    case Role::kPersonalData:
      return action == A::kReadPersonalData;
    case Role::kService:
      return OneOf(action, {A::kReadOrganization, A::kReadMember, A::kReadChanges,
                            A::kRecordExpulsion, A::kRecordDissolution, A::kRecordViolationCase});
  }
  return false;
}

bool Allows(const Principal& principal, Action action) {
  return std::any_of(principal.roles.begin(), principal.roles.end(),
                     [action](Role role) { return RoleAllows(role, action); });
}

bool CanSeePersonalData(const Principal& principal) {
  return Allows(principal, Action::kReadPersonalData);
}

bool Covers(const Principal& principal, absl::string_view org_path) {
  bool covered = false;
  bool well_formed = ForEachPathElement(org_path, [&](int64_t id) {
    if (std::find(principal.scopes.begin(), principal.scopes.end(), id) != principal.scopes.end()) {
      covered = true;
    }
  });
  if (!well_formed) return false;
  return covered || principal.unlimited_scope;
}

absl::Status Authorize(const Principal& principal, Action action, absl::string_view org_path) {
  if (absl::Status role_status = Authorize(principal, action); !role_status.ok()) {
    return role_status;
  }
  if (!IsWellFormed(org_path)) {
    return absl::InternalError(absl::StrCat("malformed organization path \"", org_path, "\""));
  }
  if (!Covers(principal, org_path)) {
    return absl::PermissionDeniedError(absl::StrCat("organization ", TargetOrganization(org_path),
                                                    " is outside the caller's scopes"));
  }
  return absl::OkStatus();
}

absl::Status Authorize(const Principal& principal, Action action) {
  if (!Allows(principal, action)) {
    return absl::PermissionDeniedError(
        absl::StrCat(ActionName(action), " needs one of the roles: ", RolesAllowing(action)));
  }
  if (principal.scopes.empty() && !principal.unlimited_scope) {
    return absl::PermissionDeniedError("the caller has no organization scopes");
  }
  return absl::OkStatus();
}

}  // namespace dangbo::auth
