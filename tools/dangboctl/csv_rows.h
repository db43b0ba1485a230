#ifndef DANGBO_TOOLS_DANGBOCTL_CSV_ROWS_H_
#define DANGBO_TOOLS_DANGBOCTL_CSV_ROWS_H_

// CSV files whose header names the fields of a protobuf row message: what `members import`
// and `ratings record` read.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "tools/dangboctl/csv.h"

namespace dangbo::ctl {

// A row refused, by the client or the service.
struct RowError {
  int64_t row_number = 0;
  // The field at fault as the service names it, e.g. `member.personal_data.citizen_id`.
  std::string field;
  std::string message;
};

// "Citizen ID", "citizen-id" and "citizen_id" all become "citizen_id".
std::string NormalizeHeader(absl::string_view header);

// The field path of each header cell. A column may be named by its full path or the path's last
// part, so `citizen_id` and `member.personal_data.citizen_id` are the same column.
// INVALID_ARGUMENT for an unknown or repeated column, or a missing `required` one; the message
// lists the accepted columns.
absl::StatusOr<std::vector<std::string>> MapHeader(const std::vector<std::string>& header,
                                                   const std::vector<std::string>& paths,
                                                   const std::vector<std::string>& required);

// Sets the fields of `row` from one record, cell by cell; an empty cell leaves the field unset.
// Every cell that does not parse adds an error; returns whether none did.
bool FillRow(const CsvRecord& record, const std::vector<std::string>& columns,
             google::protobuf::Message& row, std::vector<RowError>& errors);

// One line per accepted column, "  name  what it holds", from the descriptors, for --help.
std::string DescribeColumns(const google::protobuf::Descriptor& row_type,
                            const std::vector<std::string>& paths,
                            const std::vector<std::string>& required);

// "row 12, member.personal_data.citizen_id: must be 12 digits".
std::string FormatRowError(const RowError& error);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_CSV_ROWS_H_
