#ifndef DANGBO_TESTS_SUPPORT_MARIADB_ENVIRONMENT_H_
#define DANGBO_TESTS_SUPPORT_MARIADB_ENVIRONMENT_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/db/config.h"
#include "gtest/gtest.h"
#include "tests/support/private_mariadb.h"

namespace dangbo::testing {

// One PrivateMariaDb for a whole test binary. Register it once per binary, at namespace scope
// in one test file:
//
//   const auto* const kMariaDb =
//       ::testing::AddGlobalTestEnvironment(new dangbo::testing::MariaDbEnvironment);
//
// The server starts before the first test (not while tests are merely listed) and stops after
// the last. If it cannot start, every test is reported as failed with the reason.
class MariaDbEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  // The shared server; only valid between SetUp and TearDown.
  static PrivateMariaDb& Server();
};

// A fresh schema with its own user on the shared server, so tests never see each other's rows.
// `label` (letters, digits, underscore) makes the name readable in the server's logs.
absl::StatusOr<db::Config> CreateTestSchema(std::string_view label, int pool_size = 4);

}  // namespace dangbo::testing

#endif  // DANGBO_TESTS_SUPPORT_MARIADB_ENVIRONMENT_H_
