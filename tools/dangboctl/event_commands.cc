// events record/list: a member's lifecycle.
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using membership_v1::MemberEvent;
using Stub = MembershipStub;

// Option name -> MemberEvent path; the short names are what a clerk types.
const std::vector<std::pair<std::string, std::string>>& EventFields() {
  static const auto* const kFields = new std::vector<std::pair<std::string, std::string>>{
      {"type", "type"},
      {"effective_date", "effective_date"},
      {"ceremony_date", "ceremony_date"},
      {"special_age_decision", "special_age_decision"},
      {"destination", "destination_organization"},
      {"moved_date", "moved_date"},
      {"temporary_until", "temporary_until"},
      {"purpose", "temporary_purpose"},
      {"ground", "strike_off_ground"},
      {"note", "note"},
  };
  return *kFields;
}

const std::vector<Column>& EventColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"TYPE", "type"},
      {"EFFECTIVE DATE", "effective_date"},
      {"DECISION", "decision"},
      {"STATE BEFORE", "state_before"},
      {"STATE AFTER", "state_after"},
      {"ORGANIZATION AFTER", "organization_after"},
      {"RECORDED BY", "recorded_by"},
  };
  return *kColumns;
}

std::vector<OptionSpec> EventOptions() {
  std::vector<OptionSpec> options;
  for (const auto& [option, path] : EventFields()) {
    OptionSpec spec = FieldOptions(*MemberEvent::descriptor(), {path}).front();
    spec.name = option;
    options.push_back(std::move(spec));
  }
  return options;
}

absl::Status Record(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  membership_v1::RecordMemberEventRequest request;
  request.set_member(MemberName(args.positional()[0]));
  MemberEvent& event = *request.mutable_event();
  for (const auto& [option, path] : EventFields()) {
    std::optional<std::string> value = args.Value(option);
    if (!value.has_value()) continue;
    if (absl::Status s = SetFieldFromText(event, path, *value); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", option, ": ", s.message()));
    }
  }
  if (event.type() == membership_v1::MEMBER_EVENT_TYPE_UNSPECIFIED) {
    return absl::InvalidArgumentError("--type is required");
  }
  if (!event.destination_organization().empty()) {
    event.set_destination_organization(OrganizationName(event.destination_organization()));
  }
  absl::StatusOr<std::optional<dangbo::type::v1::Decision>> decision = DecisionFrom(args);
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) *event.mutable_decision() = **decision;
  request.set_etag(args.ValueOr("etag", ""));
  request.set_request_id(RequestIdFrom(args));
  membership_v1::RecordMemberEventResponse response;
  if (absl::Status s =
          Mutate(ctx, &Stub::RecordMemberEvent, request, &response, request.request_id());
      !s.ok()) {
    return s;
  }
  for (const std::string& warning : response.event().warnings()) {
    ctx.err() << "warning: " << warning << '\n';
  }
  if (ctx.options().output == OutputFormat::kJson) {
    ctx.out() << ToJson(response) << '\n';
    return absl::OkStatus();
  }
  PrintResource(ctx.options().output, EventColumns(), response.event(), ctx.out());
  if (ctx.options().output == OutputFormat::kTable) {
    ctx.out() << "\n"
              << response.member().name() << " is now "
              << FormatFieldAtPath(response.member(), "state") << " in "
              << response.member().organization() << '\n';
  }
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  membership_v1::ListMemberEventsRequest request;
  request.set_member(MemberName(ctx.args().positional()[0]));
  absl::StatusOr<Paging> paging = PagingFromArgs(ctx.args());
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, EventColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListMemberEvents, request, *paging,
      [](const membership_v1::ListMemberEventsResponse& r) -> const auto& { return r.events(); },
      [&](const MemberEvent& e) { printer.Add(e); });
}

}  // namespace

void RegisterEventCommands(CommandRegistry& registry) {
  registry.Add(
      {"events", "record", "MEMBER", 1, 1, "Record a lifecycle event of a member.",
       "Validated by the service against the member's state and dates, e.g.\n"
       "  dangboctl events record members/42 --type=admit --effective_date=2025-03-01 \\\n"
       "      --ceremony_date=2025-03-15 --decision_number=251-QĐ/ĐUK "
       "--decision_date=2025-03-01\n"
       "Warnings (soft rules an upper committee may allow) are printed on stderr.",
       Concat(EventOptions(), DecisionOptions(),
              std::vector<OptionSpec>{{"etag", OptionKind::kValue, "ETAG",
                                       "refuse the event if the member changed since this etag"},
                                      RequestIdOption()}),
       Record});
  registry.Add({"events", "list", "MEMBER", 1, 1, "A member's history, oldest first.", "",
                PagingOptions(), List});
}

}  // namespace dangbo::ctl
