#include "common/db/sql_error.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::db {
namespace {

using ::testing::HasSubstr;

sql::SQLException Error(int code, const std::string& message) {
  return sql::SQLException(message, "HY000", code);
}

TEST(FromSqlException, DuplicateKey_IsAlreadyExistsNamingTheKey) {
  absl::Status status =
      FromSqlException(Error(1062, "Duplicate entry '0123' for key 'members_citizen_id'"));
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(status.message()), HasSubstr("members_citizen_id"));
}

TEST(FromSqlException, DeadlockAndLockWaitTimeout_AreAborted) {
  EXPECT_EQ(FromSqlException(Error(1213, "Deadlock found")).code(), absl::StatusCode::kAborted);
  EXPECT_EQ(FromSqlException(Error(1205, "Lock wait timeout")).code(), absl::StatusCode::kAborted);
}

TEST(FromSqlException, LostConnection_IsUnavailableAndBroken) {
  absl::Status status = FromSqlException(Error(2013, "Lost connection to server during query"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(IsBrokenConnection(status));
}

TEST(FromSqlException, OtherErrors_AreInternalWithTheErrorNumber) {
  absl::Status status = FromSqlException(Error(1064, "You have an error in your SQL syntax"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(status.message()), HasSubstr("1064"));
  EXPECT_EQ(MySqlErrorCode(status), 1064);
  EXPECT_FALSE(IsBrokenConnection(status));
}

TEST(IsBrokenConnectionError, ListedCodes_AreBrokenAndQueryErrorsAreNot) {
  for (int code : {2002, 2006, 2013, 2030, 2055, 1927}) {
    EXPECT_TRUE(IsBrokenConnectionError(code)) << code;
  }
  for (int code : {1062, 1213, 1205, 1146, 1317}) {
    EXPECT_FALSE(IsBrokenConnectionError(code)) << code;
  }
}

TEST(CommitOutcomeUnknown, MarkedStatus_IsRecognizedAndUnavailable) {
  absl::Status status = CommitOutcomeUnknownError(FromSqlException(Error(2013, "lost")));
  EXPECT_TRUE(IsCommitOutcomeUnknown(status));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
}

TEST(CommitOutcomeUnknown, PlainUnavailable_IsNotUnknownOutcome) {
  EXPECT_FALSE(IsCommitOutcomeUnknown(absl::UnavailableError("database down")));
  EXPECT_FALSE(IsCommitOutcomeUnknown(FromSqlException(Error(2013, "lost"))));
}

}  // namespace
}  // namespace dangbo::db
