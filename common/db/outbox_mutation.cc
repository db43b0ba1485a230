#include "common/db/outbox_mutation.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/row_chunks.h"
#include "common/db/sql_error.h"
#include "common/db/sql_row.h"
#include "cppconn/resultset.h"

namespace dangbo::db {
namespace {

// idempotency_keys.request_id is VARCHAR(128).
constexpr size_t kMaxRequestIdLength = 128;
// Attempts when a concurrent twin holding the same request_id committed first, or when a
// COMMIT's outcome was unknown and the lookup showed it had not committed.
constexpr int kMaxAttempts = 4;
// Outbox rows per INSERT statement. The mutations that emit many changes (a batch of imported
// members) emit small ones, under a kilobyte each.
constexpr size_t kMaxChangesPerInsert = 256;

struct IdempotencyRecord {
  std::string fingerprint;
  std::string response;
};

std::optional<IdempotencyRecord> FindIdempotencyRecord(Session& session,
                                                       const MutationContext& context) {
  sql::PreparedStatement& statement = session.Prepare(
      "SELECT fingerprint, response FROM idempotency_keys WHERE method = ? AND request_id = ?");
  ParamBinder(statement).String(context.method).String(context.request_id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  if (!rs->next()) return std::nullopt;
  RowReader row(*rs);
  IdempotencyRecord record;
  record.fingerprint = row.String();
  record.response = row.String();
  return record;
}

absl::StatusOr<std::string> Replay(const IdempotencyRecord& record,
                                   const MutationContext& context) {
  if (record.fingerprint != context.fingerprint) {
    return absl::InvalidArgumentError("request_id: reused with a different request");
  }
  return record.response;
}

// The key goes in before the body runs, so a concurrent twin with the same request_id waits on
// this row's lock instead of running its body too; it then hits the duplicate key (we
// committed: it replays) or proceeds (we rolled back). False when a twin committed first.
bool ClaimIdempotencyKey(Session& session, const MutationContext& context) {
  sql::PreparedStatement& statement = session.Prepare(
      "INSERT INTO idempotency_keys (method, request_id, fingerprint, response, create_time)"
      " VALUES (?, ?, ?, '', ?)");
  ParamBinder(statement)
      .String(context.method)
      .String(context.request_id)
      .String(context.fingerprint)
      .Time(NowMicros());
  try {
    statement.executeUpdate();
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() == kErrDuplicateKey) return false;
    throw;
  }
  return true;
}

void StoreResponse(Session& session, const MutationContext& context, const std::string& response) {
  sql::PreparedStatement& statement = session.Prepare(
      "UPDATE idempotency_keys SET response = ? WHERE method = ? AND request_id = ?");
  ParamBinder(statement).String(response).String(context.method).String(context.request_id);
  statement.executeUpdate();
}

void AppendAuditRow(Session& session, const MutationContext& context,
                    const MutationOutcome& outcome) {
  sql::PreparedStatement& statement = session.Prepare(
      "INSERT INTO audit_log (time, caller, method, request_id, resource, action, detail)"
      " VALUES (?, ?, ?, ?, ?, 'WRITE', ?)");
  ParamBinder(statement)
      .Time(NowMicros())
      .String(context.caller)
      .String(context.method)
      .String(context.request_id)
      .String(outcome.resource)
      .String(outcome.audit_detail);
  statement.executeUpdate();
}

// Must be the last work before COMMIT: the head row stays locked until then, which is what
// keeps sequence order equal to commit order (see outbox in the V001 migrations), and keeping
// it last keeps the time other writers queue on it down to the COMMIT itself. Multi-row
// inserts: an import batch emits a thousand changes, and every round trip here is time other
// writers wait.
void AppendChanges(Session& session, const MutationContext& context,
                   const std::vector<ChangeRecord>& changes) {
  if (changes.empty()) return;
  sql::PreparedStatement& head =
      session.Prepare("SELECT last_sequence FROM outbox_head WHERE id = 1 FOR UPDATE");
  std::unique_ptr<sql::ResultSet> rs(head.executeQuery());
  if (!rs->next()) {
    throw sql::SQLException("outbox_head has no row; the schema was not migrated", "HY000", 0);
  }
  const int64_t head_sequence = rs->getInt64(1);
  ForEachRowChunk(changes.size(), kMaxChangesPerInsert, [&](size_t begin, size_t size) {
    sql::PreparedStatement& insert = session.Prepare(absl::StrCat(
        "INSERT INTO outbox (sequence, resource, change_type, payload, request_id, commit_time)"
        " VALUES ",
        RepeatedRows("(?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", size)));
    ParamBinder binder(insert);
    for (size_t i = begin; i < begin + size; ++i) {
      binder.Int64(head_sequence + 1 + static_cast<int64_t>(i))
          .String(changes[i].resource)
          .String(changes[i].change_type)
          .String(changes[i].payload)
          .String(context.request_id);
    }
    insert.executeUpdate();
    return absl::OkStatus();
  }).IgnoreError();  // failures are thrown
  sql::PreparedStatement& advance =
      session.Prepare("UPDATE outbox_head SET last_sequence = ? WHERE id = 1");
  advance.setInt64(1, head_sequence + static_cast<int64_t>(changes.size()));
  advance.executeUpdate();
}

}  // namespace

absl::StatusOr<std::string> RunOutboxMutation(
    Pool& pool, const MutationContext& context,
    absl::FunctionRef<absl::StatusOr<MutationOutcome>(Session&)> body,
    const std::function<void(Session&)>& before_commit) {
  if (context.method.empty()) return absl::InternalError("mutation: method is required");
  if (context.request_id.empty()) return absl::InvalidArgumentError("request_id: required");
  if (context.request_id.size() > kMaxRequestIdLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("request_id: longer than ", kMaxRequestIdLength, " bytes"));
  }

