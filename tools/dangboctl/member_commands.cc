// members create/get/list/update.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/member_fields.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

const std::vector<Column>& MemberColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"FULL NAME", "full_name"},
      {"STATE", "state"},
      {"ORGANIZATION", "organization"},
      {"CARD NUMBER", "party_card_number"},
      {"ADMITTED", "admission_decision_date"},
      {"FULL MEMBER", "full_member_date"},
      {"PARTY AGE", "derived.party_age_years"},
  };
  return *kColumns;
}

using membership_v1::Member;
using Stub = MembershipStub;

void PrintMember(CommandContext& ctx, const Member& member) {
  PrintResource(ctx.options().output, MemberColumns(), member, ctx.out());
}

absl::Status Create(CommandContext& ctx) {
  membership_v1::CreateMemberRequest request;
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(ctx.args(), MemberInputFields(), *request.mutable_member());
  if (!set.ok()) return set.status();
  Member& member = *request.mutable_member();
  member.set_organization(OrganizationName(member.organization()));
  if (auto state = ctx.args().Value("initial_state")) {
    auto parsed = ParseEnumAs<membership_v1::MemberState>(*state);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--initial_state: ", parsed.status().message()));
    }
    request.set_initial_state(*parsed);
  }
  request.set_request_id(RequestIdFrom(ctx.args()));
  Member created;
  if (absl::Status s = Mutate(ctx, &Stub::CreateMember, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintMember(ctx, created);
  return absl::OkStatus();
}

absl::Status Get(CommandContext& ctx) {
  membership_v1::GetMemberRequest request;
  request.set_name(MemberName(ctx.args().positional()[0]));
  Member member;
  if (absl::Status s = Call(ctx, &Stub::GetMember, request, &member); !s.ok()) return s;
  PrintMember(ctx, member);
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  membership_v1::ListMembersRequest request;
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  auto states = EnumsFrom<membership_v1::MemberState>(args, "state");
  if (!states.ok()) return states.status();
  for (auto state : *states) request.add_states(state);
  request.set_name_query(args.ValueOr("name", ""));
  request.set_party_card_number(args.ValueOr("card", ""));
  request.set_citizen_id(args.ValueOr("citizen_id", ""));
  for (const auto& [option, set] :
       {std::pair{"exempted_only", &membership_v1::ListMembersRequest::set_exempted_only},
        std::pair{"lost_contact_only", &membership_v1::ListMembersRequest::set_lost_contact_only},
        std::pair{"in_transit_only", &membership_v1::ListMembersRequest::set_in_transit_only}}) {
    absl::StatusOr<bool> flag = args.Flag(option);
    if (!flag.ok()) return flag.status();
    (request.*set)(*flag);
  }
  absl::StatusOr<Paging> paging = PagingFromArgs(args);
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, MemberColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListMembers, request, *paging,
      [](const membership_v1::ListMembersResponse& r) -> const auto& { return r.members(); },
      [&](const Member& m) { printer.Add(m); });
}

absl::Status Update(CommandContext& ctx) {
  membership_v1::UpdateMemberRequest request;
  const std::string name = MemberName(ctx.args().positional()[0]);
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(ctx.args(), MemberProfileFields(), *request.mutable_member());
  if (!set.ok()) return set.status();
  if (set->empty()) {
    std::vector<std::string> options;
    for (const std::string& path : MemberProfileFields()) options.push_back(OptionNameOf(path));
    return absl::InvalidArgumentError(
        absl::StrCat("nothing to update; give one of --", absl::StrJoin(options, ", --")));
  }
  for (const std::string& path : *set) request.mutable_update_mask()->add_paths(path);
  std::string etag = ctx.args().ValueOr("etag", "");
  if (etag.empty()) {
    // Without --etag the caller means the member as it stands now.
    membership_v1::GetMemberRequest get;
    get.set_name(name);
    Member current;
    if (absl::Status s = Call(ctx, &Stub::GetMember, get, &current); !s.ok()) return s;
    etag = current.etag();
  }
  request.mutable_member()->set_name(name);
  request.mutable_member()->set_etag(etag);
  request.set_request_id(RequestIdFrom(ctx.args()));
  Member updated;
  if (absl::Status s = Mutate(ctx, &Stub::UpdateMember, request, &updated, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintMember(ctx, updated);
  return absl::OkStatus();
}

}  // namespace

void RegisterMemberCommands(CommandRegistry& registry) {
  const auto* type = Member::descriptor();
  const auto* states = google::protobuf::GetEnumDescriptor<membership_v1::MemberState>();
  registry.Add({"members", "create", "", 0, 0, "Create a member: an applicant, or one imported.",
                "--organization is required. A member imported as probationary or full needs "
                "--initial_state and the admission dates.",
                Concat(FieldOptions(*type, MemberInputFields()),
                       std::vector<OptionSpec>{{"initial_state", OptionKind::kValue, "STATE",
                                                "applicant (default), probationary or full"},
                                               RequestIdOption()}),
                Create});
  registry.Add({"members", "get", "MEMBER", 1, 1, "Show one member.", "", {}, Get});
  registry.Add(
      {"members", "list", "", 0, 0, "List members, every page.",
       "Without --subtree: everything inside the caller's scopes.",
       Concat(
           std::vector<OptionSpec>{
               {"subtree", OptionKind::kValue, "ORGANIZATION",
                "members registered in this organization's subtree"},
               {"state", OptionKind::kList, "STATE",
                absl::StrCat("only these states (default applicant, probationary, full): ",
                             EnumChoices(*states))},
               {"name", OptionKind::kValue, "WORDS",
                "words of the name; case and diacritics ignored"},
               {"card", OptionKind::kValue, "NUMBER", "party card number"},
               {"citizen_id", OptionKind::kValue, "ID",
                "citizen id (needs the personal_data role)"},
               {"exempted_only", OptionKind::kFlag, "", "only exempted members"},
               {"lost_contact_only", OptionKind::kFlag, "", "only members out of contact"},
               {"in_transit_only", OptionKind::kFlag, "", "only members being transferred"}},
           PagingOptions()),
       List});
  registry.Add({"members", "update", "MEMBER", 1, 1, "Change a member's profile fields.",
                "Only the fields given are changed; an empty value clears a field. Personal "
                "data fields need the personal_data role.",
                Concat(FieldOptions(*type, MemberProfileFields()),
                       std::vector<OptionSpec>{
                           {"etag", OptionKind::kValue, "ETAG",
                            "refuse the change if the member changed since this etag (default: "
                            "its current etag)"},
                           RequestIdOption()}),
                Update});
}

}  // namespace dangbo::ctl
