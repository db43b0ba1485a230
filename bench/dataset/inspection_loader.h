#ifndef DANGBO_BENCH_DATASET_INSPECTION_LOADER_H_
#define DANGBO_BENCH_DATASET_INSPECTION_LOADER_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/dataset/dataset.h"
#include "bench/dataset/inspection_work.h"
#include "bench/dataset/member_roster.h"
#include "dangbo/inspection/v1/inspection_service.grpc.pb.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"

namespace dangbo::bench {

struct InspectionLoadOptions {
  // Bearer token of an administrator with the personal_data role: members are matched to the
  // generated ones by citizen id, which only that role reads.
  std::string token;
  // Every request id starts with it; loading again replays the same requests.
  std::string request_id_prefix;
  // Inspections (and, after each year's inspections, decisions) loaded at once, each by its own
  // thread making its calls one after the other.
  int concurrency = 8;
  // Send the work as past records through ImportInspectionWork (`concurrency` streams, this
  // many records a message) instead of taking each inspection through its stages.
  bool bulk_import = false;
  int records_per_message = 200;
  // ListMembers subtrees read at once while matching members.
  int resolve_concurrency = 4;
  absl::Duration deadline = absl::Seconds(60);
};

struct InspectionLoad {
  // What was loaded, counted as each inspection and decision went through.
  InspectionWorkSummary loaded;
  // Unary calls, or messages of the import streams.
  int64_t calls = 0;
  int64_t members_matched = 0;
  absl::Duration match_elapsed;
  absl::Duration elapsed;
};

// Loads generated inspection work through InspectionService: each inspection created at
// DECIDED with its team and subjects and taken through its stages (IN_PROGRESS, REPORTED,
// findings and outcomes, CONCLUDED, the notice, FOLLOW_UP with its tasks, CLOSED); after each
// year's inspections, that year's disciplinary decisions with their appeals. Several
// inspections are in flight at once; the generator streams, a year's decisions are all that is
// held. With bulk_import, each inspection goes as one past record with its decisions instead.
class InspectionLoader {
 public:
  InspectionLoader(std::shared_ptr<grpc::Channel> membership,
                   std::shared_ptr<grpc::Channel> inspection, InspectionLoadOptions options);

  // The member id of each roster row (0 for members the service does not have), by listing the
  // members below every top-level organization and matching citizen ids.
  absl::StatusOr<std::vector<int64_t>> MatchMembers(
      const Dataset& dataset, const MemberRoster& roster,
      const std::vector<std::string>& organization_names, int64_t* matched);

  absl::StatusOr<InspectionLoad> Load(const Dataset& dataset, const MemberRoster& roster,
                                      const InspectionWorkSpec& spec,
                                      const std::vector<std::string>& organization_names);

 private:
  class Run;
  // The bulk_import path of Load.
  absl::Status Import(Run& run, const Dataset& dataset, const MemberRoster& roster,
                      const InspectionWorkSpec& spec, InspectionLoad& load);

  std::unique_ptr<membership::v1::MembershipService::Stub> membership_;
  std::unique_ptr<inspection::v1::InspectionService::Stub> inspection_;
  InspectionLoadOptions options_;
};

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_INSPECTION_LOADER_H_
