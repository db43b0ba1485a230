// membership_calls: the durable queue of calls owed to membership (see the table's comment in
// V001__create_inspection.sql). Times are the server's (UTC_TIMESTAMP), so that replicas with
// skewed clocks agree on when a lease runs out.
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/rows.h"
#include "common/db/sql_row.h"
#include "services/inspection/store/store.h"

namespace dangbo::inspection {
namespace {

constexpr int kPending = 1;
constexpr int kDone = 2;
// membership_calls.last_error is TEXT; a longer error is cut.
constexpr size_t kMaxErrorLength = 4000;

constexpr char kCallColumns[] =
    "SELECT id, request_id, kind, origin, payload, attempts, last_error, state, claim_token"
    " FROM membership_calls";

MembershipCall ReadCall(db::RowReader& row) {
  MembershipCall call;
  call.id = row.Int64();
  call.request_id = row.String();
  call.kind = row.EnumValue<MembershipCallKind>();
  call.origin = row.String();
  call.payload = row.String();
  call.attempts = row.Int();
  call.last_error = row.String();
  call.done = row.Int() == kDone;
  call.claim_token = row.String();
  return call;
}

int64_t Micros(absl::Duration d) { return absl::ToInt64Microseconds(d); }

}  // namespace

namespace internal {

absl::StatusOr<MembershipCall> InsertMembershipCallRow(db::Session& session,
                                                       const MembershipCall& call) {
  if (call.request_id.empty()) return absl::InvalidArgumentError("request_id: required");
  if (call.kind == MembershipCallKind::kUnspecified) {
    return absl::InvalidArgumentError("kind: required");
  }
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO membership_calls (request_id, kind, origin, payload, state, available_at,"
      " claim_token, attempts, last_error, create_time)"
      " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), '', 0, '', UTC_TIMESTAMP(6))");
  db::ParamBinder(insert)
      .String(call.request_id)
      .EnumValue(call.kind)
      .String(call.origin)
      .String(call.payload)
      .Int(kPending);
  try {
    insert.executeUpdate();
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != db::kErrDuplicateKey) throw;
    return absl::AlreadyExistsError(
        absl::StrCat("membership call with request_id ", call.request_id, " already queued"));
  }
  MembershipCall stored = call;
  stored.id = LastInsertId(session);
  stored.attempts = 0;
  stored.last_error.clear();
  stored.done = false;
  stored.claim_token.clear();
  return stored;
}

}  // namespace internal

absl::StatusOr<std::vector<MembershipCall>> InspectionStore::ClaimMembershipCalls(
    int limit, absl::Duration lease) {
  if (limit <= 0) return std::vector<MembershipCall>();
  std::vector<MembershipCall> claimed;
  absl::Status status = pool_.InTransaction([&](db::Session& session) -> absl::Status {
    claimed.clear();
    // SKIP LOCKED: concurrent claimers take disjoint rows instead of queueing on each other.
    sql::PreparedStatement& select = session.Prepare(absl::StrCat(
        kCallColumns,
        " WHERE state = 1 AND available_at <= UTC_TIMESTAMP(6) ORDER BY available_at, id"
        " LIMIT ? FOR UPDATE SKIP LOCKED"));
    select.setInt(1, limit);
    {
      std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
      while (rs->next()) {
        db::RowReader row(*rs);
        claimed.push_back(ReadCall(row));
      }
    }
    sql::PreparedStatement& lease_row = session.Prepare(
        "UPDATE membership_calls SET available_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND,"
        " claim_token = ?, attempts = ? WHERE id = ?");
    for (MembershipCall& call : claimed) {
      // Each claim counts an attempt, so the attempt count names the claim: a failure reported
      // under an older claim no longer matches.
      call.attempts += 1;
      call.claim_token = absl::StrCat("claim-", call.attempts);
      db::ParamBinder(lease_row)
          .Int64(Micros(lease))
          .String(call.claim_token)
          .Int(call.attempts)
          .Int64(call.id);
      lease_row.executeUpdate();
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return claimed;
}

absl::Status InspectionStore::CompleteMembershipCall(int64_t id) {
  return pool_.InTransaction([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& lock =
        session.Prepare("SELECT state FROM membership_calls WHERE id = ? FOR UPDATE");
    lock.setInt64(1, id);
    {
      std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
      if (!rs->next()) return absl::NotFoundError(absl::StrCat("membership call ", id));
      if (rs->getInt(1) == kDone) return absl::OkStatus();
    }
    sql::PreparedStatement& done = session.Prepare(
        "UPDATE membership_calls SET state = ?, done_time = UTC_TIMESTAMP(6), last_error = ''"
        " WHERE id = ?");
    db::ParamBinder(done).Int(kDone).Int64(id);
    done.executeUpdate();
    return absl::OkStatus();
  });
}

absl::Status InspectionStore::FailMembershipCall(int64_t id, const std::string& claim_token,
                                                 const std::string& error,
                                                 absl::Duration retry_after) {
  return pool_.InTransaction([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& lock =
        session.Prepare("SELECT state, claim_token FROM membership_calls WHERE id = ? FOR UPDATE");
    lock.setInt64(1, id);
    {
      std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
      if (!rs->next()) return absl::NotFoundError(absl::StrCat("membership call ", id));
      db::RowReader row(*rs);
      if (row.Int() == kDone) {
        return absl::FailedPreconditionError(absl::StrCat("membership call ", id, " is done"));
      }
      if (row.String() != claim_token) {
        return absl::FailedPreconditionError(
            absl::StrCat("membership call ", id, " was claimed again since ", claim_token));
      }
    }
    sql::PreparedStatement& retry = session.Prepare(
        "UPDATE membership_calls SET available_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND,"
        " last_error = ? WHERE id = ?");
    db::ParamBinder(retry)
        .Int64(Micros(retry_after))
        .String(error.substr(0, kMaxErrorLength))
        .Int64(id);
    retry.executeUpdate();
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<MembershipCall>> InspectionStore::MembershipCallsOf(
    const std::string& origin) {
  std::vector<MembershipCall> calls;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    calls.clear();
    sql::PreparedStatement& select =
        session.Prepare(absl::StrCat(kCallColumns, " WHERE origin = ? ORDER BY id"));
    select.setString(1, origin);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) {
      db::RowReader row(*rs);
      calls.push_back(ReadCall(row));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return calls;
}

}  // namespace dangbo::inspection
