// badges record/list: Huy hiệu Đảng.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using membership_v1::Badge;

const std::vector<std::string>& BadgeFields() {
  static const auto* const kFields =
      new std::vector<std::string>{"years", "award_date", "posthumous", "early"};
  return *kFields;
}

const std::vector<Column>& BadgeColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"MEMBER", "member"},     {"YEARS", "years"},           {"AWARD DATE", "award_date"},
      {"DECISION", "decision"}, {"POSTHUMOUS", "posthumous"}, {"EARLY", "early"},
  };
  return *kColumns;
}

absl::Status Record(CommandContext& ctx) {
  membership_v1::RecordBadgeRequest request;
  Badge& badge = *request.mutable_badge();
  badge.set_member(MemberName(ctx.args().positional()[0]));
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(ctx.args(), BadgeFields(), badge);
  if (!set.ok()) return set.status();
  absl::StatusOr<std::optional<dangbo::type::v1::Decision>> decision = DecisionFrom(ctx.args());
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) *badge.mutable_decision() = **decision;
  request.set_request_id(RequestIdFrom(ctx.args()));
  Badge recorded;
  if (absl::Status s =
          Mutate(ctx, &MembershipStub::RecordBadge, request, &recorded, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintResource(ctx.options().output, BadgeColumns(), recorded, ctx.out());
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  membership_v1::ListBadgesRequest request;
  request.set_member(MemberName(ctx.args().positional()[0]));
  membership_v1::ListBadgesResponse response;
  if (absl::Status s = Call(ctx, &MembershipStub::ListBadges, request, &response); !s.ok()) {
    return s;
  }
  ResourcePrinter printer(ctx.options().output, BadgeColumns(), ctx.out());
  for (const Badge& badge : response.badges()) printer.Add(badge);
  return absl::OkStatus();
}

}  // namespace

void RegisterBadgeCommands(CommandRegistry& registry) {
  registry.Add({"badges", "record", "MEMBER", 1, 1, "Record a Huy hiệu Đảng awarded to a member.",
                "e.g. dangboctl badges record members/42 --years=30 --award_date=2025-02-03 \\\n"
                "         --decision_number=12-QĐ/TW --decision_date=2025-01-20",
                Concat(FieldOptions(*Badge::descriptor(), BadgeFields()), DecisionOptions(),
                       std::vector<OptionSpec>{RequestIdOption()}),
                Record});
  registry.Add(
      {"badges", "list", "MEMBER", 1, 1, "The badges a member has been awarded.", "", {}, List});
}

}  // namespace dangbo::ctl
