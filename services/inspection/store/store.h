// Persistence of the inspection records in their own MySQL schema. The only place that writes
// SQL for this service; it sees domain values (services/inspection/domain/model.h) and opaque
// bytes, never protos.
#ifndef DANGBO_SERVICES_INSPECTION_STORE_STORE_H_
#define DANGBO_SERVICES_INSPECTION_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/outbox_feed.h"
#include "common/db/outbox_mutation.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/model.h"

namespace dangbo::db {
class Pool;
class Session;
}  // namespace dangbo::db

namespace dangbo::inspection {

using db::ChangeRecord;
using db::MutationContext;
using db::MutationOutcome;
using db::StoredChange;

// An appeal with the day its resolution is due, computed at filing (appeals.h) from the rules
// and calendar of that day, so that overdue appeals are found by date.
struct StoredAppeal {
  Appeal appeal;
  Date resolution_due_date;
};

// One dated version of the rule book: InspectionRuleBook::FromJson's overrides for the
// version in force from `effective_from` (without the "effective_from" key itself).
struct RuleVersionRecord {
  Date effective_from;
  std::string rules_json;
  int64_t version = 0;
  absl::Time update_time;
};

// The rule book `versions` make (InvalidArgument when they do not parse together).
absl::StatusOr<InspectionRuleBook> RuleBookOf(const std::vector<RuleVersionRecord>& versions);

// Which membership RPC a queued call makes.
enum class MembershipCallKind {
  kUnspecified = 0,
  kExpelMember = 1,           // RecordMemberEvent with an EXPEL event
  kDissolveOrganization = 2,  // DissolveOrganization
  kRecordViolationCase = 3,   // RecordViolationCase
};

// A call owed to membership, queued in the transaction of the record that owes it and retried
// until membership accepts it. Every attempt sends the same request_id, so membership applies
// it once however many attempts reach it.
struct MembershipCall {
  int64_t id = 0;  // assigned by the store
  std::string request_id;
  MembershipCallKind kind = MembershipCallKind::kUnspecified;
  std::string origin;   // the record that owes the call, e.g. "disciplinaryDecisions/7"
  std::string payload;  // the serialized request message, request_id included
  int attempts = 0;     // claims so far
  std::string last_error;
  bool done = false;
  // Set by ClaimMembershipCalls; FailMembershipCall must present it.
  std::string claim_token;
};

// A record ImportInspectionWork wrote, under its key in the system it came from.
struct ImportedRecordKey {
  std::string source_key;
  std::optional<int64_t> inspection_id;
  int decision_count = 0;
  std::string request_id;
};

struct ProgrammeFilter {
  std::vector<int64_t> organization_ids;  // empty = every organization
  int year = 0;                           // 0 = every year
  int page_size = 100;
  int64_t after_id = 0;  // keyset paging on id
};

struct InspectionFilter {
  std::vector<int64_t> conducting_organization_ids;  // empty = every organization
  std::vector<InspectionType> types;                 // empty = all
  std::vector<InspectionStage> stages;               // empty = all
  std::optional<SubjectRef> subject;
  std::optional<Date> decided_from;  // decision date within [from, to]
  std::optional<Date> decided_to;
  // Only inspections whose notice in force has a required task due before this day with no
  // completion recorded (the candidates of ListOverdue's task lateness).
  std::optional<Date> task_due_before;
  int page_size = 100;
  int64_t after_id = 0;
};

struct DecisionFilter {
  std::vector<int64_t> subject_organization_ids;  // empty = every organization
  std::optional<SubjectRef> subject;
  std::vector<DisciplineForm> forms;  // empty = all
  std::optional<Date> decided_from;
  std::optional<Date> decided_to;
  int page_size = 100;
  int64_t after_id = 0;
};

struct AppealFilter {
  std::optional<int64_t> decision_id;
  std::vector<int64_t> resolving_organization_ids;  // empty = every organization
  bool unresolved_only = false;
  std::optional<Date> due_before;  // resolution_due_date < this day
  int page_size = 100;
  int64_t after_id = 0;
};

// Operations inside one mutation transaction. Lock* reads take row locks (SELECT … FOR UPDATE)
// so concurrent writers cannot lose each other's updates; Update* checks the caller's version
// and fails with ABORTED when it is stale.
class InspectionTx {
 public:
  virtual ~InspectionTx() = default;

