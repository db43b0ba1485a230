// Prometheus gauges of the feeds: position reached, the sources' heads, how old the newest
// applied change is, and records rejected. Alert on lag, not on positions.
#ifndef DANGBO_SERVICES_REPORTING_FEED_FEED_METRICS_H_
#define DANGBO_SERVICES_REPORTING_FEED_FEED_METRICS_H_

#include "common/server/server.h"
#include "services/reporting/feed/read_model.h"

namespace dangbo::reporting {

void RegisterFeedGauges(server::Server& server, const ReadModel& model);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_FEED_FEED_METRICS_H_
