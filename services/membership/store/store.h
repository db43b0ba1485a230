// Persistence of the membership records in their own MySQL schema. The only place that
// writes SQL for this service; it sees domain values and opaque bytes, never protos.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_STORE_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "common/db/outbox_feed.h"
#include "common/db/outbox_mutation.h"
#include "services/membership/domain/model.h"

namespace dangbo::db {
class Pool;
class Session;
}  // namespace dangbo::db

namespace dangbo::membership {

class MemberCache;

// A mutation's caller and idempotency key, its change events and its outcome.
using db::ChangeRecord;
using db::MutationContext;
using db::MutationOutcome;

// A history row of an organization (organization_versions): the organization as it stood
// from valid_from (inclusive) to valid_to (exclusive, none = still current).
struct OrganizationVersion {
  Organization organization;
  Date valid_from;
  std::optional<Date> valid_to;
  int change_kind = 0;  // dangbo.membership.v1.OrganizationChange.Kind value
  Decision decision;
  std::vector<int64_t> related_ids;
  // Position of this row in the history (organization_versions.id), assigned by the store;
  // ListOrganizationHistories pages with it (`after_seq`).
  int64_t sequence = 0;
};

struct OrganizationFilter {
  std::optional<int64_t> parent_id;
  std::optional<std::string> subtree_path;  // "/1/5/": that organization and below
  std::vector<std::string> scope_paths;     // caller's scopes; empty = unrestricted
  std::vector<OrganizationKind> kinds;      // empty = all
  std::vector<OrganizationState> states;    // empty = all
  std::optional<Date> as_of;                // read organization_versions instead
  int page_size = 100;
  int64_t after_id = 0;  // keyset paging on id
};

struct MemberFilter {
  std::optional<std::string> subtree_path;
  std::vector<std::string> scope_paths;
  std::vector<MemberState> states;  // empty = all
  std::string name_key;             // SearchKey() of the query; words must all match
  std::string party_card_number;
  std::string citizen_id;
  bool exempted_only = false;
  bool lost_contact_only = false;
  bool in_transit_only = false;
  int page_size = 100;
  int64_t after_id = 0;
};

struct RatingFilter {
  // One subject's ratings, or (when unset) the ratings made inside subtree_path.
  std::optional<std::pair<Rating::SubjectKind, int64_t>> subject;
  std::optional<std::string> subtree_path;  // matched against rated_in_organization's path
  int year = 0;                             // 0 = every year
  int page_size = 100;
  int64_t offset = 0;  // ordered by subject kind, subject id, year
};

// What derived values of a member (party age, due badges) are computed from.
struct MemberHistory {
  std::vector<MemberEvent> events;  // in recording order
  std::vector<Badge> badges;        // by milestone
};

struct MemberWithPath {
  Member member;
  std::string organization_path;
};

// What bulk import checks a row's organization against: where it sits and whether it is active.
struct OrganizationPathAndState {
  int64_t id = 0;
  std::string path;
  OrganizationState state = OrganizationState{};
};

using db::ChangedResource;
using db::StoredChange;

// Operations available inside one mutation transaction. Reads here lock what they read
// (SELECT … FOR UPDATE) so concurrent writers cannot lose each other's updates.
class MembershipTx {
 public:
  virtual ~MembershipTx() = default;

  virtual absl::StatusOr<Organization> LockOrganization(int64_t id) = 0;
  // Assigns id, path and version 1.
  virtual absl::StatusOr<Organization> InsertOrganization(const Organization& org) = 0;
  // Bumps version; fails with ABORTED if `org.version` is not the stored one.
  virtual absl::StatusOr<Organization> UpdateOrganization(const Organization& org) = 0;
  // Closes the open history row of `org.id` at `version.valid_from` and opens a new one.
  // A valid_from earlier than the open row's is FAILED_PRECONDITION (no retroactive edits).
  virtual absl::Status AppendOrganizationVersion(const OrganizationVersion& version) = 0;
  // Ids of the active organizations whose parent is `id`.
  virtual absl::StatusOr<std::vector<int64_t>> ChildOrganizationIds(int64_t id) = 0;
  // Every organization strictly below `path` (for re-pathing a moved subtree).
  virtual absl::StatusOr<std::vector<Organization>> LockDescendants(const std::string& path) = 0;
  virtual absl::StatusOr<int64_t> CountActiveMembers(int64_t organization_id) = 0;

  virtual absl::StatusOr<Member> LockMember(int64_t id) = 0;
  // Assigns id and version 1. Duplicate citizen id or card number is ALREADY_EXISTS naming
  // the field.
  virtual absl::StatusOr<Member> InsertMember(const Member& member) = 0;
  // Bumps version; ABORTED if `member.version` is not the stored one.
  virtual absl::StatusOr<Member> UpdateMember(const Member& member) = 0;
  virtual absl::StatusOr<std::vector<MemberEvent>> MemberEvents(int64_t member_id) = 0;
  // Assigns id.
  virtual absl::StatusOr<MemberEvent> InsertMemberEvent(const MemberEvent& event) = 0;
  // Active (applicant, probationary, full) members registered at an organization.
  virtual absl::StatusOr<std::vector<int64_t>> MemberIdsAt(int64_t organization_id) = 0;

