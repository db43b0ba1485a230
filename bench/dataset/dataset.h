#ifndef DANGBO_BENCH_DATASET_DATASET_H_
#define DANGBO_BENCH_DATASET_DATASET_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/organization.pb.h"

namespace dangbo::bench {

namespace v1 = ::dangbo::membership::v1;

enum class DatasetSize {
  // One Đảng bộ Khối like seed 003: ~90 grassroots organizations, ~7,000 members.
  kBloc,
  // Every bloc of the country: ~60,000 organizations, ~5.6 million members.
  kNational,
};

absl::StatusOr<DatasetSize> ParseDatasetSize(absl::string_view text);
absl::string_view DatasetSizeName(DatasetSize size);

struct DatasetSpec {
  uint64_t seed = 1;
  DatasetSize size = DatasetSize::kBloc;
  // The day the data describes. Fixed rather than today, so that a seed gives the same bytes
  // on any day; probationary members are admitted within the 12 months before it.
  absl::CivilDay as_of = absl::CivilDay(2025, 6, 30);
};

struct GeneratedOrganization {
  // Position in Dataset::organizations. A parent always comes before its children.
  int index = 0;
  // Index of the parent; -1 for a root (a bloc committee).
  int parent = -1;
  // 0 for a root; the loader creates one depth at a time.
  int depth = 0;
  v1::OrganizationKind kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
  // Unique; hierarchical ("K01.T02.C015.CB03") so a reader can place it in the tree.
  std::string code;
  std::string display_name;
  std::string enterprise_name;
  v1::EnterpriseOwnership ownership = v1::ENTERPRISE_OWNERSHIP_UNSPECIFIED;
  bool granted_upper_level_powers = false;
  absl::CivilDay established;
  // The decision establishing it, e.g. "215-QĐ/ĐUK", dated on `established`.
  std::string decision_number;
  // Members officially registered here (cells and grassroots cells only).
  int member_count = 0;
};

struct GeneratedMember {
  // 1-based, in generation order: the row of the CSV file and of the import.
  int64_t row_number = 0;
  // Index of the organization the member is registered in.
  int organization = 0;
  std::string full_name;
  v1::Gender gender = v1::GENDER_UNSPECIFIED;
  // APPLICANT, PROBATIONARY or FULL.
  v1::MemberState state = v1::MEMBER_STATE_UNSPECIFIED;
  // 12 digits: province code, gender-and-century digit, two-digit birth year, six digits.
  std::string citizen_id;
  // Full members only (the card is issued on recognition).
  std::string party_card_number;
  // Admitted members only.
  std::string party_profile_number;
  absl::CivilDay birth_date;
  std::string ethnicity;
  std::string religion;
  std::string address;
  std::string general_education;
  std::string professional_qualification;
  std::string academic_title;
  v1::PoliticalTheoryLevel political_theory_level = v1::POLITICAL_THEORY_LEVEL_UNSPECIFIED;
  std::string occupation;
  std::string position;
  bool department_leader = false;
  bool youth_union_member = false;
  std::optional<absl::CivilDay> admission_decision_date;
  std::optional<absl::CivilDay> admission_ceremony_date;
  std::optional<absl::CivilDay> full_member_date;
};

// The organizations of a dataset. Members are not held: at national size they would take
// gigabytes, so MemberGenerator produces them one at a time in the same order every run.
struct Dataset {
  DatasetSpec spec;
  std::vector<GeneratedOrganization> organizations;
  int64_t member_count = 0;
};

// Builds the organization tree of `spec` and decides how many members each cell holds.
Dataset GenerateOrganizations(const DatasetSpec& spec);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_DATASET_H_
