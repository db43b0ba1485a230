// dangbo-reporting: the statistics each level reports upward, from a read model that follows
// membership's and inspection's change feeds.
#include <cstdlib>

#include "absl/flags/flag.h"
#include "common/db/pool.h"
#include "common/runtime/pool_metrics.h"
#include "common/runtime/service_flags.h"
#include "common/server/flags.h"
#include "common/server/log.h"
#include "common/server/server.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/feed/feed_metrics.h"
#include "services/reporting/feed/follower.h"
#include "services/reporting/source_flags.h"
#include "services/reporting/store/migrations.h"

ABSL_FLAG(bool, rebuild, false,
          "forget the stored read model and follow both feeds again from sequence 0 before "
          "serving");
ABSL_FLAG(bool, rebuild_only, false,
          "rebuild the read model from sequence 0 up to the feeds' current heads, then exit (a "
          "Kubernetes Job); serving replicas pick the result up when restarted");
ABSL_FLAG(absl::Duration, feed_poll_interval, absl::Milliseconds(200),
          "how long to wait for new changes once both feeds are caught up");

namespace dangbo::reporting {
namespace {

int Fail(std::string_view what, const absl::Status& status) {
  log::Error(what, {{"error", status.ToString()}});
  return EXIT_FAILURE;
}

int Main(int argc, char** argv) {
  server::SetListenDefaults("0.0.0.0:50053", "0.0.0.0:9093");
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

  absl::StatusOr<std::unique_ptr<auth::Authenticator>> authenticator =
      runtime::AuthenticatorFromFlags();
  if (!authenticator.ok()) return Fail("bad authentication flags", authenticator.status());
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      runtime::ServerCredentialsFromFlags();
  if (!credentials.ok()) return Fail("bad TLS flags", credentials.status());
  absl::StatusOr<client::ServiceChannel> membership = MembershipChannelFromFlags();
  if (!membership.ok()) return Fail("bad membership client flags", membership.status());
  absl::StatusOr<client::ServiceChannel> inspection = InspectionChannelFromFlags();
  if (!inspection.ok()) return Fail("bad inspection client flags", inspection.status());
  auto membership_stub = membership::v1::MembershipService::NewStub(membership->channel);
  auto inspection_stub = inspection::v1::InspectionService::NewStub(inspection->channel);

  FeedStore feed_store(**pool);
  ReadModel model;
  const FeedSources sources{.membership = membership_stub.get(),
                            .membership_contexts = membership->contexts.get(),
                            .inspection = inspection_stub.get(),
                            .inspection_contexts = inspection->contexts.get()};
  FeedFollower follower(&feed_store, model, sources,
                        FollowerOptions{.poll_interval = absl::GetFlag(FLAGS_feed_poll_interval)});

  const bool rebuild_only = absl::GetFlag(FLAGS_rebuild_only);
  if (rebuild_only || absl::GetFlag(FLAGS_rebuild)) {
    if (absl::Status s = feed_store.Reset(); !s.ok()) return Fail("cannot reset the read model", s);
    log::Info("read model reset; following both feeds from sequence 0");
  }
  if (absl::Status s = follower.Load(); !s.ok()) return Fail("cannot load the read model", s);
  if (rebuild_only) {
    const absl::Time started = absl::Now();
    if (absl::Status s = follower.CatchUp(); !s.ok()) return Fail("rebuild failed", s);
    const FeedPositions at = model.positions();
    const FollowStageTimes times = follower.stage_times();
    log::Info("read model rebuilt", {{"membership_sequence", at.membership.last_sequence},
                                     {"inspection_sequence", at.inspection.last_sequence},
                                     {"seconds", absl::ToDoubleSeconds(absl::Now() - started)},
                                     {"rejected", model.rejected()},
                                     {"fetch_seconds", absl::ToDoubleSeconds(times.fetch)},
                                     {"prepare_seconds", absl::ToDoubleSeconds(times.prepare)},
                                     {"commit_seconds", absl::ToDoubleSeconds(times.commit)},
                                     {"apply_seconds", absl::ToDoubleSeconds(times.apply)},
                                     {"resources", times.resources},
                                     {"transactions", times.transactions}});
    return model.rejected() == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
  }
  {
    const FeedPositions at = model.positions();
    log::Info("read model loaded", {{"membership_sequence", at.membership.last_sequence},
                                    {"inspection_sequence", at.inspection.last_sequence}});
  }

  ReportingServiceImpl service(
      ServiceDeps{.model = &model,
                  .pool = pool->get(),
                  .authenticator = authenticator->get(),
                  .sources = sources});
  server::ServerOptions options = server::ServerOptions::FromFlags();
  options.credentials = *credentials;
  server::Server server(options);
  server.AddService(&service, v1::ReportingService::service_full_name());
  server.SetReadinessProbe([&pool] { return (*pool)->Ping(); });
  const auth::Authenticator* authn = authenticator->get();
  server.SetCallerFunction(
      [authn](const auth::ClientMetadata& metadata) { return authn->CallerForLog(metadata); });
  runtime::RegisterPoolGauges(server, **pool);
  RegisterFeedMetrics(server, model, follower);
  follower.Start();
  const int code = server.Run();
  follower.Stop();
  return code;
}

}  // namespace
}  // namespace dangbo::reporting

int main(int argc, char** argv) { return dangbo::reporting::Main(argc, argv); }
