#include "common/db/migrate.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/db/sql_error.h"
#include "common/db/sql_script.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/resultset.h"

namespace dangbo::db {
namespace {

constexpr char kCreateHistoryTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT NOT NULL PRIMARY KEY,"
    " description VARCHAR(200) NOT NULL,"
    " checksum CHAR(64) CHARACTER SET ascii NOT NULL,"
    " applied_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

// Short waits, repeated: one long GET_LOCK would outlast the connection's read_timeout.
constexpr int kLockPollSeconds = 1;
constexpr absl::Duration kSchemaPollInterval = absl::Milliseconds(250);

std::string Name(const Migration& m) {
  return absl::StrFormat("V%03d (%s)", m.version, m.description);
}

absl::Status ValidateOrder(std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version < 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("migration version must be positive, got ", migrations[i].version));
    }
    if (i > 0 && migrations[i].version <= migrations[i - 1].version) {
      return absl::InvalidArgumentError(
          absl::StrCat("migrations must be ordered by unique version: ", Name(migrations[i - 1]),
                       " is followed by ", Name(migrations[i])));
    }
  }
  return absl::OkStatus();
}

// version -> checksum, from schema_migrations; empty when the table does not exist yet.
absl::flat_hash_map<int, std::string> LoadApplied(Session& session) {
  absl::flat_hash_map<int, std::string> applied;
  try {
    std::unique_ptr<sql::ResultSet> rows(
        session.Prepare("SELECT version, checksum FROM schema_migrations").executeQuery());
    while (rows->next()) applied[rows->getInt(1)] = rows->getString(2);
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != kErrNoSuchTable) throw;
  }
  return applied;
}

// Checks what the database holds against the binary's files; returns the files still to apply.
absl::StatusOr<std::vector<const Migration*>> Pending(
    std::span<const Migration> migrations, const absl::flat_hash_map<int, std::string>& applied) {
  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  int newest_applied = 0;
  for (const auto& [version, checksum] : applied) {
    newest_applied = std::max(newest_applied, version);
    auto known = std::lower_bound(migrations.begin(), migrations.end(), version,
                                  [](const Migration& m, int v) { return m.version < v; });
    if (known != migrations.end() && known->version == version) {
      const std::string expected = MigrationChecksum(known->sql);
      if (checksum != expected) {
        return absl::FailedPreconditionError(absl::StrCat(
            "migration ", Name(*known), " was changed after it was applied (checksum ", checksum,
            " recorded, file has ", expected, "); add a new migration instead"));
      }
    } else if (version < newest_known) {
      return absl::FailedPreconditionError(absl::StrCat(
          "schema_migrations records version ", version, " which this binary does not have"));
    }
  }
  std::vector<const Migration*> pending;
  for (const Migration& m : migrations) {
    if (applied.contains(m.version)) continue;
    if (m.version < newest_applied) {
      return absl::FailedPreconditionError(
          absl::StrCat("migration ", Name(m), " is pending but version ", newest_applied,
                       " is already applied; new migrations must take a higher version"));
    }
    pending.push_back(&m);
  }
  return pending;
}

absl::Status AcquireLock(Session& session, const std::string& name, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  sql::PreparedStatement& get_lock = session.Prepare("SELECT GET_LOCK(?, ?)");
  while (true) {
    get_lock.setString(1, name);
    get_lock.setInt(2, kLockPollSeconds);
    std::unique_ptr<sql::ResultSet> result(get_lock.executeQuery());
    if (!result->next() || result->isNull(1)) {
      return absl::InternalError(absl::StrCat("GET_LOCK('", name, "') failed"));
    }
    if (result->getInt(1) == 1) return absl::OkStatus();
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(absl::StrCat("another process held the migration lock '",
                                                      name, "' for ",
                                                      absl::FormatDuration(timeout)));
    }
  }
}

