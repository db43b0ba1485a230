#ifndef DANGBO_COMMON_DB_MIGRATE_H_
#define DANGBO_COMMON_DB_MIGRATE_H_

#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/migration.h"
#include "common/db/pool.h"

namespace dangbo::db {

// Brings the pool's schema up to the last of `migrations` (ordered by version, as
// EmbeddedMigrations() returns them). Records each applied file in
// schema_migrations(version, description, checksum, applied_at).
//
// Replicas starting together are safe: the work runs under the advisory lock
// GET_LOCK('<schema>.migrations'); the second waits up to `lock_timeout` (DeadlineExceeded
// after that) and then finds everything applied. MariaDB commits each DDL statement at once, so
// a file is recorded right after its statements ran; a file that fails halfway leaves its
// earlier statements applied and unrecorded, and needs a person (the error names the file and
// statement). Every statement must finish within the pool's read_timeout.
//
// FailedPrecondition, before anything is applied, when an applied file's checksum changed, when
// the database records a version this binary lacks below its newest one, or when a pending file
// is older than an applied one. Versions beyond the binary's newest are tolerated: an older
// replica keeps running during a rolling upgrade.
absl::Status Migrate(Pool& pool, std::span<const Migration> migrations,
                     absl::Duration lock_timeout = absl::Minutes(5));

// The highest applied version; 0 for a schema never migrated.
absl::StatusOr<int> CurrentVersion(Pool& pool);

// For a service configured not to migrate itself: waits until every one of `migrations` is
// applied (by a migration Job), polling. DeadlineExceeded after `timeout`, FailedPrecondition at
// once on a checksum mismatch. Database errors while waiting count as "not yet".
absl::Status WaitForSchema(Pool& pool, std::span<const Migration> migrations,
                           absl::Duration timeout);

// Hex SHA-256 of the file's bytes, as stored in schema_migrations.checksum.
std::string MigrationChecksum(std::string_view sql);

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_MIGRATE_H_
