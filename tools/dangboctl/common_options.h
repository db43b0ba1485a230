#ifndef DANGBO_TOOLS_DANGBOCTL_COMMON_OPTIONS_H_
#define DANGBO_TOOLS_DANGBOCTL_COMMON_OPTIONS_H_

// Options several commands share (request ids, decisions, dates) and resource references.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangbo/type/v1/decision.pb.h"
#include "google/protobuf/message.h"
#include "google/type/date.pb.h"
#include "tools/dangboctl/args.h"
#include "tools/dangboctl/proto_values.h"

namespace dangbo::ctl {

// A random version-4 UUID: the idempotency key of one mutation.
std::string NewRequestId();

// The option lists of a command, in order.
template <typename... Lists>
std::vector<OptionSpec> Concat(const Lists&... lists) {
  std::vector<OptionSpec> out;
  (out.insert(out.end(), lists.begin(), lists.end()), ...);
  return out;
}

OptionSpec RequestIdOption();
// --request_id if given (a script retrying a mutation passes the same one), else a new one.
std::string RequestIdFrom(const ParsedArgs& args);

// --effective_date: when the change takes effect.
OptionSpec EffectiveDateOption();

// --decision_number, --decision_date, --decision_issuer.
std::vector<OptionSpec> DecisionOptions();
// The decision the options describe; nullopt when none of them is given.
absl::StatusOr<std::optional<dangbo::type::v1::Decision>> DecisionFrom(const ParsedArgs& args);

// The date option `name` (YYYY-MM-DD); nullopt when absent. INVALID_ARGUMENT names the option.
absl::StatusOr<std::optional<google::type::Date>> DateFrom(const ParsedArgs& args,
                                                           absl::string_view name);

// "organizations/5" for "5" or "organizations/5"; other text unchanged for the server to judge.
std::string OrganizationName(absl::string_view text);
std::string MemberName(absl::string_view text);

// Every value of the list option `name` parsed as enum E.
template <typename E>
absl::StatusOr<std::vector<E>> EnumsFrom(const ParsedArgs& args, absl::string_view name) {
  std::vector<E> out;
  for (const std::string& text : args.Values(name)) {
    absl::StatusOr<E> value = ParseEnumAs<E>(text);
    if (!value.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", value.status().message()));
    }
    out.push_back(*value);
  }
  return out;
}

// Sets each field of `fields` that has an option of the same name (`--full_name=...` sets
// `full_name`; the option name is the path's last part) and returns the paths set, for an
// update mask. INVALID_ARGUMENT names the option.
absl::StatusOr<std::vector<std::string>> SetFieldsFromOptions(
    const ParsedArgs& args, const std::vector<std::string>& fields,
    google::protobuf::Message& message);

// One option per field path, named by the path's last part, with `help` from the field's type.
std::vector<OptionSpec> FieldOptions(const google::protobuf::Descriptor& type,
                                     const std::vector<std::string>& fields);

// The option name of a field path: its last part.
std::string OptionNameOf(absl::string_view path);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_COMMON_OPTIONS_H_
