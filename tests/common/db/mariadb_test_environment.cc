// One private MariaDB serves every test of dangbo_db_integration_test.
#include "gtest/gtest.h"
#include "tests/support/mariadb_environment.h"

namespace {

const ::testing::Environment* const kMariaDb =
    ::testing::AddGlobalTestEnvironment(new dangbo::testing::MariaDbEnvironment);

}  // namespace
