// Row mappings of the inspection schema over one Session: what both the mutation transaction
// (locking) and the store's reads (plain) use. These throw sql::SQLException like the
// connector; the callers turn them into statuses at the store boundary.
#ifndef DANGBO_SERVICES_INSPECTION_STORE_ROWS_H_
#define DANGBO_SERVICES_INSPECTION_STORE_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "common/db/session.h"
#include "services/inspection/store/store.h"

namespace dangbo::inspection::internal {

// Whether a read takes row locks (inside a mutation) or not.
enum class Lock { kNone, kForUpdate };

absl::StatusOr<Programme> LoadProgramme(db::Session& session, int64_t id, Lock lock);
std::vector<Programme> LoadProgrammes(db::Session& session, const ProgrammeFilter& filter);
Programme InsertProgrammeRow(db::Session& session, const Programme& programme);
absl::StatusOr<Programme> UpdateProgrammeRow(db::Session& session, const Programme& programme);

absl::StatusOr<Inspection> LoadInspection(db::Session& session, int64_t id, Lock lock);
std::vector<Inspection> LoadInspections(db::Session& session, const InspectionFilter& filter);
absl::StatusOr<Inspection> InsertInspectionRow(db::Session& session, const Inspection& inspection);
absl::StatusOr<Inspection> UpdateInspectionRow(db::Session& session, const Inspection& inspection);

absl::Status InsertNoticeRow(db::Session& session, const ConclusionNotice& notice);
absl::Status UpdateNoticeDraftRow(db::Session& session, const ConclusionNotice& notice);
std::vector<ConclusionNotice> LoadNotices(db::Session& session, int64_t inspection_id,
                                          std::optional<int> revision);

absl::StatusOr<DisciplinaryDecision> LoadDecision(db::Session& session, int64_t id, Lock lock);
std::vector<DisciplinaryDecision> LoadDecisions(db::Session& session, const DecisionFilter& filter);
DisciplinaryDecision InsertDecisionRow(db::Session& session, const DisciplinaryDecision& decision);
absl::flat_hash_set<int64_t> MembersDisciplinedOutOfRows(db::Session& session,
                                                         int64_t inspection_id);
absl::StatusOr<DisciplinaryDecision> UpdateDecisionRow(db::Session& session,
                                                       const DisciplinaryDecision& decision);

absl::StatusOr<StoredAppeal> LoadAppeal(db::Session& session, int64_t decision_id,
                                        int64_t appeal_id, Lock lock);
std::vector<StoredAppeal> LoadAppeals(db::Session& session, const AppealFilter& filter);
absl::StatusOr<StoredAppeal> InsertAppealRow(db::Session& session, const StoredAppeal& appeal);
absl::StatusOr<StoredAppeal> UpdateAppealRow(db::Session& session, const StoredAppeal& appeal);

std::vector<RuleVersionRecord> LoadRuleVersions(db::Session& session, Lock lock);
absl::StatusOr<InspectionRuleBook> RuleBookOf(const std::vector<RuleVersionRecord>& versions);
absl::StatusOr<RuleVersionRecord> InsertRuleVersionRow(db::Session& session,
                                                       const RuleVersionRecord& record);
absl::StatusOr<RuleVersionRecord> UpdateRuleVersionRow(db::Session& session,
                                                       const RuleVersionRecord& record);

absl::StatusOr<MembershipCall> InsertMembershipCallRow(db::Session& session,
                                                       const MembershipCall& call);

std::vector<std::string> LockImportedKeyRows(db::Session& session,
                                             const std::vector<std::string>& source_keys);
absl::Status InsertImportedKeyRow(db::Session& session, const ImportedRecordKey& key);

// The id the last INSERT on this session assigned.
int64_t LastInsertId(db::Session& session);

// ABORTED naming the resource, for an update whose version is not the stored one.
absl::Status StaleVersionError(const std::string& resource, int64_t stored, int64_t given);

// "(?, ?, …)" for an IN list of `count` values, rounded up to a power of two so the
// per-connection statement cache holds few texts; BindInList repeats the last value to fill.
std::string InListPlaceholders(size_t count);
size_t InListSize(size_t count);

}  // namespace dangbo::inspection::internal

#endif  // DANGBO_SERVICES_INSPECTION_STORE_ROWS_H_
