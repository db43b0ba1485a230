// The reporting service's read model of members (domain.md §2): per member only what the
// membership statistics count, in one compact row, plus the lifecycle events that moved the
// member between states and organizations.
//
// The feed follower calls UpsertMember with the latest state of a member (a lower non-zero
// version than held is ignored; the same state twice changes nothing) and UpsertMemberEvent
// with each recorded event (idempotent by event id within its member). Either may arrive first.
//
// A member's state and organization on a past day (stocks "as of" a date):
// - Events that change neither (exempt, lost contact, temporary transfers, transfer letters and
//   hop acknowledgements, withdrawn applications) are validated and not kept. The kept ones are
//   admit, re-admit, recognize, probation not passed, official transfer received, strike off,
//   resign, expel, decease and the organization merged/split moves; membership records on each
//   the state and organization before and after it.
// - On or after the member's latest kept event: the member's row (its latest state).
// - Before it: state_after/organization_after of the last kept event effective on or before the
//   day, or state_before/organization_before of the earliest when all came later.
// - A recognition counts from its effective date (membership dates it at the end of the 12
//   months, domain.md §2).
// Approximation, where history is missing: a member with no kept event (loaded without history)
// is taken as in its current organization on every day; a probationary or full member is not
// yet a member before its admission decision date, and a full member is probationary before its
// full_member_date. A member struck off, expelled or deceased with no kept event is not counted
// on any day, since when they left cannot be known.
//
// Admissions and recognitions decided before the recorded history (members imported with their
// dates) are read from the member's row: ForEachDatedMilestone visits the members whose
// admission decision date or full_member_date falls in a period, and the statistics count one
// where the member has no kept event of that kind (HasKeptEvent).
//
// Not safe for concurrent writes; const methods may run concurrently when no write does.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_MODEL_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "services/membership/domain/model.h"
#include "services/reporting/domain/day_number.h"
#include "services/reporting/domain/id_index.h"
#include "services/reporting/domain/inspection_model.h"  // MonthNumber

namespace dangbo::reporting {

// A day not known (no birth date, not admitted, not full).
inline constexpr DayNumber kNoDay = std::numeric_limits<DayNumber>::min();

// Bits of MemberRow::traits.
enum MemberTrait : uint8_t {
  kTraitKnown = 1,           // UpsertMember has been seen (not only events)
  kTraitFemale = 2,
  kTraitEthnicMinority = 4,  // ethnicity recorded and not "Kinh"
  kTraitReligious = 8,       // religion recorded and not "Không"
  kTraitYouthUnion = 16,     // đoàn viên
};

// One member: 28 bytes. Organizations are the model's slots.
struct MemberRow {
  uint32_t organization = UINT32_MAX;  // where officially registered now
  uint32_t first_event = UINT32_MAX;   // earliest kept event, then EventRow::next by day
  DayNumber latest_event = kNoDay;     // day of the latest kept event
  DayNumber birth = kNoDay;
  DayNumber admitted = kNoDay;    // admission decision date
  DayNumber full_since = kNoDay;  // full_member_date
  uint8_t state = 0;  // membership::MemberState
  uint8_t traits = 0;
  uint8_t theory = 0;  // membership::PoliticalTheoryLevel
  // GeneralEducation in the low 2 bits, Qualification in the 3 above (education_levels.h).
  uint8_t education = 0;
  membership::MemberState member_state() const {
    return static_cast<membership::MemberState>(state);
  }
  bool has(MemberTrait t) const { return (traits & t) != 0; }
};
static_assert(sizeof(MemberRow) == 28);

// One kept lifecycle event: 32 bytes.
struct MemberEventRow {
  int64_t id = 0;
  uint32_t member = 0;                     // slot
  uint32_t next = UINT32_MAX;              // the member's next kept event by day, then id
  uint32_t organization_before = UINT32_MAX;  // slot; UINT32_MAX for none (0 on the wire)
  uint32_t organization_after = UINT32_MAX;
  DayNumber day = 0;
  uint8_t type = 0;  // membership::MemberEventType
  uint8_t state_before = 0;  // membership::MemberState
  uint8_t state_after = 0;
  membership::MemberEventType event_type() const {
    return static_cast<membership::MemberEventType>(type);
  }
  friend bool operator==(const MemberEventRow&, const MemberEventRow&) = default;
};
static_assert(sizeof(MemberEventRow) == 32);

// A date on the member's row that a movement figure may count.
enum class Milestone : uint8_t { kAdmission, kRecognition };

// A party badge awarded (Huy hiệu Đảng): 12 bytes.
struct BadgeRow {
  uint32_t member = 0;  // slot
  DayNumber day = 0;    // award date
  uint8_t years = 0;    // 30, 40, 45, … 90
};

// Where a member stood on a day.
struct MemberStanding {
  membership::MemberState state = membership::MemberState::kUnspecified;
  uint32_t organization = UINT32_MAX;  // slot
};

class MembershipModel {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  MembershipModel();

