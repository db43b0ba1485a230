// What an acknowledged Mutate promises when the database server crashes right after.
#include "gtest/gtest.h"
#include "tests/membership/store/store_fixture.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::membership {
namespace {

TEST_F(StoreTest, Mutate_AcknowledgedBeforeServerKill_SurvivesRestart) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> created = CreateMember(NewMember("Nguyễn Thị Định", cell->id));
  ASSERT_TRUE(created.ok()) << created.status();

  dangbo::testing::PrivateMariaDb& server = dangbo::testing::MariaDbEnvironment::Server();
  ASSERT_TRUE(server.Kill().ok());
  ASSERT_TRUE(server.Start().ok());

  absl::StatusOr<Member> read = store_->GetMember(created->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->full_name, "Nguyễn Thị Định");
  absl::StatusOr<std::vector<StoredChange>> changes = store_->ListChanges(0, 10);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(changes->size(), 2u);  // the organization and the member
}

}  // namespace
}  // namespace dangbo::membership
