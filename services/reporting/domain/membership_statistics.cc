#include "services/reporting/domain/membership_statistics.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"
#include "services/reporting/domain/distinct_tally.h"
#include "services/reporting/domain/parallel_chunks.h"

namespace dangbo::reporting {
namespace {

using membership::EnterpriseOwnership;
using membership::MemberEventType;
using membership::MemberState;
using F = MembershipFigureId;

constexpr int kOutside = -1;
constexpr int kScopeItself = 0;

constexpr uint64_t Bit(F id) { return uint64_t{1} << static_cast<int>(id); }

absl::Status CheckRange(const DateRange& range) {
  if (range.first.year() < kFirstReportYear || range.last.year() > kLastReportYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("period: outside the report years ", kFirstReportYear, "–", kLastReportYear));
  }
  if (range.last < range.first) {
    return absl::InvalidArgumentError("period: ends before it starts");
  }
  return absl::OkStatus();
}

// The scope's subtree over the period, over the members model's organization slots (as
// ScopeLookup does for the inspection model), and the tree's own segments for organizations.
class MemberScope {
 public:
  static absl::StatusOr<MemberScope> Build(const OrganizationTree& tree,
                                           const MembershipModel& model, int64_t scope_id,
                                           const DateRange& range) {
    absl::StatusOr<std::vector<SubtreeSegment>> segments = tree.Subtree(scope_id, range);
    if (!segments.ok()) return segments.status();
    MemberScope scope;
    scope.tree_segments_ = *std::move(segments);
    for (const SubtreeSegment& s : scope.tree_segments_) {
      if (s.child_id != 0) scope.children_.push_back(s.child_id);
    }
    std::sort(scope.children_.begin(), scope.children_.end());
    scope.children_.erase(std::unique(scope.children_.begin(), scope.children_.end()),
                          scope.children_.end());
    for (size_t i = 0; i < scope.children_.size(); ++i) {
      scope.ordinal_[scope.children_[i]] = static_cast<int>(i) + 1;
    }
    scope.head_.assign(model.organization_slots(), -1);
    for (const SubtreeSegment& s : scope.tree_segments_) {
      // An organization no member ever named has nobody to count.
      const std::optional<uint32_t> slot = model.FindOrganization(s.organization_id);
      if (!slot.has_value()) continue;
      scope.segments_.push_back({.from = ToDayNumber(s.from),
                                 .to = ToDayNumber(s.to),
                                 .group = scope.GroupOf(s),
                                 .next = scope.head_[*slot]});
      scope.head_[*slot] = static_cast<int32_t>(scope.segments_.size() - 1);
    }
    return scope;
  }

  // kOutside; kScopeItself; or k ≥ 1 for the direct child children()[k - 1].
  int Find(uint32_t organization_slot, DayNumber day) const {
    if (organization_slot >= head_.size()) return kOutside;
    for (int32_t s = head_[organization_slot]; s >= 0; s = segments_[s].next) {
      if (segments_[s].from <= day && day <= segments_[s].to) return segments_[s].group;
    }
    return kOutside;
  }

  // Find(slot, day) for every slot at once: the stock pass tests each member with one load.
  std::vector<int16_t> GroupsOn(DayNumber day) const {
    std::vector<int16_t> groups(head_.size(), kOutside);
    for (size_t slot = 0; slot < head_.size(); ++slot) {
      groups[slot] = static_cast<int16_t>(Find(static_cast<uint32_t>(slot), day));
    }
    return groups;
  }

  int GroupOf(const SubtreeSegment& s) const {
    return s.child_id == 0 ? kScopeItself : ordinal_.at(s.child_id);
  }

  const std::vector<int64_t>& children() const { return children_; }
  const std::vector<SubtreeSegment>& tree_segments() const { return tree_segments_; }