  // Bulk import: InsertMember for each, in order (ids ascending in the same order).
  virtual absl::StatusOr<std::vector<Member>> InsertMembers(const std::vector<Member>& members) = 0;
  // The members holding these citizen ids, locked, keyed by citizen id; empty ids and unknown
  // ones are absent.
  virtual absl::StatusOr<absl::flat_hash_map<std::string, Member>> LockMembersByCitizenId(
      const std::vector<std::string>& citizen_ids) = 0;
  // Inserts or replaces the rating of (subject, year).
  virtual absl::Status UpsertRating(const Rating& rating) = 0;
  // A milestone already awarded to the member is ALREADY_EXISTS naming badge.years.
  virtual absl::Status InsertBadge(const Badge& badge) = 0;
  // The member's violation cases, oldest first; read after LockMember, so that a RESIGN and a
  // case being opened are serialized on the member's row.
  virtual absl::StatusOr<std::vector<ViolationCase>> ViolationCasesOf(int64_t member_id) = 0;
  // Inserts or replaces the case of (member_id, source); returns it with its update_time.
  virtual absl::StatusOr<ViolationCase> WriteViolationCase(const ViolationCase& c) = 0;
};

class MembershipStore {
 public:
  explicit MembershipStore(db::Pool& pool);

  // Runs `body` in one transaction together with the idempotency record, the outbox rows and
  // the audit row. A replayed request_id returns the first response without running `body`;
  // a COMMIT with unknown outcome is resolved by looking the request_id up.
  absl::StatusOr<std::string> Mutate(
      const MutationContext& context,
      absl::FunctionRef<absl::StatusOr<MutationOutcome>(MembershipTx&)> body);

  absl::StatusOr<Organization> GetOrganization(int64_t id);
  absl::StatusOr<OrganizationVersion> GetOrganizationAsOf(int64_t id, Date as_of);
  absl::StatusOr<std::vector<Organization>> ListOrganizations(const OrganizationFilter& filter);
  // The histories of all the given organizations together, in version order (so each one's
  // oldest first), `page_size` rows after the version `after_seq`.
  absl::StatusOr<std::vector<OrganizationVersion>> ListOrganizationHistories(
      const std::vector<int64_t>& ids, int page_size, int64_t after_seq);
  // Paths of the given organizations, for authorization; unknown ids are absent.
  absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> OrganizationPaths(
      const std::vector<int64_t>& ids);

  // Path and state of the given organizations in one query per 64 ids; unknown ids are absent.
  absl::StatusOr<std::vector<OrganizationPathAndState>> OrganizationPathsAndStates(
      const std::vector<int64_t>& ids);

  absl::StatusOr<Member> GetMember(int64_t id);
  // The member and the path of the organization it is registered at, in one query.
  absl::StatusOr<MemberWithPath> GetMemberWithPath(int64_t id);
  // In the order asked; a missing id is NOT_FOUND naming it.
  absl::StatusOr<std::vector<Member>> BatchGetMembers(const std::vector<int64_t>& ids);
  absl::StatusOr<std::vector<Member>> ListMembers(const MemberFilter& filter);
  absl::StatusOr<std::vector<MemberEvent>> ListMemberEvents(int64_t member_id, int page_size,
                                                            int64_t after_id);

  absl::StatusOr<std::vector<Rating>> ListRatings(const RatingFilter& filter);
  // By milestone.
  absl::StatusOr<std::vector<Badge>> ListBadges(int64_t member_id);
  // Oldest first, as MembershipTx::ViolationCasesOf.
  absl::StatusOr<std::vector<ViolationCase>> ListViolationCases(int64_t member_id);
  // Events and badges of each member asked for; members with neither map to an empty history.
  absl::StatusOr<absl::flat_hash_map<int64_t, MemberHistory>> MemberHistories(
      const std::vector<int64_t>& member_ids);

  // Records that `caller` read personal data of these members (design.md §5).
  absl::Status AuditPersonalDataRead(const std::string& caller, const std::string& method,
                                     const std::vector<int64_t>& member_ids);

  absl::StatusOr<std::vector<StoredChange>> ListChanges(int64_t after_sequence, int page_size);
  absl::StatusOr<int64_t> HeadSequence();
  // (sequence, resource) of up to `limit` outbox rows after `after_sequence`: what the member
  // cache's follower needs, without the payloads.
  absl::StatusOr<std::vector<ChangedResource>> ListChangedResources(int64_t after_sequence,
                                                                    int limit);

  // Serves GetMemberWithPath from `cache` when it can and keeps it coherent with this store's
  // writes; none (the default) reads the database every time. The cache outlives the store.
  void SetMemberCache(MemberCache* cache) { member_cache_ = cache; }

  // Test hook: runs inside every Mutate transaction after its last statement, just before
  // COMMIT is sent (db::TransactionOptions::before_commit). Tests use it to lose a COMMIT's
  // answer, before or after the server committed.
  void SetBeforeCommitHookForTesting(std::function<void(db::Session&)> hook) {
    before_commit_ = std::move(hook);
  }

 private:
  db::Pool& pool_;
  MemberCache* member_cache_ = nullptr;
  std::function<void(db::Session&)> before_commit_;
};

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_STORE_H_
