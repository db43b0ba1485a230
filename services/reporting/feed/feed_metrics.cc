#include "services/reporting/feed/feed_metrics.h"

#include "prometheus/gauge.h"

namespace dangbo::reporting {

void RegisterFeedGauges(server::Server& server, const ReadModel& model) {
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
