#include "services/reporting/domain/membership_model.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/reporting/domain/education_levels.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {
namespace {

using membership::Gender;
using membership::Member;
using membership::MemberEvent;
using membership::MemberEventType;
using membership::MemberState;

// Ids above this are beyond what any database hands out, as in InspectionModel.
constexpr int64_t kMaxId = int64_t{1} << 61;
// Distinct pairs of education texts remembered before the memo starts over.
constexpr size_t kMaxEducationTexts = 100'000;
// Birth dates reach further back than the report years.
constexpr int kFirstBirthYear = 1850;

// MemberRow::education for a member's two free texts.
uint8_t EducationOf(const Member& member) {
  return static_cast<uint8_t>(
      static_cast<int>(ReadGeneralEducation(member.general_education)) |
      static_cast<int>(ReadQualification(member.professional_qualification)) << 2);
}

absl::Status Invalid(absl::string_view field, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", message));
}

absl::Status CheckId(absl::string_view field, int64_t id) {
  if (id <= 0 || id >= kMaxId) return Invalid(field, absl::StrCat(id, " is not an id"));
  return absl::OkStatus();
}

// 0 means none: an applicant may not belong anywhere yet.
absl::Status CheckOrganization(absl::string_view field, int64_t id) {
  if (id < 0 || id >= kMaxId) return Invalid(field, absl::StrCat(id, " is not an id"));
  return absl::OkStatus();
}

template <typename Enum>
absl::Status CheckEnum(absl::string_view field, Enum value, Enum last) {
  const int v = static_cast<int>(value);
  if (v < 0 || v > static_cast<int>(last)) {
    return Invalid(field, absl::StrCat(v, " is not a known value"));
  }
  return absl::OkStatus();
}

absl::Status CheckDate(absl::string_view field, const std::optional<Date>& day, int first_year) {
  if (day.has_value() && (day->year() < first_year || day->year() > kLastReportYear)) {
    return Invalid(field, absl::StrCat("year ", day->year(), " is outside ", first_year, "–",
                                       kLastReportYear));
  }
  return absl::OkStatus();
}

bool IsPartyMember(MemberState state) {
  return state == MemberState::kProbationary || state == MemberState::kFull;
}

absl::Status CheckMember(const Member& m) {
  if (absl::Status s = CheckId("member.id", m.id); !s.ok()) return s;
  if (absl::Status s = CheckOrganization("member.organization_id", m.organization_id); !s.ok()) {
    return s;
  }
  if (IsPartyMember(m.state) && m.organization_id == 0) {
    return Invalid("member.organization_id", "required for a probationary or full member");
  }
  if (absl::Status s = CheckEnum("member.state", m.state, MemberState::kWithdrawn); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnum("member.gender", m.gender, Gender::kFemale); !s.ok()) return s;
  if (absl::Status s = CheckEnum("member.political_theory_level", m.political_theory_level,
                                 membership::PoliticalTheoryLevel::kBachelor);
      !s.ok()) {
    return s;
  }
  if (m.version < 0) return Invalid("member.version", "must not be negative");
  if (absl::Status s = CheckDate("member.personal.birth_date", m.personal.birth_date,
                                 kFirstBirthYear);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckDate("member.admission_decision_date", m.admission_decision_date,
                                 kFirstReportYear);
      !s.ok()) {
    return s;
  }
  return CheckDate("member.full_member_date", m.full_member_date, kFirstReportYear);
}

absl::Status CheckEvent(const MemberEvent& e) {
  if (absl::Status s = CheckId("event.id", e.id); !s.ok()) return s;
  if (absl::Status s = CheckId("event.member_id", e.member_id); !s.ok()) return s;
  if (e.type == MemberEventType::kUnspecified) return Invalid("event.type", "required");
  if (absl::Status s = CheckEnum("event.type", e.type, MemberEventType::kOrganizationSplit);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckDate("event.effective_date", e.effective_date, kFirstReportYear);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnum("event.state_before", e.state_before, MemberState::kWithdrawn);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnum("event.state_after", e.state_after, MemberState::kWithdrawn);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckOrganization("event.organization_before", e.organization_before);
      !s.ok()) {
    return s;
  }
  return CheckOrganization("event.organization_after", e.organization_after);
}

// The events that change a member's state or organization, or that a figure counts.
bool IsKept(MemberEventType type) {
  switch (type) {
    case MemberEventType::kAdmit:
    case MemberEventType::kReadmit:
    case MemberEventType::kRecognizeFull:
    case MemberEventType::kProbationNotPassed:
    case MemberEventType::kTransferOfficialReceive:
    case MemberEventType::kStrikeOff:
    case MemberEventType::kResign:
    case MemberEventType::kExpel:
    case MemberEventType::kDecease:
    case MemberEventType::kOrganizationMerged:
    case MemberEventType::kOrganizationSplit:
      return true;
    default:
      return false;
  }
}

DayNumber DayOrNone(const std::optional<Date>& day) {
  return day.has_value() ? ToDayNumber(*day) : kNoDay;
}

uint8_t TraitsOf(const Member& m) {
  uint8_t traits = kTraitKnown;
  if (m.gender == Gender::kFemale) traits |= kTraitFemale;
  const absl::string_view ethnicity = absl::StripAsciiWhitespace(m.personal.ethnicity);
  if (!ethnicity.empty() && !absl::EqualsIgnoreCase(ethnicity, "Kinh")) {
    traits |= kTraitEthnicMinority;
  }
  const absl::string_view religion = absl::StripAsciiWhitespace(m.personal.religion);
  if (!religion.empty() && religion != "Không" && religion != "không") traits |= kTraitReligious;
  if (m.youth_union_member) traits |= kTraitYouthUnion;
  return traits;
}

}  // namespace

