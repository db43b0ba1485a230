#ifndef DANGBO_COMMON_DB_POOL_H_
#define DANGBO_COMMON_DB_POOL_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/db/config.h"
#include "common/db/session.h"

namespace dangbo::db {

// A snapshot for metrics.
struct PoolStats {
  int in_use = 0;   // leased to a caller right now (including connections being opened)
  int idle = 0;     // open and waiting in the pool
  int waiting = 0;  // callers blocked in acquire
  int64_t opened_total = 0;
  int64_t discarded_total = 0;  // connections thrown away because they broke
};

struct TransactionOptions {
  // Deadlocks (1213), lock wait timeouts (1205) and connections that broke before COMMIT was
  // sent run the whole transaction again, up to this many attempts in all.
  int max_attempts = 5;
  // Test hook: runs after the body succeeded, just before COMMIT is sent.
  std::function<void(Session&)> before_commit;
};

// A bounded pool of connections to one schema (Connector/C++ has none; design.md §3).
//
// Bodies passed to Read/InTransaction/WithSession run on one leased Session. They may throw
// sql::SQLException or return a status; either way nothing from the connector escapes: thrown
// exceptions become statuses through FromSqlException. Bodies may run more than once (see each
// method), so they must start from scratch each time: clear what they collect.
class Pool {
 public:
  using Body = absl::FunctionRef<absl::Status(Session&)>;

  // Validates the config; opens no connection yet (a service may start before its database).
  static absl::StatusOr<std::unique_ptr<Pool>> Create(const Config& config);
  ~Pool();

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Runs `body` as one transaction: START TRANSACTION, body, COMMIT, with COMMIT and ROLLBACK
  // sent as statements because Connection::commit() ignores the server's answer.
  // - body returns non-OK: ROLLBACK, and body's status is returned.
  // - deadlock / lock wait timeout / broken connection before COMMIT was sent: the body runs
  //   again (jittered backoff), up to max_attempts; then Aborted (locks) or Unavailable.
  // - COMMIT sent and the connection broke: IsCommitOutcomeUnknown(status) is true.
  // Acquire timeout: ResourceExhausted (see Acquire).
  absl::Status InTransaction(Body body);
  absl::Status InTransaction(const TransactionOptions& options, Body body);

  // Runs `body` in autocommit mode, for reads. Runs it again once if the connection turned out
  // to be broken (a read is safe to repeat).
  absl::Status Read(Body body);

  // Runs `body` once in autocommit mode on one connection, without any retry: for work that is
  // neither a plain read nor one transaction (migrations: advisory locks and DDL).
  absl::Status WithSession(Body body);

  // OK while the database answers `SELECT 1`. Uses its own connection, outside the pool's
  // budget, so a busy pool does not make a health check fail.
  absl::Status Ping();

  PoolStats Stats() const;
  const Config& config() const { return config_; }

 private:
  class Lease;
  explicit Pool(const Config& config);

  bool CanAcquire() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Waits up to acquire_timeout for an idle connection or a free slot. Returns
  // ResourceExhausted on timeout rather than Unavailable: the pool being full is this replica's
  // overload, not the database being down, and the two need different alarms.
  absl::StatusOr<std::unique_ptr<Session>> Acquire();
  // Returns a healthy connection to the pool or, when `broken`, closes it and frees its slot.
  void Release(std::unique_ptr<Session> session, bool broken);
  // Runs body once on a leased session, converting connector exceptions.
  absl::Status RunOnce(Body body);
  absl::Status TransactionAttempt(const TransactionOptions& options, Body body, Session& session,
                                  bool& broken);
  void CountOpened();

  const Config config_;

  mutable absl::Mutex mu_;
  // Most recently used at the back: reusing warm connections lets idle ones age out server-side.
  std::deque<std::unique_ptr<Session>> idle_ ABSL_GUARDED_BY(mu_);
  // Validation epoch each idle connection was last known good in (parallel to idle_).
  std::deque<int64_t> idle_epoch_ ABSL_GUARDED_BY(mu_);
  int leased_ ABSL_GUARDED_BY(mu_) = 0;
  int waiting_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t opened_total_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t discarded_total_ ABSL_GUARDED_BY(mu_) = 0;
  // Bumped whenever a connection is found broken: the server may have restarted or failed
  // over, so every idle connection from an older epoch is pinged before it is handed out.
  int64_t epoch_ ABSL_GUARDED_BY(mu_) = 0;

  absl::Mutex ping_mu_;
  std::unique_ptr<Session> ping_session_ ABSL_GUARDED_BY(ping_mu_);
};

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_POOL_H_
