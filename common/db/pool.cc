#include "common/db/pool.h"

#include <algorithm>
#include <random>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/db/connection_factory.h"
#include "common/db/sql_error.h"
#include "cppconn/exception.h"

namespace dangbo::db {
namespace {

// Full jitter over an exponential ceiling: transactions that deadlocked each other should not
// collide again in lockstep.
absl::Duration RetryBackoff(int attempt) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const int64_t ceiling_us = std::min<int64_t>(200'000, int64_t{5'000} << std::min(attempt, 6));
  std::uniform_int_distribution<int64_t> jitter(ceiling_us / 4, ceiling_us);
  return absl::Microseconds(jitter(rng));
}

// Same code and payloads, message prefixed.
absl::Status Annotate(const absl::Status& status, absl::string_view prefix) {
  absl::Status annotated(status.code(), absl::StrCat(prefix, status.message()));
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    annotated.SetPayload(type_url, payload);
  });
  return annotated;
}

bool IsAlive(Session& session) {
  try {
    return session.connection().isValid();
  } catch (const sql::SQLException&) {
    return false;
  }
}

}  // namespace

// Returns its session to the pool when it goes out of scope; unless told the connection is
// healthy it discards it, so an unexpected exception never puts a half-used connection back.
class Pool::Lease {
 public:
  Lease(Pool* pool, std::unique_ptr<Session> session) : pool_(pool), session_(std::move(session)) {}
  ~Lease() { pool_->Release(std::move(session_), !healthy_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  Session& session() { return *session_; }
  void set_healthy(bool healthy) { healthy_ = healthy; }

 private:
  Pool* const pool_;
  std::unique_ptr<Session> session_;
  bool healthy_ = false;
};

absl::StatusOr<std::unique_ptr<Pool>> Pool::Create(const Config& config) {
  if (config.pool_size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("pool_size must be at least 1, got ", config.pool_size));
  }
  if (config.user.empty()) return absl::InvalidArgumentError("user must be set");
  if (config.schema.empty()) return absl::InvalidArgumentError("schema must be set");
  if (config.acquire_timeout < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("acquire_timeout must not be negative");
  }
  return std::unique_ptr<Pool>(new Pool(config));
}

Pool::Pool(const Config& config) : config_(config) {}

Pool::~Pool() = default;

bool Pool::CanAcquire() const {
  return !idle_.empty() || leased_ + static_cast<int>(idle_.size()) < config_.pool_size;
}

void Pool::CountOpened() {
  absl::MutexLock lock(&mu_);
  ++opened_total_;
}

absl::StatusOr<std::unique_ptr<Session>> Pool::Acquire() {
  const absl::Time deadline = absl::Now() + config_.acquire_timeout;
  while (true) {
    std::unique_ptr<Session> candidate;
    bool needs_validation = false;
    {
      absl::MutexLock lock(&mu_);
      ++waiting_;
      const bool available =
          mu_.AwaitWithDeadline(absl::Condition(this, &Pool::CanAcquire), deadline);
      --waiting_;
      if (!available) {
        return absl::ResourceExhaustedError(absl::StrCat(
            "no database connection free within ", absl::FormatDuration(config_.acquire_timeout),
            " (all ", config_.pool_size, " in use, ", waiting_, " other callers waiting)"));
      }
      if (!idle_.empty()) {
        candidate = std::move(idle_.back());
        needs_validation = idle_epoch_.back() < epoch_;
        idle_.pop_back();
        idle_epoch_.pop_back();
      }
      ++leased_;
    }
    if (candidate == nullptr) {
      absl::StatusOr<std::unique_ptr<Session>> opened = OpenSession(config_);
      if (!opened.ok()) {
        absl::MutexLock lock(&mu_);
        --leased_;
        return opened.status();
      }
      CountOpened();
      return opened;
    }
    if (!needs_validation || IsAlive(*candidate)) return candidate;
    Release(std::move(candidate), /*broken=*/true);
  }
}

void Pool::Release(std::unique_ptr<Session> session, bool broken) {
  {
    absl::MutexLock lock(&mu_);
    --leased_;
    if (!broken) {
      idle_.push_back(std::move(session));
      idle_epoch_.push_back(epoch_);
      return;
    }
    ++discarded_total_;
    ++epoch_;
  }
  // Closing may touch the network; never under the lock.
  session.reset();
}

absl::Status Pool::RunOnce(Body body) {
  absl::StatusOr<std::unique_ptr<Session>> acquired = Acquire();
  if (!acquired.ok()) return acquired.status();
  Lease lease(this, *std::move(acquired));
  absl::Status status;
  try {
    status = body(lease.session());
  } catch (const sql::SQLException& e) {
    status = FromSqlException(e);
  }
  lease.set_healthy(!IsBrokenConnection(status));
  return status;
}

absl::Status Pool::Read(Body body) {
  absl::Status status = RunOnce(body);
  if (IsBrokenConnection(status)) status = RunOnce(body);
  return status;
}

absl::Status Pool::WithSession(Body body) { return RunOnce(body); }

absl::Status Pool::InTransaction(Body body) { return InTransaction(TransactionOptions(), body); }

absl::Status Pool::InTransaction(const TransactionOptions& options, Body body) {
  const int max_attempts = std::max(1, options.max_attempts);
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<std::unique_ptr<Session>> acquired = Acquire();
    if (!acquired.ok()) return acquired.status();
    absl::Status status;
    {
      Lease lease(this, *std::move(acquired));
      bool broken = false;
      status = TransactionAttempt(options, body, lease.session(), broken);
      lease.set_healthy(!broken);
    }
    if (status.ok() || IsCommitOutcomeUnknown(status)) return status;
    const std::optional<int> code = MySqlErrorCode(status);
    const bool retryable =
        code.has_value() && (IsRetryableTransactionError(*code) || IsBrokenConnectionError(*code));
    if (!retryable) return status;
    if (attempt >= max_attempts) {
      return Annotate(status, absl::StrCat("transaction gave up after ", attempt, " attempts: "));
    }
    absl::SleepFor(RetryBackoff(attempt));
  }
}

