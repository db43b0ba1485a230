// due list: recognitions, transfers and badges due or overdue in a subtree.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using membership_v1::DueAction;

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  membership_v1::ListDueActionsRequest request;
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  if (auto horizon = args.Value("horizon")) {
    int32_t days = 0;
    if (!absl::SimpleAtoi(*horizon, &days) || days < 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("--horizon=", *horizon, ": a positive number of days"));
    }
    request.set_horizon_days(days);
  }
  auto kinds = EnumsFrom<DueAction::Kind>(args, "kind");
  if (!kinds.ok()) return kinds.status();
  for (auto kind : *kinds) request.add_kinds(kind);
  absl::StatusOr<Paging> paging = PagingFromArgs(args);
  if (!paging.ok()) return paging.status();
  static const auto* const kColumns = new std::vector<Column>{
      {"MEMBER", "member"},   {"FULL NAME", "member_full_name"}, {"ORGANIZATION", "organization"},
      {"KIND", "kind"},       {"WINDOW START", "window_start"},  {"DUE DATE", "due_date"},
      {"OVERDUE", "overdue"}, {"BADGE YEARS", "badge_years"},
  };
  ResourcePrinter printer(ctx.options().output, *kColumns, ctx.out());
  return ListPages(
      ctx, &MembershipStub::ListDueActions, request, *paging,
      [](const membership_v1::ListDueActionsResponse& r) -> const auto& { return r.due_actions(); },
      [&](const DueAction& a) { printer.Add(a); });
}

}  // namespace

void RegisterDueCommands(CommandRegistry& registry) {
  registry.Add(
      {"due", "list", "", 0, 0,
       "Recognitions, official transfers and party badges due or overdue in a subtree.",
       "Ordered by member, then due date.",
       Concat(
           std::vector<OptionSpec>{
               {"subtree", OptionKind::kValue, "ORGANIZATION",
                "members registered in this organization's subtree"},
               {"horizon", OptionKind::kValue, "DAYS",
                "include actions due within this many days (default 90, at most 3660)"},
               {"kind", OptionKind::kList, "KIND",
                absl::StrCat(
                    "only these kinds: ",
                    EnumChoices(*google::protobuf::GetEnumDescriptor<DueAction::Kind>()))}},
           PagingOptions()),
       List});
}

}  // namespace dangbo::ctl
