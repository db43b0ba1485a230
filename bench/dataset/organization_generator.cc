// The organization tree: blocs, upper-level committees, grassroots organizations, then the
// sub-committees and cells inside grassroots committees, and the member count of each cell.
#include <algorithm>
#include <array>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/dataset/dataset.h"
#include "bench/dataset/random.h"
#include "bench/dataset/vietnamese_tables.h"

namespace dangbo::bench {
namespace {

// How big each level is. Sub-committees and cells fill what is left of
// `total_organizations` once the upper levels are placed.
struct TreeProfile {
  int blocs;
  int upper_level_committees;
  int grassroots_committees;
  int grassroots_cells;
  int total_organizations;
  int64_t members;
  // Share of the sub-committee + cell budget that goes to sub-committees, per mille.
  int sub_committee_per_mille;
};

// Seed 003: "92 chi bộ, đảng bộ cơ sở, đại diện cho gần 7.000 đảng viên".
constexpr TreeProfile kBlocProfile = {
    .blocs = 1,
    .upper_level_committees = 3,
    .grassroots_committees = 40,
    .grassroots_cells = 52,
    .total_organizations = 450,
    .members = 7000,
    .sub_committee_per_mille = 50,
};

// design.md §2: ~60 k organizations and ~5.6 M members in one installation. With that many
// members per organization the cells are large (about 130 members on average).
constexpr TreeProfile kNationalProfile = {
    .blocs = 12,
    .upper_level_committees = 228,
    .grassroots_committees = 7200,
    .grassroots_cells = 7800,
    .total_organizations = 60000,
    .members = 5600000,
    .sub_committee_per_mille = 50,
};

using Ownership = v1::EnterpriseOwnership;

constexpr std::array kOwnerships = {
    Weighted<Ownership>{v1::ENTERPRISE_OWNERSHIP_STATE_OVER_50, 42},
    Weighted<Ownership>{v1::ENTERPRISE_OWNERSHIP_STATE_50_OR_LESS, 33},
    Weighted<Ownership>{v1::ENTERPRISE_OWNERSHIP_PRIVATE, 15},
    Weighted<Ownership>{v1::ENTERPRISE_OWNERSHIP_FOREIGN_INVESTED, 5},
    Weighted<Ownership>{v1::ENTERPRISE_OWNERSHIP_PUBLIC_SERVICE_UNIT, 3},
    Weighted<Ownership>{v1::ENTERPRISE_OWNERSHIP_AGENCY, 2},
};

constexpr std::array<absl::string_view, 6> kPartnerCountries = {"Nhật Bản", "Hàn Quốc", "Singapore",
                                                                "Đức",      "Pháp",     "Thái Lan"};

class TreeBuilder {
 public:
  TreeBuilder(const DatasetSpec& spec, const TreeProfile& profile)
      : spec_(spec), profile_(profile), random_(Random(spec.seed).Fork(0x0a11)) {}

  Dataset Build() {
    Dataset dataset;
    dataset.spec = spec_;
    orgs_ = &dataset.organizations;
    AddBlocs();
    AddUpperLevelCommittees();
    AddGrassroots();
    AddCommitteeInteriors();
    AssignMembers();
    for (const GeneratedOrganization& org : *orgs_) dataset.member_count += org.member_count;
    return dataset;
  }

 private:
  GeneratedOrganization& Add(int parent, v1::OrganizationKind kind, absl::string_view code_prefix) {
    GeneratedOrganization org;
    org.index = static_cast<int>(orgs_->size());
    org.parent = parent;
    org.kind = kind;
    if (parent >= 0) {
      const GeneratedOrganization& p = (*orgs_)[parent];
      org.depth = p.depth + 1;
      const int sibling = ++children_[parent];
      org.code = absl::StrFormat("%s.%s%02d", p.code, code_prefix, sibling);
      org.established = EstablishedAfter(p.established);
      org.decision_number = absl::StrCat(Between(1, 999), "-QĐ/", IssuerAbbreviation(p.kind));
    } else {
      const int number = static_cast<int>(orgs_->size()) + 1;
      org.code = absl::StrFormat("%s%02d", code_prefix, number);
      org.established = absl::CivilDay(1990, 1, 1) + static_cast<int>(Between(0, 365 * 18));
      org.decision_number = absl::StrCat(Between(1, 999), "-QĐ/TW");
    }
    orgs_->push_back(std::move(org));
    return orgs_->back();
  }

  // Between the parent's establishment and a month before the dataset's day.
  absl::CivilDay EstablishedAfter(absl::CivilDay parent) {
    const absl::CivilDay latest = spec_.as_of - 30;
    const int64_t span = std::max<int64_t>(0, std::min<int64_t>(latest - parent, 365 * 20));
    return parent + Between(0, span);
  }

  static absl::string_view IssuerAbbreviation(v1::OrganizationKind kind) {
    switch (kind) {
      case v1::ORGANIZATION_KIND_BLOC_COMMITTEE:
        return "ĐUK";
      case v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE:
        return "ĐUTCT";
      default:
        return "ĐU";
    }
  }