 private:
  struct Segment {
    DayNumber from;
    DayNumber to;  // included
    int group;
    int32_t next;
  };
  std::vector<SubtreeSegment> tree_segments_;
  std::vector<int64_t> children_;
  absl::flat_hash_map<int64_t, int> ordinal_;
  std::vector<int32_t> head_;  // by organization slot; -1: never inside
  std::vector<Segment> segments_;
};

// The last day of each age band's start: a member born after cutoff[i] is younger than
// kBandStarts[i] years on the as-of day.
constexpr std::array<int, 4> kBandStarts = {31, 41, 51, 61};
constexpr std::array<F, 5> kBands = {F::kAgeTo30, F::kAge31To40, F::kAge41To50, F::kAge51To60,
                                     F::kAgeFrom61};

struct AgeCutoffs {
  std::array<DayNumber, 4> born_by;
  explicit AgeCutoffs(Date as_of) {
    for (size_t i = 0; i < kBandStarts.size(); ++i) {
      born_by[i] = ToDayNumber(Date(as_of.year() - kBandStarts[i], as_of.month(), as_of.day()));
    }
  }
  // born_by is decreasing, so the band is the number of cutoffs the birth is on or before;
  // counted without branches, since the stock pass asks for every member.
  F Band(DayNumber birth) const {
    size_t i = 0;
    for (DayNumber cutoff : born_by) i += birth <= cutoff ? 1 : 0;
    return kBands[i];
  }
};

// What decides a member's stock figures, packed in 10 bits: full (1), the female, ethnic
// minority and religious traits (3), the age band plus one, 0 without a birth date (3), and the
// political theory level, 0 when not recorded (3). The stock pass counts members by profile,
// one increment each, and expands profiles to figures at the end.
using StockProfile = uint16_t;
constexpr int kStockProfiles = 1 << 10;

StockProfile ProfileOf(const MemberRow& row, MemberState state, const AgeCutoffs& ages) {
  StockProfile profile = state == MemberState::kFull ? 1 : 0;
  if (row.has(kTraitFemale)) profile |= 2;
  if (row.has(kTraitEthnicMinority)) profile |= 4;
  if (row.has(kTraitReligious)) profile |= 8;
  if (row.birth != kNoDay) {
    profile |= static_cast<StockProfile>(
        (static_cast<int>(ages.Band(row.birth)) - static_cast<int>(F::kAgeTo30) + 1) << 4);
  }
  return static_cast<StockProfile>(profile | (row.theory << 7));
}

uint64_t StockMask(StockProfile profile) {
  uint64_t mask =
      Bit(F::kMembersTotal) | Bit((profile & 1) != 0 ? F::kMembersFull : F::kMembersProbationary);
  if ((profile & 2) != 0) mask |= Bit(F::kMembersFemale);
  if ((profile & 4) != 0) mask |= Bit(F::kMembersEthnicMinority);
  if ((profile & 8) != 0) mask |= Bit(F::kMembersReligious);
  if (const int band = (profile >> 4) & 7; band != 0) {
    mask |= Bit(static_cast<F>(static_cast<int>(F::kAgeTo30) + band - 1));
  }
  // PoliticalTheoryLevel: 1 none … 5 bachelor, in figure order.
  if (const int theory = profile >> 7; theory != 0) {
    mask |= Bit(static_cast<F>(static_cast<int>(F::kTheoryNone) + theory - 1));
  }
  return mask;
}

// A member's education figures from MemberRow::education, counted beside the profile rather
// than in it: each bit of the profile doubles the table of counts the stock pass fills.
constexpr int kEducationCodes = 32;

uint64_t EducationMask(uint8_t education) {
  uint64_t mask = 0;
  // GeneralEducation and Qualification: 0 unknown, then in figure order.
  if (const int general = education & 3; general != 0) {
    mask |= Bit(static_cast<F>(static_cast<int>(F::kEducationPrimary) + general - 1));
  }
  if (const int qualification = education >> 2; qualification != 0) {
    mask |= Bit(static_cast<F>(static_cast<int>(F::kQualificationElementary) + qualification - 1));
  }
  return mask;
}

// Calls emit(uint32_t member_slot, int group, uint32_t organization_slot, StockProfile) for
// each party member inside the scope on `as_of` among the member slots [begin, end).
template <typename Emit>
void ScanStock(const MembershipModel& model, const MemberScope& scope, Date as_of,
               const std::vector<int16_t>& groups, size_t begin, size_t end, Emit&& emit) {
  const DayNumber day = ToDayNumber(as_of);
  const AgeCutoffs ages(as_of);
  const std::vector<MemberRow>& rows = model.members();
  constexpr uint32_t kPrefetchAhead = 16;
  for (auto slot = static_cast<uint32_t>(begin); slot < end; ++slot) {
    if (slot + kPrefetchAhead < end) model.PrefetchStanding(slot + kPrefetchAhead, day);
    const MemberRow& row = rows[slot];
    if (!row.has(kTraitKnown)) continue;
    const MemberStanding standing = model.StandingOn(slot, day);
    if (standing.state != MemberState::kProbationary && standing.state != MemberState::kFull) {
      continue;
    }
    if (standing.organization >= groups.size()) continue;
    const int group = groups[standing.organization];
    if (group == kOutside) continue;
    emit(slot, group, standing.organization, ProfileOf(row, standing.state, ages));
  }
}

// One counted event. `group` is the child it counts for (kOutside: none); `in_scope` whether it
// counts for the scope as a whole, which a transfer between two of its organizations does not.
struct MovementHit {
  uint64_t figures;
  uint32_t member;
  uint32_t organization;  // model slot
  int group;
  bool in_scope;
  DayNumber day;
  uint32_t event;  // model slot; MembershipModel::kNone for a date on the member's row or a badge
  int badge_years = 0;  // a badge's
};

// The admission figures of `member` admitted into `organization` (a model slot) on `day`.
uint64_t AdmissionMask(const OrganizationTree& tree, const MembershipModel& model,
                       const MemberRow& member, uint32_t organization, DayNumber day) {
  uint64_t figures = Bit(F::kAdmitted);
  if (member.has(kTraitFemale)) figures |= Bit(F::kAdmittedFemale);
  if (member.has(kTraitYouthUnion)) figures |= Bit(F::kAdmittedYouthUnion);
  if (organization != MembershipModel::kNone &&
      tree.OwnershipOn(model.OrganizationId(organization), FromDayNumber(day)) ==
          EnterpriseOwnership::kPrivate) {
    figures |= Bit(F::kAdmittedPrivateEnterprise);
  }
  return figures;
}

uint64_t DepartureMask(MemberEventType type) {
  switch (type) {
    case MemberEventType::kStrikeOff:
    case MemberEventType::kProbationNotPassed:
      return Bit(F::kStruckOff);
    case MemberEventType::kResign:
      return Bit(F::kResigned);
    case MemberEventType::kExpel:
      return Bit(F::kExpelled);
    case MemberEventType::kDecease:
      return Bit(F::kDeceased);
    default:
      return 0;
  }
}

template <typename Emit>
void ScanMovements(const OrganizationTree& tree, const MembershipModel& model,
                   const MemberScope& scope, const DateRange& range, Emit&& emit) {
  const DayNumber first = ToDayNumber(range.first);
  const DayNumber last = ToDayNumber(range.last);
  // Counts `figures` for the scope (and a child) when `organization` was inside it on `day`.
  const auto count = [&](uint64_t figures, uint32_t member, uint32_t organization, DayNumber day,
                         uint32_t event, int badge_years) {
    const int group = scope.Find(organization, day);
    if (group == kOutside) return;
    emit(MovementHit{figures, member, organization, group > 0 ? group : kOutside, true, day, event,
                     badge_years});
  };
  model.ForEachEvent(first, last, [&](uint32_t slot, const MemberEventRow& e) {
    const auto attribute = [&](uint64_t figures, uint32_t organization) {
      count(figures, e.member, organization, e.day, slot, 0);
    };
    switch (e.event_type()) {
      case MemberEventType::kAdmit:
      case MemberEventType::kReadmit:
        attribute(
            AdmissionMask(tree, model, model.members()[e.member], e.organization_after, e.day),
            e.organization_after);
        return;
      case MemberEventType::kRecognizeFull:
        attribute(Bit(F::kRecognizedFull), e.organization_after);
        return;
      case MemberEventType::kTransferOfficialReceive: {
        const int to = scope.Find(e.organization_after, e.day);
        const int from = scope.Find(e.organization_before, e.day);
        if (to == from) return;
        if (to != kOutside) {
          emit(MovementHit{Bit(F::kTransferredIn), e.member, e.organization_after,
                           to > 0 ? to : kOutside, from == kOutside, e.day, slot});
        }
        if (from != kOutside) {
          emit(MovementHit{Bit(F::kTransferredOut), e.member, e.organization_before,
                           from > 0 ? from : kOutside, to == kOutside, e.day, slot});
        }
        return;
      }
      default:
        if (const uint64_t figures = DepartureMask(e.event_type()); figures != 0) {
          attribute(figures, e.organization_before);
        }
        return;
    }
  });
  // Admissions and recognitions older than the recorded history: the member's row dates them.
  // An admit event records the first admission itself (a re-admission keeps the row's first
  // date, which then still counts from the row); a recognize event records the latest
  // recognition, which is the row's.
  model.ForEachDatedMilestone(
      first, last, [&](uint32_t member, Milestone milestone, DayNumber day) {
        const MemberRow& row = model.members()[member];
        if (!row.has(kTraitKnown)) return;
        const bool admission = milestone == Milestone::kAdmission;
        if (model.HasKeptEvent(
                member, admission ? MemberEventType::kAdmit : MemberEventType::kRecognizeFull)) {
          return;
        }
        const uint32_t organization = model.StandingOn(member, day).organization;
        count(admission ? AdmissionMask(tree, model, row, organization, day)
                        : Bit(F::kRecognizedFull),
              member, organization, day, MembershipModel::kNone, 0);
      });
  // Badges, where the member stood on the award day (a posthumous one: where they last were).
  model.ForEachBadge(first, last, [&](const BadgeRow& badge) {
    count(Bit(F::kBadgesAwarded), badge.member,
          model.StandingOn(badge.member, badge.day).organization, badge.day, MembershipModel::kNone,
          badge.years);
  });
}

// Calls emit(const SubtreeSegment&, uint64_t mask) for each organization counted: existing on
// the period's last day by kind and ownership, or established in the period.
template <typename Emit>
void ScanOrganizations(const OrganizationTree& tree, const MemberScope& scope,
                       const DateRange& range, Emit&& emit) {
  for (const SubtreeSegment& s : scope.tree_segments()) {
    if (s.from <= range.last && range.last <= s.to) {
      const std::optional<OrganizationVersion> v = tree.VersionAt(s.organization_id, range.last);
      if (v.has_value()) {
        uint64_t mask = 0;
        if (const auto kind = KindFigure(v->kind)) mask |= Bit(*kind);
        if (const auto ownership = OwnershipFigure(v->ownership)) mask |= Bit(*ownership);
        if (mask != 0) emit(s, mask);
      }
    }
    const std::optional<Date> established = tree.EstablishedOn(s.organization_id);
    if (established.has_value() && range.Contains(*established) && s.from <= *established &&
        *established <= s.to) {
      const std::optional<OrganizationVersion> v = tree.VersionAt(s.organization_id, *established);
      if (v.has_value() && membership::IsGrassroots(v->kind) &&
          v->ownership == EnterpriseOwnership::kPrivate) {
        emit(s, Bit(F::kNewPrivateGrassroots));
      }
    }
  }
}

// Counts by group (0: the scope itself, k: its k-th child) and figure, then the scope's.
class GroupCounts {
 public:
  explicit GroupCounts(size_t groups) : counts_(groups * kMembershipFigureCount, 0) {}
  void Add(int group, uint64_t mask, int64_t n = 1) {
    int64_t* row = &counts_[static_cast<size_t>(group) * kMembershipFigureCount];
    for (uint64_t bits = mask; bits != 0; bits &= bits - 1) row[__builtin_ctzll(bits)] += n;
  }
  int64_t Child(size_t group, int figure) const {
    return counts_[group * kMembershipFigureCount + static_cast<size_t>(figure)];
  }
  int64_t Scope(int figure) const {
    int64_t sum = 0;
    for (size_t g = 0; g * kMembershipFigureCount < counts_.size(); ++g) sum += Child(g, figure);
    return sum;
  }

