#ifndef DANGBO_COMMON_AUTH_ROLE_H_
#define DANGBO_COMMON_AUTH_ROLE_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace dangbo::auth {

// The one role vocabulary shared by all three services (design.md §6).
enum class Role {
  kAdmin,
  kOrganizer,  // Ban Tổ chức
  kInspector,  // UBKT and inspection teams
  kReader,
  kReporter,
  kPersonalData,  // only ever added to another role
  kService,       // a service calling another service
};

// Parses a `roles` claim element ("admin", "organizer", ...). Returns nullopt for names this
// version does not know, so that an issuer may add roles before every service understands them.
std::optional<Role> ParseRole(absl::string_view name);

// The claim spelling of `role`.
absl::string_view RoleName(Role role);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_ROLE_H_
