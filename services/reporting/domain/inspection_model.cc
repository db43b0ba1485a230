#include "services/reporting/domain/inspection_model.h"

#include <algorithm>
#include <string>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {
namespace {

using inspection::AppealOutcome;
using inspection::ConductingBody;
using inspection::DisciplineForm;
using inspection::InspectionStage;
using inspection::InspectionType;
using inspection::SubjectKind;
using inspection::SubjectOutcome;

// Ids above this do not fit the subject key (id * 2 + kind bit) and no database hands them out.
constexpr int64_t kMaxId = int64_t{1} << 61;

absl::Status Invalid(absl::string_view field, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", message));
}

absl::Status CheckId(absl::string_view field, int64_t id) {
  if (id <= 0 || id >= kMaxId) return Invalid(field, absl::StrCat(id, " is not an id"));
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

absl::Status CheckDate(absl::string_view field, Date day) {
  if (day.year() < kFirstReportYear || day.year() > kLastReportYear) {
    return Invalid(field, absl::StrCat("year ", day.year(), " is outside the report years"));
  }
  return absl::OkStatus();
}

bool Counted(const inspection::Inspection& in) {
  switch (in.stage) {
    case InspectionStage::kDecided:
    case InspectionStage::kInProgress:
    case InspectionStage::kReported:
    case InspectionStage::kConcluded:
    case InspectionStage::kNoticeIssued:
    case InspectionStage::kFollowUp:
    case InspectionStage::kClosed:
      return in.decision.date.has_value();
    default:
      return false;
  }
}

absl::Status CheckInspection(const inspection::Inspection& in) {
  if (absl::Status s = CheckId("inspection.id", in.id); !s.ok()) return s;
  if (absl::Status s = CheckEnum("inspection.type", in.type, InspectionType::kSelfInspection);
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          CheckEnum("inspection.conducting_body", in.conducting_body, ConductingBody::kStaffBody);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnum("inspection.stage", in.stage, InspectionStage::kCancelled);
      !s.ok()) {
    return s;
  }
  if (!Counted(in)) return absl::OkStatus();
  if (absl::Status s = CheckDate("inspection.decision.date", *in.decision.date); !s.ok()) {
    return s;
  }
  for (size_t i = 0; i < in.subjects.size(); ++i) {
    const inspection::InspectionSubject& subject = in.subjects[i];
    const std::string prefix = absl::StrCat("inspection.subjects[", i, "].");
    if (subject.subject.kind != SubjectKind::kOrganization &&
        subject.subject.kind != SubjectKind::kMember) {
      return Invalid(absl::StrCat(prefix, "subject.kind"), "an organization or a member");
    }
    if (absl::Status s = CheckId(absl::StrCat(prefix, "subject.id"), subject.subject.id); !s.ok()) {
      return s;
    }
    if (absl::Status s = CheckId(absl::StrCat(prefix, "organization_id_at_decision"),
                                 subject.organization_id_at_decision);
        !s.ok()) {
      return s;
    }
    if (absl::Status s = CheckEnum(absl::StrCat(prefix, "outcome"), subject.outcome,
                                   SubjectOutcome::kViolationRequiresDiscipline);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckDecision(const inspection::DisciplinaryDecision& d) {
  if (absl::Status s = CheckId("decision.id", d.id); !s.ok()) return s;
  if (d.subject.kind != SubjectKind::kOrganization && d.subject.kind != SubjectKind::kMember) {
    return Invalid("decision.subject.kind", "an organization or a member");
  }
  if (absl::Status s = CheckId("decision.subject.id", d.subject.id); !s.ok()) return s;
  if (absl::Status s = CheckId("decision.deciding_organization_id", d.deciding_organization_id);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckId("decision.subject_organization_id", d.subject_organization_id);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnum("decision.form", d.form, DisciplineForm::kDissolution); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckDate("decision.decision_date", d.decision_date); !s.ok()) return s;
  return CheckDate("decision.effective_date", d.effective_date);
}

absl::Status CheckAppeal(const inspection::Appeal& a) {
  if (absl::Status s = CheckId("appeal.id", a.id); !s.ok()) return s;
  if (absl::Status s = CheckId("appeal.decision_id", a.decision_id); !s.ok()) return s;
  if (absl::Status s = CheckId("appeal.resolving_organization_id", a.resolving_organization_id);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckDate("appeal.filed_date", a.filed_date); !s.ok()) return s;
  if (!a.resolution.has_value()) return absl::OkStatus();
  if (absl::Status s =
          CheckEnum("appeal.resolution.outcome", a.resolution->outcome, AppealOutcome::kAnnulled);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnum("appeal.resolution.new_form", a.resolution->new_form,
                                 DisciplineForm::kDissolution);
      !s.ok()) {
    return s;
  }
  return CheckDate("appeal.resolution.date", a.resolution->date);
}

template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// A std::map node: the value and three pointers and a colour.
template <typename Map>
size_t MapNodeBytes(const Map& m) {
  return m.size() * (sizeof(typename Map::value_type) + 4 * sizeof(void*));
}

}  // namespace

SubjectProfile PackSubjectProfile(InspectionType type, ConductingBody body, SubjectKind kind,
                                  bool committee_member, SubjectOutcome outcome) {
  return static_cast<SubjectProfile>(static_cast<int>(type) | static_cast<int>(body) << 4 |
                                     static_cast<int>(kind) << 7 | (committee_member ? 1 : 0) << 9 |
                                     static_cast<int>(outcome) << 10);
}

UnpackedProfile UnpackSubjectProfile(SubjectProfile p) {
  return {.type = static_cast<InspectionType>(p & 0xF),
          .body = static_cast<ConductingBody>(p >> 4 & 0x7),
          .kind = static_cast<SubjectKind>(p >> 7 & 0x3),
          .committee_member = (p >> 9 & 1) != 0,
          .outcome = static_cast<SubjectOutcome>(p >> 10 & 0x7)};
}

int32_t MonthNumber(DayNumber day) {
  const absl::CivilMonth month(FromDayNumber(day));
  return static_cast<int32_t>(month.year() * 12 + month.month() - 1);
}

absl::Status InspectionModel::UpsertInspection(const inspection::Inspection& in) {
  if (absl::Status s = CheckInspection(in); !s.ok()) return s;
  const uint32_t slot = inspection_ids_.Intern(in.id);
  if (slot == inspections_.size()) inspections_.emplace_back();
  InspectionSlot& held = inspections_[slot];
  if (in.version != 0 && in.version < held.version) return absl::OkStatus();
  held.version = in.version;

  std::vector<SubjectRow> rows;
  if (Counted(in)) {
    const DayNumber decided = ToDayNumber(*in.decision.date);
    rows.reserve(in.subjects.size());
    for (const inspection::InspectionSubject& s : in.subjects) {
      rows.push_back({.inspection = slot,
                      .subject = SubjectSlot(s.subject),
                      .organization = organizations_.Intern(s.organization_id_at_decision),
                      .decided = decided,
                      .profile = PackSubjectProfile(in.type, in.conducting_body, s.subject.kind,
                                                    s.committee_member, s.outcome)});
    }
  }
  const int32_t month = rows.empty() ? 0 : MonthNumber(rows.front().decided);

  // The usual update (a later stage, an outcome recorded) keeps the date and the subjects:
  // overwrite the run in place.
  if (held.count > 0 && held.count == rows.size() && held.month == month) {
    std::copy(rows.begin(), rows.end(), rows_by_month_[month].rows.begin() + held.offset);
    return absl::OkStatus();
  }
  if (held.count > 0) {
    MonthBucket& old = rows_by_month_[held.month];
    for (uint32_t i = 0; i < held.count; ++i) old.rows[held.offset + i].live = false;
    old.dead += held.count;
    live_rows_ -= held.count;
    held.count = 0;
    if (old.dead * 2 > old.rows.size()) Compact(old);
  }
  if (rows.empty()) return absl::OkStatus();
  MonthBucket& bucket = rows_by_month_[month];
  held.month = month;
  held.offset = static_cast<uint32_t>(bucket.rows.size());
  held.count = static_cast<uint32_t>(rows.size());
  bucket.rows.insert(bucket.rows.end(), rows.begin(), rows.end());
  live_rows_ += rows.size();
  return absl::OkStatus();
}

void InspectionModel::Compact(MonthBucket& bucket) {
  size_t kept = 0;
  for (size_t i = 0; i < bucket.rows.size(); ++i) {
    const SubjectRow& row = bucket.rows[i];
    if (!row.live) continue;
    // An inspection's rows are one run: its first row moving is its run moving.
    if (kept == 0 || bucket.rows[kept - 1].inspection != row.inspection) {
      inspections_[row.inspection].offset = static_cast<uint32_t>(kept);
    }
    bucket.rows[kept++] = row;
  }
  bucket.rows.resize(kept);
  bucket.dead = 0;
}

absl::Status InspectionModel::UpsertDecision(const inspection::DisciplinaryDecision& d) {
  if (absl::Status s = CheckDecision(d); !s.ok()) return s;
  const uint32_t slot = decision_ids_.Intern(d.id);
  if (slot == decisions_.size()) decisions_.emplace_back();
  DecisionRow& held = decisions_[slot];
  if (d.version != 0 && d.version < held.version) return absl::OkStatus();
  const DayNumber decided = ToDayNumber(d.decision_date);
  if (held.known() && MonthNumber(held.decided) != MonthNumber(decided)) {
    std::vector<uint32_t>& old = decisions_by_month_[MonthNumber(held.decided)];
    old.erase(std::find(old.begin(), old.end(), slot));
  }
  if (!held.known() || MonthNumber(held.decided) != MonthNumber(decided)) {
    decisions_by_month_[MonthNumber(decided)].push_back(slot);
  }
  if (!held.known()) ++known_decisions_;
  held.version = d.version;
  held.subject = SubjectSlot(d.subject);
  held.deciding_organization = organizations_.Intern(d.deciding_organization_id);
  held.subject_organization = organizations_.Intern(d.subject_organization_id);
  held.decided = decided;
  held.effective = ToDayNumber(d.effective_date);
  held.form = d.form;
  held.subject_kind = d.subject.kind;
  return absl::OkStatus();
}

absl::Status InspectionModel::UpsertAppeal(const inspection::Appeal& a) {
  if (absl::Status s = CheckAppeal(a); !s.ok()) return s;
  const uint32_t slot = appeal_ids_.Intern(a.id);
  if (slot == appeals_.size()) appeals_.emplace_back();
  if (a.version != 0 && a.version < appeals_[slot].version) return absl::OkStatus();
  uint32_t decision = decision_ids_.Intern(a.decision_id);
  if (decision == decisions_.size()) decisions_.emplace_back();
  AppealRow& held = appeals_[slot];
  if (held.decision != decision) {
    // Unlink from the decision it was filed against before (an appeal does not change
    // decision, but a corrected record must not leave it on two lists).
    if (held.decision != kNoSlot) {
      uint32_t* link = &decisions_[held.decision].first_appeal;
      while (*link != kNoSlot && *link != slot) link = &appeals_[*link].next;
      if (*link == slot) *link = held.next;
    }
    held.next = decisions_[decision].first_appeal;
    decisions_[decision].first_appeal = slot;
    held.decision = decision;
  }
  held.version = a.version;
  held.resolving_organization = organizations_.Intern(a.resolving_organization_id);
  held.filed = ToDayNumber(a.filed_date);
  if (a.resolution.has_value()) {
    held.resolved = ToDayNumber(a.resolution->date);
    held.outcome = a.resolution->outcome;
    held.new_form = a.resolution->new_form;
  } else {
    held.resolved.reset();
    held.outcome = AppealOutcome::kUnspecified;
    held.new_form = DisciplineForm::kUnspecified;
  }
  return absl::OkStatus();
}

Standing InspectionModel::StandingBy(uint32_t decision_slot, DayNumber day) const {
  const DecisionRow& d = decisions_[decision_slot];
  Standing standing{.in_force = d.known(), .form = d.form};
  if (!d.known()) return standing;
  // A decision has a handful of appeals at most (one per level above it).
  absl::InlinedVector<uint32_t, 4> resolved;
  for (uint32_t a = d.first_appeal; a != kNoSlot; a = appeals_[a].next) {
    if (appeals_[a].resolved.has_value() && *appeals_[a].resolved <= day) resolved.push_back(a);
  }
  // In the order of resolution; on one day, in the order the appeals were filed (their ids).
  std::sort(resolved.begin(), resolved.end(), [this](uint32_t x, uint32_t y) {
    if (*appeals_[x].resolved != *appeals_[y].resolved) {
      return *appeals_[x].resolved < *appeals_[y].resolved;
    }
    return appeal_ids_.IdOf(x) < appeal_ids_.IdOf(y);
  });
  for (uint32_t slot : resolved) {
    const AppealRow& a = appeals_[slot];
    switch (a.outcome) {
      case AppealOutcome::kReduced:
      case AppealOutcome::kIncreased:
        standing.form = a.new_form;
        break;
      case AppealOutcome::kAnnulled:
        return Standing{};
      case AppealOutcome::kUpheld:
      case AppealOutcome::kUnspecified:
        break;
    }
  }
  return standing;
}

inspection::SubjectRef InspectionModel::Subject(uint32_t slot) const {
  const int64_t key = subjects_.IdOf(slot);
  return {.kind = (key & 1) != 0 ? SubjectKind::kMember : SubjectKind::kOrganization,
          .id = key >> 1};
}

uint32_t InspectionModel::SubjectSlot(const inspection::SubjectRef& subject) {
  return subjects_.Intern(subject.id * 2 + (subject.kind == SubjectKind::kMember ? 1 : 0));
}

size_t InspectionModel::MemoryBytes() const {
  size_t bytes = inspection_ids_.MemoryBytes() + decision_ids_.MemoryBytes() +
                 appeal_ids_.MemoryBytes() + organizations_.MemoryBytes() +
                 subjects_.MemoryBytes() + VectorBytes(inspections_) + VectorBytes(decisions_) +
                 VectorBytes(appeals_) + MapNodeBytes(rows_by_month_) +
                 MapNodeBytes(decisions_by_month_);
  for (const auto& [month, bucket] : rows_by_month_) bytes += VectorBytes(bucket.rows);
  for (const auto& [month, slots] : decisions_by_month_) bytes += VectorBytes(slots);
  return bytes;
}

void InspectionModel::Reserve(size_t inspections, size_t subjects, size_t decisions) {
  inspection_ids_.Reserve(inspections);
  inspections_.reserve(inspections);
  subjects_.Reserve(subjects);
  decision_ids_.Reserve(decisions);
  decisions_.reserve(decisions);
}

}  // namespace dangbo::reporting