  absl::Status status;
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    std::optional<absl::StatusOr<std::string>> result;
    bool twin_committed = false;
    TransactionOptions options;
    options.before_commit = before_commit;
    status = pool.InTransaction(options, [&](Session& session) -> absl::Status {
      result.reset();
      twin_committed = false;
      if (std::optional<IdempotencyRecord> prior = FindIdempotencyRecord(session, context)) {
        result = Replay(*prior, context);
        return result->status();
      }
      if (!ClaimIdempotencyKey(session, context)) {
        twin_committed = true;
        return absl::AbortedError("request_id: a concurrent request with it committed first");
      }
      absl::StatusOr<MutationOutcome> outcome = body(session);
      if (!outcome.ok()) return outcome.status();
      StoreResponse(session, context, outcome->response);
      AppendAuditRow(session, context, *outcome);
      AppendChanges(session, context, outcome->changes);
      result = std::move(outcome->response);
      return absl::OkStatus();
    });
    if (status.ok()) return std::move(*result);
    if (twin_committed) continue;  // the next attempt finds the twin's record and replays it
    if (!IsCommitOutcomeUnknown(status)) return status;

    // COMMIT was sent and no answer came: the idempotency record tells whether it took.
    std::optional<IdempotencyRecord> committed;
    absl::Status lookup = pool.Read([&](Session& session) -> absl::Status {
      committed = FindIdempotencyRecord(session, context);
      return absl::OkStatus();
    });
    if (!lookup.ok()) return status;  // still unknown; the caller retries with the same id
    if (committed.has_value()) return Replay(*committed, context);
    // Not committed: running again is safe. A COMMIT still in flight on the server holds the
    // key's lock, so the next attempt waits for it and then replays instead of writing twice.
  }
  return status;
}

absl::StatusOr<std::optional<std::string>> FindCommittedResponse(Pool& pool,
                                                                 const MutationContext& context) {
  std::optional<IdempotencyRecord> record;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    record = FindIdempotencyRecord(session, context);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!record) return std::nullopt;
  absl::StatusOr<std::string> response = Replay(*record, context);
  if (!response.ok()) return response.status();
  return *std::move(response);
}

}  // namespace dangbo::db
