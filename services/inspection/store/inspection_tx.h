// InspectionTx over the one Session of the transaction Mutate opened.
#ifndef DANGBO_SERVICES_INSPECTION_STORE_INSPECTION_TX_H_
#define DANGBO_SERVICES_INSPECTION_STORE_INSPECTION_TX_H_

#include <cstdint>
#include <vector>

#include "common/db/session.h"
#include "services/inspection/store/store.h"

namespace dangbo::inspection::internal {

class SqlInspectionTx final : public InspectionTx {
 public:
  explicit SqlInspectionTx(db::Session& session) : session_(session) {}

  absl::StatusOr<Programme> LockProgramme(int64_t id) override;
  absl::StatusOr<Programme> InsertProgramme(const Programme& programme) override;
  absl::StatusOr<Programme> UpdateProgramme(const Programme& programme) override;

  absl::StatusOr<Inspection> LockInspection(int64_t id) override;
  absl::StatusOr<Inspection> InsertInspection(const Inspection& inspection) override;
  absl::StatusOr<Inspection> UpdateInspection(const Inspection& inspection) override;

  absl::Status InsertNoticeRevision(const ConclusionNotice& notice) override;
  absl::Status UpdateNoticeDraft(const ConclusionNotice& notice) override;
  absl::StatusOr<std::vector<ConclusionNotice>> NoticeRevisions(int64_t inspection_id) override;

  absl::StatusOr<DisciplinaryDecision> LockDecision(int64_t id) override;
  absl::StatusOr<DisciplinaryDecision> InsertDecision(
      const DisciplinaryDecision& decision) override;
  absl::StatusOr<DisciplinaryDecision> UpdateDecision(
      const DisciplinaryDecision& decision) override;

  absl::StatusOr<StoredAppeal> LockAppeal(int64_t decision_id, int64_t appeal_id) override;
  absl::StatusOr<StoredAppeal> InsertAppeal(const StoredAppeal& appeal) override;
  absl::StatusOr<StoredAppeal> UpdateAppeal(const StoredAppeal& appeal) override;
  absl::StatusOr<std::vector<StoredAppeal>> AppealsOf(int64_t decision_id) override;

  absl::StatusOr<std::vector<RuleVersionRecord>> LockRuleVersions() override;
  absl::StatusOr<RuleVersionRecord> InsertRuleVersion(const RuleVersionRecord& record) override;
  absl::StatusOr<RuleVersionRecord> UpdateRuleVersion(const RuleVersionRecord& record) override;

  absl::StatusOr<MembershipCall> EnqueueMembershipCall(const MembershipCall& call) override;
  absl::StatusOr<absl::flat_hash_set<int64_t>> MembersDisciplinedOutOf(
      int64_t inspection_id) override;

  absl::StatusOr<std::vector<std::string>> LockImportedKeys(
      const std::vector<std::string>& source_keys) override;
  absl::Status InsertImportedKey(const ImportedRecordKey& key) override;

 private:
  db::Session& session_;
};

}  // namespace dangbo::inspection::internal

#endif  // DANGBO_SERVICES_INSPECTION_STORE_INSPECTION_TX_H_
