#include "common/runtime/service_flags.h"

#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/auth/jwt_codec.h"
#include "common/auth/tls_credentials.h"
#include "common/auth/token_verifier.h"
#include "common/db/migrate.h"
#include "common/server/log.h"
#include "grpcpp/security/server_credentials.h"

ABSL_FLAG(std::string, db_host, "127.0.0.1", "MySQL/MariaDB host");
ABSL_FLAG(int32_t, db_port, 3306, "MySQL/MariaDB port");
ABSL_FLAG(std::string, db_socket, "", "Unix socket; overrides host and port when set");
ABSL_FLAG(std::string, db_user, "", "Database user (grants on this service's schema only)");
ABSL_FLAG(std::string, db_password_file, "",
          "File holding the database password (a mounted secret); DANGBO_DB_PASSWORD also works");
ABSL_FLAG(std::string, db_password, "", "Database password; prefer --db_password_file");
ABSL_FLAG(std::string, db_schema, "", "This service's schema");
ABSL_FLAG(int32_t, db_pool_size, 16, "Database connections at most");
ABSL_FLAG(absl::Duration, db_timeout, absl::Seconds(10),
          "Read/write timeout of one database round trip");

ABSL_FLAG(std::string, jwt_public_key_file, "", "PEM public key that verifies callers' tokens");
ABSL_FLAG(std::string, jwt_algorithm, "ES256", "The only token algorithm accepted: ES256 or RS256");
ABSL_FLAG(std::string, jwt_issuer, "", "Required `iss` of tokens");
ABSL_FLAG(std::string, jwt_audience, "dangbo", "Required `aud` of tokens");
ABSL_FLAG(std::string, service_identities, "",
          "mTLS peers accepted as services: comma-separated `SAN-URI=subject` pairs");
ABSL_FLAG(bool, insecure_dev, false,
          "Accept every caller as an unlimited administrator. Local experiments only.");

ABSL_FLAG(std::string, tls_cert_file, "", "Server certificate (PEM); enables TLS");
ABSL_FLAG(std::string, tls_key_file, "", "Server private key (PEM)");
ABSL_FLAG(std::string, tls_client_ca_file, "", "CA of client certificates; enables mTLS");
ABSL_FLAG(bool, tls_require_client_cert, true,
          "With --tls_client_ca_file: refuse callers without a client certificate; when false, "
          "callers may authenticate by token alone");

ABSL_FLAG(bool, migrate_only, false, "Apply pending schema migrations and exit");
ABSL_FLAG(bool, migrate_on_start, true,
          "Apply pending migrations before serving; when false, wait for a migration job");
ABSL_FLAG(absl::Duration, schema_wait, absl::Minutes(10),
          "How long to wait for the schema when not migrating on start");

namespace dangbo::runtime {
namespace {

absl::StatusOr<std::string> ReadFile(absl::string_view flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string TrimTrailingNewlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

absl::StatusOr<db::Config> DbConfigFromFlags() {
  db::Config config;
  config.host = absl::GetFlag(FLAGS_db_host);
  config.port = absl::GetFlag(FLAGS_db_port);
  if (!absl::GetFlag(FLAGS_db_socket).empty()) config.unix_socket = absl::GetFlag(FLAGS_db_socket);
  config.user = absl::GetFlag(FLAGS_db_user);
  config.schema = absl::GetFlag(FLAGS_db_schema);
  config.pool_size = absl::GetFlag(FLAGS_db_pool_size);
  config.read_timeout = config.write_timeout = absl::GetFlag(FLAGS_db_timeout);
  if (config.user.empty()) return absl::InvalidArgumentError("--db_user is required");
  if (config.schema.empty()) return absl::InvalidArgumentError("--db_schema is required");
  if (config.pool_size < 1) return absl::InvalidArgumentError("--db_pool_size must be positive");
  if (const std::string file = absl::GetFlag(FLAGS_db_password_file); !file.empty()) {
    absl::StatusOr<std::string> password = ReadFile("db_password_file", file);
    if (!password.ok()) return password.status();
    config.password = TrimTrailingNewlines(*std::move(password));
  } else {
    config.password = absl::GetFlag(FLAGS_db_password);
  }
  return config;
}

absl::StatusOr<std::unique_ptr<auth::Authenticator>> AuthenticatorFromFlags() {
  auth::AuthenticatorOptions options;
  options.insecure_dev = absl::GetFlag(FLAGS_insecure_dev);
  if (const std::string file = absl::GetFlag(FLAGS_jwt_public_key_file); !file.empty()) {
    auth::TokenVerifierConfig config;
    absl::StatusOr<std::string> pem = ReadFile("jwt_public_key_file", file);
    if (!pem.ok()) return pem.status();
    config.public_key_pem = *std::move(pem);
    std::optional<auth::Algorithm> algorithm =
        auth::ParseAlgorithm(absl::GetFlag(FLAGS_jwt_algorithm));
    if (!algorithm) return absl::InvalidArgumentError("--jwt_algorithm must be ES256 or RS256");
    config.algorithm = *algorithm;
    config.issuer = absl::GetFlag(FLAGS_jwt_issuer);
    config.audience = absl::GetFlag(FLAGS_jwt_audience);
    if (config.issuer.empty()) return absl::InvalidArgumentError("--jwt_issuer is required");
    absl::StatusOr<std::unique_ptr<auth::TokenVerifier>> verifier =
        auth::TokenVerifier::Create(std::move(config));
    if (!verifier.ok()) return verifier.status();
    options.verifier = std::move(*verifier);
  } else if (!options.insecure_dev) {
    return absl::InvalidArgumentError(
        "--jwt_public_key_file is required (or --insecure_dev for local experiments)");
  }
  for (absl::string_view pair :
       absl::StrSplit(absl::GetFlag(FLAGS_service_identities), ',', absl::SkipWhitespace())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (kv.first.empty() || kv.second.empty()) {
      return absl::InvalidArgumentError("--service_identities: expected `SAN-URI=subject` pairs");
    }
    auth::Principal service;
    service.subject = kv.second;
    service.roles = {auth::Role::kService};
    service.is_service = true;
    service.unlimited_scope = true;
    options.peer_identities.emplace(kv.first, std::move(service));
  }
  return std::make_unique<auth::Authenticator>(std::move(options));
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromFlags() {
  const std::string cert = absl::GetFlag(FLAGS_tls_cert_file);
  if (cert.empty()) return grpc::InsecureServerCredentials();
  const std::string ca = absl::GetFlag(FLAGS_tls_client_ca_file);
  return auth::ServerCredentialsFromFiles(
      cert, absl::GetFlag(FLAGS_tls_key_file), ca,
      !ca.empty() && absl::GetFlag(FLAGS_tls_require_client_cert));
}

absl::StatusOr<SchemaStep> PrepareSchema(db::Pool& pool,
                                         std::span<const db::Migration> migrations) {
  if (absl::GetFlag(FLAGS_migrate_only) || absl::GetFlag(FLAGS_migrate_on_start)) {
    if (absl::Status st = db::Migrate(pool, migrations); !st.ok()) return st;
    return absl::GetFlag(FLAGS_migrate_only) ? SchemaStep::kExitAfterMigration : SchemaStep::kServe;
  }
  if (absl::Status st = db::WaitForSchema(pool, migrations, absl::GetFlag(FLAGS_schema_wait));
      !st.ok()) {
    return st;
  }
  return SchemaStep::kServe;
}

}  // namespace dangbo::runtime
