#include "common/db/sql_error.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace dangbo::db {
namespace {

constexpr char kMySqlErrorTypeUrl[] = "dangbo.db/mysql_error";
constexpr char kCommitOutcomeUnknownTypeUrl[] = "dangbo.db/commit_outcome_unknown";

absl::Status WithErrorCode(absl::Status status, int mysql_error) {
  status.SetPayload(kMySqlErrorTypeUrl, absl::Cord(absl::StrCat(mysql_error)));
  return status;
}

}  // namespace

absl::Status FromSqlException(const sql::SQLException& e) {
  const int code = e.getErrorCode();
  const std::string detail =
      absl::StrCat("MySQL error ", code, " (SQLSTATE ", e.getSQLState(), "): ", e.what());
  if (code == kErrDuplicateKey) {
    return WithErrorCode(absl::AlreadyExistsError(detail), code);
  }
  if (IsRetryableTransactionError(code)) {
    return WithErrorCode(absl::AbortedError(detail), code);
  }
  if (IsBrokenConnectionError(code)) {
    return WithErrorCode(absl::UnavailableError(detail), code);
  }
  return WithErrorCode(absl::InternalError(detail), code);
}

std::optional<int> MySqlErrorCode(const absl::Status& status) {
  const auto payload = status.GetPayload(kMySqlErrorTypeUrl);
  int code = 0;
  if (!payload.has_value() || !absl::SimpleAtoi(std::string(*payload), &code)) {
    return std::nullopt;
  }
  return code;
}

bool IsBrokenConnectionError(int mysql_error) {
  switch (mysql_error) {
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1927:  // ER_CONNECTION_KILLED (MariaDB)
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2030:  // CR_NO_PREPARE_STMT: the session behind the statement is gone
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
      return true;
    default:
      return false;
  }
}

bool IsBrokenConnection(const absl::Status& status) {
  std::optional<int> code = MySqlErrorCode(status);
  return code.has_value() && IsBrokenConnectionError(*code);
}

bool IsRetryableTransactionError(int mysql_error) {
  return mysql_error == kErrDeadlock || mysql_error == kErrLockWaitTimeout;
}

absl::Status CommitOutcomeUnknownError(const absl::Status& cause) {
  absl::Status status = absl::UnavailableError(
      absl::StrCat("COMMIT sent but its outcome is unknown (the transaction may have committed; "
                   "resolve through the request id): ",
                   cause.message()));
  status.SetPayload(kCommitOutcomeUnknownTypeUrl, absl::Cord("1"));
  if (std::optional<int> code = MySqlErrorCode(cause); code.has_value()) {
    status = WithErrorCode(std::move(status), *code);
  }
  return status;
}

bool IsCommitOutcomeUnknown(const absl::Status& status) {
  return status.GetPayload(kCommitOutcomeUnknownTypeUrl).has_value();
}

}  // namespace dangbo::db
