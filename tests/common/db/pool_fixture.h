#ifndef DANGBO_TESTS_COMMON_DB_POOL_FIXTURE_H_
#define DANGBO_TESTS_COMMON_DB_POOL_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/db/pool.h"
#include "gtest/gtest.h"

namespace dangbo::db::testing {

// A fresh schema on the shared private MariaDB and a pool over it, per test.
class PoolFixture : public ::testing::Test {
 protected:
  // Creates the schema; tests that need another shape call MakePool themselves.
  void SetUp() override;

  std::unique_ptr<Pool> MakePool(int pool_size, absl::Duration acquire_timeout);

  // Helpers that fail the test on error.
  void Exec(const std::string& sql);
  int64_t QueryInt(const std::string& sql);

  Config config_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace dangbo::db::testing

#endif  // DANGBO_TESTS_COMMON_DB_POOL_FIXTURE_H_
