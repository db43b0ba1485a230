#ifndef DANGBO_TESTS_SUPPORT_PRIVATE_MARIADB_H_
#define DANGBO_TESTS_SUPPORT_PRIVATE_MARIADB_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/config.h"

namespace dangbo::testing {

// A MariaDB server of its own for a test binary: a fresh data directory in a temp dir, a free
// loopback port, real users and grants. Works as root (as in CI) and as an ordinary user. The
// server dies with the process that started it, and the destructor stops it and removes the
// directory.
class PrivateMariaDb {
 public:
  // Initialises a data directory and starts the server; returns once it accepts connections.
  static absl::StatusOr<std::unique_ptr<PrivateMariaDb>> Launch();
  ~PrivateMariaDb();

  PrivateMariaDb(const PrivateMariaDb&) = delete;
  PrivateMariaDb& operator=(const PrivateMariaDb&) = delete;

  int port() const { return port_; }
  const std::string& socket() const { return socket_; }
  const std::string& datadir() const { return datadir_; }
  bool running() const { return pid_ > 0; }
  // How long the last Launch/Start took until the server answered.
  absl::Duration last_start_duration() const { return last_start_duration_; }

  // Creates `schema` (utf8mb4, utf8mb4_unicode_ci) and `user`@'%' with all privileges on that
  // schema only, as a service's own database user has.
  absl::Status CreateSchemaWithUser(const std::string& schema, const std::string& user,
                                    const std::string& password);

  // Runs one statement as root (KILL, inspection of other sessions, ...).
  absl::Status ExecuteAsRoot(const std::string& sql);

  // A pool config reaching `schema` over TCP, with timeouts short enough for tests.
  db::Config ConfigFor(const std::string& schema, const std::string& user,
                       const std::string& password, int pool_size = 4) const;

  // SIGKILL: a crash. Committed transactions must survive it.
  absl::Status Kill();
  // Clean shutdown (SIGTERM), waiting for the process to exit.
  absl::Status Stop();
  // Starts again on the same data directory and port.
  absl::Status Start();

 private:
  PrivateMariaDb(std::string root_dir, int port);
  absl::Status Install();
  absl::Status StartOnce();
  absl::Status WaitUntilReady(absl::Duration timeout);
  absl::Status WaitForExit(absl::Duration timeout);
  std::string LogTail() const;

  const std::string root_dir_;
  const std::string datadir_;
  const std::string socket_;
  const std::string log_file_;
  int port_;
  pid_t pid_ = -1;
  absl::Duration last_start_duration_;
};

}  // namespace dangbo::testing

#endif  // DANGBO_TESTS_SUPPORT_PRIVATE_MARIADB_H_
