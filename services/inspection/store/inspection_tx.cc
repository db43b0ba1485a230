#include "services/inspection/store/inspection_tx.h"

#include "common/db/sql_error.h"
#include "services/inspection/store/rows.h"

namespace dangbo::inspection::internal {
namespace {

// Connector exceptions end here: every method returns a status (design.md §3). The status
// keeps the server's error number, so the pool still sees deadlocks and broken connections.
template <typename F>
auto Guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const sql::SQLException& e) {
    return db::FromSqlException(e);
  }
}

}  // namespace

absl::StatusOr<Programme> SqlInspectionTx::LockProgramme(int64_t id) {
  return Guarded([&] { return LoadProgramme(session_, id, Lock::kForUpdate); });
}

absl::StatusOr<Programme> SqlInspectionTx::InsertProgramme(const Programme& programme) {
  return Guarded(
      [&]() -> absl::StatusOr<Programme> { return InsertProgrammeRow(session_, programme); });
}

absl::StatusOr<Programme> SqlInspectionTx::UpdateProgramme(const Programme& programme) {
  return Guarded([&] { return UpdateProgrammeRow(session_, programme); });
}

absl::StatusOr<Inspection> SqlInspectionTx::LockInspection(int64_t id) {
  return Guarded([&] { return LoadInspection(session_, id, Lock::kForUpdate); });
}

absl::StatusOr<Inspection> SqlInspectionTx::InsertInspection(const Inspection& inspection) {
  return Guarded([&] { return InsertInspectionRow(session_, inspection); });
}

absl::StatusOr<Inspection> SqlInspectionTx::UpdateInspection(const Inspection& inspection) {
  return Guarded([&] { return UpdateInspectionRow(session_, inspection); });
}

absl::Status SqlInspectionTx::InsertNoticeRevision(const ConclusionNotice& notice) {
  return Guarded([&] { return InsertNoticeRow(session_, notice); });
}

absl::Status SqlInspectionTx::UpdateNoticeDraft(const ConclusionNotice& notice) {
  return Guarded([&] { return UpdateNoticeDraftRow(session_, notice); });
}

absl::StatusOr<std::vector<ConclusionNotice>> SqlInspectionTx::NoticeRevisions(
    int64_t inspection_id) {
  return Guarded([&]() -> absl::StatusOr<std::vector<ConclusionNotice>> {
    return LoadNotices(session_, inspection_id, std::nullopt);
  });
}

absl::StatusOr<DisciplinaryDecision> SqlInspectionTx::LockDecision(int64_t id) {
  return Guarded([&] { return LoadDecision(session_, id, Lock::kForUpdate); });
}

absl::StatusOr<DisciplinaryDecision> SqlInspectionTx::InsertDecision(
    const DisciplinaryDecision& decision) {
  return Guarded([&]() -> absl::StatusOr<DisciplinaryDecision> {
    return InsertDecisionRow(session_, decision);
  });
}

absl::StatusOr<DisciplinaryDecision> SqlInspectionTx::UpdateDecision(
    const DisciplinaryDecision& decision) {
  return Guarded([&] { return UpdateDecisionRow(session_, decision); });
}

absl::StatusOr<StoredAppeal> SqlInspectionTx::LockAppeal(int64_t decision_id, int64_t appeal_id) {
  return Guarded([&] { return LoadAppeal(session_, decision_id, appeal_id, Lock::kForUpdate); });
}

absl::StatusOr<StoredAppeal> SqlInspectionTx::InsertAppeal(const StoredAppeal& appeal) {
  return Guarded([&] { return InsertAppealRow(session_, appeal); });
}

absl::StatusOr<StoredAppeal> SqlInspectionTx::UpdateAppeal(const StoredAppeal& appeal) {
  return Guarded([&] { return UpdateAppealRow(session_, appeal); });
}

absl::StatusOr<std::vector<StoredAppeal>> SqlInspectionTx::AppealsOf(int64_t decision_id) {
  return Guarded([&]() -> absl::StatusOr<std::vector<StoredAppeal>> {
    AppealFilter filter;
    filter.decision_id = decision_id;
    filter.page_size = 1001;
    return LoadAppeals(session_, filter);
  });
}

absl::StatusOr<std::vector<RuleVersionRecord>> SqlInspectionTx::LockRuleVersions() {
  return Guarded([&]() -> absl::StatusOr<std::vector<RuleVersionRecord>> {
    return LoadRuleVersions(session_, Lock::kForUpdate);
  });
}

absl::StatusOr<RuleVersionRecord> SqlInspectionTx::InsertRuleVersion(
    const RuleVersionRecord& record) {
  return Guarded([&] { return InsertRuleVersionRow(session_, record); });
}

absl::StatusOr<RuleVersionRecord> SqlInspectionTx::UpdateRuleVersion(
    const RuleVersionRecord& record) {
  return Guarded([&] { return UpdateRuleVersionRow(session_, record); });
}

absl::StatusOr<MembershipCall> SqlInspectionTx::EnqueueMembershipCall(const MembershipCall& call) {
  return Guarded([&] { return InsertMembershipCallRow(session_, call); });
}

absl::StatusOr<absl::flat_hash_set<int64_t>> SqlInspectionTx::MembersDisciplinedOutOf(
    int64_t inspection_id) {
  return Guarded([&]() -> absl::StatusOr<absl::flat_hash_set<int64_t>> {
    return MembersDisciplinedOutOfRows(session_, inspection_id);
  });
}

absl::StatusOr<std::vector<std::string>> SqlInspectionTx::LockImportedKeys(
    const std::vector<std::string>& source_keys) {
  return Guarded([&]() -> absl::StatusOr<std::vector<std::string>> {
    return LockImportedKeyRows(session_, source_keys);
  });
}

absl::Status SqlInspectionTx::InsertImportedKey(const ImportedRecordKey& key) {
  return Guarded([&] { return InsertImportedKeyRow(session_, key); });
}

}  // namespace dangbo::inspection::internal
