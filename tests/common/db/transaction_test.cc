#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/db/pool.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/common/db/pool_fixture.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::db::testing {
namespace {

using ::testing::HasSubstr;

class TransactionTest : public PoolFixture {
 protected:
  void SetUp() override {
    PoolFixture::SetUp();
    Exec(
        "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL, "
        "citizen_id VARCHAR(12) NULL, UNIQUE KEY accounts_citizen_id (citizen_id)) "
        "ENGINE=InnoDB");
    Exec("INSERT INTO accounts (id, balance) VALUES (1, 100), (2, 100)");
  }

  static void Update(Session& session, int id, int delta) {
    sql::PreparedStatement& update =
        session.Prepare("UPDATE accounts SET balance = balance + ? WHERE id = ?");
    update.setInt(1, delta);
    update.setInt(2, id);
    update.executeUpdate();
  }

  static void KillAsRoot(uint64_t connection_id) {
    ASSERT_TRUE(dangbo::testing::MariaDbEnvironment::Server()
                    .ExecuteAsRoot(absl::StrCat("KILL ", connection_id))
                    .ok());
  }
};

TEST_F(TransactionTest, InTransaction_BodyFails_RollsBackAndReturnsBodyStatus) {
  absl::Status status = pool_->InTransaction([](Session& session) {
    Update(session, 1, -50);
    return absl::FailedPreconditionError("member is not active");
  });

  EXPECT_EQ(status, absl::FailedPreconditionError("member is not active"));
  EXPECT_EQ(QueryInt("SELECT balance FROM accounts WHERE id = 1"), 100);
}

TEST_F(TransactionTest, InTransaction_BodySucceeds_Commits) {
  ASSERT_TRUE(pool_
                  ->InTransaction([](Session& session) {
                    Update(session, 1, -30);
                    Update(session, 2, 30);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(QueryInt("SELECT balance FROM accounts WHERE id = 1"), 70);
  EXPECT_EQ(QueryInt("SELECT balance FROM accounts WHERE id = 2"), 130);
}

TEST_F(TransactionTest, InTransaction_DuplicateKey_IsAlreadyExistsNamingTheKeyAndNotRetried) {
  Exec("UPDATE accounts SET citizen_id = '001' WHERE id = 1");
  int attempts = 0;
  absl::Status status = pool_->InTransaction([&](Session& session) {
    ++attempts;
    session.Execute("UPDATE accounts SET citizen_id = '001' WHERE id = 2");
    return absl::OkStatus();
  });

  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(status.message()), HasSubstr("accounts_citizen_id"));
  EXPECT_EQ(attempts, 1);
}

TEST_F(TransactionTest, InTransaction_DeadlockBetweenTwoThreads_IsRetriedAndBothSucceed) {
  std::unique_ptr<Pool> pool = MakePool(2, absl::Seconds(5));
  std::atomic<int> attempts{0};
  absl::Notification first_locked_1, second_locked_2;

  // Each locks one row, waits until the other holds the other row, then wants it: a cycle.
  auto transfer = [&](int from, int to, absl::Notification& mine, absl::Notification& theirs) {
    bool first_attempt = true;
    return pool->InTransaction([&](Session& session) {
      ++attempts;
      Update(session, from, -10);
      if (first_attempt) {
        first_attempt = false;
        mine.Notify();
        theirs.WaitForNotificationWithTimeout(absl::Seconds(5));
      }
      Update(session, to, 10);
      return absl::OkStatus();
    });
  };
  absl::Status a, b;
  std::thread one([&] { a = transfer(1, 2, first_locked_1, second_locked_2); });
  std::thread two([&] { b = transfer(2, 1, second_locked_2, first_locked_1); });
  one.join();
  two.join();

  EXPECT_TRUE(a.ok()) << a;
  EXPECT_TRUE(b.ok()) << b;
  EXPECT_EQ(attempts.load(), 3);  // the deadlock victim ran once more
  EXPECT_EQ(QueryInt("SELECT balance FROM accounts WHERE id = 1"), 100);
  EXPECT_EQ(QueryInt("SELECT SUM(balance) FROM accounts"), 200);
}

TEST_F(TransactionTest, InTransaction_LockWaitTimeoutOnEveryAttempt_IsAbortedAfterMaxAttempts) {
  std::unique_ptr<Pool> pool = MakePool(2, absl::Seconds(5));
  absl::Notification locked, done;
  std::thread holder([&] {
    pool->InTransaction([&](Session& session) {
          Update(session, 1, 1);
          locked.Notify();
          done.WaitForNotification();
          return absl::CancelledError("holder only keeps the lock");
        })
        .IgnoreError();
  });
  locked.WaitForNotification();

  TransactionOptions options;
  options.max_attempts = 2;
  int attempts = 0;
  absl::Status status = pool->InTransaction(options, [&](Session& session) {
    ++attempts;
    session.Execute("SET SESSION innodb_lock_wait_timeout = 1");
    Update(session, 1, 5);
    return absl::OkStatus();
  });
  done.Notify();
  holder.join();

  EXPECT_EQ(status.code(), absl::StatusCode::kAborted) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("1205"));
  EXPECT_EQ(attempts, 2);
}

TEST_F(TransactionTest, InTransaction_IdleConnectionKilled_RetriesOnAFreshConnection) {
  std::unique_ptr<Pool> pool = MakePool(1, absl::Seconds(5));
  uint64_t killed_id = 0;
  ASSERT_TRUE(pool->Read([&](Session& session) {
                    killed_id = session.connection_id();
                    return absl::OkStatus();
                  })
                  .ok());
  KillAsRoot(killed_id);

  absl::Status status = pool->InTransaction([](Session& session) {
    Update(session, 1, 1);
    return absl::OkStatus();
  });

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(QueryInt("SELECT balance FROM accounts WHERE id = 1"), 101);
  EXPECT_EQ(pool->Stats().discarded_total, 1);
}

TEST_F(TransactionTest, InTransaction_ConnectionKilledInsideBody_RunsTheWholeBodyAgain) {
  int attempts = 0;
  absl::Status status = pool_->InTransaction([&](Session& session) {
    ++attempts;
    Update(session, 1, 7);
    if (attempts == 1) {
      KillAsRoot(session.connection_id());
      Update(session, 2, 7);  // fails: the connection is gone, and the first update with it
    }
    return absl::OkStatus();
  });

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(QueryInt("SELECT balance FROM accounts WHERE id = 1"), 107);
}

TEST_F(TransactionTest, InTransaction_ConnectionDiesAtCommit_IsCommitOutcomeUnknownNotRetried) {
  int attempts = 0;
  TransactionOptions options;
  options.before_commit = [](Session& session) { KillAsRoot(session.connection_id()); };

  absl::Status status = pool_->InTransaction(options, [&](Session& session) {
    ++attempts;
    Update(session, 1, 1);
    return absl::OkStatus();
  });

  EXPECT_TRUE(IsCommitOutcomeUnknown(status)) << status;
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(pool_->Stats().discarded_total, 1);
}

TEST_F(TransactionTest, Read_ConnectionKilledInsideBody_RunsTheBodyOnceMore) {
  int attempts = 0;
  int64_t balance = 0;
  absl::Status status = pool_->Read([&](Session& session) {
    ++attempts;
    if (attempts == 1) KillAsRoot(session.connection_id());
    std::unique_ptr<sql::ResultSet> rs(
        session.Prepare("SELECT balance FROM accounts WHERE id = 1").executeQuery());
    rs->next();
    balance = rs->getInt64(1);
    return absl::OkStatus();
  });

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(balance, 100);
}

}  // namespace
}  // namespace dangbo::db::testing
