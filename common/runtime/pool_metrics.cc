#include "common/runtime/pool_metrics.h"

#include "prometheus/counter.h"
#include "prometheus/gauge.h"

namespace dangbo::runtime {

void RegisterPoolGauges(server::Server& server, db::Pool& pool) {
  auto& connections = prometheus::BuildGauge()
                          .Name("dangbo_db_pool_connections")
                          .Help("Database connections of the pool by state")
                          .Register(server.metrics());
  auto& in_use = connections.Add({{"state", "in_use"}});
  auto& idle = connections.Add({{"state", "idle"}});
  auto& waiting = prometheus::BuildGauge()
                      .Name("dangbo_db_pool_waiting")
                      .Help("Callers waiting for a database connection")
                      .Register(server.metrics())
                      .Add({});
  // Totals kept by the pool itself; gauges mirror them since a counter cannot be set.
  auto& opened = prometheus::BuildGauge()
                     .Name("dangbo_db_pool_opened_connections")
                     .Help("Database connections opened since start")
                     .Register(server.metrics())
                     .Add({});
  auto& discarded = prometheus::BuildGauge()
                        .Name("dangbo_db_pool_discarded_connections")
                        .Help("Broken database connections thrown away since start")
                        .Register(server.metrics())
                        .Add({});
  server.OnScrape([&pool, &in_use, &idle, &waiting, &opened, &discarded] {
    const db::PoolStats stats = pool.Stats();
    in_use.Set(stats.in_use);
    idle.Set(stats.idle);
    waiting.Set(stats.waiting);
    opened.Set(static_cast<double>(stats.opened_total));
    discarded.Set(static_cast<double>(stats.discarded_total));
  });
}

}  // namespace dangbo::runtime
