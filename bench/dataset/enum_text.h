#ifndef DANGBO_BENCH_DATASET_ENUM_TEXT_H_
#define DANGBO_BENCH_DATASET_ENUM_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "bench/dataset/dataset.h"

// How the dataset's values read in files and reports.
namespace dangbo::bench {

// The proto enum value name without the enum's prefix: "GRASSROOTS_CELL", "FULL", "MALE".
absl::string_view KindText(v1::OrganizationKind kind);
absl::string_view OwnershipText(v1::EnterpriseOwnership ownership);
absl::string_view StateText(v1::MemberState state);
absl::string_view GenderText(v1::Gender gender);
absl::string_view TheoryText(v1::PoliticalTheoryLevel level);

// YYYY-MM-DD.
std::string DateText(absl::CivilDay day);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_ENUM_TEXT_H_
