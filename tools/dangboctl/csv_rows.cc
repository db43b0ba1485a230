#include "tools/dangboctl/csv_rows.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/proto_values.h"
#include "tools/dangboctl/text_width.h"

namespace dangbo::ctl {
namespace {

using google::protobuf::FieldDescriptor;

const FieldDescriptor* FieldAt(const google::protobuf::Descriptor& type, absl::string_view path) {
  const google::protobuf::Descriptor* current = &type;
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (current == nullptr) return nullptr;
    field = current->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    current = field->message_type();
  }
  return field;
}

std::string WhatItHolds(const FieldDescriptor* field) {
  if (field == nullptr) return "";
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_ENUM:
      return absl::StrCat("one of: ", EnumChoices(*field->enum_type()));
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true/false, yes/no, 1/0 or có/không";
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
      return "a whole number";
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return "a date, YYYY-MM-DD";
    default:
      return "text";
  }
}

}  // namespace

std::string NormalizeHeader(absl::string_view header) {
  std::string out = absl::AsciiStrToLower(absl::StripAsciiWhitespace(header));
  for (char& c : out) {
    if (c == ' ' || c == '-') c = '_';
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> MapHeader(const std::vector<std::string>& header,
                                                   const std::vector<std::string>& paths,
                                                   const std::vector<std::string>& required) {
  absl::flat_hash_map<std::string, std::string> by_name;
  for (const std::string& path : paths) {
    by_name[path] = path;
    by_name[OptionNameOf(path)] = path;
  }
  std::vector<std::string> accepted;
  for (const std::string& path : paths) accepted.push_back(OptionNameOf(path));
  std::vector<std::string> columns;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name = NormalizeHeader(header[i]);
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "column ", i + 1, " \"", header[i], "\" is not one of: ", absl::StrJoin(accepted, ", ")));
    }
    if (std::find(columns.begin(), columns.end(), it->second) != columns.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("column \"", header[i], "\" appears twice in the header"));
    }
    columns.push_back(it->second);
  }
  for (const std::string& path : required) {
    if (std::find(columns.begin(), columns.end(), path) == columns.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the header has no ", OptionNameOf(path), " column, which is required"));
    }
  }
  return columns;
}

bool FillRow(const CsvRecord& record, const std::vector<std::string>& columns,
             google::protobuf::Message& row, std::vector<RowError>& errors) {
  bool ok = true;
  for (size_t i = 0; i < record.fields.size(); ++i) {
    const std::string& cell = record.fields[i];
    if (i >= columns.size()) {
      if (!absl::StripAsciiWhitespace(cell).empty()) {
        errors.push_back({record.line_number, "",
                          absl::StrCat(record.fields.size(), " cells, but the header has ",
                                       columns.size(), " columns")});
        return false;
      }
      continue;
    }
    absl::Status set = SetFieldFromText(row, columns[i], absl::StripAsciiWhitespace(cell));
    if (!set.ok()) {
      const std::string prefix = absl::StrCat(columns[i], ": ");
      std::string message(set.message());
      if (absl::StartsWith(message, prefix)) message = message.substr(prefix.size());
      errors.push_back({record.line_number, columns[i], std::move(message)});
      ok = false;
    }
  }
  return ok;
}

std::string DescribeColumns(const google::protobuf::Descriptor& row_type,
                            const std::vector<std::string>& paths,
                            const std::vector<std::string>& required) {
  std::vector<std::pair<std::string, std::string>> lines;
  int width = 0;
  for (const std::string& path : paths) {
    std::string left = absl::StrCat("  ", OptionNameOf(path));
    width = std::max(width, DisplayWidth(left));
    std::string right = WhatItHolds(FieldAt(row_type, path));
    if (std::find(required.begin(), required.end(), path) != required.end()) {
      right = absl::StrCat("required; ", right);
    }
    lines.emplace_back(std::move(left), std::move(right));
  }
  std::string out;
  for (const auto& [left, right] : lines) {
    absl::StrAppend(&out, PadToWidth(left, width), "  ", right, "\n");
  }
  return out;
}

std::string FormatRowError(const RowError& error) {
  if (error.field.empty()) return absl::StrCat("row ", error.row_number, ": ", error.message);
  return absl::StrCat("row ", error.row_number, ", ", error.field, ": ", error.message);
}

}  // namespace dangbo::ctl
