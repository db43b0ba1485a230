#include "tests/support/mariadb_environment.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"

namespace dangbo::testing {
namespace {

std::unique_ptr<PrivateMariaDb>& SharedServer() {
  static auto* server = new std::unique_ptr<PrivateMariaDb>();
  return *server;
}

}  // namespace

void MariaDbEnvironment::SetUp() {
  absl::StatusOr<std::unique_ptr<PrivateMariaDb>> server = PrivateMariaDb::Launch();
  ASSERT_TRUE(server.ok()) << "cannot start a private MariaDB: " << server.status();
  SharedServer() = *std::move(server);
  std::fprintf(stderr, "[ mariadb  ] private server on 127.0.0.1:%d ready in %s\n",
               SharedServer()->port(),
               absl::FormatDuration(SharedServer()->last_start_duration()).c_str());
}

void MariaDbEnvironment::TearDown() { SharedServer().reset(); }

PrivateMariaDb& MariaDbEnvironment::Server() { return *SharedServer(); }

absl::StatusOr<db::Config> CreateTestSchema(std::string_view label, int pool_size) {
  static std::atomic<int> counter{0};
  const int n = ++counter;
  const std::string schema = absl::StrCat("t", n, "_", std::string(label)).substr(0, 64);
  const std::string user = absl::StrCat("u", n);
  const std::string password = absl::StrCat("pw_", ::getpid(), "_", n);
  PrivateMariaDb& server = MariaDbEnvironment::Server();
  if (absl::Status created = server.CreateSchemaWithUser(schema, user, password); !created.ok()) {
    return created;
  }
  return server.ConfigFor(schema, user, password, pool_size);
}

}  // namespace dangbo::testing
