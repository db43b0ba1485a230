#include "services/reporting/domain/rating_figures.h"

#include <array>

namespace dangbo::reporting {
namespace {

using F = RatingFigureId;

constexpr std::array<RatingFigureDefinition, kRatingFigureCount> kFigures = {{
    {F::kMembersRated, "ratings.members.rated", "Đảng viên được đánh giá, xếp loại", false},
    {F::kMembersExcellent, "ratings.members.excellent", "Đảng viên hoàn thành xuất sắc nhiệm vụ",
     false},
    {F::kMembersGood, "ratings.members.good", "Đảng viên hoàn thành tốt nhiệm vụ", false},
    {F::kMembersCompleted, "ratings.members.completed", "Đảng viên hoàn thành nhiệm vụ", false},
    {F::kMembersNotCompleted, "ratings.members.not_completed",
     "Đảng viên không hoàn thành nhiệm vụ", false},
    {F::kMembersGoodOrBetterPercent, "ratings.members.good_or_better_percent",
     "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên (đơn vị 0,01%)", true},
    {F::kOrganizationsRated, "ratings.organizations.rated", "Tổ chức đảng được đánh giá, xếp loại",
     false},
    {F::kOrganizationsExcellent, "ratings.organizations.excellent",
     "Tổ chức đảng hoàn thành xuất sắc nhiệm vụ", false},
    {F::kOrganizationsGood, "ratings.organizations.good", "Tổ chức đảng hoàn thành tốt nhiệm vụ",
     false},
    {F::kOrganizationsCompleted, "ratings.organizations.completed",
     "Tổ chức đảng hoàn thành nhiệm vụ", false},
    {F::kOrganizationsNotCompleted, "ratings.organizations.not_completed",
     "Tổ chức đảng không hoàn thành nhiệm vụ", false},
    {F::kGrassrootsRated, "ratings.grassroots.rated", "Tổ chức cơ sở đảng được đánh giá, xếp loại",
     false},
    {F::kGrassrootsExcellent, "ratings.grassroots.excellent",
     "Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ", false},
    {F::kGrassrootsGood, "ratings.grassroots.good", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ",
     false},
    {F::kGrassrootsCompleted, "ratings.grassroots.completed",
     "Tổ chức cơ sở đảng hoàn thành nhiệm vụ", false},
    {F::kGrassrootsNotCompleted, "ratings.grassroots.not_completed",
     "Tổ chức cơ sở đảng không hoàn thành nhiệm vụ", false},
    {F::kGrassrootsGoodOrBetterPercent, "ratings.grassroots.good_or_better_percent",
     "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (đơn vị 0,01%)", true},
}};

constexpr bool InIdOrder() {
  for (int i = 0; i < kRatingFigureCount; ++i) {
    if (static_cast<int>(kFigures[i].id) != i) return false;
  }
  return true;
}
static_assert(InIdOrder(), "kFigures must list the figures in RatingFigureId order");

}  // namespace

std::span<const RatingFigureDefinition> RatingFigures() { return kFigures; }

const RatingFigureDefinition& DefinitionOf(RatingFigureId id) {
  return kFigures[static_cast<int>(id)];
}

std::optional<RatingFigureId> FindRatingFigure(std::string_view key) {
  for (const RatingFigureDefinition& f : kFigures) {
    if (f.key == key) return f.id;
  }
  return std::nullopt;
}

}  // namespace dangbo::reporting
