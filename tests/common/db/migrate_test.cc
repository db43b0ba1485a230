#include "common/db/migrate.h"

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "common/db/embedded_migrations.h"
#include "cppconn/resultset.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/db/pool_fixture.h"

namespace dangbo::db::testing {
namespace {

using ::testing::HasSubstr;

class MigrateTest : public PoolFixture {};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

const Migration kCreateA{1, "create a", "CREATE TABLE a (id INT PRIMARY KEY);"};
const Migration kCreateB{2, "create b", "CREATE TABLE b (id INT PRIMARY KEY);"};
const Migration kCreateC{3, "create c", "CREATE TABLE c (id INT PRIMARY KEY);"};

TEST_F(MigrateTest, EmbeddedMigrations_HoldTheFilesInVersionOrderWithTheirBytes) {
  std::span<const Migration> migrations = EmbeddedMigrations();
  ASSERT_EQ(migrations.size(), 2u);
  EXPECT_EQ(migrations[0].version, 1);
  EXPECT_EQ(migrations[0].description, "create organizations");
  EXPECT_EQ(migrations[0].sql,
            ReadFile(DANGBO_TEST_MIGRATIONS_DIR "/V001__create_organizations.sql"));
  EXPECT_EQ(migrations[1].version, 2);
  EXPECT_EQ(migrations[1].description, "seed root organization");
  EXPECT_EQ(migrations[1].sql,
            ReadFile(DANGBO_TEST_MIGRATIONS_DIR "/V002__seed_root_organization.sql"));
}

TEST_F(MigrateTest, CurrentVersion_NeverMigrated_IsZero) {
  absl::StatusOr<int> version = CurrentVersion(*pool_);
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(*version, 0);
}

TEST_F(MigrateTest, Migrate_FreshSchema_AppliesEveryFileInOrderAndRecordsIt) {
  ASSERT_TRUE(Migrate(*pool_, EmbeddedMigrations()).ok());

  EXPECT_EQ(CurrentVersion(*pool_).value_or(-1), 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_migrations"), 2);
  // V002 altered the table V001 created and kept its seed row, separators and all.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM organizations WHERE name = "
                     "'Đảng bộ Khối; gốc -- # root' AND member_count = 0"),
            1);
  std::string checksum;
  ASSERT_TRUE(pool_
                  ->Read([&](Session& session) {
                    std::unique_ptr<sql::ResultSet> rs(
                        session.Prepare("SELECT checksum FROM schema_migrations WHERE version = 1")
                            .executeQuery());
                    rs->next();
                    checksum = rs->getString(1);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(checksum, MigrationChecksum(EmbeddedMigrations()[0].sql));
}

TEST_F(MigrateTest, Migrate_RunAgain_AppliesNothing) {
  ASSERT_TRUE(Migrate(*pool_, EmbeddedMigrations()).ok());
  absl::Status again = Migrate(*pool_, EmbeddedMigrations());

  EXPECT_TRUE(again.ok()) << again;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_migrations"), 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM organizations"), 1);
}

TEST_F(MigrateTest, Migrate_NewFileAdded_AppliesOnlyTheNewOne) {
  const std::vector<Migration> first = {kCreateA, kCreateB};
  const std::vector<Migration> second = {kCreateA, kCreateB, kCreateC};
  ASSERT_TRUE(Migrate(*pool_, first).ok());
  absl::Status status = Migrate(*pool_, second);

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(CurrentVersion(*pool_).value_or(-1), 3);
}

TEST_F(MigrateTest, Migrate_TwoReplicasAtOnce_BothSucceedAndEachVersionAppliesOnce) {
  std::unique_ptr<Pool> other = MakePool(2, absl::Seconds(5));
  absl::Status a, b;
  std::thread one([&] { a = Migrate(*pool_, EmbeddedMigrations()); });
  std::thread two([&] { b = Migrate(*other, EmbeddedMigrations()); });
  one.join();
  two.join();

  // CREATE TABLE without IF NOT EXISTS: a second application would have failed.
  EXPECT_TRUE(a.ok()) << a;
  EXPECT_TRUE(b.ok()) << b;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_migrations"), 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM organizations"), 1);
}

TEST_F(MigrateTest, Migrate_AppliedFileChanged_IsFailedPreconditionNamingIt) {
  ASSERT_TRUE(Migrate(*pool_, std::vector<Migration>{kCreateA}).ok());
  const Migration edited{1, "create a", "CREATE TABLE a (id BIGINT PRIMARY KEY);"};

  absl::Status status = Migrate(*pool_, std::vector<Migration>{edited, kCreateB});

  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("V001"));
  EXPECT_EQ(CurrentVersion(*pool_).value_or(-1), 1);  // V002 was not applied either
}

TEST_F(MigrateTest, Migrate_PendingFileOlderThanAnAppliedOne_IsFailedPrecondition) {
  ASSERT_TRUE(Migrate(*pool_, std::vector<Migration>{kCreateA, kCreateC}).ok());
  absl::Status status = Migrate(*pool_, std::vector<Migration>{kCreateA, kCreateB, kCreateC});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
}

TEST_F(MigrateTest, Migrate_FailingStatement_NamesTheFileAndStatementAndRecordsNothing) {
  const Migration broken{2, "broken", "CREATE TABLE b (id INT);\nCREATE TABLE a (id INT);"};
  absl::Status status = Migrate(*pool_, std::vector<Migration>{kCreateA, broken});

  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("V002 (broken)"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("statement 2 of 2"));
  EXPECT_EQ(CurrentVersion(*pool_).value_or(-1), 1);
}

TEST_F(MigrateTest, WaitForSchema_NeverMigrated_IsDeadlineExceededAfterTimeout) {
  const absl::Time begin = absl::Now();
  absl::Status status = WaitForSchema(*pool_, EmbeddedMigrations(), absl::Milliseconds(600));

  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_GE(absl::Now() - begin, absl::Milliseconds(600));
}

TEST_F(MigrateTest, WaitForSchema_MigratedByAnotherProcessWhileWaiting_ReturnsOk) {
  std::unique_ptr<Pool> job = MakePool(1, absl::Seconds(5));
  absl::Status migrated;
  std::thread migration_job([&] {
    absl::SleepFor(absl::Milliseconds(500));
    migrated = Migrate(*job, EmbeddedMigrations());
  });

  absl::Status status = WaitForSchema(*pool_, EmbeddedMigrations(), absl::Seconds(20));
  migration_job.join();

  EXPECT_TRUE(migrated.ok()) << migrated;
  EXPECT_TRUE(status.ok()) << status;
}

TEST_F(MigrateTest, WaitForSchema_AppliedFileChanged_FailsAtOnce) {
  ASSERT_TRUE(Migrate(*pool_, std::vector<Migration>{kCreateA}).ok());
  const Migration edited{1, "create a", "CREATE TABLE a (id BIGINT PRIMARY KEY);"};
  EXPECT_EQ(WaitForSchema(*pool_, std::vector<Migration>{edited}, absl::Seconds(30)).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace dangbo::db::testing
