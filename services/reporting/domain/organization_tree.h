// The organization tree as it stood on any date (domain.md §1: reports for a past period are
// computed on the tree as it stood then). Built from membership's versioned rows: one row per
// organization per interval in which its parent, kind and ownership stood unchanged.
//
// Two ways to ask "is X inside S": Contains() walks X's ancestors as they stood on one date,
// for single questions; Subtree() lists, for a scope and a period, every organization that was
// inside the scope and on which days, with the scope's direct child it hung under, so that a
// statistics pass tests each row with one array lookup instead of a walk.
//
// Not safe for concurrent writes; const methods may run concurrently when no write does.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_ORGANIZATION_TREE_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_ORGANIZATION_TREE_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/membership/domain/model.h"
#include "services/reporting/domain/day_number.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {

using membership::EnterpriseOwnership;
using membership::OrganizationKind;

// One row of membership's organization_versions: the organization stood like this from
// valid_from (included) to valid_to (excluded; none while it still does).
struct OrganizationVersion {
  int64_t organization_id = 0;
  std::optional<int64_t> parent_id;  // none for a root
  OrganizationKind kind = OrganizationKind::kUnspecified;
  EnterpriseOwnership ownership = EnterpriseOwnership::kUnspecified;
  Date valid_from;
  std::optional<Date> valid_to;
  friend bool operator==(const OrganizationVersion&, const OrganizationVersion&) = default;
};

// Days [from, to] (both included) during which `organization_id` was inside the scope, hanging
// under the scope's direct child `child_id` (0: the scope itself).
struct SubtreeSegment {
  int64_t organization_id = 0;
  int64_t child_id = 0;
  Date from;
  Date to;
  friend bool operator==(const SubtreeSegment&, const SubtreeSegment&) = default;
};

class OrganizationTree {
 public:
  // Deeper than any real tree (seven kinds); reached only through a cycle in bad history.
  static constexpr int kMaxDepth = 64;

  // A tree from all rows of organization_versions, in any order. INVALID_ARGUMENT naming the row
  // ("versions[12].valid_to: ...") as SetHistory does.
  static absl::StatusOr<OrganizationTree> Build(const std::vector<OrganizationVersion>& rows);

  // Replaces the whole history of `organization_id` with `versions` (any order; empty forgets
  // it). Idempotent. INVALID_ARGUMENT, leaving the tree unchanged, for a row of another
  // organization, an id ≤ 0, an organization as its own parent, valid_to not after valid_from,
  // a year outside the report years, or two rows whose intervals overlap.
  absl::Status SetHistory(int64_t organization_id, std::vector<OrganizationVersion> versions);

  // A change on an effective date as membership's feed reports it: `version` stands from its
  // valid_from on. Rows starting on or after that day are replaced, the row covering it ends
  // there. Applying the same change twice changes nothing.
  absl::Status ApplyChange(const OrganizationVersion& version);

  // The row of `organization_id` standing on `day`, if it existed then.
  std::optional<OrganizationVersion> VersionAt(int64_t organization_id, Date day) const;

  // The enterprise ownership `organization_id` recorded on `day` or, when it recorded none (a
  // cell), the one recorded by the nearest organization above it that did; kUnspecified when
  // none did or it did not exist that day. Per admitted member in a report: walks slots, no
  // id lookups past the first.
  EnterpriseOwnership OwnershipOn(int64_t organization_id, Date day) const;

  // Whether `organization_id` was `scope_id` or below it on `day`. False when either did not
  // exist that day.
  bool Contains(int64_t scope_id, int64_t organization_id, Date day) const;

  // The direct children of `scope_id` on `day`, by id.
  std::vector<int64_t> ChildrenAt(int64_t scope_id, Date day) const;

  // Every organization inside `scope_id` on some day of `range`, with those days, the scope
  // itself included (child_id 0) for the days it existed. An organization that moved within,
  // out of or into the scope has one segment per stretch. NOT_FOUND when the tree has never
  // held the scope; FAILED_PRECONDITION when the history nests deeper than kMaxDepth (a cycle).
  absl::StatusOr<std::vector<SubtreeSegment>> Subtree(int64_t scope_id,
                                                      const DateRange& range) const;

  // The first day of the earliest row of `organization_id`: when it was established (rows of a
  // later move or rename start later). None when the tree holds no row of it.
  std::optional<Date> EstablishedOn(int64_t organization_id) const;

  // Whether the tree holds any row of `organization_id`.
  bool Knows(int64_t organization_id) const;

  // Organizations with at least one row.
  size_t organization_count() const { return organization_count_; }
  size_t version_count() const { return version_count_; }

 private:
  static constexpr uint32_t kNoSlot = UINT32_MAX;

  // A row as kept: days as numbers, the parent as its slot.
  struct Version {
    DayNumber from = 0;
    DayNumber to = kOpenEnd;    // excluded
    uint32_t parent = kNoSlot;  // slot; kNoSlot for a root
    OrganizationKind kind = OrganizationKind::kUnspecified;
    EnterpriseOwnership ownership = EnterpriseOwnership::kUnspecified;
  };
  // A parent's view of one child row: which child, and when it hung there.
  struct ChildLink {
    uint32_t child = 0;  // slot
    DayNumber from = 0;
    DayNumber to = kOpenEnd;  // excluded
  };

  // SetHistory, naming rows by `row_numbers[i]` (the input of Build) when given.
  absl::Status ReplaceHistory(int64_t organization_id, std::vector<OrganizationVersion> versions,
                              const std::vector<size_t>* row_numbers);
  uint32_t SlotOf(int64_t organization_id);
  std::optional<uint32_t> FindSlot(int64_t organization_id) const;
  const Version* VersionOn(uint32_t slot, DayNumber day) const;
  void Unlink(uint32_t slot);
  void Link(uint32_t slot);

  absl::flat_hash_map<int64_t, uint32_t> slot_of_;
  std::vector<int64_t> id_of_;
  std::vector<std::vector<Version>> history_;     // by slot, sorted by `from`
  std::vector<std::vector<ChildLink>> children_;  // by parent slot
  size_t organization_count_ = 0;
  size_t version_count_ = 0;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_ORGANIZATION_TREE_H_
