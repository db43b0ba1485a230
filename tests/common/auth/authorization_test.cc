#include "common/auth/authorization.h"

#include <initializer_list>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::auth {
namespace {

using ::testing::HasSubstr;
using A = Action;

constexpr Action kAllActions[] = {
    A::kReadOrganization,  A::kWriteOrganization,   A::kReadMember,      A::kWriteMember,
    A::kReadPersonalData,  A::kReadInspection,      A::kWriteInspection, A::kReadStatistics,
    A::kWriteSnapshot,     A::kAdminister,          A::kReadChanges,     A::kRecordExpulsion,
    A::kRecordDissolution, A::kRecordViolationCase,
};

std::vector<Action> AllowedActions(Role role) {
  std::vector<Action> allowed;
  for (Action action : kAllActions) {
    if (RoleAllows(role, action)) allowed.push_back(action);
  }
  return allowed;
}

Principal With(std::initializer_list<Role> roles, std::vector<int64_t> scopes = {1}) {
  Principal principal;
  principal.subject = "caller";
  principal.roles = roles;
  principal.scopes = std::move(scopes);
  return principal;
}

TEST(RoleTableTest, Admin_MayDoEverythingButReadPersonalData) {
  EXPECT_THAT(
      AllowedActions(Role::kAdmin),
      ::testing::ElementsAre(A::kReadOrganization, A::kWriteOrganization, A::kReadMember,
                             A::kWriteMember, A::kReadInspection, A::kWriteInspection,
                             A::kReadStatistics, A::kWriteSnapshot, A::kAdminister, A::kReadChanges,
                             A::kRecordExpulsion, A::kRecordDissolution, A::kRecordViolationCase));
}

TEST(RoleTableTest, Organizer_ReadsAndWritesOrganizationsAndMembers) {
  EXPECT_THAT(AllowedActions(Role::kOrganizer),
              ::testing::ElementsAre(A::kReadOrganization, A::kWriteOrganization, A::kReadMember,
                                     A::kWriteMember));
}

TEST(RoleTableTest, Inspector_ReadsAndWritesInspectionsAndReadsOrganizationsAndMembers) {
  EXPECT_THAT(AllowedActions(Role::kInspector),
              ::testing::ElementsAre(A::kReadOrganization, A::kReadMember, A::kReadInspection,
                                     A::kWriteInspection));
}

TEST(RoleTableTest, Reader_ReadsNonPersonalDataOnly) {
  EXPECT_THAT(AllowedActions(Role::kReader),
              ::testing::ElementsAre(A::kReadOrganization, A::kReadMember, A::kReadInspection));
}

TEST(RoleTableTest, Reporter_ReadsStatisticsAndCreatesSnapshots) {
  EXPECT_THAT(AllowedActions(Role::kReporter),
              ::testing::ElementsAre(A::kReadStatistics, A::kWriteSnapshot));
}

TEST(RoleTableTest, PersonalData_AddsOnlyPersonalDataReads) {
  EXPECT_THAT(AllowedActions(Role::kPersonalData), ::testing::ElementsAre(A::kReadPersonalData));
}

TEST(RoleTableTest, Service_LooksUpFollowsFeedsAndRecordsWhatDisciplineDecides) {
  EXPECT_THAT(
      AllowedActions(Role::kService),
      ::testing::ElementsAre(A::kReadOrganization, A::kReadMember, A::kReadChanges,
                             A::kRecordExpulsion, A::kRecordDissolution, A::kRecordViolationCase));
}

TEST(PersonalDataTest, CanSeePersonalData_OnlyWithPersonalDataRole) {
  EXPECT_FALSE(CanSeePersonalData(With({Role::kAdmin})));
  EXPECT_FALSE(CanSeePersonalData(With({Role::kOrganizer, Role::kReader})));
  EXPECT_TRUE(CanSeePersonalData(With({Role::kOrganizer, Role::kPersonalData})));
}

TEST(CoversTest, Covers_ScopeAsWholePathElement_IsTrue) {
  EXPECT_TRUE(Covers(With({Role::kReader}, {5}), "/1/5/23/"));
  EXPECT_TRUE(Covers(With({Role::kReader}, {23}), "/1/5/23/"));
}

TEST(CoversTest, Covers_ScopeThatIsOnlyAPrefixOfAnElement_IsFalse) {
  EXPECT_FALSE(Covers(With({Role::kReader}, {5}), "/1/55/23/"));
  EXPECT_FALSE(Covers(With({Role::kReader}, {55}), "/1/5/23/"));
  EXPECT_FALSE(Covers(With({Role::kReader}, {2}), "/1/23/"));
}

TEST(CoversTest, Covers_RootScope_CoversEveryOrganization) {
  Principal root = With({Role::kReader}, {1});

  EXPECT_TRUE(Covers(root, "/1/"));
  EXPECT_TRUE(Covers(root, "/1/5/23/"));
  EXPECT_TRUE(Covers(root, "/1/55/900/12/"));
}

TEST(CoversTest, Covers_SiblingOrParentOfScope_IsFalse) {
  Principal scoped = With({Role::kReader}, {5});

  EXPECT_FALSE(Covers(scoped, "/1/"));
  EXPECT_FALSE(Covers(scoped, "/1/6/"));
}

TEST(CoversTest, Covers_OneOfSeveralScopes_IsEnough) {
  EXPECT_TRUE(Covers(With({Role::kReader}, {9, 6}), "/1/6/40/"));
}

TEST(CoversTest, Covers_MalformedPath_IsFalse) {
  Principal root = With({Role::kReader}, {1});

  for (absl::string_view path : {"", "/", "1/5/", "/1/5", "//", "/1//5/", "/1/x/", "/1/_/"}) {
    EXPECT_FALSE(Covers(root, path)) << path;
  }
}

TEST(CoversTest, Covers_WithoutScopes_IsFalse) {
  EXPECT_FALSE(Covers(With({Role::kAdmin}, {}), "/1/"));
}

TEST(CoversTest, Covers_UnlimitedScope_CoversAnyWellFormedPath) {
  Principal dev = With({Role::kAdmin}, {});
  dev.unlimited_scope = true;

  EXPECT_TRUE(Covers(dev, "/7/8/"));
}

TEST(AuthorizeTest, Authorize_RoleAndScopeBothAllow_IsOk) {
  EXPECT_TRUE(Authorize(With({Role::kOrganizer}, {5}), A::kWriteMember, "/1/5/23/").ok());
}

TEST(AuthorizeTest, Authorize_MissingRole_IsPermissionDeniedNamingRolesNeeded) {
  absl::Status status = Authorize(With({Role::kReader}, {1}), A::kWriteMember, "/1/5/");

  EXPECT_TRUE(absl::IsPermissionDenied(status));
  EXPECT_THAT(status.message(), HasSubstr("organizer"));
}

TEST(AuthorizeTest, Authorize_OutsideScopes_IsPermissionDeniedNamingOrganization) {
  absl::Status status = Authorize(With({Role::kOrganizer}, {5}), A::kWriteMember, "/1/55/230/");

  EXPECT_TRUE(absl::IsPermissionDenied(status));
  EXPECT_THAT(status.message(), HasSubstr("organization 230"));
}

TEST(AuthorizeTest, Authorize_MalformedPath_IsInternal) {
  EXPECT_TRUE(absl::IsInternal(Authorize(With({Role::kAdmin}, {1}), A::kReadMember, "/1/5")));
}

TEST(AuthorizeTest, AuthorizeWithoutTarget_RoleAllows_IsOk) {
  EXPECT_TRUE(Authorize(With({Role::kReporter}, {5}), A::kReadStatistics).ok());
}

TEST(AuthorizeTest, AuthorizeWithoutTarget_MissingRole_IsPermissionDenied) {
  EXPECT_TRUE(absl::IsPermissionDenied(Authorize(With({Role::kReader}, {5}), A::kAdminister)));
}

TEST(AuthorizeTest, AuthorizeWithoutTarget_NoScopes_IsPermissionDenied) {
  EXPECT_TRUE(absl::IsPermissionDenied(Authorize(With({Role::kReporter}, {}), A::kReadStatistics)));
}

TEST(AuthorizeTest, Authorize_PersonalDataRoleAlone_CannotReadMembers) {
  EXPECT_TRUE(
      absl::IsPermissionDenied(Authorize(With({Role::kPersonalData}, {1}), A::kReadMember, "/1/")));
}

}  // namespace
}  // namespace dangbo::auth
