// The reporting service's read model of inspection work (domain.md §3–4): what the statistics
// count, and nothing else. One compact row per subject of a counted inspection, bucketed by
// the month of the inspection's decision; disciplinary decisions with their appeals.
//
// The feed follower calls the Upsert methods with the latest state of a resource (each event
// carries the whole resource). Applying the same state twice changes nothing; a state older
// than the one held (a lower non-zero version) is ignored, so a replayed feed converges.
//
// Counted inspections: stage DECIDED or later (not CANCELLED) with a decision date. A subject is
// attributed to the organization it belonged to at the decision, and stays there after the
// member moves.
//
// Not safe for concurrent writes; const methods may run concurrently when no write does.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_MODEL_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "services/inspection/domain/model.h"
#include "services/reporting/domain/day_number.h"
#include "services/reporting/domain/id_index.h"

namespace dangbo::reporting {

inline constexpr uint32_t kNoSlot = UINT32_MAX;

// An inspection's type and conducting body with a subject's kind, committee seat and outcome,
// packed in 13 bits: everything that decides which figures a subject row counts in.
using SubjectProfile = uint16_t;
inline constexpr int kSubjectProfileBits = 13;

SubjectProfile PackSubjectProfile(inspection::InspectionType type, inspection::ConductingBody body,
                                  inspection::SubjectKind kind, bool committee_member,
                                  inspection::SubjectOutcome outcome);

struct UnpackedProfile {
  inspection::InspectionType type;
  inspection::ConductingBody body;
  inspection::SubjectKind kind;
  bool committee_member;
  inspection::SubjectOutcome outcome;
};
UnpackedProfile UnpackSubjectProfile(SubjectProfile profile);

// One subject of one counted inspection: 20 bytes.
struct SubjectRow {
  uint32_t inspection = 0;    // InspectionModel::InspectionId(slot)
  uint32_t subject = 0;       // InspectionModel::Subject(slot)
  uint32_t organization = 0;  // at the decision; InspectionModel::OrganizationId(slot)
  DayNumber decided = 0;
  SubjectProfile profile = 0;
  bool live = true;  // false: replaced by a later state, awaiting compaction
};

// A disciplinary decision as the statistics need it.
struct DecisionRow {
  int64_t version = 0;
  uint32_t subject = kNoSlot;  // kNoSlot: only its appeals have been seen so far
  uint32_t deciding_organization = kNoSlot;
  uint32_t subject_organization = kNoSlot;
  DayNumber decided = 0;
  DayNumber effective = 0;
  inspection::DisciplineForm form = inspection::DisciplineForm::kUnspecified;
  inspection::SubjectKind subject_kind = inspection::SubjectKind::kUnspecified;
  uint32_t first_appeal = kNoSlot;  // the decision's appeals, linked through AppealRow::next
  bool known() const { return subject != kNoSlot; }
};

struct AppealRow {
  int64_t version = 0;
  uint32_t decision = kNoSlot;
  uint32_t resolving_organization = kNoSlot;
  DayNumber filed = 0;
  std::optional<DayNumber> resolved;  // the resolution's date
  inspection::AppealOutcome outcome = inspection::AppealOutcome::kUnspecified;
  inspection::DisciplineForm new_form = inspection::DisciplineForm::kUnspecified;
  uint32_t next = kNoSlot;  // the next appeal of the same decision
};

// A decision's standing by a day: appeals resolved on or before it applied in date order
// (domain.md §4): REDUCED and INCREASED replace the form, ANNULLED ends the decision. The
// effective date plays no part: a decision is counted in the period it was decided in.
struct Standing {
  bool in_force = false;
  inspection::DisciplineForm form = inspection::DisciplineForm::kUnspecified;
};

class InspectionModel {
 public:
  // INVALID_ARGUMENT naming the field ("inspection.subjects[2].organization_id_at_decision:
  // ..."), leaving the model unchanged: ids ≤ 0 or beyond 2^61, enum values out of range, a
  // decision date outside the report years for a counted inspection.
  absl::Status UpsertInspection(const inspection::Inspection& inspection);
  absl::Status UpsertDecision(const inspection::DisciplinaryDecision& decision);
  // An appeal may arrive before its decision; it counts once the decision is known.
  absl::Status UpsertAppeal(const inspection::Appeal& appeal);