MembershipModel::MembershipModel() = default;

uint32_t MembershipModel::OrganizationSlot(int64_t id) {
  return id == 0 ? kNone : organizations_.Intern(id);
}

uint32_t MembershipModel::MemberSlot(int64_t id) {
  const uint32_t slot = member_ids_.Intern(id);
  if (slot == members_.size()) {
    members_.emplace_back();
    versions_.push_back(0);
  }
  return slot;
}

absl::Status MembershipModel::UpsertMember(const Member& member) {
  if (absl::Status s = CheckMember(member); !s.ok()) return s;
  const uint32_t slot = MemberSlot(member.id);
  int64_t& held = versions_[slot];
  if (member.version != 0 && member.version < held) return absl::OkStatus();
  MemberRow& row = members_[slot];
  row.organization = OrganizationSlot(member.organization_id);
  row.birth = DayOrNone(member.personal.birth_date);
  const DayNumber admitted = DayOrNone(member.admission_decision_date);
  const DayNumber full_since = DayOrNone(member.full_member_date);
  MoveMilestone(slot, row.admitted, admitted);
  MoveMilestone(slot | kRecognitionBit, row.full_since, full_since);
  row.admitted = admitted;
  row.full_since = full_since;
  row.state = static_cast<uint8_t>(member.state);
  row.traits = TraitsOf(member);
  row.theory = static_cast<uint8_t>(member.political_theory_level);
  std::string texts = member.general_education;
  texts.push_back('\0');
  texts += member.professional_qualification;
  auto known = education_by_text_.find(texts);
  if (known == education_by_text_.end()) {
    // Bounded: texts are few in practice, but the map must not grow without end if they are not.
    if (education_by_text_.size() >= kMaxEducationTexts) education_by_text_.clear();
    known = education_by_text_.emplace(std::move(texts), EducationOf(member)).first;
  }
  row.education = known->second;
  if (member.version != 0) held = member.version;
  return absl::OkStatus();
}

absl::Status MembershipModel::UpsertMemberEvent(const MemberEvent& event) {
  if (absl::Status s = CheckEvent(event); !s.ok()) return s;
  if (!IsKept(event.type)) return absl::OkStatus();
  const uint32_t member = MemberSlot(event.member_id);
  MemberEventRow row{.id = event.id,
                     .member = member,
                     .next = kNone,
                     .organization_before = OrganizationSlot(event.organization_before),
                     .organization_after = OrganizationSlot(event.organization_after),
                     .day = ToDayNumber(event.effective_date),
                     .type = static_cast<uint8_t>(event.type),
                     .state_before = static_cast<uint8_t>(event.state_before),
                     .state_after = static_cast<uint8_t>(event.state_after)};

  uint32_t slot = kNone;
  for (uint32_t s = members_[member].first_event; s != kNone; s = events_[s].next) {
    if (events_[s].id == event.id) {
      slot = s;
      break;
    }
  }
  if (slot != kNone) {
    MemberEventRow& held = events_[slot];
    row.next = held.next;
    if (held == row) return absl::OkStatus();
    // Membership never rewrites an event; a corrected one replaces the row all the same.
    Unlink(slot);
    std::vector<uint32_t>& bucket = events_by_month_[MonthNumber(held.day)];
    std::erase(bucket, slot);
    row.next = kNone;
    held = row;
  } else {
    slot = static_cast<uint32_t>(events_.size());
    events_.push_back(row);
  }
  events_by_month_[MonthNumber(row.day)].push_back(slot);
  Link(slot);
  return absl::OkStatus();
}

