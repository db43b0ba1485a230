#ifndef DANGBO_COMMON_DB_EMBEDDED_MIGRATIONS_H_
#define DANGBO_COMMON_DB_EMBEDDED_MIGRATIONS_H_

#include <span>

#include "common/db/migration.h"

namespace dangbo::db {

// The migrations of this binary's service, ordered by version. Defined in a source that
// `dangbo_embed_migrations(<target> <dir>)` generates from the service's migrations/ directory
// at build time, so a container image needs nothing but the binary. A binary links at most one
// such set under this name (pass NAMESPACE to the CMake function for more).
std::span<const Migration> EmbeddedMigrations();

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_EMBEDDED_MIGRATIONS_H_
