// The catalogue of rating figures (reporting_service.proto, above `Statistics`): stable keys and
// the Vietnamese label each prints with. Counts are of subjects rated for the year; the two
// percent figures are in hundredths of a percent (9000 = 90 %), as the resolutions' targets are
// written (seed 003: "từ 90% đảng viên, 95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên").
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_RATING_FIGURES_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_RATING_FIGURES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace dangbo::reporting {

// In report order; the numbering is internal (keys are the stable names).
enum class RatingFigureId : uint8_t {
  kMembersRated,
  kMembersExcellent,
  kMembersGood,
  kMembersCompleted,
  kMembersNotCompleted,
  kMembersGoodOrBetterPercent,
  kOrganizationsRated,
  kOrganizationsExcellent,
  kOrganizationsGood,
  kOrganizationsCompleted,
  kOrganizationsNotCompleted,
  kGrassrootsRated,
  kGrassrootsExcellent,
  kGrassrootsGood,
  kGrassrootsCompleted,
  kGrassrootsNotCompleted,
  kGrassrootsGoodOrBetterPercent,
};
inline constexpr int kRatingFigureCount = 17;

// 100 % in the unit of the percent figures.
inline constexpr int64_t kWholePercent = 10000;

struct RatingFigureDefinition {
  RatingFigureId id;
  std::string_view key;    // e.g. "ratings.members.good"
  std::string_view label;  // e.g. "Đảng viên hoàn thành tốt nhiệm vụ"
  bool percent;            // hundredths of a percent rather than a count
};

// Every figure, in report order (RatingFigureId order).
std::span<const RatingFigureDefinition> RatingFigures();

const RatingFigureDefinition& DefinitionOf(RatingFigureId id);

// The figure with this key; none for an unknown key.
std::optional<RatingFigureId> FindRatingFigure(std::string_view key);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_RATING_FIGURES_H_
