#include "services/reporting/feed/feed_metrics.h"

#include "prometheus/gauge.h"
#include "prometheus/histogram.h"

namespace dangbo::reporting {

void RegisterFeedMetrics(server::Server& server, const ReadModel& model, FeedFollower& follower) {
  auto& lag = prometheus::BuildHistogram()
                  .Name("dangbo_reporting_feed_lag_seconds")
                  .Help("From a change's commit in its source to its application in the read model")
                  .Register(server.metrics())
                  .Add({}, prometheus::Histogram::BucketBoundaries{0.01, 0.025, 0.05, 0.1, 0.25,
                                                                   0.5, 1, 2.5, 5, 10, 30});
  follower.SetLagObserver([&lag](absl::Duration d) { lag.Observe(absl::ToDoubleSeconds(d)); });
  auto& sequence = prometheus::BuildGauge()
                       .Name("dangbo_reporting_feed_sequence")
                       .Help("Last change applied from each source's feed")
                       .Register(server.metrics());
  auto& head = prometheus::BuildGauge()
                   .Name("dangbo_reporting_feed_head")
                   .Help("Each source feed's head when last polled")
                   .Register(server.metrics());
  auto& membership_sequence = sequence.Add({{"source", "membership"}});
  auto& inspection_sequence = sequence.Add({{"source", "inspection"}});
  auto& membership_head = head.Add({{"source", "membership"}});
  auto& inspection_head = head.Add({{"source", "inspection"}});
  auto& rejected = prometheus::BuildGauge()
                       .Name("dangbo_reporting_feed_rejected_records")
                       .Help("Feed records the read model refused since start (see the log)")
                       .Register(server.metrics())
                       .Add({});
  server.OnScrape([&model, &membership_sequence, &inspection_sequence, &membership_head,
                   &inspection_head, &rejected] {
    model.WithView([&](const ReadView& view) {
      membership_sequence.Set(static_cast<double>(view.positions.membership.last_sequence));
      inspection_sequence.Set(static_cast<double>(view.positions.inspection.last_sequence));
      membership_head.Set(static_cast<double>(view.membership_head));
      inspection_head.Set(static_cast<double>(view.inspection_head));
      return 0;
    });
    rejected.Set(static_cast<double>(model.rejected()));
  });
}

}  // namespace dangbo::reporting
