#ifndef DANGBO_TOOLS_DANGBOCTL_CSV_H_
#define DANGBO_TOOLS_DANGBOCTL_CSV_H_

// RFC 4180 CSV: fields separated by commas, quoted with '"' when they hold a comma, a quote or a
// line break, a quote inside a quoted field doubled. Files saved by spreadsheets start with a
// UTF-8 byte order mark and end lines with CRLF; both are accepted.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace dangbo::ctl {

struct CsvRecord {
  // The line of the file the record starts on (1-based); a quoted field may span lines.
  int64_t line_number = 0;
  std::vector<std::string> fields;
};

// Reads one record at a time, so a file of millions of rows is never held in memory.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  // The next record, skipping empty lines; nullopt at the end of the input. INVALID_ARGUMENT
  // naming the line for a quoted field that is never closed or is followed by stray text.
  absl::StatusOr<std::optional<CsvRecord>> Next();

 private:
  int Get();
  int Peek();

  std::istream& in_;
  int64_t line_ = 1;
  bool started_ = false;
};

// `field` quoted if it needs to be.
std::string CsvQuote(absl::string_view field);

// One record: quoted fields joined by commas, ending in "\n".
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_CSV_H_
