// The reporting contract's messages to the domain's values and back.
#ifndef DANGBO_SERVICES_REPORTING_API_MAPPING_H_
#define DANGBO_SERVICES_REPORTING_API_MAPPING_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dangbo/reporting/v1/reporting_service.pb.h"
#include "services/reporting/domain/inspection_statistics.h"
#include "services/reporting/domain/organization_tree.h"
#include "services/reporting/domain/period.h"
#include "services/reporting/feed/read_model.h"

namespace dangbo::reporting {

namespace pb = dangbo::reporting::v1;

// The days of a wire period. INVALID_ARGUMENT naming `field` ("period.number: ...").
absl::StatusOr<DateRange> RangeFromProto(std::string_view field, const pb::Period& period);

void StatisticsToProto(const Statistics& in, const pb::Period& period, pb::Statistics* out);

pb::Freshness FreshnessOf(const ReadView& view);

// "organizations/{id}/snapshots/{id}" both ways.
std::string SnapshotName(int64_t scope_id, int64_t snapshot_id);
absl::StatusOr<std::pair<int64_t, int64_t>> ParseSnapshotName(std::string_view field,
                                                              std::string_view name);

// The organization's ancestor path ("/1/5/23/", auth::Covers' form) as the tree stood on
// `day`; none if it did not exist then.
std::optional<std::string> PathAt(const OrganizationTree& tree, int64_t organization_id, Date day);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_API_MAPPING_H_
