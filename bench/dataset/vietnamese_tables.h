#ifndef DANGBO_BENCH_DATASET_VIETNAMESE_TABLES_H_
#define DANGBO_BENCH_DATASET_VIETNAMESE_TABLES_H_

#include <span>

#include "absl/strings/string_view.h"
#include "bench/dataset/random.h"

// Word lists the generator draws from. Weights are per ten thousand where they stand for a
// real frequency (family names, ethnic groups, religions), otherwise rough shares.
namespace dangbo::bench::tables {

// Họ: Nguyễn alone is close to 40 % of the population.
std::span<const Weighted<absl::string_view>> FamilyNames();
// Tên đệm, by gender: "Văn" and "Thị" dominate, the others are common.
std::span<const Weighted<absl::string_view>> MaleMiddleNames();
std::span<const Weighted<absl::string_view>> FemaleMiddleNames();
std::span<const absl::string_view> MaleGivenNames();
std::span<const absl::string_view> FemaleGivenNames();

// Dân tộc: Kinh about 85 % of the population, more among enterprise party members.
std::span<const Weighted<absl::string_view>> Ethnicities();
// Tôn giáo: "Không" (none) for the great majority of members.
std::span<const Weighted<absl::string_view>> Religions();

struct Province {
  // The first three digits of a citizen id (mã tỉnh in căn cước công dân).
  absl::string_view code;
  absl::string_view name;
  int weight;
};
std::span<const Province> Provinces();

std::span<const absl::string_view> Streets();
std::span<const absl::string_view> Qualifications();
std::span<const absl::string_view> Occupations();
// Phòng ban: the departments cells are named after and leaders head.
std::span<const absl::string_view> Departments();
std::span<const absl::string_view> EnterpriseSectors();
std::span<const absl::string_view> EnterprisePlaces();
std::span<const absl::string_view> Groups();

}  // namespace dangbo::bench::tables

#endif  // DANGBO_BENCH_DATASET_VIETNAMESE_TABLES_H_