  // INVALID_ARGUMENT naming the field ("member.personal.birth_date: ..."), leaving the model
  // unchanged: ids ≤ 0 or beyond 2^61, a negative organization id or version, enum values out of
  // range, dates outside years 1850–9999, a party member (probationary or full) without an
  // organization.
  absl::Status UpsertMember(const membership::Member& member);
  // INVALID_ARGUMENT naming the field ("event.effective_date: ..."): ids ≤ 0 or beyond 2^61,
  // enum values out of range, an effective date outside the report years, a negative
  // organization id.
  absl::Status UpsertMemberEvent(const membership::MemberEvent& event);

  // INVALID_ARGUMENT naming the field ("badge.years: ..."): a member id ≤ 0 or beyond 2^61,
  // years not a multiple of 5 between 30 and 90, an award date outside the report years. A
  // member's badge of the same years again replaces the one held (a corrected date).
  absl::Status UpsertBadge(const membership::Badge& badge);

  // Calls visit(const BadgeRow&) for each badge awarded in [first, last].
  template <typename Visit>
  void ForEachBadge(DayNumber first, DayNumber last, Visit&& visit) const;
  size_t badge_count() const { return badges_.size(); }

  // Where the member in `slot` stood on `day` (see the header comment).
  MemberStanding StandingOn(uint32_t slot, DayNumber day) const {
    const MemberRow& r = members_[slot];
    if (r.first_event == kNone) return Undocumented(r, day);
    if (day >= r.latest_event) return {r.member_state(), r.organization};
    return FromEvents(r, day);
  }

  // Asks the CPU to fetch the first event StandingOn(slot, day) would read, if it reads any: a
  // scan over every member calls this some rows ahead, so that the misses on events overlap
  // instead of stalling the scan one after another.
  void PrefetchStanding(uint32_t slot, DayNumber day) const {
    const MemberRow& r = members_[slot];
    if (r.first_event != kNone && day < r.latest_event) __builtin_prefetch(&events_[r.first_event]);
  }

  // Calls visit(uint32_t event_slot, const MemberEventRow&) for each kept event effective in
  // [first, last].
  template <typename Visit>
  void ForEachEvent(DayNumber first, DayNumber last, Visit&& visit) const;

  // Calls visit(uint32_t member_slot, Milestone, DayNumber day) for each member whose row's
  // admission decision date or full_member_date is in [first, last].
  template <typename Visit>
  void ForEachDatedMilestone(DayNumber first, DayNumber last, Visit&& visit) const;

  // Whether the member in `slot` has a kept event of `type`.
  bool HasKeptEvent(uint32_t slot, membership::MemberEventType type) const {
    for (uint32_t s = members_[slot].first_event; s != kNone; s = events_[s].next) {
      if (events_[s].event_type() == type) return true;
    }
    return false;
  }

  const std::vector<MemberRow>& members() const { return members_; }
  const MemberEventRow& event(uint32_t slot) const { return events_[slot]; }

  int64_t MemberId(uint32_t slot) const { return member_ids_.IdOf(slot); }
  int64_t OrganizationId(uint32_t slot) const { return organizations_.IdOf(slot); }
  std::optional<uint32_t> FindMember(int64_t id) const { return member_ids_.Find(id); }
  std::optional<uint32_t> FindOrganization(int64_t id) const { return organizations_.Find(id); }
  size_t member_slots() const { return members_.size(); }
  size_t organization_slots() const { return organizations_.size(); }
  size_t event_count() const { return events_.size(); }
  // Heap bytes held, from container capacities.
  size_t MemoryBytes() const;

