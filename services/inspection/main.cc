// dangbo-inspection: inspections, supervisions, conclusions, discipline and appeals.
#include <cstdlib>

#include "absl/flags/flag.h"
#include "common/db/pool.h"
#include "common/runtime/pool_metrics.h"
#include "common/runtime/service_flags.h"
#include "common/server/flags.h"
#include "common/server/log.h"
#include "common/server/server.h"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/membership_client/dispatcher.h"
#include "services/inspection/membership_client/flags.h"
#include "services/inspection/membership_client/grpc_directory.h"
#include "services/inspection/store/migrations.h"
#include "services/inspection/store/store.h"
#include "services/membership/domain/working_days.h"

ABSL_FLAG(bool, membership_dispatch, true,
          "deliver the calls queued for membership (expulsions, dissolutions) from this replica; "
          "off keeps them queued for other replicas or a later start");
ABSL_FLAG(std::string, holidays_file, "",
          "JSON file of public holidays; the Vietnamese holidays built in when empty");

namespace dangbo::inspection {
namespace {

int Fail(std::string_view what, const absl::Status& status) {
  log::Error(what, {{"error", status.ToString()}});
  return EXIT_FAILURE;
}

int Main(int argc, char** argv) {
  server::SetListenDefaults("0.0.0.0:50052", "0.0.0.0:9092");
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

  absl::StatusOr<membership::HolidayCalendar> calendar =
      absl::GetFlag(FLAGS_holidays_file).empty()
          ? absl::StatusOr<membership::HolidayCalendar>(
                membership::HolidayCalendar::VietnamDefault())
          : membership::HolidayCalendar::FromJsonFile(absl::GetFlag(FLAGS_holidays_file));
  if (!calendar.ok()) return Fail("bad --holidays_file", calendar.status());

  absl::StatusOr<std::unique_ptr<auth::Authenticator>> authenticator =
      runtime::AuthenticatorFromFlags();
  if (!authenticator.ok()) return Fail("bad authentication flags", authenticator.status());
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      runtime::ServerCredentialsFromFlags();
  if (!credentials.ok()) return Fail("bad TLS flags", credentials.status());
  absl::StatusOr<MembershipConnection> membership = ConnectToMembershipFromFlags();
  if (!membership.ok()) return Fail("bad membership client flags", membership.status());

  InspectionStore store(**pool);
  GrpcMembershipDirectory directory(*membership->stub, *membership->contexts);
  MembershipCallDispatcher dispatcher(store, *membership->stub, *membership->contexts);
  InspectionServiceImpl service(
      ServiceDeps{.store = &store,
                  .directory = &directory,
                  .authenticator = authenticator->get(),
                  .calendar = &*calendar,
                  .membership_calls_queued = [&dispatcher] { dispatcher.Wake(); }});

  server::ServerOptions options = server::ServerOptions::FromFlags();
  options.credentials = *credentials;
  server::Server server(options);
  server.AddService(&service, v1::InspectionService::service_full_name());
  server.SetReadinessProbe([&pool] { return (*pool)->Ping(); });
  const auth::Authenticator* authn = authenticator->get();
  server.SetCallerFunction(
      [authn](const auth::ClientMetadata& metadata) { return authn->CallerForLog(metadata); });
  runtime::RegisterPoolGauges(server, **pool);
  if (absl::GetFlag(FLAGS_membership_dispatch)) dispatcher.Start();
  const int code = server.Run();
  dispatcher.Stop();
  return code;
}

}  // namespace
}  // namespace dangbo::inspection

int main(int argc, char** argv) { return dangbo::inspection::Main(argc, argv); }
