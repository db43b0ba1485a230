// MembershipStore::Mutate: one transaction holding the change, its idempotency record, its
// audit row and its change-feed rows (design.md §5, outbox).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "common/db/session.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "services/membership/store/member_cache.h"
#include "services/membership/store/membership_tx.h"
#include "services/membership/store/row_chunks.h"
#include "services/membership/store/sql_values.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {
namespace {

// idempotency_keys.request_id is VARCHAR(128).
constexpr size_t kMaxRequestIdLength = 128;
// Attempts at one Mutate when a concurrent twin holds the same request_id, or when a COMMIT's
// outcome was unknown and the lookup showed it had not committed.
constexpr int kMaxMutateAttempts = 4;

// Outbox rows per INSERT statement; a row's payload is a member or an organization, under a
// kilobyte, so a statement stays a few hundred kilobytes.
constexpr size_t kMaxChangesPerInsert = 256;

std::string InsertChangesSql(size_t rows) {
  return absl::StrCat(
      "INSERT INTO outbox (sequence, resource, change_type, payload, request_id, commit_time)"
      " VALUES ",
      internal::RepeatedRows("(?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", rows));
}

struct IdempotencyRecord {
  std::string fingerprint;
  std::string response;
};

std::optional<IdempotencyRecord> FindIdempotencyRecord(db::Session& session,
                                                       const MutationContext& context) {
  sql::PreparedStatement& statement = session.Prepare(
      "SELECT fingerprint, response FROM idempotency_keys WHERE method = ? AND request_id = ?");
  statement.setString(1, context.method);
  statement.setString(2, context.request_id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  if (!rs->next()) return std::nullopt;
  return IdempotencyRecord{rs->getString(1).asStdString(), rs->getString(2).asStdString()};
}

absl::StatusOr<std::string> Replay(const IdempotencyRecord& record,
                                   const MutationContext& context) {
  if (record.fingerprint != context.fingerprint) {
    return absl::InvalidArgumentError("request_id: reused with a different request");
  }
  return record.response;
}

// Inserting the key first, before the body runs, makes a concurrent twin with the same
// request_id wait on this row's lock instead of running its body too; it then fails with a
// duplicate key (we committed: it replays) or proceeds (we rolled back).
// Returns false when the twin committed first.
bool ClaimIdempotencyKey(db::Session& session, const MutationContext& context) {
  sql::PreparedStatement& statement = session.Prepare(
      "INSERT INTO idempotency_keys (method, request_id, fingerprint, response, create_time)"
      " VALUES (?, ?, ?, '', ?)");
  internal::ParamBinder(statement)
      .String(context.method)
      .String(context.request_id)
      .String(context.fingerprint)
      .Time(internal::NowMicros());
  try {
    statement.executeUpdate();
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() == db::kErrDuplicateKey) return false;
    throw;
  }
  return true;
}

void StoreResponse(db::Session& session, const MutationContext& context,
                   const std::string& response) {
  sql::PreparedStatement& statement = session.Prepare(
      "UPDATE idempotency_keys SET response = ? WHERE method = ? AND request_id = ?");
  internal::ParamBinder(statement)
      .String(response)
      .String(context.method)
      .String(context.request_id);
  statement.executeUpdate();
}

void AppendAuditRow(db::Session& session, const MutationContext& context,
                    const MutationOutcome& outcome) {
  sql::PreparedStatement& statement = session.Prepare(
      "INSERT INTO audit_log (time, caller, method, request_id, resource, action, detail)"
      " VALUES (?, ?, ?, ?, ?, 'WRITE', ?)");
  internal::ParamBinder(statement)
      .Time(internal::NowMicros())
      .String(context.caller)
      .String(context.method)
      .String(context.request_id)
      .String(outcome.resource)
      .String(outcome.audit_detail);
  statement.executeUpdate();
}

// Must be the last work before COMMIT: the head row stays locked until then, and that lock is
// what keeps sequence order equal to commit order (see outbox in V001__create_membership.sql).
// Keeping it last keeps the time other writers queue on it to the COMMIT itself.
void AppendChanges(db::Session& session, const MutationContext& context,
                   const std::vector<ChangeRecord>& changes) {
  if (changes.empty()) return;
  sql::PreparedStatement& head =
      session.Prepare("SELECT last_sequence FROM outbox_head WHERE id = 1 FOR UPDATE");
  std::unique_ptr<sql::ResultSet> rs(head.executeQuery());
  if (!rs->next()) {
    throw sql::SQLException("outbox_head has no row; the schema was not migrated", "HY000", 0);
  }
  const int64_t head_sequence = rs->getInt64(1);
  // Multi-row inserts: an import batch emits a thousand changes, and this runs under the head
  // lock, so its round trips are time every other writer waits.
  internal::ForEachRowChunk(changes.size(), kMaxChangesPerInsert, [&](size_t begin, size_t size) {
    sql::PreparedStatement& insert = session.Prepare(InsertChangesSql(size));
    internal::ParamBinder binder(insert);
    for (size_t i = begin; i < begin + size; ++i) {
      binder.Int64(head_sequence + 1 + static_cast<int64_t>(i))
          .String(changes[i].resource)
          .String(changes[i].change_type)
          .String(changes[i].payload)
          .String(context.request_id);
    }
    insert.executeUpdate();
    return absl::OkStatus();
  }).IgnoreError();  // the body reports failures by throwing
  const int64_t sequence = head_sequence + static_cast<int64_t>(changes.size());
  sql::PreparedStatement& advance =
      session.Prepare("UPDATE outbox_head SET last_sequence = ? WHERE id = 1");
  advance.setInt64(1, sequence);
  advance.executeUpdate();
}

}  // namespace