  // Room for this many rows without reallocating, before a bulk load.
  void Reserve(size_t members, size_t events, size_t organizations);

 private:
  static MemberStanding Undocumented(const MemberRow& r, DayNumber day);
  MemberStanding FromEvents(const MemberRow& r, DayNumber day) const;
  uint32_t OrganizationSlot(int64_t id);
  uint32_t MemberSlot(int64_t id);
  // Puts `slot` into its member's list in day order and refreshes latest_event.
  void Link(uint32_t slot);
  void Unlink(uint32_t slot);
  // Moves `entry` (a member slot, kRecognitionBit for a recognition) from the month of `from` to
  // the month of `to`; kNoDay for none.
  void MoveMilestone(uint32_t entry, DayNumber from, DayNumber to);
  static constexpr uint32_t kRecognitionBit = uint32_t{1} << 31;

  IdIndex member_ids_;
  IdIndex organizations_;  // organization id 0 is never interned
  std::vector<MemberRow> members_;
  std::vector<int64_t> versions_;  // by member slot; apart from the rows the scan reads
  std::vector<MemberEventRow> events_;
  std::map<int32_t, std::vector<uint32_t>> events_by_month_;
  // Member slots by the month of MemberRow::admitted, or of full_since with kRecognitionBit set.
  std::map<int32_t, std::vector<uint32_t>> milestones_by_month_;
  std::vector<BadgeRow> badges_;
  // Education bytes by "general education\0qualification": the texts repeat across members,
  // and reading one goes through ICU.
  absl::flat_hash_map<std::string, uint8_t> education_by_text_;
  // Badge slot by member slot and years (member << 8 | years).
  absl::flat_hash_map<uint64_t, uint32_t> badge_slots_;
  std::map<int32_t, std::vector<uint32_t>> badges_by_month_;
};

template <typename Visit>
void MembershipModel::ForEachBadge(DayNumber first, DayNumber last, Visit&& visit) const {
  if (last < first) return;
  const auto end = badges_by_month_.upper_bound(MonthNumber(last));
  for (auto it = badges_by_month_.lower_bound(MonthNumber(first)); it != end; ++it) {
    for (uint32_t slot : it->second) {
      const BadgeRow& b = badges_[slot];
      if (first <= b.day && b.day <= last) visit(b);
    }
  }
}

template <typename Visit>
void MembershipModel::ForEachEvent(DayNumber first, DayNumber last, Visit&& visit) const {
  if (last < first) return;
  const auto end = events_by_month_.upper_bound(MonthNumber(last));
  // A month's events lie anywhere in events_: fetching a few ahead overlaps the cache misses.
  constexpr size_t kAhead = 8;
  for (auto it = events_by_month_.lower_bound(MonthNumber(first)); it != end; ++it) {
    const std::vector<uint32_t>& slots = it->second;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (i + kAhead < slots.size()) __builtin_prefetch(&events_[slots[i + kAhead]]);
      const uint32_t slot = slots[i];
      const MemberEventRow& e = events_[slot];
      if (first <= e.day && e.day <= last) visit(slot, e);
    }
  }
}

template <typename Visit>
void MembershipModel::ForEachDatedMilestone(DayNumber first, DayNumber last,
                                            Visit&& visit) const {
  if (last < first) return;
  const auto end = milestones_by_month_.upper_bound(MonthNumber(last));
  constexpr size_t kAhead = 8;
  for (auto it = milestones_by_month_.lower_bound(MonthNumber(first)); it != end; ++it) {
    const std::vector<uint32_t>& entries = it->second;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i + kAhead < entries.size()) {
        __builtin_prefetch(&members_[entries[i + kAhead] & ~kRecognitionBit]);
      }
      const uint32_t entry = entries[i];
      const uint32_t slot = entry & ~kRecognitionBit;
      const bool recognition = (entry & kRecognitionBit) != 0;
      const DayNumber day = recognition ? members_[slot].full_since : members_[slot].admitted;
      if (first <= day && day <= last) {
        visit(slot, recognition ? Milestone::kRecognition : Milestone::kAdmission, day);
      }
    }
  }
}

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_MODEL_H_
