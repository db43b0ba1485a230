#ifndef DANGBO_TOOLS_DANGBOCTL_ARGS_H_
#define DANGBO_TOOLS_DANGBOCTL_ARGS_H_

// Command-line options of one command. Abseil flags are process-wide, but each dangboctl
// command has its own options (and `--kind` means a different enum to different commands), and
// tests run many commands in one process, so options are parsed per call against a spec.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace dangbo::ctl {

enum class OptionKind {
  // `--name` alone means true; `--name=false` is accepted too.
  kFlag,
  // `--name=value` or `--name value`; given twice, the last wins.
  kValue,
  // Like kValue, but every occurrence counts and commas separate values: `--kind=a,b --kind=c`.
  kList,
};

struct OptionSpec {
  std::string name;
  OptionKind kind = OptionKind::kValue;
  // Shown in help, e.g. "YYYY-MM-DD".
  std::string value_name;
  std::string help;
};

class ParsedArgs {
 public:
  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(absl::string_view name) const { return values_.contains(std::string(name)); }
  // The last value given, if any.
  std::optional<std::string> Value(absl::string_view name) const;
  std::string ValueOr(absl::string_view name, absl::string_view fallback) const;
  // Every value given, commas split, empty pieces dropped.
  std::vector<std::string> Values(absl::string_view name) const;
  // Every value given, as given: for free text that may hold commas (a notice's sentences).
  std::vector<std::string> Occurrences(absl::string_view name) const;
  // INVALID_ARGUMENT when the value is not a boolean.
  absl::StatusOr<bool> Flag(absl::string_view name) const;

 private:
  friend absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                              const std::vector<OptionSpec>& specs);
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

// Splits `args` into options known to `specs` and positional arguments. `--` ends the options.
// A dash in an option's name stands for an underscore (`--dry-run` is `--dry_run`).
// INVALID_ARGUMENT for an unknown option or a value option without its value.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs);

// "true/false", "yes/no", "1/0", and the Vietnamese "có/không".
absl::StatusOr<bool> ParseBool(absl::string_view text);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_ARGS_H_
