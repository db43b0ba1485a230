// Violation cases: their writes inside a mutation and their reads.
#include <memory>
#include <string>
#include <vector>

#include "common/db/pool.h"
#include "common/db/session.h"
#include "cppconn/resultset.h"
#include "services/membership/store/membership_tx.h"
#include "services/membership/store/sql_values.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {
namespace {

using internal::ParamBinder;
using internal::RowReader;

// Oldest first: the order they were opened in, for the cases reported open.
constexpr const char* kCasesOfMemberSql =
    "SELECT member_id, source, is_open, opened_date, settled_date, recorded_by, update_time"
    " FROM violation_cases WHERE member_id = ? ORDER BY opened_date IS NULL, opened_date, source";

std::vector<ViolationCase> ReadCases(db::Session& session, int64_t member_id) {
  sql::PreparedStatement& statement = session.Prepare(kCasesOfMemberSql);
  statement.setInt64(1, member_id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  std::vector<ViolationCase> cases;
  while (rs->next()) {
    RowReader row(*rs);
    ViolationCase& c = cases.emplace_back();
    c.member_id = row.Int64();
    c.source = row.String();
    c.open = row.Bool();
    c.opened_date = row.OptionalDate();
    c.settled_date = row.OptionalDate();
    c.recorded_by = row.String();
    c.update_time = row.Time();
  }
  return cases;
}

}  // namespace

namespace internal {

absl::StatusOr<std::vector<ViolationCase>> SqlMembershipTx::ViolationCasesOf(int64_t member_id) {
  return Guarded([&]() -> absl::StatusOr<std::vector<ViolationCase>> {
    return ReadCases(session_, member_id);
  });
}

absl::StatusOr<ViolationCase> SqlMembershipTx::WriteViolationCase(const ViolationCase& c) {
  return Guarded([&]() -> absl::StatusOr<ViolationCase> {
    sql::PreparedStatement& statement = session_.Prepare(
        "INSERT INTO violation_cases (member_id, source, is_open, opened_date, settled_date,"
        " recorded_by, update_time) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
        " is_open = VALUES(is_open), opened_date = VALUES(opened_date),"
        " settled_date = VALUES(settled_date), recorded_by = VALUES(recorded_by),"
        " update_time = VALUES(update_time)");
    ViolationCase written = c;
    written.update_time = NowMicros();
    ParamBinder(statement)
        .Int64(written.member_id)
        .String(written.source)
        .Bool(written.open)
        .OptionalDate(written.opened_date)
        .OptionalDate(written.settled_date)
        .String(written.recorded_by)
        .Time(written.update_time);
    statement.executeUpdate();
    return written;
  });
}

}  // namespace internal

absl::StatusOr<std::vector<ViolationCase>> MembershipStore::ListViolationCases(int64_t member_id) {
  std::vector<ViolationCase> cases;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    cases = ReadCases(session, member_id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return cases;
}

}  // namespace dangbo::membership
