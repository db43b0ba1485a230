#ifndef DANGBO_COMMON_DB_CONFIG_H_
#define DANGBO_COMMON_DB_CONFIG_H_

#include <optional>
#include <string>

#include "absl/time/time.h"

namespace dangbo::db {

// Where and how a service reaches its own schema. One Config makes one Pool.
struct Config {
  std::string host = "127.0.0.1";
  int port = 3306;
  // When set, connect through this Unix socket instead of host:port.
  std::optional<std::string> unix_socket;
  std::string user;
  std::string password;
  std::string schema;

  // Upper bound on open connections; the server's max_connections is shared by every replica
  // of every service, so this is a budget, not a hint.
  int pool_size = 8;
  // The connector counts these in whole seconds; they are rounded up.
  absl::Duration connect_timeout = absl::Seconds(5);
  // Also bounds the longest statement: a query running longer is cut off (error 2013). Pools
  // that run migrations or heavy reports need a larger value.
  absl::Duration read_timeout = absl::Seconds(30);
  absl::Duration write_timeout = absl::Seconds(30);
  // How long a caller waits for a free connection before getting ResourceExhausted.
  absl::Duration acquire_timeout = absl::Seconds(2);
};

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_CONFIG_H_