 private:
  std::vector<int64_t> counts_;
};

}  // namespace

absl::StatusOr<Statistics> ComputeMembershipStatistics(const OrganizationTree& tree,
                                                       const MembershipModel& model,
                                                       const StatisticsRequest& request) {
  if (absl::Status s = CheckRange(request.range); !s.ok()) return s;
  absl::StatusOr<MemberScope> scope =
      MemberScope::Build(tree, model, request.scope_id, request.range);
  if (!scope.ok()) return scope.status();
  const size_t groups = scope->children().size() + 1;

  // Stocks and organizations: each subject once, so plain counts.
  GroupCounts counts(groups);
  const size_t members = model.member_slots();
  const std::vector<int16_t> on_last_day = scope->GroupsOn(ToDayNumber(request.range.last));
  std::vector<std::vector<int64_t>> profiles(ChunkCount(members),
                                             std::vector<int64_t>(groups * kStockProfiles, 0));
  std::vector<std::vector<int64_t>> educations(ChunkCount(members),
                                               std::vector<int64_t>(groups * kEducationCodes, 0));
  const std::vector<MemberRow>& rows = model.members();
  ForEachChunk(members, [&](size_t chunk, size_t begin, size_t end) {
    std::vector<int64_t>& mine = profiles[chunk];
    std::vector<int64_t>& my_educations = educations[chunk];
    ScanStock(
        model, *scope, request.range.last, on_last_day, begin, end,
        [&](uint32_t member, int group, uint32_t, StockProfile profile) {
          ++mine[static_cast<size_t>(group) * kStockProfiles + profile];
          ++my_educations[static_cast<size_t>(group) * kEducationCodes + rows[member].education];
        });
  });
  const auto add_up = [&](std::vector<std::vector<int64_t>>& tables, int codes, auto mask_of) {
    for (size_t chunk = 1; chunk < tables.size(); ++chunk) {
      for (size_t i = 0; i < tables[0].size(); ++i) tables[0][i] += tables[chunk][i];
    }
    for (size_t i = 0; i < tables[0].size(); ++i) {
      if (tables[0][i] != 0) {
        counts.Add(static_cast<int>(i / codes), mask_of(i % codes), tables[0][i]);
      }
    }
  };
  add_up(profiles, kStockProfiles,
         [](size_t code) { return StockMask(static_cast<StockProfile>(code)); });
  add_up(educations, kEducationCodes,
         [](size_t code) { return EducationMask(static_cast<uint8_t>(code)); });
  ScanOrganizations(tree, *scope, request.range, [&](const SubtreeSegment& s, uint64_t mask) {
    counts.Add(scope->GroupOf(s), mask);
  });
  // Movements: bucket = group * kMembershipFigureCount + figure, group 0 the whole scope.
  DistinctTally tally(groups * kMembershipFigureCount, model.member_slots());
  ScanMovements(tree, model, *scope, request.range, [&](const MovementHit& hit) {
    for (uint64_t bits = hit.figures; bits != 0; bits &= bits - 1) {
      const uint32_t figure = static_cast<uint32_t>(__builtin_ctzll(bits));
      if (hit.in_scope) tally.Add(figure, hit.member);
      if (request.breakdown_by_children && hit.group > 0) {
        tally.Add(static_cast<uint32_t>(hit.group * kMembershipFigureCount) + figure, hit.member);
      }
    }
  });
  tally.Finish();

  // group 0: the whole scope; k ≥ 1: child k.
  const auto figures_of = [&](size_t group) {
    std::vector<FigureValue> figures;
    figures.reserve(kMembershipFigureCount);
    for (const MembershipFigureDefinition& d : MembershipFigures()) {
      const int f = static_cast<int>(d.id);
      FigureValue value{.key = d.key, .label = d.label};
      if (d.source == MembershipFigureSource::kMemberEvents) {
        const size_t bucket = group * kMembershipFigureCount + static_cast<size_t>(f);
        value.distinct = tally.distinct(bucket);
        value.occurrences = tally.occurrences(bucket);
      } else {
        value.distinct = value.occurrences = group == 0 ? counts.Scope(f) : counts.Child(group, f);
      }
      figures.push_back(value);
    }
    return figures;
  };

  Statistics statistics{.scope_id = request.scope_id,
                        .range = request.range,
                        .figures = figures_of(0),
                        .children = {}};
  if (request.breakdown_by_children) {
    statistics.children.reserve(scope->children().size());
    for (size_t k = 0; k < scope->children().size(); ++k) {
      statistics.children.push_back({.scope_id = scope->children()[k],
                                     .range = request.range,
                                     .figures = figures_of(k + 1),
                                     .children = {}});
    }
  }
  return statistics;
}

