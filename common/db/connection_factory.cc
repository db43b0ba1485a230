#include "common/db/connection_factory.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/db/sql_error.h"
#include "cppconn/driver.h"
#include "cppconn/exception.h"

namespace dangbo::db {
namespace {

// get_driver_instance() initialises the client library and is not safe to race; a function
// static runs it exactly once, whichever thread gets here first.
sql::Driver* Driver() {
  static sql::Driver* const driver = get_driver_instance();
  return driver;
}

int WholeSeconds(absl::Duration d) {
  const int64_t seconds = absl::ToInt64Seconds(absl::Ceil(d, absl::Seconds(1)));
  return seconds < 1 ? 1 : static_cast<int>(seconds);
}

// Strict mode makes the server refuse bad data instead of truncating it or storing zero dates.
constexpr char kSqlMode[] =
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY'";

// READ COMMITTED rather than the server's REPEATABLE READ: in MariaDB, REPEATABLE READ does not
// stop lost updates anyway (design.md §3), so its snapshot only protects readers, while it adds
// gap locks that turn concurrent inserts into the outbox and request-id tables into deadlocks.
// Under READ COMMITTED every statement sees the latest committed rows, so a writer that locks
// what it reads (SELECT ... FOR UPDATE) or checks a version column in its UPDATE decides on
// current data. Needs row-based or mixed binlog, which Galera/XtraDB clusters require anyway.
constexpr char kIsolation[] = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";

}  // namespace

absl::StatusOr<std::unique_ptr<Session>> OpenSession(const Config& config) {
  sql::ConnectOptionsMap options;
  if (config.unix_socket.has_value()) {
    options["socket"] = sql::SQLString(*config.unix_socket);
    options["hostName"] = sql::SQLString("localhost");
  } else {
    options["hostName"] = sql::SQLString(config.host);
    options["port"] = config.port;
  }
  options["userName"] = sql::SQLString(config.user);
  options["password"] = sql::SQLString(config.password);
  if (!config.schema.empty()) options["schema"] = sql::SQLString(config.schema);
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  // A silent reconnect would continue on a session that lost its transaction and its prepared
  // statements (design.md §3); a dead connection is thrown away instead.
  options["OPT_RECONNECT"] = false;
  options["OPT_CONNECT_TIMEOUT"] = WholeSeconds(config.connect_timeout);
  // Without these a query on a dead network waits forever.
  options["OPT_READ_TIMEOUT"] = WholeSeconds(config.read_timeout);
  options["OPT_WRITE_TIMEOUT"] = WholeSeconds(config.write_timeout);

  try {
    std::unique_ptr<sql::Connection> connection(Driver()->connect(options));
    auto session = std::make_unique<Session>(std::move(connection));
    session->Execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
    session->Execute("SET SESSION time_zone = '+00:00'");
    session->Execute(kSqlMode);
    session->Execute(kIsolation);
    return session;
  } catch (const sql::SQLException& e) {
    absl::Status cause = FromSqlException(e);
    return absl::UnavailableError(absl::StrCat("cannot open a connection to schema '",
                                               config.schema, "': ", cause.message()));
  }
}

}  // namespace dangbo::db
