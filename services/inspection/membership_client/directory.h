// What the inspection service needs to know about the organizations and members that membership
// owns: where they sit in the tree (to authorize and to attribute statistics), whether they
// still exist, a member's standing and post. Read through membership's RPCs at write time.
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_DIRECTORY_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_DIRECTORY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/inspection/domain/model.h"

namespace grpc {
class ServerContext;
}  // namespace grpc

namespace dangbo::inspection {

struct OrganizationInfo {
  int64_t id = 0;
  // Ancestor ids from the root down, this one last, as auth::Authorize expects: "/1/5/23/".
  std::string path;
  bool active = false;  // not dissolved or merged
  std::string display_name;
};

struct MemberInfo {
  int64_t id = 0;
  std::string full_name;
  int64_t organization_id = 0;  // where the member is registered now
  std::string organization_path;
  // Probationary or full while the member belongs to the party; unspecified otherwise
  // (applicant, struck off, expelled, deceased, withdrawn).
  MemberStanding standing = MemberStanding::kUnspecified;
  bool holds_post = false;  // membership's Member.position is set
};

// Whether `organization_id` is on `path` ("/1/5/23/"): the organization itself or one above it.
bool PathContains(std::string_view path, int64_t organization_id);

class MembershipDirectory {
 public:
  virtual ~MembershipDirectory() = default;

  // The organizations among `ids` that exist, in any state; ids membership does not know are
  // absent from the map (the caller names the field). UNAVAILABLE / DEADLINE_EXCEEDED when
  // membership cannot answer. `incoming` (may be null) passes the caller's deadline and trace on.
  virtual absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> Organizations(
      const std::vector<int64_t>& ids, const grpc::ServerContext* incoming) = 0;

  // Same for members.
  virtual absl::StatusOr<absl::flat_hash_map<int64_t, MemberInfo>> Members(
      const std::vector<int64_t>& ids, const grpc::ServerContext* incoming) = 0;

  // The ids of every organization in the subtree rooted at `root` (itself included), in every
  // state, so that records of dissolved or merged organizations stay findable.
  virtual absl::StatusOr<std::vector<int64_t>> SubtreeOrganizationIds(
      int64_t root, const grpc::ServerContext* incoming) = 0;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_DIRECTORY_H_
