// overdue list: inspections, required tasks and appeals past their deadlines.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::ListOverdueRequest request;
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  auto as_of = DateFrom(args, "as_of");
  if (!as_of.ok()) return as_of.status();
  if (as_of->has_value()) *request.mutable_as_of() = **as_of;
  absl::StatusOr<Paging> paging = PagingFromArgs(args);
  if (!paging.ok()) return paging.status();
  static const auto* const kColumns = new std::vector<Column>{
      {"KIND", "kind"},    {"RESOURCE", "resource"},           {"TASK", "task_number"},
      {"DUE", "due_date"}, {"DAYS PAST DUE", "days_past_due"},
  };
  ResourcePrinter printer(ctx.options().output, *kColumns, ctx.out());
  return ListPages(
      ctx, &InspectionStub::ListOverdue, request, *paging,
      [](const inspection_v1::ListOverdueResponse& r) -> const auto& { return r.overdue_items(); },
      [&](const inspection_v1::OverdueItem& item) { printer.Add(item); });
}

}  // namespace

void RegisterOverdueCommands(CommandRegistry& registry) {
  registry.Add({"overdue", "list", "", 0, 0,
                "Inspections past their duration, required tasks past due, appeals unresolved "
                "past their deadline.",
                "Without --subtree: everything inside the caller's scopes.",
                Concat(std::vector<OptionSpec>{{"subtree", OptionKind::kValue, "ORGANIZATION",
                                                "work conducted or decided in this subtree"},
                                               {"as_of", OptionKind::kValue, "YYYY-MM-DD",
                                                "the day to judge lateness on (default today)"}},
                       PagingOptions()),
                List});
}

}  // namespace dangbo::ctl
