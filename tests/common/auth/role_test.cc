#include "common/auth/role.h"

#include "gtest/gtest.h"

namespace dangbo::auth {
namespace {

TEST(RoleTest, ParseRole_EveryClaimSpelling_RoundTrips) {
  for (Role role : {Role::kAdmin, Role::kOrganizer, Role::kInspector, Role::kReader,
                    Role::kReporter, Role::kPersonalData, Role::kService}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role) << RoleName(role);
  }
}

TEST(RoleTest, ParseRole_UnknownOrMiscased_IsNullopt) {
  EXPECT_FALSE(ParseRole("auditor").has_value());
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

}  // namespace
}  // namespace dangbo::auth
