#include "services/reporting/domain/inspection_statistics.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"
#include "services/reporting/domain/distinct_tally.h"
#include "services/reporting/domain/scope_lookup.h"

namespace dangbo::reporting {
namespace {

using inspection::AppealOutcome;
using inspection::DisciplineForm;
using inspection::SubjectKind;

// The figures of every packed subject profile, computed once.
const std::array<uint64_t, 1 << kSubjectProfileBits>& ProfileMasks() {
  static const std::array<uint64_t, 1 << kSubjectProfileBits> masks = [] {
    std::array<uint64_t, 1 << kSubjectProfileBits> m{};
    for (int p = 0; p < (1 << kSubjectProfileBits); ++p) {
      const UnpackedProfile u = UnpackSubjectProfile(static_cast<SubjectProfile>(p));
      m[p] = SubjectFigureMask(u.type, u.body, u.kind, u.committee_member, u.outcome);
    }
    return m;
  }();
  return masks;
}

// The figures a decision standing in `form` counts in.
uint64_t DisciplineMask(SubjectKind kind, DisciplineForm form) {
  using F = FigureId;
  if (kind == SubjectKind::kOrganization) {
    uint64_t mask = FigureBit(F::kDisciplineOrganizationsTotal);
    if (form == DisciplineForm::kReprimand) mask |= FigureBit(F::kDisciplineOrganizationsReprimand);
    if (form == DisciplineForm::kWarning) mask |= FigureBit(F::kDisciplineOrganizationsWarning);
    if (form == DisciplineForm::kDissolution) {
      mask |= FigureBit(F::kDisciplineOrganizationsDissolution);
    }
    return mask;
  }
  uint64_t mask = FigureBit(F::kDisciplineMembersTotal);
  if (form == DisciplineForm::kReprimand) mask |= FigureBit(F::kDisciplineMembersReprimand);
  if (form == DisciplineForm::kWarning) mask |= FigureBit(F::kDisciplineMembersWarning);
  if (form == DisciplineForm::kRemovalFromPost) {
    mask |= FigureBit(F::kDisciplineMembersRemovalFromPost);
  }
  if (form == DisciplineForm::kExpulsion) mask |= FigureBit(F::kDisciplineMembersExpulsion);
  return mask;
}

uint64_t ResolvedMask(AppealOutcome outcome) {
  using F = FigureId;
  switch (outcome) {
    case AppealOutcome::kUpheld:
      return FigureBit(F::kUbktAppealsResolved) | FigureBit(F::kUbktAppealsUpheld);
    case AppealOutcome::kReduced:
      return FigureBit(F::kUbktAppealsResolved) | FigureBit(F::kUbktAppealsReduced);
    case AppealOutcome::kIncreased:
      return FigureBit(F::kUbktAppealsResolved) | FigureBit(F::kUbktAppealsIncreased);
    case AppealOutcome::kAnnulled:
      return FigureBit(F::kUbktAppealsResolved) | FigureBit(F::kUbktAppealsAnnulled);
    case AppealOutcome::kUnspecified:
      break;
  }
  return 0;
}

// One counted record: which figures, whose subject, under which child, from which record.
struct Hit {
  uint64_t figures;
  uint32_t subject;
  uint32_t organization;  // model slot
  int group;              // ScopeLookup::Find: 0 the scope itself, k ≥ 1 its k-th child
  DayNumber day;
  SourceRecord source;
};

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

// Calls emit(const Hit&) for every record counted in the scope and range. `source` is filled
// only when `with_sources`, which drill-down needs and counting does not.
template <typename Emit>
void Scan(const InspectionModel& model, const ScopeLookup& scope, const DateRange& range,
          bool with_sources, Emit&& emit) {
  const DayNumber first = ToDayNumber(range.first);
  const DayNumber last = ToDayNumber(range.last);
  const auto& masks = ProfileMasks();

  model.ForEachSubjectRow(first, last, [&](const SubjectRow& row) {
    const uint64_t figures = masks[row.profile];
    if (figures == 0) return;
    const int group = scope.Find(row.organization, row.decided);
    if (group == ScopeLookup::kOutside) return;
    Hit hit{figures, row.subject, row.organization, group, row.decided, {}};
    if (with_sources) {
      hit.source = {.kind = SourceKind::kInspection, .id = model.InspectionId(row.inspection)};
    }
    emit(hit);
  });

  model.ForEachDecision(first, last, [&](uint32_t slot, const DecisionRow& d) {
    const int group = scope.Find(d.deciding_organization, d.decided);
    if (group == ScopeLookup::kOutside) return;
    const Standing standing = model.StandingBy(slot, last);
    if (!standing.in_force) return;
    Hit hit{DisciplineMask(d.subject_kind, standing.form),
            d.subject,
            d.deciding_organization,
            group,
            d.decided,
            {}};
    if (with_sources) {
      hit.source = {.kind = SourceKind::kDisciplinaryDecision, .id = model.DecisionId(slot)};
    }
    emit(hit);
  });

  const std::vector<AppealRow>& appeals = model.appeals();
  for (uint32_t slot = 0; slot < appeals.size(); ++slot) {
    const AppealRow& a = appeals[slot];
    const DecisionRow& d = model.decision(a.decision);
    if (!d.known()) continue;
    SourceRecord source;
    if (with_sources) {
      source = {.kind = SourceKind::kAppeal,
                .id = model.AppealId(slot),
                .decision_id = model.DecisionId(a.decision)};
    }
    if (first <= a.filed && a.filed <= last) {
      const int group = scope.Find(a.resolving_organization, a.filed);
      if (group != ScopeLookup::kOutside) {
        emit(Hit{FigureBit(FigureId::kUbktAppealsReceived), d.subject, a.resolving_organization,
                 group, a.filed, source});
      }
    }
    if (a.resolved.has_value() && first <= *a.resolved && *a.resolved <= last) {
      const uint64_t figures = ResolvedMask(a.outcome);
      const int group = scope.Find(a.resolving_organization, *a.resolved);
      if (figures != 0 && group != ScopeLookup::kOutside) {
        emit(Hit{figures, d.subject, a.resolving_organization, group, *a.resolved, source});
      }
    }
  }
}

std::vector<FigureValue> FiguresOf(const DistinctTally& tally, size_t group) {
  std::vector<FigureValue> figures;
  figures.reserve(kFigureCount);
  for (const FigureDefinition& d : InspectionFigures()) {
    const size_t bucket = group * kFigureCount + static_cast<size_t>(d.id);
    figures.push_back({.id = d.id,
                       .key = d.key,
                       .label = d.label,
                       .distinct = tally.distinct(bucket),
                       .occurrences = tally.occurrences(bucket)});
  }
  return figures;
}

}  // namespace

absl::StatusOr<Statistics> ComputeInspectionStatistics(const OrganizationTree& tree,
                                                       const InspectionModel& model,
                                                       const StatisticsRequest& request) {
  if (absl::Status s = CheckRange(request.range); !s.ok()) return s;
  absl::StatusOr<ScopeLookup> scope =
      ScopeLookup::Build(tree, model, request.scope_id, request.range);
  if (!scope.ok()) return scope.status();

  // Bucket = group * kFigureCount + figure; group 0 is the whole scope, group k its k-th child.
  const size_t groups = request.breakdown_by_children ? scope->children().size() + 1 : 1;
  DistinctTally tally(groups * kFigureCount, model.subject_slots());
  Scan(model, *scope, request.range, /*with_sources=*/false, [&](const Hit& hit) {
    const bool by_child = request.breakdown_by_children && hit.group > 0;
    for (uint64_t bits = hit.figures; bits != 0; bits &= bits - 1) {
      const uint32_t figure = static_cast<uint32_t>(__builtin_ctzll(bits));
      tally.Add(figure, hit.subject);
      if (by_child)
        tally.Add(static_cast<uint32_t>(hit.group * kFigureCount) + figure, hit.subject);
    }
  });
  tally.Finish();

  Statistics statistics{.scope_id = request.scope_id,
                        .range = request.range,
                        .figures = FiguresOf(tally, 0),
                        .children = {}};
  if (request.breakdown_by_children) {
    statistics.children.reserve(scope->children().size());
    for (size_t k = 0; k < scope->children().size(); ++k) {
      statistics.children.push_back({.scope_id = scope->children()[k],
                                     .range = request.range,
                                     .figures = FiguresOf(tally, k + 1),
                                     .children = {}});
    }
  }
  return statistics;
}

absl::StatusOr<std::vector<FigureSubject>> ListFigureSubjects(const OrganizationTree& tree,
                                                              const InspectionModel& model,
                                                              int64_t scope_id,
                                                              const DateRange& range,
                                                              std::string_view key) {
  const std::optional<FigureId> figure = FindInspectionFigure(key);
  if (!figure.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("key: \"", ToAbsl(key), "\" is not a figure"));
  }
  if (absl::Status s = CheckRange(range); !s.ok()) return s;
  absl::StatusOr<ScopeLookup> scope = ScopeLookup::Build(tree, model, scope_id, range);
  if (!scope.ok()) return scope.status();

  struct Item {
    inspection::SubjectRef subject;
    DayNumber day;
    int64_t organization_id;
    SourceRecord source;
  };
  std::vector<Item> items;
  const uint64_t bit = FigureBit(*figure);
  Scan(model, *scope, range, /*with_sources=*/true, [&](const Hit& hit) {
    if ((hit.figures & bit) == 0) return;
    items.push_back(
        {model.Subject(hit.subject), hit.day, model.OrganizationId(hit.organization), hit.source});
  });
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tuple(a.subject.kind, a.subject.id, a.day, a.source.id) <
           std::tuple(b.subject.kind, b.subject.id, b.day, b.source.id);
  });

  std::vector<FigureSubject> subjects;
  for (const Item& item : items) {
    if (subjects.empty() || !(subjects.back().subject == item.subject)) {
      subjects.push_back({.subject = item.subject, .organization_id = item.organization_id});
    }
    subjects.back().sources.push_back(item.source);
  }
  return subjects;
}

}  // namespace dangbo::reporting