absl::StatusOr<std::vector<FigureSubject>> ListMembershipFigureSubjects(
    const OrganizationTree& tree, const MembershipModel& model, int64_t scope_id,
    const DateRange& range, std::string_view key) {
  const std::optional<MembershipFigureId> figure = FindMembershipFigure(key);
  if (!figure.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("key: \"", ToAbsl(key), "\" is not a figure"));
  }
  if (absl::Status s = CheckRange(range); !s.ok()) return s;
  absl::StatusOr<MemberScope> scope = MemberScope::Build(tree, model, scope_id, range);
  if (!scope.ok()) return scope.status();
  const uint64_t bit = Bit(*figure);
  using inspection::SubjectKind;

  std::vector<FigureSubject> subjects;
  switch (DefinitionOf(*figure).source) {
    case MembershipFigureSource::kMemberStock:
      ScanStock(model, *scope, range.last, scope->GroupsOn(ToDayNumber(range.last)), 0,
                model.member_slots(),
                [&](uint32_t member, int, uint32_t organization, StockProfile profile) {
                  const uint64_t mask =
                      StockMask(profile) | EducationMask(model.members()[member].education);
                  if ((mask & bit) == 0) return;
                  const int64_t id = model.MemberId(member);
                  subjects.push_back({.subject = {.kind = SubjectKind::kMember, .id = id},
                                      .organization_id = model.OrganizationId(organization),
                                      .sources = {{.kind = SourceKind::kMember, .id = id}}});
                });
      break;
    case MembershipFigureSource::kOrganizations:
    case MembershipFigureSource::kNewOrganizations:
      ScanOrganizations(tree, *scope, range, [&](const SubtreeSegment& s, uint64_t mask) {
        if ((mask & bit) == 0) return;
        subjects.push_back(
            {.subject = {.kind = SubjectKind::kOrganization, .id = s.organization_id},
             .organization_id = s.organization_id,
             .sources = {{.kind = SourceKind::kOrganization, .id = s.organization_id}}});
      });
      break;
    case MembershipFigureSource::kMemberEvents: {
      struct Item {
        int64_t member_id;
        DayNumber day;
        SourceRecord source;
        int64_t organization_id;
      };
      std::vector<Item> items;
      ScanMovements(tree, model, *scope, range, [&](const MovementHit& hit) {
        if ((hit.figures & bit) == 0 || !hit.in_scope) return;
        const int64_t member_id = model.MemberId(hit.member);
        // A movement dated by the member's row names the member itself.
        SourceRecord source{.kind = SourceKind::kMember, .id = member_id};
        if (hit.badge_years != 0) {
          source = {
              .kind = SourceKind::kMemberBadge, .id = member_id, .badge_years = hit.badge_years};
        } else if (hit.event != MembershipModel::kNone) {
          source = {.kind = SourceKind::kMemberEvent,
                    .id = model.event(hit.event).id,
                    .member_id = member_id};
        }
        items.push_back({member_id, hit.day, source, model.OrganizationId(hit.organization)});
      });
      std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return std::tie(a.member_id, a.day, a.source.id, a.source.badge_years) <
               std::tie(b.member_id, b.day, b.source.id, b.source.badge_years);
      });
      for (const Item& item : items) {
        if (subjects.empty() || subjects.back().subject.id != item.member_id) {
          subjects.push_back({.subject = {.kind = SubjectKind::kMember, .id = item.member_id},
                              .organization_id = item.organization_id,
                              .sources = {}});
        }
        subjects.back().sources.push_back(item.source);
      }
      return subjects;
    }
  }
  std::sort(subjects.begin(), subjects.end(), [](const FigureSubject& a, const FigureSubject& b) {
    return a.subject.id < b.subject.id;
  });
  return subjects;
}

}  // namespace dangbo::reporting
