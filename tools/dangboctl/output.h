#ifndef DANGBO_TOOLS_DANGBOCTL_OUTPUT_H_
#define DANGBO_TOOLS_DANGBOCTL_OUTPUT_H_

// Resources printed as an aligned table (people), JSON (programs: one object per line, as
// protobuf's JSON mapping writes it) or CSV (spreadsheets: a header row, then one row each).

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace dangbo::ctl {

enum class OutputFormat { kTable, kJson, kCsv };

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view text);

// A table or CSV column: its header and the dotted field path its cells come from.
struct Column {
  std::string header;
  std::string path;
};

// Rows of text aligned in columns by display width, two spaces apart; the last column is not
// padded. Header and rows must have the same number of cells.
std::string AlignedTable(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows);

// Prints a sequence of resources of one type. JSON and CSV rows are written as they come; a
// table waits for Flush so its columns fit every row. After the first Flush the header is not
// repeated and columns only grow, so a followed feed stays readable page after page.
class ResourcePrinter {
 public:
  ResourcePrinter(OutputFormat format, std::vector<Column> columns, std::ostream& out);
  ResourcePrinter(const ResourcePrinter&) = delete;
  ResourcePrinter& operator=(const ResourcePrinter&) = delete;
  ~ResourcePrinter();

  void Add(const google::protobuf::Message& resource);
  void Flush();
  int64_t count() const { return count_; }

 private:
  const OutputFormat format_;
  const std::vector<Column> columns_;
  std::ostream& out_;
  std::vector<std::vector<std::string>> pending_;
  std::vector<int> widths_;
  bool header_written_ = false;
  int64_t count_ = 0;
};

// One resource: a table shows every field that is set, one "path  value" line each; JSON the
// object; CSV a header and one row of `columns`.
void PrintResource(OutputFormat format, const std::vector<Column>& columns,
                   const google::protobuf::Message& resource, std::ostream& out);

// The protobuf JSON mapping of `message` on one line (enum names, RFC 3339 times, lowerCamel
// field names as every protobuf JSON reader expects).
std::string ToJson(const google::protobuf::Message& message);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_OUTPUT_H_