  virtual absl::StatusOr<Programme> LockProgramme(int64_t id) = 0;
  // Assigns id and version 1.
  virtual absl::StatusOr<Programme> InsertProgramme(const Programme& programme) = 0;
  // Replaces the decision and the planned items; bumps the version.
  virtual absl::StatusOr<Programme> UpdateProgramme(const Programme& programme) = 0;

  // The inspection with its team, subjects, findings, task completions and notice in force.
  virtual absl::StatusOr<Inspection> LockInspection(int64_t id) = 0;
  // Assigns id and version 1; writes team, subjects, findings. `notice` and task completions
  // are written by their own methods.
  virtual absl::StatusOr<Inspection> InsertInspection(const Inspection& inspection) = 0;
  // Replaces every field and the team, subjects, findings and task completions; bumps the
  // version. A subject named twice is INVALID_ARGUMENT.
  virtual absl::StatusOr<Inspection> UpdateInspection(const Inspection& inspection) = 0;

  // Adds a revision of the inspection's conclusion notice. A revision number already stored is
  // ALREADY_EXISTS. An issued revision becomes the notice in force when it is the highest
  // issued one. Does not touch the inspection's version: callers update the inspection too.
  virtual absl::Status InsertNoticeRevision(const ConclusionNotice& notice) = 0;
  // Changes a draft revision; an issued one is FAILED_PRECONDITION (it never changes).
  virtual absl::Status UpdateNoticeDraft(const ConclusionNotice& notice) = 0;
  // Every revision of the inspection, oldest first.
  virtual absl::StatusOr<std::vector<ConclusionNotice>> NoticeRevisions(int64_t inspection_id) = 0;

  virtual absl::StatusOr<DisciplinaryDecision> LockDecision(int64_t id) = 0;
  // Assigns id and version 1.
  virtual absl::StatusOr<DisciplinaryDecision> InsertDecision(
      const DisciplinaryDecision& decision) = 0;
  virtual absl::StatusOr<DisciplinaryDecision> UpdateDecision(
      const DisciplinaryDecision& decision) = 0;

  // NOT_FOUND unless the appeal belongs to `decision_id`.
  virtual absl::StatusOr<StoredAppeal> LockAppeal(int64_t decision_id, int64_t appeal_id) = 0;
  // Assigns id and version 1.
  virtual absl::StatusOr<StoredAppeal> InsertAppeal(const StoredAppeal& appeal) = 0;
  // Records the resolution (and any date change); bumps the version.
  virtual absl::StatusOr<StoredAppeal> UpdateAppeal(const StoredAppeal& appeal) = 0;
  // The decision's appeals, oldest first.
  virtual absl::StatusOr<std::vector<StoredAppeal>> AppealsOf(int64_t decision_id) = 0;

  // Every version, locked, oldest first.
  virtual absl::StatusOr<std::vector<RuleVersionRecord>> LockRuleVersions() = 0;
  // A date already holding a version is ALREADY_EXISTS. The whole book must still parse
  // (InspectionRuleBook::FromJson) with the new version: otherwise INVALID_ARGUMENT.
  virtual absl::StatusOr<RuleVersionRecord> InsertRuleVersion(const RuleVersionRecord& record) = 0;
  // Replaces rules_json of the version at record.effective_from; same checks as Insert.
  virtual absl::StatusOr<RuleVersionRecord> UpdateRuleVersion(const RuleVersionRecord& record) = 0;

  // Queues a call; commits or rolls back with the transaction. A request_id already queued is
  // ALREADY_EXISTS. Assigns id.
  virtual absl::StatusOr<MembershipCall> EnqueueMembershipCall(const MembershipCall& call) = 0;
  // The members that decisions taken out of inspection `inspection_id` discipline.
  virtual absl::StatusOr<absl::flat_hash_set<int64_t>> MembersDisciplinedOutOf(
      int64_t inspection_id) = 0;

