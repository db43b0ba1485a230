#ifndef DANGBO_BENCH_DATASET_SUMMARY_H_
#define DANGBO_BENCH_DATASET_SUMMARY_H_

#include <cstdint>
#include <map>
#include <ostream>

#include "bench/dataset/dataset.h"

namespace dangbo::bench {

// What a dataset holds, counted while its members are generated.
struct DatasetSummary {
  std::map<v1::OrganizationKind, int64_t> organizations_by_kind;
  std::map<v1::EnterpriseOwnership, int64_t> grassroots_by_ownership;
  std::map<v1::MemberState, int64_t> members_by_state;
  int64_t members = 0;
  int64_t female = 0;
  int64_t kinh = 0;
  int64_t no_religion = 0;
  int64_t youth_union = 0;
  int64_t department_leaders = 0;
  // Department leaders holding intermediate political theory or higher (seed 003's target).
  int64_t leaders_intermediate_or_higher = 0;
};

// Generates every member once to count them.
DatasetSummary Summarize(const Dataset& dataset);

void PrintSummary(const DatasetSummary& summary, std::ostream& out);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_SUMMARY_H_
