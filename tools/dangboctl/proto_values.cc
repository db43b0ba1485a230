#include "tools/dangboctl/proto_values.h"

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "tools/dangboctl/args.h"

namespace dangbo::ctl {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr absl::string_view kUnspecified = "UNSPECIFIED";

bool IsDate(const google::protobuf::Descriptor& type) {
  return type.full_name() == google::type::Date::descriptor()->full_name();
}

bool IsTimestamp(const google::protobuf::Descriptor& type) {
  return type.full_name() == google::protobuf::Timestamp::descriptor()->full_name();
}

// Messages shown as one value rather than flattened into their fields.
bool IsScalarLike(const google::protobuf::Descriptor& type) {
  return IsDate(type) || IsTimestamp(type) || type.full_name() == "google.protobuf.Any";
}

std::string FormatTimestamp(const Message& message) {
  const Reflection& reflection = *message.GetReflection();
  const google::protobuf::Descriptor& type = *message.GetDescriptor();
  const int64_t seconds = reflection.GetInt64(message, type.FindFieldByName("seconds"));
  if (seconds == 0) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds),
                          absl::UTCTimeZone());
}

std::string FormatMessageValue(const Message& message);

std::string FormatValue(const Message& message, const FieldDescriptor& field, int index) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return repeated ? r.GetRepeatedString(message, &field, index) : r.GetString(message, &field);
    case FieldDescriptor::CPPTYPE_BOOL: {
      const bool value =
          repeated ? r.GetRepeatedBool(message, &field, index) : r.GetBool(message, &field);
      return value ? "true" : "false";
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(repeated ? r.GetRepeatedInt32(message, &field, index)
                                   : r.GetInt32(message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(repeated ? r.GetRepeatedInt64(message, &field, index)
                                   : r.GetInt64(message, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(repeated ? r.GetRepeatedUInt32(message, &field, index)
                                   : r.GetUInt32(message, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(repeated ? r.GetRepeatedUInt64(message, &field, index)
                                   : r.GetUInt64(message, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(repeated ? r.GetRepeatedDouble(message, &field, index)
                                   : r.GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(repeated ? r.GetRepeatedFloat(message, &field, index)
                                   : r.GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* value =
          repeated ? r.GetRepeatedEnum(message, &field, index) : r.GetEnum(message, &field);
      return value->number() == 0 ? "" : ShortEnumName(*value);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return FormatMessageValue(repeated ? r.GetRepeatedMessage(message, &field, index)
                                         : r.GetMessage(message, &field));
  }
  return "";
}

std::string FormatMessageValue(const Message& message) {
  const google::protobuf::Descriptor& type = *message.GetDescriptor();
  if (IsDate(type)) {
    google::type::Date date;
    date.ParseFromString(message.SerializeAsString());
    return FormatDate(date);
  }
  if (IsTimestamp(type)) return FormatTimestamp(message);
  if (type.full_name() == "google.protobuf.Any") {
    return message.GetReflection()->GetString(message, type.FindFieldByName("type_url"));
  }
  // A small message such as a Decision reads well as its values in field order.
  std::vector<std::string> parts;
  for (const auto& [path, value] : FlattenSetFields(message)) parts.push_back(value);
  return absl::StrJoin(parts, " ");
}

std::string FormatField(const Message& message, const FieldDescriptor& field) {
  const Reflection& r = *message.GetReflection();
  if (field.is_repeated()) {
    std::vector<std::string> values;
    for (int i = 0; i < r.FieldSize(message, &field); ++i) {
      values.push_back(FormatValue(message, field, i));
    }
    return absl::StrJoin(values, ", ");
  }
  if (field.has_presence() && !r.HasField(message, &field)) return "";
  return FormatValue(message, field, 0);
}

void Flatten(const Message& message, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  const Reflection& r = *message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r.ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string path = absl::StrCat(prefix, field->name());
    const bool nested = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                        !IsScalarLike(*field->message_type());
    if (!nested) {
      out.emplace_back(path, FormatField(message, *field));
    } else if (field->is_repeated()) {
      for (int i = 0; i < r.FieldSize(message, field); ++i) {
        Flatten(r.GetRepeatedMessage(message, field, i), absl::StrCat(path, "[", i, "]."), out);
      }
    } else {
      Flatten(r.GetMessage(message, field), absl::StrCat(path, "."), out);
    }
  }
}

absl::Status SetScalar(Message& message, const FieldDescriptor& field, absl::string_view text) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? r.AddString(&message, &field, std::string(text))
               : r.SetString(&message, &field, std::string(text));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<int> value = ParseEnum(*field.enum_type(), text);
      if (!value.ok()) return value.status();
      repeated ? r.AddEnumValue(&message, &field, *value)
               : r.SetEnumValue(&message, &field, *value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      absl::StatusOr<bool> value = ParseBool(text);
      if (!value.ok()) return value.status();
      repeated ? r.AddBool(&message, &field, *value) : r.SetBool(&message, &field, *value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t value = 0;
      const bool is32 = field.cpp_type() == FieldDescriptor::CPPTYPE_INT32;
      if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &value) ||
          (is32 && (value < INT32_MIN || value > INT32_MAX))) {
        return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a whole number"));
      }
      if (is32) {
        repeated ? r.AddInt32(&message, &field, static_cast<int32_t>(value))
                 : r.SetInt32(&message, &field, static_cast<int32_t>(value));
      } else {
        repeated ? r.AddInt64(&message, &field, value) : r.SetInt64(&message, &field, value);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (!IsDate(*field.message_type())) break;
      absl::StatusOr<google::type::Date> date = ParseDate(text);
      if (!date.ok()) return date.status();
      Message* target =
          repeated ? r.AddMessage(&message, &field) : r.MutableMessage(&message, &field);
      target->ParseFromString(date->SerializeAsString());
      return absl::OkStatus();
    }
    default:
      break;
  }
  return absl::InvalidArgumentError("this field cannot be given as text");
}

}  // namespace

std::string EnumValuePrefix(const EnumDescriptor& type) {
  if (type.value_count() == 0) return "";
  const std::string& first = type.value(0)->name();
  if (absl::EndsWith(first, kUnspecified)) {
    return first.substr(0, first.size() - kUnspecified.size());
  }
  std::string prefix = first;
  for (int i = 1; i < type.value_count(); ++i) {
    const std::string& name = type.value(i)->name();
    size_t same = 0;
    while (same < prefix.size() && same < name.size() && prefix[same] == name[same]) ++same;
    prefix.resize(same);
  }
  const size_t underscore = prefix.rfind('_');
  return underscore == std::string::npos ? "" : prefix.substr(0, underscore + 1);
}

std::string ShortEnumName(const EnumValueDescriptor& value) {
  return std::string(absl::StripPrefix(value.name(), EnumValuePrefix(*value.type())));
}

std::string EnumChoices(const EnumDescriptor& type) {
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() == 0) continue;
    names.push_back(absl::AsciiStrToLower(ShortEnumName(*type.value(i))));
  }
  return absl::StrJoin(names, ", ");
}

absl::StatusOr<int> ParseEnum(const EnumDescriptor& type, absl::string_view text) {
  std::string name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  for (char& c : name) {
    if (c == '-' || c == ' ') c = '_';
  }
  const EnumValueDescriptor* value = type.FindValueByName(name);
  if (value == nullptr) value = type.FindValueByName(EnumValuePrefix(type) + name);
  if (value == nullptr || value->number() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a ", type.name(), "; one of: ", EnumChoices(type)));
  }
  return value->number();
}

absl::StatusOr<google::type::Date> ParseDate(absl::string_view text) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a date in the form YYYY-MM-DD"));
  };
  const absl::string_view t = absl::StripAsciiWhitespace(text);
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return invalid();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(t[i]))) return invalid();
  }
  int year = 0, month = 0, day = 0;
  if (!absl::SimpleAtoi(t.substr(0, 4), &year) || !absl::SimpleAtoi(t.substr(5, 2), &month) ||
      !absl::SimpleAtoi(t.substr(8, 2), &day)) {
    return invalid();
  }
  // CivilDay normalizes 2025-02-30 to 2025-03-02; a day that changed did not exist.
  const absl::CivilDay civil(year, month, day);
  if (year < 1 || civil.year() != year || civil.month() != month || civil.day() != day) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a day of the calendar"));
  }
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