  // Calls visit(const SubjectRow&) for each subject of a counted inspection decided in
  // [first, last].
  template <typename Visit>
  void ForEachSubjectRow(DayNumber first, DayNumber last, Visit&& visit) const;
  // Calls visit(uint32_t slot, const DecisionRow&) for each known decision decided in
  // [first, last].
  template <typename Visit>
  void ForEachDecision(DayNumber first, DayNumber last, Visit&& visit) const;

  const std::vector<AppealRow>& appeals() const { return appeals_; }
  const DecisionRow& decision(uint32_t slot) const { return decisions_[slot]; }
  Standing StandingBy(uint32_t decision_slot, DayNumber day) const;

  // Slots back to ids.
  int64_t InspectionId(uint32_t slot) const { return inspection_ids_.IdOf(slot); }
  int64_t DecisionId(uint32_t slot) const { return decision_ids_.IdOf(slot); }
  int64_t AppealId(uint32_t slot) const { return appeal_ids_.IdOf(slot); }
  int64_t OrganizationId(uint32_t slot) const { return organizations_.IdOf(slot); }
  inspection::SubjectRef Subject(uint32_t slot) const;
  std::optional<uint32_t> FindOrganization(int64_t id) const { return organizations_.Find(id); }
  size_t organization_slots() const { return organizations_.size(); }
  size_t subject_slots() const { return subjects_.size(); }

  size_t inspection_count() const { return inspections_.size(); }
  size_t live_subject_rows() const { return live_rows_; }
  size_t decision_count() const { return known_decisions_; }
  size_t appeal_count() const { return appeals_.size(); }
  // Heap bytes held, from container capacities.
  size_t MemoryBytes() const;

  // Room for this many rows without rehashing, before a bulk load.
  void Reserve(size_t inspections, size_t subjects, size_t decisions);

 private:
  // Rows of inspections decided in one calendar month.
  struct MonthBucket {
    std::vector<SubjectRow> rows;
    size_t dead = 0;
  };
  // Where an inspection's rows are: one contiguous run in one month's bucket.
  struct InspectionSlot {
    int64_t version = 0;
    int32_t month = 0;
    uint32_t offset = 0;
    uint32_t count = 0;
  };

  uint32_t SubjectSlot(const inspection::SubjectRef& subject);
  void Compact(MonthBucket& bucket);

  IdIndex inspection_ids_;
  IdIndex decision_ids_;
  IdIndex appeal_ids_;
  IdIndex organizations_;
  IdIndex subjects_;  // key: id * 2 + (member ? 1 : 0)

  std::vector<InspectionSlot> inspections_;
  std::map<int32_t, MonthBucket> rows_by_month_;
  size_t live_rows_ = 0;

  std::vector<DecisionRow> decisions_;
  std::map<int32_t, std::vector<uint32_t>> decisions_by_month_;
  size_t known_decisions_ = 0;
  std::vector<AppealRow> appeals_;
};

// Months as numbers (year * 12 + month - 1), the model's bucket keys.
int32_t MonthNumber(DayNumber day);

template <typename Visit>
void InspectionModel::ForEachSubjectRow(DayNumber first, DayNumber last, Visit&& visit) const {
  if (last < first) return;
  const auto end = rows_by_month_.upper_bound(MonthNumber(last));
  for (auto it = rows_by_month_.lower_bound(MonthNumber(first)); it != end; ++it) {
    for (const SubjectRow& row : it->second.rows) {
      if (row.live && first <= row.decided && row.decided <= last) visit(row);
    }
  }
}

template <typename Visit>
void InspectionModel::ForEachDecision(DayNumber first, DayNumber last, Visit&& visit) const {
  if (last < first) return;
  const auto end = decisions_by_month_.upper_bound(MonthNumber(last));
  for (auto it = decisions_by_month_.lower_bound(MonthNumber(first)); it != end; ++it) {
    for (uint32_t slot : it->second) {
      const DecisionRow& d = decisions_[slot];
      if (d.known() && first <= d.decided && d.decided <= last) visit(slot, d);
    }
  }
}

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_MODEL_H_