  int64_t Between(int64_t lo, int64_t hi) { return random_.Between(lo, hi); }

  void AddBlocs() {
    const auto provinces = tables::Provinces();
    for (int i = 0; i < profile_.blocs; ++i) {
      GeneratedOrganization& bloc = Add(-1, v1::ORGANIZATION_KIND_BLOC_COMMITTEE, "K");
      const absl::string_view where =
          i == 0 && profile_.blocs > 1 ? "Trung ương" : provinces[i % provinces.size()].name;
      bloc.display_name = absl::StrCat("Đảng bộ Khối Doanh nghiệp ", where);
      bloc.ownership = v1::ENTERPRISE_OWNERSHIP_AGENCY;
      blocs_.push_back(bloc.index);
    }
  }

  void AddUpperLevelCommittees() {
    const auto groups = tables::Groups();
    for (int i = 0; i < profile_.upper_level_committees; ++i) {
      const int bloc = blocs_[i % blocs_.size()];
      GeneratedOrganization& upper = Add(bloc, v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "T");
      upper.enterprise_name = i < static_cast<int>(groups.size())
                                  ? std::string(groups[i])
                                  : absl::StrCat("Tổng công ty ", Pick(tables::EnterpriseSectors()),
                                                 " ", Pick(tables::EnterprisePlaces()), " ", i + 1);
      upper.display_name = absl::StrCat("Đảng bộ ", upper.enterprise_name);
      upper.ownership = v1::ENTERPRISE_OWNERSHIP_STATE_OVER_50;
      uppers_.push_back(upper.index);
    }
  }

  absl::string_view Pick(std::span<const absl::string_view> items) { return random_.Pick(items); }

  std::string EnterpriseName(Ownership ownership) {
    const absl::string_view sector = Pick(tables::EnterpriseSectors());
    const absl::string_view place = Pick(tables::EnterprisePlaces());
    switch (ownership) {
      case v1::ENTERPRISE_OWNERSHIP_STATE_OVER_50:
        return absl::StrCat(random_.PerMille(500) ? "Công ty TNHH Một thành viên " : "Công ty ",
                            sector, " ", place);
      case v1::ENTERPRISE_OWNERSHIP_STATE_50_OR_LESS:
        return absl::StrCat("Công ty Cổ phần ", sector, " ", place);
      case v1::ENTERPRISE_OWNERSHIP_PRIVATE:
        return absl::StrCat(random_.PerMille(500) ? "Công ty TNHH " : "Công ty Cổ phần Tập đoàn ",
                            sector, " ", place);
      case v1::ENTERPRISE_OWNERSHIP_FOREIGN_INVESTED:
        return absl::StrCat("Công ty TNHH Liên doanh ", sector, " Việt Nam - ",
                            Pick(kPartnerCountries));
      case v1::ENTERPRISE_OWNERSHIP_PUBLIC_SERVICE_UNIT:
        return absl::StrCat("Trung tâm ", sector, " ", place);
      default:
        return absl::StrCat("Văn phòng ", sector, " ", place);
    }
  }

  // About a third of the grassroots organizations sit directly under a bloc, the rest under
  // an upper-level committee (a corporation's party committee).
  void AddGrassroots() {
    const int total = profile_.grassroots_committees + profile_.grassroots_cells;
    // Which of them are committees: a shuffled mix, so both kinds spread over every parent.
    std::vector<char> is_committee(total, 0);
    std::fill_n(is_committee.begin(), profile_.grassroots_committees, 1);
    for (int i = total - 1; i > 0; --i) {
      std::swap(is_committee[i], is_committee[random_.Below(i + 1)]);
    }
    for (int i = 0; i < total; ++i) {
      const bool under_bloc = uppers_.empty() || random_.PerMille(350);
      const int parent = under_bloc ? blocs_[random_.Below(blocs_.size())]
                                    : uppers_[random_.Below(uppers_.size())];
      const v1::OrganizationKind kind = is_committee[i] ? v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE
                                                        : v1::ORGANIZATION_KIND_GRASSROOTS_CELL;
      GeneratedOrganization& org = Add(parent, kind, is_committee[i] ? "C" : "B");
      org.ownership = PickWeighted<Ownership>(random_, kOwnerships);
      org.enterprise_name = EnterpriseName(org.ownership);
      org.display_name =
          absl::StrCat(is_committee[i] ? "Đảng bộ " : "Chi bộ ", org.enterprise_name);
      if (is_committee[i]) {
        committees_.push_back(org.index);
      } else {
        grassroots_cells_.push_back(org.index);
      }
    }
  }

