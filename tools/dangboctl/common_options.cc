#include "tools/dangboctl/common_options.h"

#include <cstdint>
#include <random>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace dangbo::ctl {
namespace {

using google::protobuf::FieldDescriptor;

bool AllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string ResourceName(absl::string_view collection, absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (AllDigits(trimmed)) return absl::StrCat(collection, "/", trimmed);
  return std::string(trimmed);
}

const FieldDescriptor* FieldAtPath(const google::protobuf::Descriptor& type,
                                   absl::string_view path) {
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

}  // namespace

std::string NewRequestId() {
  std::random_device random;
  std::uniform_int_distribution<uint32_t> word;
  uint32_t w[4];
  for (uint32_t& x : w) x = word(random);
  w[1] = (w[1] & 0xFFFF0FFFu) | 0x00004000u;  // version 4
  w[2] = (w[2] & 0x3FFFFFFFu) | 0x80000000u;  // RFC 4122 variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xFFFF,
                         w[2] >> 16, w[2] & 0xFFFF, w[3]);
}

OptionSpec RequestIdOption() {
  return {"request_id", OptionKind::kValue, "ID",
          "idempotency key; pass the same one to retry safely (default: a new random one)"};
}

std::string RequestIdFrom(const ParsedArgs& args) {
  std::optional<std::string> given = args.Value("request_id");
  return given.has_value() && !given->empty() ? *given : NewRequestId();
}

OptionSpec EffectiveDateOption() {
  return {"effective_date", OptionKind::kValue, "YYYY-MM-DD", "when the change takes effect"};
}

std::vector<OptionSpec> DecisionOptions() {
  return {
      {"decision_number", OptionKind::kValue, "NUMBER",
       "number of the decision, as printed, e.g. 251-QĐ/ĐUK"},
      {"decision_date", OptionKind::kValue, "YYYY-MM-DD", "date the decision was signed"},
      {"decision_issuer", OptionKind::kValue, "ISSUER",
       "organizations/ID, or the issuer's name as printed"},
  };
}

absl::StatusOr<std::optional<dangbo::type::v1::Decision>> DecisionFrom(const ParsedArgs& args) {
  if (!args.Has("decision_number") && !args.Has("decision_date") && !args.Has("decision_issuer")) {
    return std::nullopt;
  }
  dangbo::type::v1::Decision decision;
  decision.set_number(args.ValueOr("decision_number", ""));
  std::string issuer = args.ValueOr("decision_issuer", "");
  decision.set_issuer(AllDigits(issuer) ? OrganizationName(issuer) : issuer);
  absl::StatusOr<std::optional<google::type::Date>> date = DateFrom(args, "decision_date");
  if (!date.ok()) return date.status();
  if (date->has_value()) *decision.mutable_date() = **date;
  return decision;
}

absl::StatusOr<std::optional<google::type::Date>> DateFrom(const ParsedArgs& args,
                                                           absl::string_view name) {
  std::optional<std::string> text = args.Value(name);
  if (!text.has_value() || text->empty()) return std::nullopt;
  absl::StatusOr<google::type::Date> date = ParseDate(*text);
  if (!date.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", date.status().message()));
  }
  return *date;
}

std::string OrganizationName(absl::string_view text) { return ResourceName("organizations", text); }

std::string MemberName(absl::string_view text) { return ResourceName("members", text); }

std::string OptionNameOf(absl::string_view path) {
  const size_t dot = path.rfind('.');
  return std::string(dot == absl::string_view::npos ? path : path.substr(dot + 1));
}

absl::StatusOr<std::vector<std::string>> SetFieldsFromOptions(
    const ParsedArgs& args, const std::vector<std::string>& fields,
    google::protobuf::Message& message) {
  std::vector<std::string> set;
  for (const std::string& path : fields) {
    const std::string option = OptionNameOf(path);
    std::optional<std::string> value = args.Value(option);
    if (!value.has_value()) continue;
    if (absl::Status status = SetFieldFromText(message, path, *value); !status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", option, ": ", status.message()));
    }
    set.push_back(path);
  }
  return set;
}

std::vector<OptionSpec> FieldOptions(const google::protobuf::Descriptor& type,
                                     const std::vector<std::string>& fields) {
  std::vector<OptionSpec> options;
  for (const std::string& path : fields) {
    OptionSpec spec{OptionNameOf(path), OptionKind::kValue, "TEXT", path};
    const FieldDescriptor* field = FieldAtPath(type, path);
    if (field != nullptr) {
      switch (field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_BOOL:
          spec.kind = OptionKind::kFlag;
          spec.value_name = "";
          break;
        case FieldDescriptor::CPPTYPE_ENUM:
          spec.value_name = "NAME";
          spec.help = absl::StrCat(path, ": ", EnumChoices(*field->enum_type()));
          break;
        case FieldDescriptor::CPPTYPE_INT32:
        case FieldDescriptor::CPPTYPE_INT64:
          spec.value_name = "N";
          break;
        case FieldDescriptor::CPPTYPE_MESSAGE:
          spec.value_name = "YYYY-MM-DD";
          break;
        default:
          break;
      }
    }
    options.push_back(std::move(spec));
  }
  return options;
}

}  // namespace dangbo::ctl
