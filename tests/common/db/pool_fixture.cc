#include "tests/common/db/pool_fixture.h"

#include "cppconn/resultset.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::db::testing {

void PoolFixture::SetUp() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string label = info->name();
  for (char& c : label) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  absl::StatusOr<Config> config = dangbo::testing::CreateTestSchema(label.substr(0, 40));
  ASSERT_TRUE(config.ok()) << config.status();
  config_ = *config;
  pool_ = MakePool(config_.pool_size, config_.acquire_timeout);
}

std::unique_ptr<Pool> PoolFixture::MakePool(int pool_size, absl::Duration acquire_timeout) {
  Config config = config_;
  config.pool_size = pool_size;
  config.acquire_timeout = acquire_timeout;
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Create(config);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? *std::move(pool) : nullptr;
}

void PoolFixture::Exec(const std::string& sql) {
  ASSERT_TRUE(pool_
                  ->Read([&](Session& session) {
                    session.Execute(sql);
                    return absl::OkStatus();
                  })
                  .ok())
      << sql;
}

int64_t PoolFixture::QueryInt(const std::string& sql) {
  int64_t value = -1;
  absl::Status status = pool_->Read([&](Session& session) {
    std::unique_ptr<sql::ResultSet> rs(session.Prepare(sql).executeQuery());
    if (rs->next()) value = rs->getInt64(1);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return value;
}

}  // namespace dangbo::db::testing
