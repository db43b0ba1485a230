#include "tools/dangboctl/csv.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace dangbo::ctl {
namespace {

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

int CsvReader::Get() {
  const int c = in_.rdbuf()->sbumpc();
  if (c == '\n') ++line_;
  return c;
}

int CsvReader::Peek() { return in_.rdbuf()->sgetc(); }

absl::StatusOr<std::optional<CsvRecord>> CsvReader::Next() {
  constexpr int kEof = std::char_traits<char>::eof();
  if (!started_) {
    started_ = true;
    for (char expected : kByteOrderMark) {
      if (Peek() != static_cast<unsigned char>(expected)) break;
      Get();
    }
  }
  while (true) {
    // Blank lines between records carry nothing.
    while (Peek() == '\r' || Peek() == '\n') Get();
    if (Peek() == kEof) return std::nullopt;

    CsvRecord record;
    record.line_number = line_;
    std::string field;
    bool quoted = false;
    while (true) {
      int c = Get();
      if (c == '"' && field.empty() && !quoted) {
        quoted = true;
        while (true) {
          c = Get();
          if (c == kEof) {
            return absl::InvalidArgumentError(absl::StrCat(
                "line ", record.line_number, ": a quoted field is not closed before the end"));
          }
          if (c == '"') {
            if (Peek() == '"') {
              Get();
              field.push_back('"');
              continue;
            }
            break;
          }
          field.push_back(static_cast<char>(c));
        }
        const int after = Peek();
        if (after != ',' && after != '\r' && after != '\n' && after != kEof) {
          return absl::InvalidArgumentError(
              absl::StrCat("line ", line_, ": text after the closing quote of a field"));
        }
        continue;
      }
      if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
        continue;
      }
      if (c == '\r' && Peek() == '\n') continue;
      if (c == '\n' || c == '\r' || c == kEof) {
        record.fields.push_back(std::move(field));
        return record;
      }
      field.push_back(static_cast<char>(c));
    }
  }
}

std::string CsvQuote(absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    line += CsvQuote(fields[i]);
  }
  line.push_back('\n');
  return line;
}

}  // namespace dangbo::ctl
