// organizations create/get/list/tree/update/move/merge/split/dissolve/history.
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using membership_v1::Organization;
using Stub = MembershipStub;

const std::vector<Column>& OrganizationColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"CODE", "code"},
      {"DISPLAY NAME", "display_name"},
      {"KIND", "kind"},
      {"STATE", "state"},
      {"PARENT", "parent"},
      {"ESTABLISHED", "established_date"},
  };
  return *kColumns;
}

const std::vector<std::string>& CreateFields() {
  static const auto* const kFields = new std::vector<std::string>{"code",
                                                                  "display_name",
                                                                  "kind",
                                                                  "parent",
                                                                  "enterprise_name",
                                                                  "enterprise_ownership",
                                                                  "granted_upper_level_powers",
                                                                  "established_date"};
  return *kFields;
}

// UpdateOrganizationRequest.update_mask's allowed paths.
const std::vector<std::string>& UpdateFields() {
  static const auto* const kFields =
      new std::vector<std::string>{"code", "display_name", "enterprise_name",
                                   "enterprise_ownership", "granted_upper_level_powers"};
  return *kFields;
}

OptionSpec EtagOption() {
  return {"etag", OptionKind::kValue, "ETAG",
          "refuse the change if the organization changed since this etag (default: its "
          "current etag)"};
}

void PrintOrganization(CommandContext& ctx, const Organization& organization) {
  PrintResource(ctx.options().output, OrganizationColumns(), organization, ctx.out());
}

// The etag to send: --etag, else the organization's current one. Without --etag the caller
// means "as it stands now", which only a read can say.
absl::StatusOr<std::string> EtagFor(CommandContext& ctx, const std::string& name) {
  if (auto etag = ctx.args().Value("etag")) return *etag;
  membership_v1::GetOrganizationRequest request;
  request.set_name(name);
  Organization current;
  if (absl::Status s = Call(ctx, &Stub::GetOrganization, request, &current); !s.ok()) return s;
  return current.etag();
}

// Sets the effective date and the decision of a change request.
template <typename Request>
absl::Status SetDateAndDecision(const ParsedArgs& args, Request& request) {
  absl::StatusOr<std::optional<google::type::Date>> date = DateFrom(args, "effective_date");
  if (!date.ok()) return date.status();
  if (date->has_value()) *request.mutable_effective_date() = **date;
  absl::StatusOr<std::optional<dangbo::type::v1::Decision>> decision = DecisionFrom(args);
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) *request.mutable_decision() = **decision;
  return absl::OkStatus();
}

