#include "tools/dangboctl/output.h"

#include <algorithm>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "tools/dangboctl/csv.h"
#include "tools/dangboctl/proto_values.h"
#include "tools/dangboctl/text_width.h"

namespace dangbo::ctl {
namespace {

constexpr absl::string_view kColumnGap = "  ";

std::vector<std::string> Cells(const std::vector<Column>& columns,
                               const google::protobuf::Message& resource) {
  std::vector<std::string> cells;
  cells.reserve(columns.size());
  for (const Column& column : columns) {
    std::string cell = FormatFieldAtPath(resource, column.path);
    cells.push_back(std::move(cell));
  }
  return cells;
}

std::vector<std::string> Headers(const std::vector<Column>& columns) {
  std::vector<std::string> headers;
  for (const Column& column : columns) headers.push_back(column.header);
  return headers;
}

// A line break inside a cell would tear a table row apart.
std::string OneLine(absl::string_view cell) {
  std::string out(cell);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

void WidenFor(const std::vector<std::string>& row, std::vector<int>& widths) {
  if (widths.size() < row.size()) widths.resize(row.size(), 0);
  for (size_t i = 0; i < row.size(); ++i) {
    widths[i] = std::max(widths[i], DisplayWidth(OneLine(row[i])));
  }
}

void WriteRow(const std::vector<std::string>& row, const std::vector<int>& widths,
              std::ostream& out) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) {
    const std::string cell = OneLine(row[i]);
    if (i + 1 == row.size()) {
      line += cell;
    } else {
      line += PadToWidth(cell, widths[i]);
      line.append(kColumnGap.data(), kColumnGap.size());
    }
  }
  // Trailing spaces of an empty last cell are noise.
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

}  // namespace

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "table") return OutputFormat::kTable;
  if (lower == "json") return OutputFormat::kJson;
  if (lower == "csv") return OutputFormat::kCsv;
  return absl::InvalidArgumentError(absl::StrCat("--output=", text, ": one of table, json, csv"));
}

std::string AlignedTable(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) {
  std::vector<int> widths;
  WidenFor(header, widths);
  for (const auto& row : rows) WidenFor(row, widths);
  std::ostringstream out;
  WriteRow(header, widths, out);
  for (const auto& row : rows) WriteRow(row, widths, out);
  return out.str();
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) {
    // Only an Any holding a type this binary does not know gets here.
    return absl::StrCat("{\"error\":\"cannot print as JSON\",\"type\":\"",
                        message.GetDescriptor()->full_name(), "\"}");
  }
  return json;
}

ResourcePrinter::ResourcePrinter(OutputFormat format, std::vector<Column> columns,
                                 std::ostream& out)
    : format_(format), columns_(std::move(columns)), out_(out) {}

ResourcePrinter::~ResourcePrinter() { Flush(); }

void ResourcePrinter::Add(const google::protobuf::Message& resource) {
  ++count_;
  switch (format_) {
    case OutputFormat::kJson:
      out_ << ToJson(resource) << '\n';
      return;
    case OutputFormat::kCsv:
      if (!header_written_) {
        out_ << CsvLine(Headers(columns_));
        header_written_ = true;
      }
      out_ << CsvLine(Cells(columns_, resource));
      return;
    case OutputFormat::kTable:
      pending_.push_back(Cells(columns_, resource));
      return;
  }
}

void ResourcePrinter::Flush() {
  if (format_ != OutputFormat::kTable) {
    // A CSV of nothing still has its header, so a script reading it finds its columns.
    if (format_ == OutputFormat::kCsv && !header_written_) {
      out_ << CsvLine(Headers(columns_));
      header_written_ = true;
    }
    out_.flush();
    return;
  }
  if (pending_.empty()) return;
  const std::vector<std::string> headers = Headers(columns_);
  if (!header_written_) WidenFor(headers, widths_);
  for (const auto& row : pending_) WidenFor(row, widths_);
  if (!header_written_) {
    WriteRow(headers, widths_, out_);
    header_written_ = true;
  }
  for (const auto& row : pending_) WriteRow(row, widths_, out_);
  pending_.clear();
  out_.flush();
}

void PrintResource(OutputFormat format, const std::vector<Column>& columns,
                   const google::protobuf::Message& resource, std::ostream& out) {
  if (format != OutputFormat::kTable) {
    ResourcePrinter printer(format, columns, out);
    printer.Add(resource);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (auto& [path, value] : FlattenSetFields(resource)) rows.push_back({path, value});
  int width = 0;
  for (const auto& row : rows) width = std::max(width, DisplayWidth(row[0]));
  for (const auto& row : rows) {
    out << PadToWidth(row[0], width) << kColumnGap << OneLine(row[1]) << '\n';
  }
}

}  // namespace dangbo::ctl
