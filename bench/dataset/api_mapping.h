#ifndef DANGBO_BENCH_DATASET_API_MAPPING_H_
#define DANGBO_BENCH_DATASET_API_MAPPING_H_

#include <string>

#include "bench/dataset/dataset.h"
#include "dangbo/membership/v1/membership_service.pb.h"

// Generated records as membership API messages.
namespace dangbo::bench {

// `parent_name` is the created parent's resource name (`organizations/{id}`), empty for a root.
v1::CreateOrganizationRequest ToCreateRequest(const GeneratedOrganization& org,
                                              const std::string& parent_name,
                                              const std::string& request_id);

// `organization_name` is the created organization's resource name.
void ToImportRow(const GeneratedMember& member, const std::string& organization_name,
                 v1::ImportRow* row);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_API_MAPPING_H_