absl::Status Create(CommandContext& ctx) {
  membership_v1::CreateOrganizationRequest request;
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(ctx.args(), CreateFields(), *request.mutable_organization());
  if (!set.ok()) return set.status();
  Organization& organization = *request.mutable_organization();
  if (!organization.parent().empty()) {
    organization.set_parent(OrganizationName(organization.parent()));
  }
  absl::StatusOr<std::optional<dangbo::type::v1::Decision>> decision = DecisionFrom(ctx.args());
  if (!decision.ok()) return decision.status();
  if (decision->has_value()) *request.mutable_decision() = **decision;
  request.set_request_id(RequestIdFrom(ctx.args()));
  Organization created;
  if (absl::Status s =
          Mutate(ctx, &Stub::CreateOrganization, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintOrganization(ctx, created);
  return absl::OkStatus();
}

absl::Status Get(CommandContext& ctx) {
  membership_v1::GetOrganizationRequest request;
  request.set_name(OrganizationName(ctx.args().positional()[0]));
  absl::StatusOr<std::optional<google::type::Date>> as_of = DateFrom(ctx.args(), "as_of");
  if (!as_of.ok()) return as_of.status();
  if (as_of->has_value()) *request.mutable_as_of() = **as_of;
  Organization organization;
  if (absl::Status s = Call(ctx, &Stub::GetOrganization, request, &organization); !s.ok()) {
    return s;
  }
  PrintOrganization(ctx, organization);
  return absl::OkStatus();
}

absl::StatusOr<membership_v1::ListOrganizationsRequest> ListRequest(const ParsedArgs& args) {
  membership_v1::ListOrganizationsRequest request;
  if (auto parent = args.Value("parent")) request.set_parent(OrganizationName(*parent));
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  auto kinds = EnumsFrom<membership_v1::OrganizationKind>(args, "kind");
  if (!kinds.ok()) return kinds.status();
  for (auto kind : *kinds) request.add_kinds(kind);
  auto states = EnumsFrom<membership_v1::OrganizationState>(args, "state");
  if (!states.ok()) return states.status();
  for (auto state : *states) request.add_states(state);
  absl::StatusOr<std::optional<google::type::Date>> as_of = DateFrom(args, "as_of");
  if (!as_of.ok()) return as_of.status();
  if (as_of->has_value()) *request.mutable_as_of() = **as_of;
  return request;
}

absl::Status List(CommandContext& ctx) {
  absl::StatusOr<membership_v1::ListOrganizationsRequest> request = ListRequest(ctx.args());
  if (!request.ok()) return request.status();
  absl::StatusOr<Paging> paging = PagingFromArgs(ctx.args());
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, OrganizationColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListOrganizations, *std::move(request), *paging,
      [](const membership_v1::ListOrganizationsResponse& r) -> const auto& {
        return r.organizations();
      },
      [&](const Organization& o) { printer.Add(o); });
}

// One line of the tree: the name people know it by, then what identifies it.
std::string TreeLabel(const Organization& o) {
  std::vector<std::string> facts = {o.name()};
  const std::string kind = FormatFieldAtPath(o, "kind");
  if (!kind.empty()) facts.push_back(kind);
  if (!o.code().empty()) facts.push_back(o.code());
  if (o.state() != membership_v1::ORGANIZATION_STATE_ACTIVE) {
    facts.push_back(FormatFieldAtPath(o, "state"));
  }
  return absl::StrCat(o.display_name(), "  (", absl::StrJoin(facts, ", "), ")");
}

void PrintSubtree(const std::map<std::string, std::vector<const Organization*>>& children,
                  const Organization& node, const std::string& indent, bool last, bool root,
                  std::vector<const Organization*>& order, std::ostream& out) {
  order.push_back(&node);
  out << (root ? "" : indent + (last ? "└── " : "├── ")) << TreeLabel(node) << '\n';
  auto it = children.find(node.name());
  if (it == children.end()) return;
  const std::string child_indent = root ? "" : indent + (last ? "    " : "│   ");
  for (size_t i = 0; i < it->second.size(); ++i) {
    PrintSubtree(children, *it->second[i], child_indent, i + 1 == it->second.size(), false, order,
                 out);
  }
}

absl::Status Tree(CommandContext& ctx) {
  const std::string root_name = OrganizationName(ctx.args().positional()[0]);
  absl::StatusOr<membership_v1::ListOrganizationsRequest> request = ListRequest(ctx.args());
  if (!request.ok()) return request.status();
  request->set_subtree(root_name);
  std::vector<Organization> organizations;
  absl::Status listed = ListPages(
      ctx, &Stub::ListOrganizations, *std::move(request), Paging{},
      [](const membership_v1::ListOrganizationsResponse& r) -> const auto& {
        return r.organizations();
      },
      [&](const Organization& o) { organizations.push_back(o); });
  if (!listed.ok()) return listed;

  std::map<std::string, std::vector<const Organization*>> children;
  std::map<std::string, const Organization*> by_name;
  for (const Organization& o : organizations) by_name[o.name()] = &o;
  std::vector<const Organization*> roots;
  for (const Organization& o : organizations) {
    // The root, and anything whose parent the listing did not return (a state filter can
    // leave gaps), start a tree of their own rather than vanish.
    if (o.name() == root_name || !by_name.contains(o.parent())) {
      roots.push_back(&o);
    } else {
      children[o.parent()].push_back(&o);
    }
  }
  if (ctx.options().output == OutputFormat::kTable) {
    std::vector<const Organization*> order;
    for (const Organization* root : roots) {
      PrintSubtree(children, *root, "", true, true, order, ctx.out());
    }
    return absl::OkStatus();
  }
  ResourcePrinter printer(ctx.options().output, OrganizationColumns(), ctx.out());
  for (const Organization& o : organizations) printer.Add(o);
  return absl::OkStatus();
}

absl::Status Update(CommandContext& ctx) {
  membership_v1::UpdateOrganizationRequest request;
  const std::string name = OrganizationName(ctx.args().positional()[0]);
  absl::StatusOr<std::vector<std::string>> set =
      SetFieldsFromOptions(ctx.args(), UpdateFields(), *request.mutable_organization());
  if (!set.ok()) return set.status();
  if (set->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("nothing to update; give one of --", absl::StrJoin(UpdateFields(), ", --")));
  }
  for (const std::string& path : *set) request.mutable_update_mask()->add_paths(path);
  if (absl::Status s = SetDateAndDecision(ctx.args(), request); !s.ok()) return s;
  absl::StatusOr<std::string> etag = EtagFor(ctx, name);
  if (!etag.ok()) return etag.status();
  request.mutable_organization()->set_name(name);
  request.mutable_organization()->set_etag(*etag);
  request.set_request_id(RequestIdFrom(ctx.args()));
  Organization updated;
  if (absl::Status s =
          Mutate(ctx, &Stub::UpdateOrganization, request, &updated, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintOrganization(ctx, updated);
  return absl::OkStatus();
}

absl::Status Move(CommandContext& ctx) {
  membership_v1::MoveOrganizationRequest request;
  request.set_name(OrganizationName(ctx.args().positional()[0]));
  std::optional<std::string> parent = ctx.args().Value("new_parent");
  if (!parent.has_value()) return absl::InvalidArgumentError("--new_parent is required");
  request.set_new_parent(OrganizationName(*parent));
  if (absl::Status s = SetDateAndDecision(ctx.args(), request); !s.ok()) return s;
  absl::StatusOr<std::string> etag = EtagFor(ctx, request.name());
  if (!etag.ok()) return etag.status();
  request.set_etag(*etag);
  request.set_request_id(RequestIdFrom(ctx.args()));
  Organization moved;
  if (absl::Status s = Mutate(ctx, &Stub::MoveOrganization, request, &moved, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintOrganization(ctx, moved);
  return absl::OkStatus();
}

absl::Status Merge(CommandContext& ctx) {
  membership_v1::MergeOrganizationsRequest request;
  std::optional<std::string> into = ctx.args().Value("into");
  if (!into.has_value()) return absl::InvalidArgumentError("--into is required");
  request.set_target(OrganizationName(*into));
  for (const std::string& source : ctx.args().positional()) {
    request.add_sources(OrganizationName(source));
  }
  if (absl::Status s = SetDateAndDecision(ctx.args(), request); !s.ok()) return s;
  request.set_request_id(RequestIdFrom(ctx.args()));
  Organization target;
  if (absl::Status s =
          Mutate(ctx, &Stub::MergeOrganizations, request, &target, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintOrganization(ctx, target);
  return absl::OkStatus();
}

// The parts are structured (each a new organization with the children and members it takes),
// so they come as the JSON of a SplitOrganizationRequest; the command line adds the source, the
// date, the decision and the request id.
absl::Status Split(CommandContext& ctx) {
  membership_v1::SplitOrganizationRequest request;
  std::optional<std::string> parts = ctx.args().Value("parts_file");
  if (!parts.has_value()) return absl::InvalidArgumentError("--parts_file is required");
  if (absl::Status s = MessageFromJsonFile(*parts, request); !s.ok()) return s;
  request.set_name(OrganizationName(ctx.args().positional()[0]));
  for (membership_v1::SplitOrganizationRequest::Part& part : *request.mutable_parts()) {
    Organization& organization = *part.mutable_organization();
    if (!organization.parent().empty()) {
      organization.set_parent(OrganizationName(organization.parent()));
    }
    for (std::string& child : *part.mutable_children()) child = OrganizationName(child);
    for (std::string& member : *part.mutable_members()) member = MemberName(member);
  }
  absl::StatusOr<bool> dissolve = ctx.args().Flag("dissolve_source");
  if (!dissolve.ok()) return dissolve.status();
  if (*dissolve) request.set_dissolve_source(true);
  if (absl::Status s = SetDateAndDecision(ctx.args(), request); !s.ok()) return s;
  request.set_request_id(RequestIdFrom(ctx.args()));
  membership_v1::SplitOrganizationResponse created;
  if (absl::Status s =
          Mutate(ctx, &Stub::SplitOrganization, request, &created, request.request_id());
      !s.ok()) {
    return s;
  }
  ResourcePrinter printer(ctx.options().output, OrganizationColumns(), ctx.out());
  for (const Organization& organization : created.organizations()) printer.Add(organization);
  return absl::OkStatus();
}

absl::Status Dissolve(CommandContext& ctx) {
  membership_v1::DissolveOrganizationRequest request;
  request.set_name(OrganizationName(ctx.args().positional()[0]));
  if (absl::Status s = SetDateAndDecision(ctx.args(), request); !s.ok()) return s;
  absl::StatusOr<std::string> etag = EtagFor(ctx, request.name());
  if (!etag.ok()) return etag.status();
  request.set_etag(*etag);
  request.set_request_id(RequestIdFrom(ctx.args()));
  Organization dissolved;
  if (absl::Status s =
          Mutate(ctx, &Stub::DissolveOrganization, request, &dissolved, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintOrganization(ctx, dissolved);
  return absl::OkStatus();
}

absl::Status History(CommandContext& ctx) {
  membership_v1::ListOrganizationChangesRequest request;
  request.set_name(OrganizationName(ctx.args().positional()[0]));
  absl::StatusOr<Paging> paging = PagingFromArgs(ctx.args());
  if (!paging.ok()) return paging.status();
  static const auto* const kColumns = new std::vector<Column>{
      {"EFFECTIVE DATE", "effective_date"},
      {"KIND", "kind"},
      {"DECISION", "decision"},
      {"DISPLAY NAME", "snapshot.display_name"},
      {"PARENT", "snapshot.parent"},
      {"RELATED", "related_organizations"},
  };
  ResourcePrinter printer(ctx.options().output, *kColumns, ctx.out());
  return ListPages(
      ctx, &Stub::ListOrganizationChanges, request, *paging,
      [](const membership_v1::ListOrganizationChangesResponse& r) -> const auto& {
        return r.changes();
      },
      [&](const membership_v1::OrganizationChange& c) { printer.Add(c); });
}

}  // namespace

void RegisterOrganizationCommands(CommandRegistry& registry) {
  const auto* type = Organization::descriptor();
  const std::vector<OptionSpec> as_of = {
      {"as_of", OptionKind::kValue, "YYYY-MM-DD", "as it stood on this date"}};
  const std::vector<OptionSpec> filters = {
      {"parent", OptionKind::kValue, "ORGANIZATION", "only the direct children of this one"},
      {"subtree", OptionKind::kValue, "ORGANIZATION", "only this one and its whole subtree"},
      {"kind", OptionKind::kList, "KIND",
       absl::StrCat(
           "only these kinds: ",
           EnumChoices(*google::protobuf::GetEnumDescriptor<membership_v1::OrganizationKind>()))},
      {"state", OptionKind::kList, "STATE",
       absl::StrCat(
           "only these states (default active): ",
           EnumChoices(*google::protobuf::GetEnumDescriptor<membership_v1::OrganizationState>()))},
  };
  registry.Add({"organizations", "create", "", 0, 0, "Create an organization under --parent.",
                "Without --parent a root is created (admins only).",
                Concat(FieldOptions(*type, CreateFields()), DecisionOptions(),
                       std::vector<OptionSpec>{RequestIdOption()}),
                Create});
  registry.Add(
      {"organizations", "get", "ORGANIZATION", 1, 1, "Show one organization.", "", as_of, Get});
  registry.Add({"organizations", "list", "", 0, 0, "List organizations, every page.",
                "Without --parent or --subtree: everything inside the caller's scopes.",
                Concat(filters, as_of, PagingOptions()), List});
  registry.Add({"organizations", "tree", "ORGANIZATION", 1, 1,
                "Print an organization's subtree as an indented tree.",
                "With --output=json or csv the subtree is printed as a list.",
                Concat(std::vector<OptionSpec>(filters.begin() + 2, filters.end()), as_of), Tree});
  registry.Add({"organizations", "update", "ORGANIZATION", 1, 1,
                "Change an organization's code, names, enterprise or powers.",
                "Only the fields given are changed; an empty value clears a field.",
                Concat(FieldOptions(*type, UpdateFields()),
                       std::vector<OptionSpec>{EffectiveDateOption(), EtagOption()},
                       DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
                Update});
  registry.Add({"organizations", "move", "ORGANIZATION", 1, 1,
                "Place an organization, with its subtree, under another parent.", "",
                Concat(std::vector<OptionSpec>{{"new_parent", OptionKind::kValue, "ORGANIZATION",
                                                "the new parent (required)"},
                                               EffectiveDateOption(),
                                               EtagOption()},
                       DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
                Move});
  registry.Add({"organizations", "merge", "SOURCE...", 1, -1,
                "Merge organizations into --into; their children and members move there.", "",
                Concat(std::vector<OptionSpec>{{"into", OptionKind::kValue, "ORGANIZATION",
                                                "the organization that receives them (required)"},
                                               EffectiveDateOption()},
                       DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
                Merge});
  registry.Add(
      {"organizations", "split", "ORGANIZATION", 1, 1,
       "Create new organizations out of one; the children and members each part names move "
       "to it.",
       "--parts_file holds the JSON of a SplitOrganizationRequest, e.g. {\"parts\": "
       "[{\"organization\": {\"code\": \"CB-2\", \"displayName\": \"Chi bộ 2\", "
       "\"kind\": \"ORGANIZATION_KIND_CELL\"}, \"members\": [\"members/7\"]}]}; a part's "
       "parent defaults to the source's parent. Prints the new organizations.",
       Concat(std::vector<OptionSpec>{{"parts_file", OptionKind::kValue, "FILE.json",
                                       "the parts (required; - reads standard input)"},
                                      {"dissolve_source", OptionKind::kFlag, "",
                                       "dissolve the source afterwards; it must be left empty"},
                                      EffectiveDateOption()},
              DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
       Split});
  registry.Add({"organizations", "dissolve", "ORGANIZATION", 1, 1,
                "Dissolve an organization without active children or members.", "",
                Concat(std::vector<OptionSpec>{EffectiveDateOption(), EtagOption()},
                       DecisionOptions(), std::vector<OptionSpec>{RequestIdOption()}),
                Dissolve});
  registry.Add({"organizations", "history", "ORGANIZATION", 1, 1,
                "An organization's history: establishment, updates, moves, merges, splits.", "",
                PagingOptions(), History});
}

}  // namespace dangbo::ctl
