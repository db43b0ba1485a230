#ifndef DANGBO_COMMON_AUTH_AUTHORIZATION_H_
#define DANGBO_COMMON_AUTH_AUTHORIZATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/auth/action.h"
#include "common/auth/principal.h"
#include "common/auth/role.h"

namespace dangbo::auth {

// Whether `role` alone allows `action` (the table of design.md §6). Personal data is allowed
// by `personal_data` only, never implied by another role, admin included: such reads are
// audited and must be granted on purpose.
bool RoleAllows(Role role, Action action);

// Whether any role of `principal` allows `action`.
bool Allows(const Principal& principal, Action action);

// Whether `principal` may see personal data fields (citizen id, birth date, address, ...).
bool CanSeePersonalData(const Principal& principal);

// Whether the organization whose ancestor path is `org_path` lies inside one of the scopes of
// `principal`. The path lists organization ids from the root down with a separator at both
// ends ("/1/5/23/"); a scope covers it iff the scope id is one whole element, so scope 5
// covers "/1/5/23/" but not "/1/55/". A malformed path is covered by nothing.
bool Covers(const Principal& principal, absl::string_view org_path);

// For an RPC that touches one organization (or something inside it). PERMISSION_DENIED naming
// the roles that would allow `action`, or naming the organization when it lies outside every
// scope; INTERNAL when `org_path` is malformed (paths come from the store, not the caller).
absl::Status Authorize(const Principal& principal, Action action, absl::string_view org_path);

// For an RPC that lists or aggregates "everything within my scopes": checks the role, and that
// the caller has at least one scope. The handler filters its results with the caller's scopes.
absl::Status Authorize(const Principal& principal, Action action);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_AUTHORIZATION_H_