std::string FormatDate(const google::type::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return "";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

absl::Status SetFieldFromText(Message& message, absl::string_view path, absl::string_view text) {
  Message* current = &message;
  const std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(std::string(parts[i]));
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": no such field"));
    }
    const Reflection& r = *current->GetReflection();
    if (i + 1 < parts.size()) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_repeated()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ": no such field"));
      }
      current = r.MutableMessage(current, field);
      continue;
    }
    r.ClearField(current, field);
    if (text.empty()) return absl::OkStatus();
    std::vector<absl::string_view> values = {text};
    if (field->is_repeated()) values = absl::StrSplit(text, ',', absl::SkipWhitespace());
    for (absl::string_view value : values) {
      if (absl::Status set = SetScalar(*current, *field, value); !set.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ": ", set.message()));
      }
    }
  }
  return absl::OkStatus();
}

std::string FormatFieldAtPath(const Message& message, absl::string_view path) {
  const Message* current = &message;
  const std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(std::string(parts[i]));
    if (field == nullptr) return "";
    if (i + 1 == parts.size()) return FormatField(*current, *field);
    const Reflection& r = *current->GetReflection();
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_repeated() ||
        !r.HasField(*current, field)) {
      return "";
    }
    current = &r.GetMessage(*current, field);
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> FlattenSetFields(const Message& message) {
  std::vector<std::pair<std::string, std::string>> out;
  Flatten(message, "", out);
  return out;
}

}  // namespace dangbo::ctl