absl::Status Pool::TransactionAttempt(const TransactionOptions& options, Body body,
                                      Session& session, bool& broken) {
  absl::Status status;
  try {
    session.Execute("START TRANSACTION");
    status = body(session);
    if (status.ok() && options.before_commit) options.before_commit(session);
  } catch (const sql::SQLException& e) {
    status = FromSqlException(e);
  }
  if (!status.ok()) {
    if (IsBrokenConnection(status)) {
      broken = true;
      return status;
    }
    try {
      // As a statement: Connection::rollback() would not tell us if it failed.
      session.Execute("ROLLBACK");
    } catch (const sql::SQLException&) {
      broken = true;  // state unknown: never hand this connection out again
    }
    return status;
  }
  try {
    // As a statement: Connection::commit() reports success even when the connection died.
    session.Execute("COMMIT");
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    status = FromSqlException(e);
  }
  if (IsBrokenConnection(status)) {
    broken = true;
    return CommitOutcomeUnknownError(status);
  }
  // The server answered COMMIT with an error (a Galera certification failure arrives as 1213),
  // so nothing was committed and the transaction may run again.
  try {
    session.Execute("ROLLBACK");
  } catch (const sql::SQLException&) {
    broken = true;
  }
  return status;
}

absl::Status Pool::Ping() {
  absl::MutexLock lock(&ping_mu_);
  // A cached connection may have died with a server restart; one fresh try decides.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (ping_session_ == nullptr) {
      absl::StatusOr<std::unique_ptr<Session>> opened = OpenSession(config_);
      if (!opened.ok()) return opened.status();
      ping_session_ = *std::move(opened);
      CountOpened();
    }
    try {
      ping_session_->Execute("SELECT 1");
      return absl::OkStatus();
    } catch (const sql::SQLException& e) {
      ping_session_.reset();
      {
        absl::MutexLock stats_lock(&mu_);
        ++discarded_total_;
      }
      if (attempt == 1) {
        return absl::UnavailableError(
            absl::StrCat("database does not answer: ", FromSqlException(e).message()));
      }
    }
  }
  return absl::UnavailableError("database does not answer");
}

PoolStats Pool::Stats() const {
  absl::MutexLock lock(&mu_);
  PoolStats stats;
  stats.in_use = leased_;
  stats.idle = static_cast<int>(idle_.size());
  stats.waiting = waiting_;
  stats.opened_total = opened_total_;
  stats.discarded_total = discarded_total_;
  return stats;
}

}  // namespace dangbo::db