MembershipStore::MembershipStore(db::Pool& pool) : pool_(pool) {}

absl::StatusOr<std::string> MembershipStore::Mutate(
    const MutationContext& context,
    absl::FunctionRef<absl::StatusOr<MutationOutcome>(MembershipTx&)> body) {
  if (context.method.empty()) return absl::InternalError("Mutate: method is required");
  if (context.request_id.empty()) return absl::InvalidArgumentError("request_id: required");
  if (context.request_id.size() > kMaxRequestIdLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("request_id: longer than ", kMaxRequestIdLength, " bytes"));
  }

  // Resources this mutation wrote, whatever became of its COMMIT: the member cache drops them
  // once the transaction is over, so this replica's next read sees the write.
  std::vector<std::string> touched;
  absl::Cleanup invalidate = [&] {
    if (member_cache_ == nullptr) return;
    for (const std::string& resource : touched) member_cache_->Invalidate(resource);
  };
  absl::Status status;
  for (int attempt = 1; attempt <= kMaxMutateAttempts; ++attempt) {
    std::optional<absl::StatusOr<std::string>> result;
    bool twin_committed = false;
    db::TransactionOptions options;
    options.before_commit = before_commit_;
    status = pool_.InTransaction(options, [&](db::Session& session) -> absl::Status {
      // The pool may run this again after a deadlock: start from nothing.
      result.reset();
      twin_committed = false;
      if (auto prior = FindIdempotencyRecord(session, context)) {
        result = Replay(*prior, context);
        return result->status();
      }
      if (!ClaimIdempotencyKey(session, context)) {
        twin_committed = true;
        return absl::AbortedError("request_id: a concurrent request with it committed first");
      }
      internal::SqlMembershipTx tx(session, context.caller);
      absl::StatusOr<MutationOutcome> outcome = body(tx);
      if (!outcome.ok()) return outcome.status();
      StoreResponse(session, context, outcome->response);
      AppendAuditRow(session, context, *outcome);
      if (member_cache_ != nullptr) {
        for (const ChangeRecord& change : outcome->changes) touched.push_back(change.resource);
      }
      AppendChanges(session, context, outcome->changes);
      result = std::move(outcome->response);
      return absl::OkStatus();
    });
    if (status.ok()) return std::move(*result);
    if (twin_committed) continue;  // the next attempt finds the twin's record and replays it
    if (!db::IsCommitOutcomeUnknown(status)) return status;

    // COMMIT was sent and no answer came. The idempotency record tells whether it took.
    std::optional<IdempotencyRecord> committed;
    absl::Status lookup = pool_.Read([&](db::Session& session) -> absl::Status {
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

}  // namespace dangbo::membership
