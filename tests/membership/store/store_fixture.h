// A MembershipStore on a fresh, migrated schema of the binary's private MariaDB, with helpers
// that write through Mutate the way the service does.
#ifndef DANGBO_TESTS_MEMBERSHIP_STORE_STORE_FIXTURE_H_
#define DANGBO_TESTS_MEMBERSHIP_STORE_STORE_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/db/config.h"
#include "common/db/pool.h"
#include "gtest/gtest.h"
#include "services/membership/domain/model.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {

// OrganizationChange.Kind values used by the tests.
inline constexpr int kChangeEstablished = 1;
inline constexpr int kChangeMoved = 3;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // A fresh request context with a unique request_id.
  MutationContext NewContext(const std::string& method, const std::string& fingerprint = "fp");

  // Creates an active cell under `parent` (none = root), with its first history row valid
  // from `established`.
  absl::StatusOr<Organization> CreateOrganization(const std::string& name,
                                                  std::optional<int64_t> parent,
                                                  Date established = Date(2020, 1, 1));
  // Moves `id` under `new_parent` on `effective`, re-pathing and versioning its descendants,
  // as the service's MoveOrganization does.
  absl::Status MoveOrganization(int64_t id, int64_t new_parent, Date effective);

  absl::StatusOr<Member> CreateMember(const Member& member);
  // A probationary member at `organization_id` with only a name.
  Member NewMember(const std::string& full_name, int64_t organization_id);

  // Rows in `table`, counted through a fresh connection.
  int64_t CountRows(const std::string& table);

  db::Config config_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<MembershipStore> store_;

 private:
  int request_counter_ = 0;
};

}  // namespace dangbo::membership

#endif  // DANGBO_TESTS_MEMBERSHIP_STORE_STORE_FIXTURE_H_
