#ifndef DANGBO_COMMON_DB_SQL_ERROR_H_
#define DANGBO_COMMON_DB_SQL_ERROR_H_

#include <optional>

#include "absl/status/status.h"
#include "cppconn/exception.h"

namespace dangbo::db {

// MySQL/MariaDB error numbers the pool and stores act on.
inline constexpr int kErrDuplicateKey = 1062;
inline constexpr int kErrLockWaitTimeout = 1205;
inline constexpr int kErrDeadlock = 1213;
inline constexpr int kErrNoSuchTable = 1146;

// Converts a connector exception into a status at the store boundary:
//   1062 duplicate key          -> AlreadyExists (the message names the key)
//   1213 deadlock, 1205 timeout -> Aborted
//   broken connection           -> Unavailable
//   anything else               -> Internal, with the error number in the message
// The status carries the server's error number (see MySqlErrorCode), so code that converts an
// exception inside a transaction body still lets the pool see deadlocks and dead connections.
absl::Status FromSqlException(const sql::SQLException& e);

// The MySQL error number recorded by FromSqlException, if the status came from there.
std::optional<int> MySqlErrorCode(const absl::Status& status);

// True for errors after which the connection can never be used again: 2002, 2003, 2006, 2013,
// 2030 (statement lost by a reconnect), 2055, and the server's own "connection killed" /
// "shutdown in progress" / "disconnected for inactivity" (1927, 1053, 4031).
bool IsBrokenConnectionError(int mysql_error);
bool IsBrokenConnection(const absl::Status& status);

// Deadlock 1213 and lock wait timeout 1205: the whole transaction may be run again.
bool IsRetryableTransactionError(int mysql_error);

// A COMMIT was sent and its answer never arrived: the transaction may or may not have committed.
// Callers resolve it through the request's idempotency key, never by running it again blindly.
absl::Status CommitOutcomeUnknownError(const absl::Status& cause);
bool IsCommitOutcomeUnknown(const absl::Status& status);

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_SQL_ERROR_H_