  // Cells under every grassroots committee (at least two each), and sub-committees grouping
  // the cells of the largest ones.
  void AddCommitteeInteriors() {
    const int upper_count = static_cast<int>(orgs_->size());
    const int budget = std::max(0, profile_.total_organizations - upper_count);
    int sub_committees =
        static_cast<int>(int64_t{budget} * profile_.sub_committee_per_mille / 1000);
    const int cells = budget - sub_committees;
    const int committees = static_cast<int>(committees_.size());
    if (committees == 0) return;

    std::vector<int> cells_of(committees, std::min(2, cells / committees));
    int left = cells - (cells_of.empty() ? 0 : cells_of[0]) * committees;
    std::vector<double> weights(committees);
    for (double& w : weights) w = 0.2 + std::pow(random_.Unit(), 2.0) * 3.0;
    Apportion(left, weights, cells_of);

    // Sub-committees go to committees with the most cells, at most one per three cells.
    std::vector<int> order(committees);
    for (int i = 0; i < committees; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return cells_of[a] > cells_of[b]; });
    std::vector<int> subs_of(committees, 0);
    for (int round = 0; sub_committees > 0 && round < 64; ++round) {
      bool placed = false;
      for (int c : order) {
        if (sub_committees == 0) break;
        if (cells_of[c] >= 3 * (subs_of[c] + 1) && cells_of[c] >= 6) {
          ++subs_of[c];
          --sub_committees;
          placed = true;
        }
      }
      if (!placed) break;
    }

    for (int c = 0; c < committees; ++c) {
      const int committee = committees_[c];
      std::vector<int> subs;
      for (int s = 0; s < subs_of[c]; ++s) {
        GeneratedOrganization& sub = Add(committee, v1::ORGANIZATION_KIND_SUB_COMMITTEE, "P");
        Inherit(sub, committee);
        sub.display_name =
            absl::StrCat("Đảng bộ bộ phận ", Pick(tables::Departments()), " ", s + 1);
        subs.push_back(sub.index);
      }
      // Two thirds of a committee's cells sit under its sub-committees when it has any.
      const int under_subs = subs.empty() ? 0 : cells_of[c] * 2 / 3;
      for (int k = 0; k < cells_of[c]; ++k) {
        const int parent = k < under_subs ? subs[k % subs.size()] : committee;
        GeneratedOrganization& cell = Add(parent, v1::ORGANIZATION_KIND_CELL, "CB");
        Inherit(cell, committee);
        const auto departments = tables::Departments();
        cell.display_name = absl::StrCat("Chi bộ ", departments[k % departments.size()]);
        if (k >= static_cast<int>(departments.size())) {
          absl::StrAppend(&cell.display_name, " ", k / departments.size() + 1);
        }
        cells_.push_back(cell.index);
      }
    }
  }

  void Inherit(GeneratedOrganization& org, int from) {
    org.enterprise_name = (*orgs_)[from].enterprise_name;
    org.ownership = (*orgs_)[from].ownership;
  }

  // Grassroots cells keep under 30 members (domain.md §1); the cells of committees share
  // the rest.
  void AssignMembers() {
    int64_t left = profile_.members;
    for (int index : grassroots_cells_) {
      const int size = static_cast<int>((Between(5, 29) + Between(5, 29)) / 2);
      (*orgs_)[index].member_count = size;
      left -= size;
    }
    if (cells_.empty()) return;
    std::vector<double> weights(cells_.size());
    for (double& w : weights) w = 0.3 + random_.Unit() * 1.4;
    std::vector<int> sizes(cells_.size(), 0);
    Apportion(std::max<int64_t>(0, left), weights, sizes);
    for (size_t i = 0; i < cells_.size(); ++i) (*orgs_)[cells_[i]].member_count = sizes[i];
  }

  // Adds `total` to `counts` in proportion to `weights`; the remainder goes one by one to the
  // first entries, so the sum is exact and the result does not depend on rounding order.
  static void Apportion(int64_t total, const std::vector<double>& weights,
                        std::vector<int>& counts) {
    double sum = 0;
    for (double w : weights) sum += w;
    int64_t given = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      const auto share =
          static_cast<int64_t>(std::floor(static_cast<double>(total) * weights[i] / sum));
      counts[i] += static_cast<int>(share);
      given += share;
    }
    for (size_t i = 0; given < total; i = (i + 1) % counts.size(), ++given) ++counts[i];
  }

  const DatasetSpec spec_;
  const TreeProfile profile_;
  Random random_;
  std::vector<GeneratedOrganization>* orgs_ = nullptr;
  absl::flat_hash_map<int, int> children_;
  std::vector<int> blocs_;
  std::vector<int> uppers_;
  std::vector<int> committees_;
  std::vector<int> grassroots_cells_;
  std::vector<int> cells_;
};

}  // namespace

absl::StatusOr<DatasetSize> ParseDatasetSize(absl::string_view text) {
  if (text == "bloc") return DatasetSize::kBloc;
  if (text == "national") return DatasetSize::kNational;
  return absl::InvalidArgumentError(
      absl::StrCat("dataset size must be bloc or national, not \"", text, "\""));
}

absl::string_view DatasetSizeName(DatasetSize size) {
  return size == DatasetSize::kBloc ? "bloc" : "national";
}

Dataset GenerateOrganizations(const DatasetSpec& spec) {
  return TreeBuilder(spec, spec.size == DatasetSize::kBloc ? kBlocProfile : kNationalProfile)
      .Build();
}

}  // namespace dangbo::bench
