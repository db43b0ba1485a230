// The flags every dangbo service shares beyond the server's own: its database, how callers
// authenticate, TLS, and how the schema gets migrated. Each also reads DANGBO_<NAME> from
// the environment (common/server/flags.h).
#ifndef DANGBO_COMMON_RUNTIME_SERVICE_FLAGS_H_
#define DANGBO_COMMON_RUNTIME_SERVICE_FLAGS_H_

#include <memory>
#include <span>

#include "absl/status/statusor.h"
#include "common/auth/authenticator.h"
#include "common/db/config.h"
#include "common/db/migration.h"
#include "common/db/pool.h"
#include "grpcpp/security/server_credentials.h"

namespace dangbo::runtime {

absl::StatusOr<db::Config> DbConfigFromFlags();

absl::StatusOr<std::unique_ptr<auth::Authenticator>> AuthenticatorFromFlags();

// Insecure (plaintext) unless --tls_cert_file is set; with --tls_client_ca_file, callers must
// present a client certificate (mTLS).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromFlags();

enum class SchemaStep { kServe, kExitAfterMigration };

// --migrate_only: migrate and tell the caller to exit (a Kubernetes Job).
// --migrate_on_start (default): migrate, then serve; safe with several replicas at once.
// Otherwise wait until a migration job has brought the schema to this binary's version.
absl::StatusOr<SchemaStep> PrepareSchema(db::Pool& pool, std::span<const db::Migration> migrations);

}  // namespace dangbo::runtime

#endif  // DANGBO_COMMON_RUNTIME_SERVICE_FLAGS_H_
