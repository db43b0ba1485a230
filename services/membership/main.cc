// dangbo-membership: the organization tree, party members and their lifecycle.
#include <cstdlib>

#include "absl/flags/flag.h"
#include "common/db/pool.h"
#include "common/runtime/pool_metrics.h"
#include "common/runtime/service_flags.h"
#include "common/server/flags.h"
#include "common/server/log.h"
#include "common/server/server.h"
#include "prometheus/gauge.h"
#include "services/membership/api/membership_service.h"
#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/working_days.h"
#include "services/membership/store/member_cache.h"
#include "services/membership/store/member_cache_follower.h"
#include "services/membership/store/migrations.h"
#include "services/membership/store/store.h"

ABSL_FLAG(std::string, rules_file, "",
          "JSON file of dated membership rules; the rules of domain.md when empty");
ABSL_FLAG(std::string, holidays_file, "",
          "JSON file of public holidays; the Vietnamese holidays built in when empty");
ABSL_FLAG(int64_t, member_cache_mb, 256,
          "Memory for the cache of members GetMember serves without the database, in MiB; "
          "0 turns it off");
ABSL_FLAG(absl::Duration, member_cache_max_staleness, absl::Milliseconds(500),
          "Longest time a write through another replica may stay unseen by this replica's "
          "member cache; the cache stops answering when its outbox follower falls further "
          "behind");

namespace dangbo::membership {
namespace {

int Fail(std::string_view what, const absl::Status& status) {
  log::Error(what, {{"error", status.ToString()}});
  return EXIT_FAILURE;
}

// The member cache's figures on /metrics, refreshed at every scrape. Counters kept by the
// cache itself are mirrored by gauges, as the pool's are, since a counter cannot be set.
void RegisterMemberCacheGauges(server::Server& server, const MemberCache& cache) {
  auto& lookups = prometheus::BuildGauge()
                      .Name("dangbo_member_cache_lookups")
                      .Help("GetMember lookups in the member cache since start, by result")
                      .Register(server.metrics());
  auto& hits = lookups.Add({{"result", "hit"}});
  auto& misses = lookups.Add({{"result", "miss"}});
  auto& bypasses = lookups.Add({{"result", "bypass"}});
  auto& size = prometheus::BuildGauge()
                   .Name("dangbo_member_cache_size")
                   .Help("Members held by the member cache, and their estimated bytes")
                   .Register(server.metrics());
  auto& entries = size.Add({{"unit", "entries"}});
  auto& bytes = size.Add({{"unit", "bytes"}});
  server.OnScrape([&cache, &hits, &misses, &bypasses, &entries, &bytes] {
    const MemberCacheStats stats = cache.Stats();
    hits.Set(static_cast<double>(stats.hits));
    misses.Set(static_cast<double>(stats.misses));
    bypasses.Set(static_cast<double>(stats.bypasses));
    entries.Set(static_cast<double>(stats.entries));
    bytes.Set(static_cast<double>(stats.bytes));
  });
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
  const int64_t cache_mb = absl::GetFlag(FLAGS_member_cache_mb);
  const MemberCacheOptions cache_options{
      .max_bytes = cache_mb * (int64_t{1} << 20),
      .max_staleness = absl::GetFlag(FLAGS_member_cache_max_staleness)};
  if (cache_mb < 0 || cache_mb > (int64_t{1} << 30) ||
      cache_options.max_staleness <= absl::ZeroDuration()) {
    return Fail("bad member cache flags",
                absl::InvalidArgumentError("--member_cache_mb must be between 0 and 2^30 and "
                                           "--member_cache_max_staleness positive"));
  }
  MemberCache cache(cache_options);
  MemberCacheFollower cache_follower(store, cache, cache_options.max_staleness / 4);
  if (cache_options.max_bytes > 0) {
    store.SetMemberCache(&cache);
    cache_follower.Start();
  }
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
  RegisterMemberCacheGauges(server, cache);
  return server.Run();
}

}  // namespace
}  // namespace dangbo::membership

int main(int argc, char** argv) { return dangbo::membership::Main(argc, argv); }
