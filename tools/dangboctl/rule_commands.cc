// rules get/list/create/update: the dated inspection and discipline rules (RuleVersion).
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/inspection_support.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using inspection_v1::RuleVersion;
using Stub = InspectionStub;

const std::vector<Column>& RuleColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"EFFECTIVE", "effective_date"},
      {"REPRIMAND YEARS", "reprimand_limitation_years"},
      {"WARNING YEARS", "warning_limitation_years"},
      {"APPEAL FILING DAYS", "appeal_filing_working_days"},
      {"APPEAL RESOLUTION DAYS", "appeal_resolution_working_days"},
      {"UPDATED", "update_time"},
  };
  return *kColumns;
}

void PrintRules(CommandContext& ctx, const RuleVersion& version) {
  PrintResource(ctx.options().output, RuleColumns(), version, ctx.out());
}

// The rule fields of RuleVersion: everything but its identity and bookkeeping.
bool IsRuleField(const std::string& name) {
  return name != "name" && name != "effective_date" && name != "update_time" && name != "etag";
}

absl::Status Get(CommandContext& ctx) {
  inspection_v1::GetRuleVersionRequest request;
  request.set_name(RuleVersionName(ctx.args().positional()[0]));
  RuleVersion version;
  if (absl::Status s = Call(ctx, &Stub::GetRuleVersion, request, &version); !s.ok()) return s;
  PrintRules(ctx, version);
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  absl::StatusOr<Paging> paging = PagingFromArgs(ctx.args());
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, RuleColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListRuleVersions, inspection_v1::ListRuleVersionsRequest(), *paging,
      [](const inspection_v1::ListRuleVersionsResponse& r) -> const auto& {
        return r.rule_versions();
      },
      [&](const RuleVersion& v) { printer.Add(v); });
}

absl::Status Create(CommandContext& ctx) {
  inspection_v1::CreateRuleVersionRequest request;
  if (absl::Status s =
          MessageFromJsonFile(ctx.args().positional()[0], *request.mutable_rule_version());
      !s.ok()) {
    return s;
  }
  auto effective = DateFrom(ctx.args(), "effective_date");
  if (!effective.ok()) return effective.status();
  if (effective->has_value())
    *request.mutable_rule_version()->mutable_effective_date() = **effective;
  if (!request.rule_version().has_effective_date()) {
    return absl::InvalidArgumentError("effectiveDate in the JSON or --effective_date is required");
  }
  request.set_request_id(RequestIdFrom(ctx.args()));
  RuleVersion created;
  if (absl::Status s =
          Mutate(ctx, &Stub::CreateRuleVersion, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintRules(ctx, created);
  return absl::OkStatus();
}

// The update mask: --fields when given, else every rule field the JSON sets to a value other
// than its default (a field set to 0 or emptied needs --fields).
absl::StatusOr<std::vector<std::string>> MaskFor(const ParsedArgs& args,
                                                 const RuleVersion& version) {
  std::vector<std::string> paths = args.Values("fields");
  const auto* descriptor = RuleVersion::descriptor();
  for (const std::string& path : paths) {
    if (descriptor->FindFieldByName(path) == nullptr || !IsRuleField(path)) {
      return absl::InvalidArgumentError(absl::StrCat("--fields: ", path, " is not a rule field"));
    }
  }
  if (!paths.empty()) return paths;
  std::vector<const google::protobuf::FieldDescriptor*> set;
  version.GetReflection()->ListFields(version, &set);
  for (const auto* field : set) {
    if (IsRuleField(field->name())) paths.push_back(field->name());
  }
  if (paths.empty()) {
    return absl::InvalidArgumentError("the JSON sets no rule field; name them with --fields");
  }
  return paths;
}

absl::Status Update(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::UpdateRuleVersionRequest request;
  RuleVersion& version = *request.mutable_rule_version();
  if (absl::Status s = MessageFromJsonFile(args.positional()[1], version); !s.ok()) return s;
  absl::StatusOr<std::vector<std::string>> mask = MaskFor(args, version);
  if (!mask.ok()) return mask.status();
  for (const std::string& path : *mask) request.mutable_update_mask()->add_paths(path);
  const std::string name = RuleVersionName(args.positional()[0]);
  std::string etag = args.ValueOr("etag", "");
  if (etag.empty()) {
    inspection_v1::GetRuleVersionRequest get;
    get.set_name(name);
    RuleVersion current;
    if (absl::Status s = Call(ctx, &Stub::GetRuleVersion, get, &current); !s.ok()) return s;
    etag = current.etag();
  }
  version.set_name(name);
  version.set_etag(etag);
  request.set_request_id(RequestIdFrom(args));
  RuleVersion updated;
  if (absl::Status s =
          Mutate(ctx, &Stub::UpdateRuleVersion, request, &updated, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintRules(ctx, updated);
  return absl::OkStatus();
}

}  // namespace

void RegisterRuleCommands(CommandRegistry& registry) {
  registry.Add({"rules",
                "get",
                "VERSION",
                1,
                1,
                "Show the rules in force from one date (ruleVersions/YYYY-MM-DD or the date).",
                "With --output=json every rule is printed, the authority matrix included.",
                {},
                Get});
  registry.Add(
      {"rules", "list", "", 0, 0, "Every rule version, oldest first.", "", PagingOptions(), List});
  registry.Add(
      {"rules",
       "create",
       "FILE.json",
       1,
       1,
       "Add the rules in force from a new date (admins only).",
       "FILE.json is a RuleVersion in protobuf JSON (\"-\": standard input); rules left out are\n"
       "taken from the version before it.",
       {{"effective_date", OptionKind::kValue, "YYYY-MM-DD",
         "the first day the rules apply (overrides effectiveDate in the file)"},
        RequestIdOption()},
       Create});
  registry.Add(
      {"rules",
       "update",
       "VERSION FILE.json",
       2,
       2,
       "Change a rule version (admins only).",
       "The rules the file sets are changed; --fields names them when one is set to 0 or\n"
       "emptied.",
       {{"fields", OptionKind::kList, "FIELD", "the rule fields to change (default: those set)"},
        {"etag", OptionKind::kValue, "ETAG",
         "refuse if the version changed since this etag (default: its current etag)"},
        RequestIdOption()},
       Update});
}

}  // namespace dangbo::ctl
