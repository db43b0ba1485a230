// dangbo-membership: the organization tree, party members and their lifecycle.
#include <cstdlib>

#include "absl/flags/flag.h"
#include "common/db/pool.h"
#include "common/runtime/pool_metrics.h"
#include "common/runtime/service_flags.h"
#include "common/server/flags.h"
#include "common/server/log.h"
#include "common/server/server.h"
#include "services/membership/api/membership_service.h"
#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/working_days.h"
#include "services/membership/store/migrations.h"
#include "services/membership/store/store.h"

ABSL_FLAG(std::string, rules_file, "",
          "JSON file of dated membership rules; the rules of domain.md when empty");
ABSL_FLAG(std::string, holidays_file, "",
          "JSON file of public holidays; the Vietnamese holidays built in when empty");

namespace dangbo::membership {
namespace {

int Fail(std::string_view what, const absl::Status& status) {
  log::Error(what, {{"error", status.ToString()}});
  return EXIT_FAILURE;
}

int Main(int argc, char** argv) {
  server::SetListenDefaults("0.0.0.0:50051", "0.0.0.0:9091");
  server::ParseFlagsFromEnvAndArgs(argc, argv);

  absl::StatusOr<db::Config> db_config = runtime::DbConfigFromFlags();
  if (!db_config.ok()) return Fail("bad database flags", db_config.status());
  absl::StatusOr<std::unique_ptr<db::Pool>> pool = db::Pool::Create(*db_config);
  if (!pool.ok()) return Fail("cannot create the database pool", pool.status());

  absl::StatusOr<runtime::SchemaStep> step = runtime::PrepareSchema(**pool, EmbeddedMigrations());
  if (!step.ok()) return Fail("schema is not ready", step.status());
  if (*step == runtime::SchemaStep::kExitAfterMigration) {
    log::Info("migrations applied");
    return EXIT_SUCCESS;
  }

  absl::StatusOr<RuleBook> rules = absl::GetFlag(FLAGS_rules_file).empty()
                                       ? absl::StatusOr<RuleBook>(RuleBook())
                                       : RuleBook::FromJsonFile(absl::GetFlag(FLAGS_rules_file));
  if (!rules.ok()) return Fail("bad --rules_file", rules.status());
  absl::StatusOr<HolidayCalendar> calendar =
      absl::GetFlag(FLAGS_holidays_file).empty()
          ? absl::StatusOr<HolidayCalendar>(HolidayCalendar::VietnamDefault())
          : HolidayCalendar::FromJsonFile(absl::GetFlag(FLAGS_holidays_file));
  if (!calendar.ok()) return Fail("bad --holidays_file", calendar.status());

  absl::StatusOr<std::unique_ptr<auth::Authenticator>> authenticator =
      runtime::AuthenticatorFromFlags();
  if (!authenticator.ok()) return Fail("bad authentication flags", authenticator.status());
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      runtime::ServerCredentialsFromFlags();
  if (!credentials.ok()) return Fail("bad TLS flags", credentials.status());

  MembershipStore store(**pool);
  MembershipServiceImpl service(ServiceDeps{.store = &store,
                                            .authenticator = authenticator->get(),
                                            .rules = &*rules,
                                            .calendar = &*calendar});

  server::ServerOptions options = server::ServerOptions::FromFlags();
  options.credentials = *credentials;
  server::Server server(options);
  server.AddService(&service, v1::MembershipService::service_full_name());
  server.SetReadinessProbe([&pool] { return (*pool)->Ping(); });
  const auth::Authenticator* authn = authenticator->get();
  server.SetCallerFunction(
      [authn](const auth::ClientMetadata& metadata) { return authn->CallerForLog(metadata); });
  runtime::RegisterPoolGauges(server, **pool);
  return server.Run();
}

}  // namespace
}  // namespace dangbo::membership

int main(int argc, char** argv) { return dangbo::membership::Main(argc, argv); }
