#include "common/db/pool.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/db/connection_factory.h"
#include "cppconn/resultset.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/db/pool_fixture.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::db::testing {
namespace {

using ::testing::HasSubstr;

class PoolTest : public PoolFixture {};

// Holds one connection in a Read body until released.
class HeldConnection {
 public:
  explicit HeldConnection(Pool& pool)
      : thread_([this, &pool] {
          status_ = pool.Read([this](Session&) {
            leased_.Notify();
            release_.WaitForNotification();
            return absl::OkStatus();
          });
        }) {}
  ~HeldConnection() {
    if (!release_.HasBeenNotified()) release_.Notify();
    thread_.join();
  }
  void WaitUntilLeased() { leased_.WaitForNotification(); }
  void Release() { release_.Notify(); }

 private:
  absl::Notification leased_;
  absl::Notification release_;
  absl::Status status_;
  std::thread thread_;
};

void WaitForWaiters(Pool& pool, int waiting) {
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (pool.Stats().waiting < waiting && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
}

TEST_F(PoolTest, Create_ZeroPoolSize_IsInvalidArgument) {
  Config config = config_;
  config.pool_size = 0;
  EXPECT_EQ(Pool::Create(config).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(PoolTest, Read_AllConnectionsLeased_WaitsAcquireTimeoutThenIsResourceExhausted) {
  std::unique_ptr<Pool> pool = MakePool(2, absl::Milliseconds(300));
  HeldConnection first(*pool);
  HeldConnection second(*pool);
  first.WaitUntilLeased();
  second.WaitUntilLeased();

  const absl::Time begin = absl::Now();
  absl::Status status = pool->Read([](Session&) { return absl::OkStatus(); });

  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_GE(absl::Now() - begin, absl::Milliseconds(300));
  PoolStats stats = pool->Stats();
  EXPECT_EQ(stats.in_use, 2);
  EXPECT_EQ(stats.opened_total, 2);
}

TEST_F(PoolTest, Read_ConnectionReleasedWhileWaiting_ReusesItWithoutOpeningMore) {
  std::unique_ptr<Pool> pool = MakePool(1, absl::Seconds(10));
  HeldConnection held(*pool);
  held.WaitUntilLeased();

  std::thread waiter(
      [&] { EXPECT_TRUE(pool->Read([](Session&) { return absl::OkStatus(); }).ok()); });
  WaitForWaiters(*pool, 1);
  EXPECT_EQ(pool->Stats().waiting, 1);
  held.Release();
  waiter.join();

  PoolStats stats = pool->Stats();
  EXPECT_EQ(stats.opened_total, 1);
  EXPECT_EQ(stats.idle, 1);
  EXPECT_EQ(stats.in_use, 0);
  EXPECT_EQ(stats.waiting, 0);
}

TEST_F(PoolTest, Session_VietnameseName_RoundTripsAsUtf8mb4) {
  const std::string name = "Nguyễn Thị Ánh Tuyết";
  Exec("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(100) NOT NULL)");
  ASSERT_TRUE(pool_
                  ->InTransaction([&](Session& session) {
                    sql::PreparedStatement& insert =
                        session.Prepare("INSERT INTO people (id, full_name) VALUES (1, ?)");
                    insert.setString(1, name);
                    insert.executeUpdate();
                    return absl::OkStatus();
                  })
                  .ok());

  std::string read_back;
  int64_t characters = 0;
  ASSERT_TRUE(pool_
                  ->Read([&](Session& session) {
                    std::unique_ptr<sql::ResultSet> rs(
                        session.Prepare("SELECT full_name, CHAR_LENGTH(full_name) FROM people")
                            .executeQuery());
                    rs->next();
                    read_back = rs->getString(1);
                    characters = rs->getInt64(2);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(read_back, name);
  // Double-encoded text would count its UTF-8 bytes as characters.
  EXPECT_EQ(characters, 20);
}

TEST_F(PoolTest, OpenSession_SetsUtcStrictModeReadCommittedAndUtf8mb4) {
  absl::StatusOr<std::unique_ptr<Session>> session = OpenSession(config_);
  ASSERT_TRUE(session.ok()) << session.status();
  std::unique_ptr<sql::ResultSet> rs((*session)->PlainStatement().executeQuery(
      "SELECT @@session.time_zone, @@session.sql_mode, @@session.tx_isolation, "
      "@@character_set_connection, @@collation_connection, "
      "@@character_set_results"));
  ASSERT_TRUE(rs->next());
  EXPECT_EQ(rs->getString(1), "+00:00");
  EXPECT_THAT(std::string(rs->getString(2)), HasSubstr("STRICT_ALL_TABLES"));
  EXPECT_THAT(std::string(rs->getString(2)), HasSubstr("NO_ZERO_DATE"));
  EXPECT_EQ(rs->getString(3), "READ-COMMITTED");
  EXPECT_EQ(rs->getString(4), "utf8mb4");
  EXPECT_EQ(rs->getString(5), "utf8mb4_unicode_ci");
  EXPECT_EQ(rs->getString(6), "utf8mb4");
}

TEST_F(PoolTest, Prepare_SameSqlTwice_ReturnsTheCachedStatement) {
  ASSERT_TRUE(pool_
                  ->Read([](Session& session) {
                    sql::PreparedStatement* first = &session.Prepare("SELECT ?");
                    sql::PreparedStatement* second = &session.Prepare("SELECT ?");
                    EXPECT_EQ(first, second);
                    return absl::OkStatus();
                  })
                  .ok());
}

TEST_F(PoolTest, Read_StrictMode_RejectsOverlongValueInsteadOfTruncating) {
  Exec("CREATE TABLE codes (code VARCHAR(3) NOT NULL)");
  absl::Status status = pool_->Read([](Session& session) {
    session.Execute("INSERT INTO codes VALUES ('ABCD')");
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(status.message()), HasSubstr("1406"));
}

TEST_F(PoolTest, Ping_ServerAnswers_IsOk) { EXPECT_TRUE(pool_->Ping().ok()); }

TEST_F(PoolTest, Ping_NothingListening_IsUnavailable) {
  Config config = config_;
  config.port = 1;  // privileged and unused: connection refused
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create(config);
  ASSERT_TRUE(pool.ok());
  EXPECT_EQ((*pool)->Ping().code(), absl::StatusCode::kUnavailable);
}

TEST_F(PoolTest, Read_ConnectionKilledServerSide_IsDiscardedAndTheCallSucceeds) {
  std::unique_ptr<Pool> pool = MakePool(1, absl::Seconds(5));
  uint64_t first_id = 0;
  ASSERT_TRUE(pool->Read([&](Session& session) {
                    first_id = session.connection_id();
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(dangbo::testing::MariaDbEnvironment::Server()
                  .ExecuteAsRoot(absl::StrCat("KILL ", first_id))
                  .ok());

  uint64_t second_id = 0;
  absl::Status status = pool->Read([&](Session& session) {
    std::unique_ptr<sql::ResultSet> rs(session.Prepare("SELECT 1").executeQuery());
    second_id = session.connection_id();
    return absl::OkStatus();
  });

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_NE(second_id, first_id);
  PoolStats stats = pool->Stats();
  EXPECT_EQ(stats.discarded_total, 1);
  EXPECT_EQ(stats.opened_total, 2);
}

}  // namespace
}  // namespace dangbo::db::testing
