#ifndef DANGBO_TOOLS_DANGBOCTL_INSPECTION_SUPPORT_H_
#define DANGBO_TOOLS_DANGBOCTL_INSPECTION_SUPPORT_H_

// What the inspection command groups share: how an inspection is printed, the etag a change
// is checked against, and options several of them take.

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/csv_rows.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {

const std::vector<Column>& InspectionColumns();
void PrintInspection(CommandContext& ctx, const inspection_v1::Inspection& inspection);

// --etag: refuse the change if the inspection changed since.
OptionSpec InspectionEtagOption();
// --etag if given, else the inspection's current etag: without --etag the caller means the
// inspection as it stands now, which only a read can say.
absl::StatusOr<std::string> InspectionEtag(CommandContext& ctx, const std::string& name);

// --json FILE: the whole message as protobuf JSON ("-" for standard input).
OptionSpec JsonOption(absl::string_view what);

// The integer option `name`, at least `minimum`; nullopt when absent.
absl::StatusOr<std::optional<int32_t>> IntFrom(const ParsedArgs& args, absl::string_view name,
                                               int32_t minimum);

// The enum option `name`; nullopt when absent. INVALID_ARGUMENT names the option.
template <typename E>
absl::StatusOr<std::optional<E>> EnumFrom(const ParsedArgs& args, absl::string_view name) {
  std::optional<std::string> text = args.Value(name);
  if (!text.has_value() || text->empty()) return std::nullopt;
  absl::StatusOr<E> value = ParseEnumAs<E>(*text);
  if (!value.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", value.status().message()));
  }
  return *value;
}

// Every `--subject` as a subject name. INVALID_ARGUMENT names the one that is not.
absl::StatusOr<std::vector<std::string>> SubjectsFrom(const ParsedArgs& args,
                                                      absl::string_view option);

// Opens `path` for a CSV reader; INVALID_ARGUMENT when it cannot be read.
absl::StatusOr<std::unique_ptr<std::istream>> OpenInput(const std::string& path);

// Prints the rows a CSV file refused and fails with exit code 3, so that nothing is sent
// unless every row parses.
absl::Status RefuseRows(CommandContext& ctx, const std::string& path,
                        const std::vector<RowError>& errors);

// Reads the CSV file `path` with `read` (one of inspection_input.h's readers).
template <typename Read>
auto ReadCsvFile(CommandContext& ctx, const std::string& path, Read read)
    -> decltype(read(std::declval<std::istream&>())) {
  absl::StatusOr<std::unique_ptr<std::istream>> in = OpenInput(path);
  if (!in.ok()) return in.status();
  auto rows = read(**in);
  if (!rows.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", rows.status().message()));
  }
  if (!rows->errors.empty()) return RefuseRows(ctx, path, rows->errors);
  return rows;
}

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_INSPECTION_SUPPORT_H_
