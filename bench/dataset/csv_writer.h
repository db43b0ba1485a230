#ifndef DANGBO_BENCH_DATASET_CSV_WRITER_H_
#define DANGBO_BENCH_DATASET_CSV_WRITER_H_

#include <ostream>

#include "bench/dataset/dataset.h"

// CSV files of a dataset (RFC 4180: comma separated, fields with a comma, quote or line break
// quoted, CRLF-free "\n" line ends, UTF-8 NFC, a header row naming the columns). Enumerations
// are written as the proto value names without their prefix (GRASSROOTS_CELL, FULL, MALE,
// STATE_OVER_50, INTERMEDIATE), dates as YYYY-MM-DD, booleans as true/false, absent values as
// an empty field. Members name their organization by its code, which is stable across loads.
//
// organizations.csv: code, parent_code, kind, display_name, enterprise_name,
//   enterprise_ownership, granted_upper_level_powers, established_date, decision_number,
//   decision_date
// members.csv: row_number, organization_code, initial_state, full_name, gender, citizen_id,
//   birth_date, ethnicity, religion, address, party_card_number, party_profile_number,
//   general_education, professional_qualification, academic_title, political_theory_level,
//   occupation, position, department_leader, youth_union_member, admission_decision_date,
//   admission_ceremony_date, full_member_date
namespace dangbo::bench {

void WriteOrganizationsCsv(const Dataset& dataset, std::ostream& out);

// Generates the members as it writes them; returns how many rows it wrote.
int64_t WriteMembersCsv(const Dataset& dataset, std::ostream& out);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_CSV_WRITER_H_
