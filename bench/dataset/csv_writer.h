#ifndef DANGBO_BENCH_DATASET_CSV_WRITER_H_
#define DANGBO_BENCH_DATASET_CSV_WRITER_H_

#include <ostream>
#include <string>
#include <vector>

#include "bench/dataset/dataset.h"

// CSV files of a dataset (RFC 4180: comma separated, fields with a comma, quote or line break
// quoted, CRLF-free "\n" line ends, UTF-8 NFC, a header row naming the columns). Enumerations
// are written as the proto value names without their prefix (GRASSROOTS_CELL, FULL, MALE,
// STATE_OVER_50, INTERMEDIATE), dates as YYYY-MM-DD, booleans as true/false, absent values as
// an empty field.
//
// organizations.csv: code, parent_code, kind, display_name, enterprise_name,
//   enterprise_ownership, granted_upper_level_powers, established_date, decision_number,
//   decision_date
// members.csv has the columns `dangboctl members import` reads (tools/dangboctl/member_fields.cc),
//   each named after its ImportRow field: citizen_id, full_name, gender, organization,
//   party_card_number, party_profile_number, general_education, professional_qualification,
//   academic_title, political_theory_level, occupation, position, department_leader,
//   youth_union_member, birth_date, ethnicity, religion, address, admission_decision_date,
//   admission_ceremony_date, full_member_date, initial_state. Member k is on line k + 1.
namespace dangbo::bench {

void WriteOrganizationsCsv(const Dataset& dataset, std::ostream& out);

// Generates the members as it writes them; returns how many rows it wrote. The organization
// column holds `organization_names[index]` (the created organizations, as DatasetLoader or
// `dangbo-dataset --names_out` gives them) when it is given, otherwise the organization's code:
// only a file with names can be imported with dangboctl.
int64_t WriteMembersCsv(const Dataset& dataset, const std::vector<std::string>* organization_names,
                        std::ostream& out);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_CSV_WRITER_H_