  // The keys among `source_keys` an earlier import wrote. Locks them, and the gaps where the
  // others would go, so that two imports of the same record cannot both write it.
  virtual absl::StatusOr<std::vector<std::string>> LockImportedKeys(
      const std::vector<std::string>& source_keys) = 0;
  // A key already recorded is ALREADY_EXISTS.
  virtual absl::Status InsertImportedKey(const ImportedRecordKey& key) = 0;
};

class InspectionStore {
 public:
  explicit InspectionStore(db::Pool& pool);

  // Runs `body` in one transaction together with the idempotency record, the outbox rows and
  // the audit row (db::RunOutboxMutation). A replayed request_id returns the first response
  // without running `body`.
  absl::StatusOr<std::string> Mutate(
      const MutationContext& context,
      absl::FunctionRef<absl::StatusOr<MutationOutcome>(InspectionTx&)> body);

  // db::FindCommittedResponse on this store's schema.
  absl::StatusOr<std::optional<std::string>> CommittedResponse(const MutationContext& context);

  absl::StatusOr<Programme> GetProgramme(int64_t id);
  absl::StatusOr<std::vector<Programme>> ListProgrammes(const ProgrammeFilter& filter);

  absl::StatusOr<Inspection> GetInspection(int64_t id);
  absl::StatusOr<std::vector<Inspection>> ListInspections(const InspectionFilter& filter);
  // Every revision of the inspection's notice, oldest first.
  absl::StatusOr<std::vector<ConclusionNotice>> ListNoticeRevisions(int64_t inspection_id);
  absl::StatusOr<ConclusionNotice> GetNoticeRevision(int64_t inspection_id, int revision);

  absl::StatusOr<DisciplinaryDecision> GetDecision(int64_t id);
  absl::StatusOr<std::vector<DisciplinaryDecision>> ListDecisions(const DecisionFilter& filter);
  absl::StatusOr<StoredAppeal> GetAppeal(int64_t decision_id, int64_t appeal_id);
  absl::StatusOr<std::vector<StoredAppeal>> ListAppeals(const AppealFilter& filter);

  absl::StatusOr<std::vector<RuleVersionRecord>> ListRuleVersions();
  // The rule book the stored versions make.
  absl::StatusOr<InspectionRuleBook> LoadRuleBook();

  // Up to `limit` pending calls whose time has come, oldest first, each leased to the caller for
  // `lease`: nobody else claims it until the lease runs out, so a worker that dies mid-call
  // delays its calls by one lease and loses none. Concurrent claimers get disjoint calls.
  absl::StatusOr<std::vector<MembershipCall>> ClaimMembershipCalls(int limit, absl::Duration lease);
  // Membership accepted the call: it is done for good (whoever claimed it last).
  absl::Status CompleteMembershipCall(int64_t id);
  // The attempt under `claim_token` failed: the call is claimable again after `retry_after`.
  // FAILED_PRECONDITION when the call was claimed again since, or is done.
  absl::Status FailMembershipCall(int64_t id, const std::string& claim_token,
                                  const std::string& error, absl::Duration retry_after);
  // The calls owed by one record (e.g. "disciplinaryDecisions/7"), oldest first.
  absl::StatusOr<std::vector<MembershipCall>> MembershipCallsOf(const std::string& origin);

  absl::StatusOr<std::vector<StoredChange>> ListChanges(int64_t after_sequence, int page_size);
  absl::StatusOr<int64_t> HeadSequence();

  // Test hook: runs inside every Mutate transaction just before COMMIT is sent.
  void SetBeforeCommitHookForTesting(std::function<void(db::Session&)> hook) {
    before_commit_ = std::move(hook);
  }

 private:
  db::Pool& pool_;
  std::function<void(db::Session&)> before_commit_;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_STORE_STORE_H_
