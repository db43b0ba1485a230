#include "tools/dangboctl/args.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace dangbo::ctl {
namespace {

const OptionSpec* FindSpec(const std::vector<OptionSpec>& specs, absl::string_view name) {
  for (const OptionSpec& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<bool> ParseBool(absl::string_view text) {
  // ASCII lowering is enough: "Có" and "Không" differ from their lower case in ASCII only.
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (lower == "true" || lower == "yes" || lower == "1" || lower == "có") {
    return true;
  }
  if (lower == "false" || lower == "no" || lower == "0" || lower == "không") {
    return false;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("\"", text, "\" is not a boolean (true/false, yes/no, 1/0, có/không)"));
}

std::optional<std::string> ParsedArgs::Value(absl::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string ParsedArgs::ValueOr(absl::string_view name, absl::string_view fallback) const {
  std::optional<std::string> value = Value(name);
  return value.has_value() ? *value : std::string(fallback);
}

std::vector<std::string> ParsedArgs::Values(absl::string_view name) const {
  std::vector<std::string> out;
  auto it = values_.find(name);
  if (it == values_.end()) return out;
  for (const std::string& value : it->second) {
    for (absl::string_view piece : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      out.emplace_back(absl::StripAsciiWhitespace(piece));
    }
  }
  return out;
}

std::vector<std::string> ParsedArgs::Occurrences(absl::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  return it->second;
}

absl::StatusOr<bool> ParsedArgs::Flag(absl::string_view name) const {
  std::optional<std::string> value = Value(name);
  if (!value.has_value()) return false;
  absl::StatusOr<bool> parsed = ParseBool(*value);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", parsed.status().message()));
  }
  return parsed;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs) {
  ParsedArgs parsed;
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || !absl::StartsWith(arg, "--") || arg.size() == 2) {
      if (arg == "--" && !options_ended) {
        options_ended = true;
        continue;
      }
      parsed.positional_.push_back(arg);
      continue;
    }
    const absl::string_view body = absl::string_view(arg).substr(2);
    const size_t equals = body.find('=');
    // `--subjects-csv` is `--subjects_csv`: people type dashes, the specs use underscores.
    std::string name(body.substr(0, equals));
    std::replace(name.begin(), name.end(), '-', '_');
    const OptionSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown option --", name));
    std::string value;
    if (equals != absl::string_view::npos) {
      value = std::string(body.substr(equals + 1));
    } else if (spec->kind == OptionKind::kFlag) {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
    }
    if (spec->kind == OptionKind::kFlag && !ParseBool(value).ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, "=", value, " is not a boolean"));
    }
    parsed.values_[name].push_back(std::move(value));
  }
  return parsed;
}

}  // namespace dangbo::ctl
