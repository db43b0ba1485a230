#ifndef DANGBO_COMMON_DB_CONNECTION_FACTORY_H_
#define DANGBO_COMMON_DB_CONNECTION_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/db/config.h"
#include "common/db/session.h"

namespace dangbo::db {

// Opens one connection configured the way every dangbo query assumes it is: utf8mb4, UTC,
// strict sql_mode, READ COMMITTED, no silent reconnect, bounded network waits.
// Failures are Unavailable (the database cannot be reached or refused us).
absl::StatusOr<std::unique_ptr<Session>> OpenSession(const Config& config);

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_CONNECTION_FACTORY_H_
