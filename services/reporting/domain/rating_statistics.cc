#include "services/reporting/domain/rating_statistics.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {
namespace {

using F = RatingFigureId;

// The figures a level counts in, for members, organizations and grassroots organizations.
struct LevelFigures {
  F members;
  F organizations;
  F grassroots;
};

LevelFigures FiguresOf(RatingLevel level) {
  switch (level) {
    case RatingLevel::kExcellent:
      return {F::kMembersExcellent, F::kOrganizationsExcellent, F::kGrassrootsExcellent};
    case RatingLevel::kGood:
      return {F::kMembersGood, F::kOrganizationsGood, F::kGrassrootsGood};
    case RatingLevel::kCompleted:
      return {F::kMembersCompleted, F::kOrganizationsCompleted, F::kGrassrootsCompleted};
    default:
      return {F::kMembersNotCompleted, F::kOrganizationsNotCompleted, F::kGrassrootsNotCompleted};
  }
}

bool GoodOrBetter(RatingLevel level) {
  return level == RatingLevel::kExcellent || level == RatingLevel::kGood;
}

int64_t PercentRoundedDown(int64_t part, int64_t whole) {
  return whole == 0 ? 0 : part * kWholePercent / whole;
}

constexpr uint32_t Bit(F id) { return uint32_t{1} << static_cast<int>(id); }

// Where a rated member is counted: their organization on `day`, else where they were rated.
int64_t MemberOrganization(const MembershipModel& members, const RatingRecord& r, DayNumber day) {
  if (const std::optional<uint32_t> slot = members.FindMember(r.subject_id); slot.has_value()) {
    const MemberStanding standing = members.StandingOn(*slot, day);
    if (standing.organization != MembershipModel::kNone) {
      return members.OrganizationId(standing.organization);
    }
  }
  return r.rated_in_organization_id;
}

absl::Status CheckYear(int year) {
  if (year < kFirstReportYear || year > kLastReportYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("year: must be between ", kFirstReportYear, " and ", kLastReportYear));
  }
  return absl::OkStatus();
}

// Calls emit(const RatingRecord&, int64_t counted_under, uint32_t figures) for each rating of
// the year counted in the scope, with the bits (by RatingFigureId) of the count figures it is
// in and of the percent figures whose numerator it is in.
template <typename Emit>
absl::Status ScanRatings(const OrganizationTree& tree, const MembershipModel& members,
                         const RatingModel& ratings, int64_t scope_id, int year, Emit&& emit) {
  if (absl::Status s = CheckYear(year); !s.ok()) return s;
  const Date year_end(year, 12, 31);
  absl::StatusOr<std::vector<SubtreeSegment>> segments =
      tree.Subtree(scope_id, DateRange{year_end, year_end});
  if (!segments.ok()) return segments.status();
  absl::flat_hash_set<int64_t> inside;
  for (const SubtreeSegment& s : *segments) inside.insert(s.organization_id);

  const DayNumber day = ToDayNumber(year_end);
  ratings.ForEachOfYear(year, [&](const RatingRecord& r) {
    const LevelFigures level = FiguresOf(r.level);
    if (r.kind == RatedSubjectKind::kMember) {
      const int64_t organization = MemberOrganization(members, r, day);
      if (!inside.contains(organization)) return;
      uint32_t figures = Bit(F::kMembersRated) | Bit(level.members);
      if (GoodOrBetter(r.level)) figures |= Bit(F::kMembersGoodOrBetterPercent);
      emit(r, organization, figures);
      return;
    }
    if (!inside.contains(r.subject_id)) return;
    uint32_t figures = Bit(F::kOrganizationsRated) | Bit(level.organizations);
    const std::optional<OrganizationVersion> version = tree.VersionAt(r.subject_id, year_end);
    if (version.has_value() && membership::IsGrassroots(version->kind)) {
      figures |= Bit(F::kGrassrootsRated) | Bit(level.grassroots);
      if (GoodOrBetter(r.level)) figures |= Bit(F::kGrassrootsGoodOrBetterPercent);
    }
    emit(r, r.subject_id, figures);
  });
  return absl::OkStatus();
}

}  // namespace

