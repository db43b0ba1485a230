#include "tests/support/private_mariadb.h"

#include <memory>
#include <string>

#include "common/db/pool.h"
#include "cppconn/resultset.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::testing {
namespace {

TEST(PrivateMariaDb, CreateSchemaWithUser_PasswordWithQuotes_UserReachesItsSchemaOnly) {
  PrivateMariaDb& server = MariaDbEnvironment::Server();
  ASSERT_TRUE(server.CreateSchemaWithUser("grants_own", "grants-user", "pw-'quoted'\\x").ok());
  ASSERT_TRUE(server.CreateSchemaWithUser("grants_other", "grants_other", "pw").ok());
  absl::StatusOr<std::unique_ptr<db::Pool>> pool =
      db::Pool::Create(server.ConfigFor("grants_own", "grants-user", "pw-'quoted'\\x"));
  ASSERT_TRUE(pool.ok());

  EXPECT_TRUE((*pool)->Ping().ok());
  absl::Status foreign = (*pool)->Read([](db::Session& session) {
    session.Execute("CREATE TABLE grants_other.intruder (id INT)");
    return absl::OkStatus();
  });
  EXPECT_EQ(foreign.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(foreign.message()), ::testing::HasSubstr("1142"));
}

TEST(PrivateMariaDb, CreateSchemaWithUser_SchemaDefaultsToUtf8mb4UnicodeCi) {
  PrivateMariaDb& server = MariaDbEnvironment::Server();
  ASSERT_TRUE(server.CreateSchemaWithUser("charset_check", "charset_user", "pw").ok());
  absl::StatusOr<std::unique_ptr<db::Pool>> pool =
      db::Pool::Create(server.ConfigFor("charset_check", "charset_user", "pw"));
  ASSERT_TRUE(pool.ok());
  std::string charset, collation;
  ASSERT_TRUE((*pool)
                  ->Read([&](db::Session& session) {
                    std::unique_ptr<sql::ResultSet> rs(session.PlainStatement().executeQuery(
                        "SELECT @@character_set_database, @@collation_database"));
                    rs->next();
                    charset = rs->getString(1);
                    collation = rs->getString(2);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(charset, "utf8mb4");
  EXPECT_EQ(collation, "utf8mb4_unicode_ci");
}

TEST(PrivateMariaDb, StopThenStart_ServesTheSameDataOnTheSamePort) {
  absl::StatusOr<std::unique_ptr<PrivateMariaDb>> launched = PrivateMariaDb::Launch();
  ASSERT_TRUE(launched.ok()) << launched.status();
  PrivateMariaDb& server = **launched;
  ASSERT_TRUE(server.CreateSchemaWithUser("kept", "kept_user", "pw").ok());
  const int port = server.port();

  ASSERT_TRUE(server.Stop().ok());
  EXPECT_FALSE(server.running());
  ASSERT_TRUE(server.Start().ok());

  EXPECT_EQ(server.port(), port);
  absl::StatusOr<std::unique_ptr<db::Pool>> pool =
      db::Pool::Create(server.ConfigFor("kept", "kept_user", "pw"));
  ASSERT_TRUE(pool.ok());
  EXPECT_TRUE((*pool)->Ping().ok());
}

}  // namespace
}  // namespace dangbo::testing
