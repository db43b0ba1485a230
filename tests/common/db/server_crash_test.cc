// The server dies with SIGKILL and comes back: the pool must recover without a restart of the
// service, and what was acknowledged must still be there. Runs its own server, since it kills it.
#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/barrier.h"
#include "common/db/pool.h"
#include "cppconn/resultset.h"
#include "gtest/gtest.h"
#include "tests/support/private_mariadb.h"

namespace dangbo::db::testing {
namespace {

TEST(ServerCrash, ServerKilledAndRestarted_PoolRecoversAndAcknowledgedWriteSurvives) {
  absl::StatusOr<std::unique_ptr<dangbo::testing::PrivateMariaDb>> launched =
      dangbo::testing::PrivateMariaDb::Launch();
  ASSERT_TRUE(launched.ok()) << launched.status();
  dangbo::testing::PrivateMariaDb& server = **launched;
  ASSERT_TRUE(server.CreateSchemaWithUser("crash", "crash_user", "crash_pw").ok());
  absl::StatusOr<std::unique_ptr<Pool>> created =
      Pool::Create(server.ConfigFor("crash", "crash_user", "crash_pw", /*pool_size=*/3));
  ASSERT_TRUE(created.ok());
  Pool& pool = **created;

  // Fill the pool, so that every idle connection is dead after the crash.
  {
    absl::Barrier* all_leased = new absl::Barrier(3);
    std::vector<std::thread> readers;
    for (int i = 0; i < 3; ++i) {
      readers.emplace_back([&] {
        ASSERT_TRUE(pool.Read([&](Session&) {
                          if (all_leased->Block()) delete all_leased;
                          return absl::OkStatus();
                        })
                        .ok());
      });
    }
    for (std::thread& reader : readers) reader.join();
  }
  ASSERT_EQ(pool.Stats().idle, 3);
  ASSERT_TRUE(pool.InTransaction([](Session& session) {
                    session.Execute("CREATE TABLE decisions (id INT PRIMARY KEY) ENGINE=InnoDB");
                    session.Execute("INSERT INTO decisions VALUES (42)");
                    return absl::OkStatus();
                  })
                  .ok());

  ASSERT_TRUE(server.Kill().ok());
  EXPECT_EQ(pool.Ping().code(), absl::StatusCode::kUnavailable);
  ASSERT_TRUE(server.Start().ok());
  std::fprintf(stderr, "restart after SIGKILL took %s\n",
               absl::FormatDuration(server.last_start_duration()).c_str());

  int64_t rows = -1;
  absl::Status read = pool.Read([&](Session& session) {
    std::unique_ptr<sql::ResultSet> rs(
        session.Prepare("SELECT COUNT(*) FROM decisions WHERE id = 42").executeQuery());
    rs->next();
    rows = rs->getInt64(1);
    return absl::OkStatus();
  });
  EXPECT_TRUE(read.ok()) << read;
  EXPECT_EQ(rows, 1);
  EXPECT_TRUE(pool.Ping().ok());
  EXPECT_TRUE(pool.InTransaction([](Session& session) {
                    session.Execute("INSERT INTO decisions VALUES (43)");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(pool.Stats().discarded_total, 3);  // every connection opened before the crash
}

}  // namespace
}  // namespace dangbo::db::testing