const RatingFigureValue* RatingStatistics::Find(std::string_view key) const {
  for (const RatingFigureValue& f : figures) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string TargetKey(std::string_view figure_key) {
  return absl::StrCat("target.", ToAbsl(figure_key));
}

std::string AttainedKey(std::string_view figure_key) {
  return absl::StrCat("target.", ToAbsl(figure_key), ".attained");
}

absl::StatusOr<RatingStatistics> ComputeRatingStatistics(const OrganizationTree& tree,
                                                         const MembershipModel& members,
                                                         const RatingModel& ratings,
                                                         int64_t scope_id, int year,
                                                         std::span<const RatingTarget> targets) {
  // Percent figures count their numerator here; the whole is the matching "rated" count.
  std::array<int64_t, kRatingFigureCount> counts{};
  if (absl::Status s = ScanRatings(tree, members, ratings, scope_id, year,
                                   [&](const RatingRecord&, int64_t, uint32_t figures) {
                                     for (uint32_t bits = figures; bits != 0; bits &= bits - 1) {
                                       ++counts[__builtin_ctz(bits)];
                                     }
                                   });
      !s.ok()) {
    return s;
  }
  const int64_t members_good_or_better = counts[static_cast<int>(F::kMembersGoodOrBetterPercent)];
  const int64_t grassroots_good_or_better =
      counts[static_cast<int>(F::kGrassrootsGoodOrBetterPercent)];
  const int64_t members_rated = counts[static_cast<int>(F::kMembersRated)];
  const int64_t grassroots_rated = counts[static_cast<int>(F::kGrassrootsRated)];
  counts[static_cast<int>(F::kMembersGoodOrBetterPercent)] =
      PercentRoundedDown(members_good_or_better, members_rated);
  counts[static_cast<int>(F::kGrassrootsGoodOrBetterPercent)] =
      PercentRoundedDown(grassroots_good_or_better, grassroots_rated);

  RatingStatistics out{.scope_id = scope_id, .year = year};
  for (const RatingFigureDefinition& f : RatingFigures()) {
    out.figures.push_back({.key = std::string(f.key),
                           .label = std::string(f.label),
                           .value = counts[static_cast<int>(f.id)]});
  }
  for (const RatingTarget& t : TargetsForYear(targets, year)) {
    const RatingFigureId id = *FindRatingFigure(t.key);
    const RatingFigureDefinition& f = DefinitionOf(id);
    RatingActual actual{.part = counts[static_cast<int>(id)], .whole = 1};
    if (id == F::kMembersGoodOrBetterPercent) actual = {members_good_or_better, members_rated};
    if (id == F::kGrassrootsGoodOrBetterPercent) {
      actual = {grassroots_good_or_better, grassroots_rated};
    }
    const std::string_view bound = t.at_least ? "tối thiểu" : "tối đa";
    out.figures.push_back(
        {.key = TargetKey(f.key),
         .label = absl::StrCat("Chỉ tiêu nhiệm kỳ ", t.term_start_year, "–", t.term_end_year, " (",
                               ToAbsl(bound), "): ", ToAbsl(f.label)),
         .value = t.value});
    out.figures.push_back(
        {.key = AttainedKey(f.key),
         .label = absl::StrCat("Đạt chỉ tiêu (1 đạt, 0 không đạt): ", ToAbsl(f.label)),
         .value = Attains(actual, t) ? 1 : 0});
  }
  return out;
}

absl::StatusOr<std::vector<FigureSubject>> ListRatingFigureSubjects(
    const OrganizationTree& tree, const MembershipModel& members, const RatingModel& ratings,
    int64_t scope_id, int year, std::string_view key) {
  const std::optional<RatingFigureId> figure = FindRatingFigure(key);
  if (!figure.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("key: \"", ToAbsl(key), "\" is not a figure"));
  }
  std::vector<FigureSubject> subjects;
  const uint32_t bit = Bit(*figure);
  if (absl::Status s = ScanRatings(
          tree, members, ratings, scope_id, year,
          [&](const RatingRecord& r, int64_t counted_under, uint32_t figures) {
            if ((figures & bit) == 0) return;
            const bool member = r.kind == RatedSubjectKind::kMember;
            subjects.push_back(
                {.subject = {.kind = member ? inspection::SubjectKind::kMember
                                            : inspection::SubjectKind::kOrganization,
                             .id = r.subject_id},
                 .organization_id = counted_under,
                 .sources = {{.kind = member ? SourceKind::kMemberRating
                                             : SourceKind::kOrganizationRating,
                              .id = r.subject_id,
                              .year = year}}});
          });
      !s.ok()) {
    return s;
  }
  std::sort(subjects.begin(), subjects.end(), [](const FigureSubject& a, const FigureSubject& b) {
    return std::tie(a.subject.kind, a.subject.id) < std::tie(b.subject.kind, b.subject.id);
  });
  return subjects;
}

}  // namespace dangbo::reporting
