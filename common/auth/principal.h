#ifndef DANGBO_COMMON_AUTH_PRINCIPAL_H_
#define DANGBO_COMMON_AUTH_PRINCIPAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/auth/role.h"

namespace dangbo::auth {

// The `scopes` claim element that grants the whole tree.
inline constexpr char kWholeTreeScope[] = "*";

// The verified caller of one RPC: from a JWT, from an mTLS peer certificate, or the local
// development stand-in.
struct Principal {
  std::string subject;
  std::string issuer;
  absl::flat_hash_set<Role> roles;
  // Organization ids; each one means that organization and its whole subtree as the tree
  // stands now.
  std::vector<int64_t> scopes;
  // True for another dangbo service (mTLS identity or a token holding the `service` role).
  bool is_service = false;
  // Covers every organization whatever `scopes` says. Only the insecure development mode of
  // Authenticator sets it; no token or certificate can.
  bool unlimited_scope = false;

  bool HasRole(Role role) const { return roles.contains(role); }
  friend bool operator==(const Principal&, const Principal&) = default;
};

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_PRINCIPAL_H_
