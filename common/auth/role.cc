#include "common/auth/role.h"

#include <array>
#include <utility>

namespace dangbo::auth {
namespace {

constexpr std::array<std::pair<Role, absl::string_view>, 7> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kOrganizer, "organizer"},
    {Role::kInspector, "inspector"},
    {Role::kReader, "reader"},
    {Role::kReporter, "reporter"},
    {Role::kPersonalData, "personal_data"},
    {Role::kService, "service"},
}};

}  // namespace

std::optional<Role> ParseRole(absl::string_view name) {
  for (const auto& [role, role_name] : kRoleNames) {
    if (role_name == name) return role;
  }
  return std::nullopt;
}

absl::string_view RoleName(Role role) {
  for (const auto& [known, role_name] : kRoleNames) {
    if (known == role) return role_name;
  }
  return "unknown";
}

}  // namespace dangbo::auth
