// MembershipDirectory over membership's RPCs, as the inspection service's own identity.
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_GRPC_DIRECTORY_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_GRPC_DIRECTORY_H_

#include <cstddef>
#include <functional>

#include "absl/time/time.h"
#include "common/client/call_context.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "services/inspection/membership_client/directory.h"
#include "services/inspection/membership_client/organization_cache.h"

namespace dangbo::inspection {

struct DirectoryOptions {
  // How long an organization's path and state are reused before asking membership again.
  // Members are never cached: their standing and organization are read fresh at every write.
  absl::Duration organization_ttl = absl::Seconds(30);
  size_t organization_cache_capacity = 20000;
  std::function<absl::Time()> now = absl::Now;  // injected so tests control the cache's age
};

class GrpcMembershipDirectory final : public MembershipDirectory {
 public:
  // `stub` and `contexts` must outlive the directory. Thread-safe.
  GrpcMembershipDirectory(dangbo::membership::v1::MembershipService::StubInterface& stub,
                          const client::CallContextFactory& contexts,
                          DirectoryOptions options = {});

  // BatchGetOrganizations, in chunks of 1000; ids that are not positive are simply absent.
  absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> Organizations(
      const std::vector<int64_t>& ids, const grpc::ServerContext* incoming) override;

  // BatchGetMembers, then the organizations they are registered at (through the cache).
  absl::StatusOr<absl::flat_hash_map<int64_t, MemberInfo>> Members(
      const std::vector<int64_t>& ids, const grpc::ServerContext* incoming) override;

  // ListOrganizations over the subtree in every state, page by page. NOT_FOUND when membership
  // does not know `root`.
  absl::StatusOr<std::vector<int64_t>> SubtreeOrganizationIds(
      int64_t root, const grpc::ServerContext* incoming) override;

 private:
  dangbo::membership::v1::MembershipService::StubInterface& stub_;
  const client::CallContextFactory& contexts_;
  const std::function<absl::Time()> now_;
  OrganizationCache cache_;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_GRPC_DIRECTORY_H_
