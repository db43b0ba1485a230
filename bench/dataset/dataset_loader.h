#ifndef DANGBO_BENCH_DATASET_DATASET_LOADER_H_
#define DANGBO_BENCH_DATASET_DATASET_LOADER_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/dataset/dataset.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"

namespace dangbo::bench {

struct LoadOptions {
  // Bearer token of an organizer or admin whose scopes cover the dataset. Creating the roots
  // (bloc committees) needs an administrator without scope limits.
  std::string token;
  // Every request id starts with it. Loading again with the same prefix replays the same
  // requests, which the service answers from its idempotency records without writing twice.
  std::string request_id_prefix;
  // CreateOrganization calls in flight at once, within one level of the tree.
  int organization_concurrency = 8;
  // ImportMembers streams open at once.
  int import_streams = 4;
  int rows_per_message = 1000;
  // Import only the first this many generated members (0: all), for an import benchmark of a
  // chosen size over the national tree.
  int64_t max_members = 0;
  absl::Duration organization_deadline = absl::Seconds(60);
  absl::Duration import_deadline = absl::Hours(4);
};

struct OrganizationLoad {
  // Resource names by dataset index.
  std::vector<std::string> names;
  std::map<v1::OrganizationKind, int> by_kind;
  absl::Duration elapsed;
};

struct ImportLoad {
  int64_t rows_sent = 0;
  int64_t messages_sent = 0;
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t error_count = 0;
  // The first few refused rows, "row N field: message".
  std::vector<std::string> first_errors;
  std::map<v1::MemberState, int64_t> rows_by_state;
  absl::Duration elapsed;
};

// Loads a generated dataset through the membership API: organizations top-down with
// CreateOrganization, then members with client-streaming ImportMembers.
class DatasetLoader {
 public:
  DatasetLoader(std::shared_ptr<grpc::Channel> channel, LoadOptions options);

  // One level of the tree at a time, several calls in flight within a level.
  absl::StatusOr<OrganizationLoad> CreateOrganizations(const Dataset& dataset);

  // Members in messages of `rows_per_message` rows, message k on stream k mod
  // `import_streams`, so every stream carries the same batches on a replay.
  // `organization_names` maps dataset indexes to resource names (CreateOrganizations' names).
  absl::StatusOr<ImportLoad> ImportMembers(const Dataset& dataset,
                                           const std::vector<std::string>& organization_names);

 private:
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration deadline) const;

  std::unique_ptr<v1::MembershipService::Stub> stub_;
  LoadOptions options_;
};

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_DATASET_LOADER_H_
