#ifndef DANGBO_TOOLS_DANGBOCTL_PROTO_VALUES_H_
#define DANGBO_TOOLS_DANGBOCTL_PROTO_VALUES_H_

// Text <-> protobuf field values, driven by the descriptors so that a new enum value or field
// needs no change here: `--kind=grassroots_cell` is ORGANIZATION_KIND_GRASSROOTS_CELL because
// the descriptor says so.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "google/protobuf/message.h"
#include "google/type/date.pb.h"

namespace dangbo::ctl {

// The prefix every value of the enum shares: "ORGANIZATION_KIND_" for OrganizationKind,
// "KIND_" for DueAction.Kind.
std::string EnumValuePrefix(const google::protobuf::EnumDescriptor& type);

// "GRASSROOTS_CELL" for ORGANIZATION_KIND_GRASSROOTS_CELL.
std::string ShortEnumName(const google::protobuf::EnumValueDescriptor& value);

// The value named `text`, short or full, in any case, with '-' for '_'. The zero value
// (UNSPECIFIED) is not accepted: it means "not given". INVALID_ARGUMENT lists the choices.
absl::StatusOr<int> ParseEnum(const google::protobuf::EnumDescriptor& type, absl::string_view text);

template <typename E>
absl::StatusOr<E> ParseEnumAs(absl::string_view text) {
  absl::StatusOr<int> value = ParseEnum(*google::protobuf::GetEnumDescriptor<E>(), text);
  if (!value.ok()) return value.status();
  return static_cast<E>(*value);
}

// "bloc_committee, upper_level_committee, ...": what a user may type.
std::string EnumChoices(const google::protobuf::EnumDescriptor& type);

// Exactly YYYY-MM-DD, a day that exists.
absl::StatusOr<google::type::Date> ParseDate(absl::string_view text);

// YYYY-MM-DD; empty for the all-zero (unset) date.
std::string FormatDate(const google::type::Date& date);

// Sets the field at dotted `path` (e.g. "personal_data.birth_date") from text, creating the
// messages on the way: strings as given, enums by name, booleans, integers, google.type.Date
// as YYYY-MM-DD. Empty text clears the field. INVALID_ARGUMENT names the path.
absl::Status SetFieldFromText(google::protobuf::Message& message, absl::string_view path,
                              absl::string_view text);

// The field at dotted `path` as text for a table or CSV cell: enums by short name, dates as
// YYYY-MM-DD, timestamps in RFC 3339 UTC, repeated values joined with ", ". Empty when the
// path is unset or names no field.
std::string FormatFieldAtPath(const google::protobuf::Message& message, absl::string_view path);

// Every field that is set, as (dotted path, text) pairs in field order: the detail view of one
// resource.
std::vector<std::pair<std::string, std::string>> FlattenSetFields(
    const google::protobuf::Message& message);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_PROTO_VALUES_H_
