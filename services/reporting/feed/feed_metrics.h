// Prometheus metrics of the feeds: position reached, the sources' heads, each change's lag from
// its commit in the source to its application here, and records rejected. Alert on lag.
#ifndef DANGBO_SERVICES_REPORTING_FEED_FEED_METRICS_H_
#define DANGBO_SERVICES_REPORTING_FEED_FEED_METRICS_H_

#include "common/server/server.h"
#include "services/reporting/feed/follower.h"
#include "services/reporting/feed/read_model.h"

namespace dangbo::reporting {

void RegisterFeedMetrics(server::Server& server, const ReadModel& model, FeedFollower& follower);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_FEED_FEED_METRICS_H_
