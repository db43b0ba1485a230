// An InspectionStore on a fresh, migrated schema of the binary's private MariaDB, with
// builders of Vietnamese-language records like seed 002's and helpers that write through
// Mutate the way the service will.
#ifndef DANGBO_TESTS_INSPECTION_STORE_STORE_FIXTURE_H_
#define DANGBO_TESTS_INSPECTION_STORE_STORE_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/db/config.h"
#include "common/db/pool.h"
#include "gtest/gtest.h"
#include "services/inspection/domain/model.h"
#include "services/inspection/store/store.h"

namespace dangbo::inspection {

class InspectionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // A fresh request context with a unique request_id.
  MutationContext NewContext(const std::string& method, const std::string& fingerprint = "fp");

  // A thematic supervision decided by the bloc committee's UBKT (organization 1) over a cell
  // (organization 20) and one of its members (member 300, a committee member).
  static Inspection NewSupervision();
  static ConclusionNotice NewNotice(int64_t inspection_id, int revision);
  // A warning for member 300 of organization 20, decided by the upper UBKT (organization 1).
  static DisciplinaryDecision NewWarning();

  // Each writes through Mutate with one change named after the resource.
  absl::StatusOr<Inspection> CreateInspection(const Inspection& inspection);
  absl::StatusOr<DisciplinaryDecision> CreateDecision(const DisciplinaryDecision& decision);

  // Rows in `table`, counted through the pool.
  int64_t CountRows(const std::string& table);

  db::Config config_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<InspectionStore> store_;

 private:
  int request_counter_ = 0;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_TESTS_INSPECTION_STORE_STORE_FIXTURE_H_
