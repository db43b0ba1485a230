// Database pool gauges on the service's /metrics, refreshed at every scrape.
#ifndef DANGBO_COMMON_RUNTIME_POOL_METRICS_H_
#define DANGBO_COMMON_RUNTIME_POOL_METRICS_H_

#include "common/db/pool.h"
#include "common/server/server.h"

namespace dangbo::runtime {

void RegisterPoolGauges(server::Server& server, db::Pool& pool);

}  // namespace dangbo::runtime

#endif  // DANGBO_COMMON_RUNTIME_POOL_METRICS_H_