absl::Status ApplyOne(Session& session, const Migration& m,
                      const std::vector<std::string>& statements) {
  for (size_t i = 0; i < statements.size(); ++i) {
    try {
      session.Execute(statements[i]);
    } catch (const sql::SQLException& e) {
      const absl::Status cause = FromSqlException(e);
      return absl::Status(
          cause.code(),
          absl::StrCat("migration ", Name(m), " failed at statement ", i + 1, " of ",
                       statements.size(), (i > 0 ? " (the statements before it are applied)" : ""),
                       ": ", cause.message()));
    }
  }
  sql::PreparedStatement& record = session.Prepare(
      "INSERT INTO schema_migrations (version, description, checksum) VALUES (?, ?, ?)");
  record.setInt(1, m.version);
  record.setString(2, std::string(m.description));
  record.setString(3, MigrationChecksum(m.sql));
  record.executeUpdate();
  return absl::OkStatus();
}

absl::Status MigrateLocked(Session& session, std::span<const Migration> migrations) {
  absl::StatusOr<std::vector<const Migration*>> pending = Pending(migrations, LoadApplied(session));
  if (!pending.ok()) return pending.status();
  // Split everything first, so a malformed file stops the run before anything is applied.
  std::vector<std::vector<std::string>> scripts;
  for (const Migration* m : *pending) {
    absl::StatusOr<std::vector<std::string>> statements = SplitSqlScript(m->sql);
    if (!statements.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("migration ", Name(*m), ": ", statements.status().message()));
    }
    scripts.push_back(*std::move(statements));
  }
  for (size_t i = 0; i < pending->size(); ++i) {
    absl::Status applied = ApplyOne(session, *(*pending)[i], scripts[i]);
    if (!applied.ok()) return applied;
  }
  return absl::OkStatus();
}

}  // namespace

std::string MigrationChecksum(std::string_view sql) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(sql.data(), sql.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

absl::Status Migrate(Pool& pool, std::span<const Migration> migrations,
                     absl::Duration lock_timeout) {
  if (absl::Status valid = ValidateOrder(migrations); !valid.ok()) return valid;
  const std::string lock_name = absl::StrCat(pool.config().schema, ".migrations");
  return pool.WithSession([&](Session& session) -> absl::Status {
    session.Execute(kCreateHistoryTable);
    if (absl::Status locked = AcquireLock(session, lock_name, lock_timeout); !locked.ok()) {
      return locked;
    }
    absl::Status status;
    try {
      status = MigrateLocked(session, migrations);
    } catch (const sql::SQLException& e) {
      status = FromSqlException(e);
    }
    // If the connection died, the server dropped the lock with it.
    sql::PreparedStatement& release = session.Prepare("SELECT RELEASE_LOCK(?)");
    release.setString(1, lock_name);
    std::unique_ptr<sql::ResultSet>(release.executeQuery());
    return status;
  });
}

absl::StatusOr<int> CurrentVersion(Pool& pool) {
  int version = 0;
  absl::Status status = pool.Read([&](Session& session) -> absl::Status {
    version = 0;
    for (const auto& [applied, checksum] : LoadApplied(session)) {
      version = std::max(version, applied);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return version;
}

absl::Status WaitForSchema(Pool& pool, std::span<const Migration> migrations,
                           absl::Duration timeout) {
  if (absl::Status valid = ValidateOrder(migrations); !valid.ok()) return valid;
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    absl::Status status = pool.Read([&](Session& session) -> absl::Status {
      absl::StatusOr<std::vector<const Migration*>> pending =
          Pending(migrations, LoadApplied(session));
      if (!pending.ok()) return pending.status();
      if (!pending->empty()) {
        return absl::UnavailableError(absl::StrCat(
            pending->size(), " migrations not applied yet, first ", Name(*pending->front())));
      }
      return absl::OkStatus();
    });
    if (status.ok() || absl::IsFailedPrecondition(status)) return status;
    const absl::Time now = absl::Now();
    if (now >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("schema '", pool.config().schema, "' not migrated within ",
                       absl::FormatDuration(timeout), ": ", status.message()));
    }
    absl::SleepFor(std::min(kSchemaPollInterval, deadline - now));
  }
}

}  // namespace dangbo::db
