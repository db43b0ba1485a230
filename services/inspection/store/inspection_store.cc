// InspectionStore: Mutate over the generic outbox mutation, and the reads.
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "services/inspection/store/inspection_tx.h"
#include "services/inspection/store/rows.h"
#include "services/inspection/store/store.h"

namespace dangbo::inspection {
namespace {

// Runs one read and hands back what it produced; reads may run twice (Pool::Read), so `read`
// builds its result from scratch.
template <typename T, typename F>
absl::StatusOr<T> ReadValue(db::Pool& pool, F&& read) {
  std::optional<absl::StatusOr<T>> result;
  absl::Status status = pool.Read([&](db::Session& session) -> absl::Status {
    result = read(session);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return std::move(*result);
}

}  // namespace

using internal::Lock;

InspectionStore::InspectionStore(db::Pool& pool) : pool_(pool) {}

absl::StatusOr<std::string> InspectionStore::Mutate(
    const MutationContext& context,
    absl::FunctionRef<absl::StatusOr<MutationOutcome>(InspectionTx&)> body) {
  return db::RunOutboxMutation(
      pool_, context,
      [&](db::Session& session) -> absl::StatusOr<MutationOutcome> {
        internal::SqlInspectionTx tx(session);
        return body(tx);
      },
      before_commit_);
}

absl::StatusOr<std::optional<std::string>> InspectionStore::CommittedResponse(
    const MutationContext& context) {
  return db::FindCommittedResponse(pool_, context);
}

absl::StatusOr<Programme> InspectionStore::GetProgramme(int64_t id) {
  return ReadValue<Programme>(
      pool_, [&](db::Session& s) { return internal::LoadProgramme(s, id, Lock::kNone); });
}

absl::StatusOr<std::vector<Programme>> InspectionStore::ListProgrammes(
    const ProgrammeFilter& filter) {
  return ReadValue<std::vector<Programme>>(
      pool_, [&](db::Session& s) { return internal::LoadProgrammes(s, filter); });
}

absl::StatusOr<Inspection> InspectionStore::GetInspection(int64_t id) {
  return ReadValue<Inspection>(
      pool_, [&](db::Session& s) { return internal::LoadInspection(s, id, Lock::kNone); });
}

absl::StatusOr<std::vector<Inspection>> InspectionStore::ListInspections(
    const InspectionFilter& filter) {
  return ReadValue<std::vector<Inspection>>(
      pool_, [&](db::Session& s) { return internal::LoadInspections(s, filter); });
}

absl::StatusOr<std::vector<ConclusionNotice>> InspectionStore::ListNoticeRevisions(
    int64_t inspection_id) {
  return ReadValue<std::vector<ConclusionNotice>>(
      pool_, [&](db::Session& s) { return internal::LoadNotices(s, inspection_id, std::nullopt); });
}

absl::StatusOr<ConclusionNotice> InspectionStore::GetNoticeRevision(int64_t inspection_id,
                                                                    int revision) {
  return ReadValue<ConclusionNotice>(
      pool_, [&](db::Session& s) -> absl::StatusOr<ConclusionNotice> {
        std::vector<ConclusionNotice> notices = internal::LoadNotices(s, inspection_id, revision);
        if (notices.empty()) {
          return absl::NotFoundError(absl::StrCat("inspections/", inspection_id,
                                                  "/conclusionNotices/", revision, " not found"));
        }
        return std::move(notices.front());
      });
}

absl::StatusOr<DisciplinaryDecision> InspectionStore::GetDecision(int64_t id) {
  return ReadValue<DisciplinaryDecision>(
      pool_, [&](db::Session& s) { return internal::LoadDecision(s, id, Lock::kNone); });
}

absl::StatusOr<std::vector<DisciplinaryDecision>> InspectionStore::ListDecisions(
    const DecisionFilter& filter) {
  return ReadValue<std::vector<DisciplinaryDecision>>(
      pool_, [&](db::Session& s) { return internal::LoadDecisions(s, filter); });
}

absl::StatusOr<StoredAppeal> InspectionStore::GetAppeal(int64_t decision_id, int64_t appeal_id) {
  return ReadValue<StoredAppeal>(pool_, [&](db::Session& s) {
    return internal::LoadAppeal(s, decision_id, appeal_id, Lock::kNone);
  });
}

absl::StatusOr<std::vector<StoredAppeal>> InspectionStore::ListAppeals(const AppealFilter& filter) {
  return ReadValue<std::vector<StoredAppeal>>(
      pool_, [&](db::Session& s) { return internal::LoadAppeals(s, filter); });
}

absl::StatusOr<std::vector<RuleVersionRecord>> InspectionStore::ListRuleVersions() {
  return ReadValue<std::vector<RuleVersionRecord>>(
      pool_, [&](db::Session& s) { return internal::LoadRuleVersions(s, Lock::kNone); });
}

absl::StatusOr<InspectionRuleBook> InspectionStore::LoadRuleBook() {
  absl::StatusOr<std::vector<RuleVersionRecord>> versions = ListRuleVersions();
  if (!versions.ok()) return versions.status();
  return internal::RuleBookOf(*versions);
}

absl::StatusOr<InspectionRuleBook> RuleBookOf(const std::vector<RuleVersionRecord>& versions) {
  return internal::RuleBookOf(versions);
}

absl::StatusOr<std::vector<StoredChange>> InspectionStore::ListChanges(int64_t after_sequence,
                                                                       int page_size) {
  return db::ReadChanges(pool_, after_sequence, page_size);
}

absl::StatusOr<int64_t> InspectionStore::HeadSequence() { return db::ReadHeadSequence(pool_); }

}  // namespace dangbo::inspection
