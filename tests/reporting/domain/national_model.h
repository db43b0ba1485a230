// A synthetic national-size bloc and ten years of inspection work, generated deterministically
// from a seed: the organization tree with moves and merges in its history, inspections with
// their subjects (and cancelled ones), disciplinary decisions and appeals. Shared by the
// benchmarks that time the statistics in memory and against MariaDB GROUP BY, so that both
// count the very same records.
//
// The generators draw from one random engine in a fixed order: call them in the order
// organizations, inspections, discipline with the same engine to get the same data.
#ifndef DANGBO_TESTS_REPORTING_DOMAIN_NATIONAL_MODEL_H_
#define DANGBO_TESTS_REPORTING_DOMAIN_NATIONAL_MODEL_H_

#include <cstdint>
#include <random>
#include <vector>

#include "absl/functional/function_ref.h"
#include "services/inspection/domain/model.h"
#include "services/reporting/domain/organization_tree.h"

namespace dangbo::reporting::testing {

// How big the bloc and its records are.
struct NationalShape {
  int upper_committees = 50;
  int grassroots_per_upper = 60;  // so an upper committee's subtree holds 1,201 organizations
  int cells_per_grassroots = 19;
  int inspections = 400000;
  int subject_rows = 2000000;  // 1 to 9 per inspection, this many in all
  int decisions = 300000;
  int64_t members = 5600000;

  // 2,011 organizations and a twentieth of the records, for quick runs and tests.
  static NationalShape Small();

  int grassroots() const { return upper_committees * grassroots_per_upper; }
  int cells() const { return grassroots() * cells_per_grassroots; }
};

// Records span these ten years (2015–2024).
inline const Date kNationalFirstDay(2015, 1, 1);
inline constexpr int kNationalDays = 3652;

// Organization ids: the bloc, its upper committees, their grassroots committees, the cells.
inline constexpr int64_t kNationalRoot = 1;
inline int64_t UpperCommitteeId(int u) { return 2 + u; }
inline int64_t GrassrootsId(int g) { return 100 + g; }  // fewer than 9,900 grassroots
inline int64_t CellId(int c) { return 10000 + c; }

// Every row of organization_versions: the bloc and upper committees since 2007; a tenth of the
// grassroots committees move to another upper committee once, a thirtieth are merged into
// their neighbour (their cells moving with the merge).
std::vector<OrganizationVersion> GenerateOrganizations(const NationalShape& shape,
                                                       std::mt19937_64& random);

// The inspections with exactly shape.subject_rows subjects (a fifth of them organizations),
// then a fiftieth as many cancelled inspections on top, each passed to `emit` once.
void GenerateInspections(const NationalShape& shape, std::mt19937_64& random,
                         absl::FunctionRef<void(const inspection::Inspection&)> emit);

// The disciplinary decisions (a twentieth of organizations), each followed by its appeal for
// one in 33, resolved 80 days after the decision, upheld or annulled.
void GenerateDiscipline(const NationalShape& shape, std::mt19937_64& random,
                        absl::FunctionRef<void(const inspection::DisciplinaryDecision&)> decision,
                        absl::FunctionRef<void(const inspection::Appeal&)> appeal);

}  // namespace dangbo::reporting::testing

#endif  // DANGBO_TESTS_REPORTING_DOMAIN_NATIONAL_MODEL_H_