absl::Status MembershipModel::UpsertBadge(const membership::Badge& badge) {
  if (absl::Status s = CheckId("badge.member_id", badge.member_id); !s.ok()) return s;
  if (badge.years < 30 || badge.years > 90 || badge.years % 5 != 0) {
    return Invalid("badge.years", absl::StrCat(badge.years, " is not a badge's party age"));
  }
  if (absl::Status s = CheckDate("badge.award_date", badge.award_date, kFirstReportYear);
      !s.ok()) {
    return s;
  }
  const BadgeRow row{.member = MemberSlot(badge.member_id),
                     .day = ToDayNumber(badge.award_date),
                     .years = static_cast<uint8_t>(badge.years)};
  const uint64_t key = (uint64_t{row.member} << 8) | row.years;
  const auto [it, inserted] = badge_slots_.try_emplace(key, static_cast<uint32_t>(badges_.size()));
  if (inserted) {
    badges_.push_back(row);
  } else {
    BadgeRow& held = badges_[it->second];
    if (held.day == row.day) return absl::OkStatus();
    std::erase(badges_by_month_[MonthNumber(held.day)], it->second);
    held = row;
  }
  badges_by_month_[MonthNumber(row.day)].push_back(it->second);
  return absl::OkStatus();
}

void MembershipModel::Link(uint32_t slot) {
  MemberEventRow& e = events_[slot];
  MemberRow& m = members_[e.member];
  uint32_t* at = &m.first_event;
  while (*at != kNone) {
    const MemberEventRow& o = events_[*at];
    if (e.day < o.day || (e.day == o.day && e.id < o.id)) break;
    at = &events_[*at].next;
  }
  e.next = *at;
  *at = slot;
  if (e.next == kNone) m.latest_event = e.day;
}

void MembershipModel::Unlink(uint32_t slot) {
  MemberEventRow& e = events_[slot];
  MemberRow& m = members_[e.member];
  uint32_t* at = &m.first_event;
  uint32_t previous = kNone;
  while (*at != slot) {
    previous = *at;
    at = &events_[*at].next;
  }
  *at = e.next;
  if (e.next == kNone) m.latest_event = previous == kNone ? kNoDay : events_[previous].day;
  e.next = kNone;
}

void MembershipModel::MoveMilestone(uint32_t entry, DayNumber from, DayNumber to) {
  if (from == to) return;
  if (from != kNoDay) {
    // Linear in the month's entries; a row's dates change rarely after it is first loaded.
    std::erase(milestones_by_month_[MonthNumber(from)], entry);
  }
  if (to != kNoDay) milestones_by_month_[MonthNumber(to)].push_back(entry);
}

MemberStanding MembershipModel::Undocumented(const MemberRow& r, DayNumber day) {
  const MemberState state = r.member_state();
  if (!IsPartyMember(state)) return {state, r.organization};
  if (r.admitted != kNoDay && day < r.admitted) return {MemberState::kApplicant, r.organization};
  if (state == MemberState::kFull && r.full_since != kNoDay && day < r.full_since) {
    return {MemberState::kProbationary, r.organization};
  }
  return {state, r.organization};
}

MemberStanding MembershipModel::FromEvents(const MemberRow& r, DayNumber day) const {
  const MemberEventRow* last = nullptr;
  for (uint32_t s = r.first_event; s != kNone; s = events_[s].next) {
    if (events_[s].day > day) break;
    last = &events_[s];
  }
  if (last != nullptr) {
    return {static_cast<MemberState>(last->state_after), last->organization_after};
  }
  const MemberEventRow& first = events_[r.first_event];
  return {static_cast<MemberState>(first.state_before), first.organization_before};
}

size_t MembershipModel::MemoryBytes() const {
  size_t bytes = member_ids_.MemoryBytes() + organizations_.MemoryBytes() +
                 members_.capacity() * sizeof(MemberRow) +
                 versions_.capacity() * sizeof(int64_t) +
                 events_.capacity() * sizeof(MemberEventRow);
  // A std::map node: three pointers, a colour and the key beside the vector.
  constexpr size_t kMapNode = 4 * sizeof(void*) + sizeof(int32_t) + sizeof(std::vector<uint32_t>);
  bytes += badges_.capacity() * sizeof(BadgeRow) +
           badge_slots_.capacity() * (sizeof(uint64_t) + sizeof(uint32_t) + 1);
  for (const auto* by_month : {&events_by_month_, &milestones_by_month_, &badges_by_month_}) {
    for (const auto& [month, slots] : *by_month) {
      bytes += kMapNode + slots.capacity() * sizeof(uint32_t);
    }
  }
  return bytes;
}

void MembershipModel::Reserve(size_t members, size_t events, size_t organizations) {
  member_ids_.Reserve(members);
  members_.reserve(members);
  versions_.reserve(members);
  events_.reserve(events);
  organizations_.Reserve(organizations);
}

}  // namespace dangbo::reporting
