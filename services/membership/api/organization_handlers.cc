// Organizations: the tree, its changes and its history.
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/dates.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "services/membership/api/mapping.h"
#include "services/membership/api/membership_service.h"
#include "services/membership/domain/member_lifecycle.h"
#include "services/membership/domain/organization_rules.h"

namespace dangbo::membership {
namespace {

using auth::Action;
using v1::OrganizationChange;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr int kMaxBatchGet = 1000;

absl::StatusOr<int64_t> OrganizationId(std::string_view field, std::string_view name) {
  return api::ParseResourceId(field, kOrganizations, name);
}

OrganizationVersion VersionOf(const Organization& org, Date from, OrganizationChange::Kind kind,
                              const Decision& decision, std::vector<int64_t> related = {}) {
  return OrganizationVersion{.organization = org,
                             .valid_from = from,
                             .valid_to = std::nullopt,
                             .change_kind = kind,
                             .decision = decision,
                             .related_ids = std::move(related)};
}

absl::Status RequireActive(std::string_view field, const Organization& org) {
  if (org.state != OrganizationState::kActive) {
    return status::FailedPrecondition(
        "organization", api::ResourceName(kOrganizations, org.id),
        absl::StrCat(ToAbsl(field), ": the organization is no longer active"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Date> EffectiveDate(std::string_view field, const google::type::Date& in,
                                   Date today) {
  DANGBO_ASSIGN_OR_RETURN(std::optional<Date> day, api::ParseOptionalDate(field, in));
  if (!day) return today;
  if (*day > today) return status::InvalidField(field, "must not be in the future");
  return *day;
}

// Re-roots `org` and every organization below it under `new_parent`, writing a history row
// for each, since the as-of tree reads paths from history.
absl::StatusOr<Organization> Reparent(MembershipTx& tx, Organization org,
                                      const Organization& new_parent, Date from,
                                      OrganizationChange::Kind kind, const Decision& decision) {
  const std::string old_path = org.path;
  DANGBO_ASSIGN_OR_RETURN(std::vector<Organization> descendants, tx.LockDescendants(old_path));
  org.parent_id = new_parent.id;
  org.path = ChildPath(new_parent.path, org.id);
  DANGBO_ASSIGN_OR_RETURN(org, tx.UpdateOrganization(org));
  DANGBO_RETURN_IF_ERROR(
      tx.AppendOrganizationVersion(VersionOf(org, from, kind, decision, {new_parent.id})));
  for (Organization& d : descendants) {
    d.path = org.path + d.path.substr(old_path.size());
    DANGBO_ASSIGN_OR_RETURN(Organization moved, tx.UpdateOrganization(d));
    DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(
        VersionOf(moved, from, OrganizationChange::KIND_MOVED, decision, {org.id})));
  }
  return org;
}

// A page of the histories of `ids`, in the order recorded, after `page_token`. The token is
// bound to `digest` (what the request named), so a token given with another request is refused.
template <typename Response>
absl::Status HistoryPage(MembershipStore& store, const std::vector<int64_t>& ids, int page_size,
                         const std::string& page_token, const std::string& digest,
                         Response* resp) {
  DANGBO_ASSIGN_OR_RETURN(int64_t after, api::DecodePageToken(page_token, digest));
  DANGBO_ASSIGN_OR_RETURN(std::vector<OrganizationVersion> history,
                          store.ListOrganizationHistories(ids, page_size + 1, after));
  const bool more = static_cast<int>(history.size()) > page_size;
  if (more) history.resize(page_size);
  for (const OrganizationVersion& v : history) {
    *resp->add_changes() = OrganizationChangeToProto(v);
  }
  if (more) resp->set_next_page_token(api::EncodePageToken(history.back().sequence, digest));
  return absl::OkStatus();
}

}  // namespace

grpc::Status MembershipServiceImpl::CreateOrganization(grpc::ServerContext* ctx,
                                                       const v1::CreateOrganizationRequest* req,
                                                       v1::Organization* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteOrganization));
    DANGBO_ASSIGN_OR_RETURN(Organization org,
                            OrganizationFromProto("organization", req->organization()));
    if (org.kind == OrganizationKind::kUnspecified) {
      return status::InvalidField("organization.kind", "required");
    }
    if (org.code.empty()) return status::InvalidField("organization.code", "required");
    DANGBO_ASSIGN_OR_RETURN(Decision decision, DecisionFromProto("decision", req->decision()));
    const Date today = Today();
    if (org.established_date && *org.established_date > today) {
      return status::InvalidField("organization.established_date", "must not be in the future");
    }
    if (org.parent_id) {
      DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kWriteOrganization,
                                         "organization.parent", *org.parent_id));
    } else if (!principal.unlimited_scope || !principal.HasRole(auth::Role::kAdmin)) {
      return status::WithErrorInfo(
          absl::PermissionDeniedError(
              "organization.parent: only an administrator without scope limits may create a root"),
          status::kReasonOutsideScope);
    }
    return Mutate(
        "CreateOrganization", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          std::optional<Organization> parent;
          if (org.parent_id) {
            DANGBO_ASSIGN_OR_RETURN(parent, tx.LockOrganization(*org.parent_id));
            DANGBO_RETURN_IF_ERROR(RequireActive("organization.parent", *parent));
          }
          DANGBO_RETURN_IF_ERROR(
              Prefixed("organization", CheckPlacement(org.kind, parent ? &*parent : nullptr)));
          org.state = OrganizationState::kActive;
          DANGBO_ASSIGN_OR_RETURN(Organization created, tx.InsertOrganization(org));
          DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(
              VersionOf(created, created.established_date.value_or(today),
                        OrganizationChange::KIND_ESTABLISHED, decision)));
          v1::Organization out = OrganizationToProto(created);
          const std::string name = out.name();
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(name, "created", out)},
                                 .resource = name,
                                 .audit_detail = absl::StrCat("established ", created.code)};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::GetOrganization(grpc::ServerContext* ctx,
                                                    const v1::GetOrganizationRequest* req,
                                                    v1::Organization* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadOrganization));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, OrganizationId("name", req->name()));
    DANGBO_ASSIGN_OR_RETURN(std::optional<Date> as_of,
                            api::ParseOptionalDate("as_of", req->as_of()));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kReadOrganization, "name", id));
    if (as_of) {
      DANGBO_ASSIGN_OR_RETURN(OrganizationVersion version,
                              deps_.store->GetOrganizationAsOf(id, *as_of));
      *resp = OrganizationToProto(version.organization);
    } else {
      DANGBO_ASSIGN_OR_RETURN(Organization org, deps_.store->GetOrganization(id));
      *resp = OrganizationToProto(org);
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<int64_t>> MembershipServiceImpl::ReadableOrganizationIds(
    const auth::Principal& principal,
    const google::protobuf::RepeatedPtrField<std::string>& names) {
  if (names.size() > kMaxBatchGet) {
    return status::InvalidField("names", absl::StrCat("at most ", kMaxBatchGet, " names"));
  }
  std::vector<int64_t> ids;
  ids.reserve(names.size());
  for (int i = 0; i < names.size(); ++i) {
    DANGBO_ASSIGN_OR_RETURN(int64_t id, OrganizationId(absl::StrCat("names[", i, "]"), names[i]));
    ids.push_back(id);
  }
  // One query answers existence and scope for the whole batch before any row is read.
  DANGBO_ASSIGN_OR_RETURN(auto paths, deps_.store->OrganizationPaths(ids));
  absl::flat_hash_map<int64_t, std::string> path_of(paths.begin(), paths.end());
  for (size_t i = 0; i < ids.size(); ++i) {
    auto it = path_of.find(ids[i]);
    if (it == path_of.end()) {
      return Prefixed(absl::StrCat("names[", i, "]"),
                      status::NotFound("organization", names[static_cast<int>(i)]));
    }
    DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, Action::kReadOrganization, it->second));
  }
  return ids;
}

grpc::Status MembershipServiceImpl::BatchGetOrganizations(
    grpc::ServerContext* ctx, const v1::BatchGetOrganizationsRequest* req,
    v1::BatchGetOrganizationsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadOrganization));
    DANGBO_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                            ReadableOrganizationIds(principal, req->names()));
    absl::flat_hash_map<int64_t, v1::Organization> read;
    for (int64_t id : ids) {
      if (read.contains(id)) continue;
      DANGBO_ASSIGN_OR_RETURN(Organization org, deps_.store->GetOrganization(id));
      read.emplace(id, OrganizationToProto(org));
    }
    for (int64_t id : ids) *resp->add_organizations() = read.at(id);
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::ListOrganizations(grpc::ServerContext* ctx,
                                                      const v1::ListOrganizationsRequest* req,
                                                      v1::ListOrganizationsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadOrganization));
    OrganizationFilter filter;
    DANGBO_ASSIGN_OR_RETURN(filter.page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    if (!req->parent().empty()) {
      DANGBO_ASSIGN_OR_RETURN(int64_t parent, OrganizationId("parent", req->parent()));
      DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kReadOrganization, "parent", parent));
      filter.parent_id = parent;
    }
    if (!req->subtree().empty()) {
      DANGBO_ASSIGN_OR_RETURN(int64_t root, OrganizationId("subtree", req->subtree()));
      DANGBO_ASSIGN_OR_RETURN(std::string path, PathOf("subtree", root));
      DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, Action::kReadOrganization, path));
      filter.subtree_path = path;
    }
    filter.scope_paths = ScopePaths(principal);
    for (int kind : req->kinds()) {
      if (!v1::OrganizationKind_IsValid(kind) || kind == 0) {
        return status::InvalidField("kinds", absl::StrCat("unknown kind ", kind));
      }
      filter.kinds.push_back(static_cast<OrganizationKind>(kind));
    }
    for (int state : req->states()) {
      if (!v1::OrganizationState_IsValid(state) || state == 0) {
        return status::InvalidField("states", absl::StrCat("unknown state ", state));
      }
      filter.states.push_back(static_cast<OrganizationState>(state));
    }
    if (filter.states.empty()) filter.states = {OrganizationState::kActive};
    DANGBO_ASSIGN_OR_RETURN(filter.as_of, api::ParseOptionalDate("as_of", req->as_of()));

    v1::ListOrganizationsRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(filter.after_id, api::DecodePageToken(req->page_token(), digest));

    const int page_size = filter.page_size;
    filter.page_size = page_size + 1;  // one more tells whether another page exists
    DANGBO_ASSIGN_OR_RETURN(std::vector<Organization> found,
                            deps_.store->ListOrganizations(filter));
    const bool more = static_cast<int>(found.size()) > page_size;
    if (more) found.resize(page_size);
    for (const Organization& org : found) *resp->add_organizations() = OrganizationToProto(org);
    if (more) resp->set_next_page_token(api::EncodePageToken(found.back().id, digest));
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::UpdateOrganization(grpc::ServerContext* ctx,
                                                       const v1::UpdateOrganizationRequest* req,
                                                       v1::Organization* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteOrganization));
    DANGBO_ASSIGN_OR_RETURN(int64_t id,
                            OrganizationId("organization.name", req->organization().name()));
    DANGBO_ASSIGN_OR_RETURN(int64_t version,
                            ParseEtag("organization.etag", req->organization().etag()));
    if (req->update_mask().paths().empty()) {
      return status::InvalidField("update_mask", "name at least one field to update");
    }
    // Map the whole input once so every field is validated with its own name.
    v1::Organization input = req->organization();
    if (input.display_name().empty()) input.set_display_name("-");
    DANGBO_ASSIGN_OR_RETURN(Organization changes, OrganizationFromProto("organization", input));
    DANGBO_ASSIGN_OR_RETURN(Decision decision, DecisionFromProto("decision", req->decision()));
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(Date from,
                            EffectiveDate("effective_date", req->effective_date(), today));
    DANGBO_RETURN_IF_ERROR(
        AuthorizeAt(principal, Action::kWriteOrganization, "organization.name", id));
    return Mutate(
        "UpdateOrganization", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Organization org, tx.LockOrganization(id));
          if (org.version != version) return status::EtagMismatch(req->organization().name());
          DANGBO_RETURN_IF_ERROR(RequireActive("organization.name", org));
          for (const std::string& path : req->update_mask().paths()) {
            if (path == "code") {
              if (changes.code.empty())
                return status::InvalidField("organization.code", "required");
              org.code = changes.code;
            } else if (path == "display_name") {
              if (req->organization().display_name().empty()) {
                return status::InvalidField("organization.display_name", "required");
              }
              org.display_name = changes.display_name;
            } else if (path == "enterprise_name") {
              org.enterprise_name = changes.enterprise_name;
            } else if (path == "enterprise_ownership") {
              org.ownership = changes.ownership;
            } else if (path == "granted_upper_level_powers") {
              org.granted_upper_level_powers = changes.granted_upper_level_powers;
            } else {
              return status::InvalidField(
                  "update_mask", absl::StrCat("\"", path, "\" cannot be updated here",
                                              path == "parent" ? "; use MoveOrganization" : ""));
            }
          }
          DANGBO_ASSIGN_OR_RETURN(Organization updated, tx.UpdateOrganization(org));
          DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(
              VersionOf(updated, from, OrganizationChange::KIND_UPDATED, decision)));
          v1::Organization out = OrganizationToProto(updated);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "updated", out)},
                                 .resource = out.name(),
                                 .audit_detail = "updated"};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::MoveOrganization(grpc::ServerContext* ctx,
                                                     const v1::MoveOrganizationRequest* req,
                                                     v1::Organization* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteOrganization));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, OrganizationId("name", req->name()));
    DANGBO_ASSIGN_OR_RETURN(int64_t parent_id, OrganizationId("new_parent", req->new_parent()));
    DANGBO_ASSIGN_OR_RETURN(int64_t version, ParseEtag("etag", req->etag()));
    DANGBO_ASSIGN_OR_RETURN(Decision decision, DecisionFromProto("decision", req->decision()));
    DANGBO_ASSIGN_OR_RETURN(Date from,
                            EffectiveDate("effective_date", req->effective_date(), Today()));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kWriteOrganization, "name", id));
    DANGBO_RETURN_IF_ERROR(
        AuthorizeAt(principal, Action::kWriteOrganization, "new_parent", parent_id));
    return Mutate(
        "MoveOrganization", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Organization org, tx.LockOrganization(id));
          if (org.version != version) return status::EtagMismatch(req->name());
          DANGBO_RETURN_IF_ERROR(RequireActive("name", org));
          DANGBO_ASSIGN_OR_RETURN(Organization parent, tx.LockOrganization(parent_id));
          DANGBO_RETURN_IF_ERROR(RequireActive("new_parent", parent));
          if (org.parent_id == parent.id) {
            return status::FailedPrecondition("organization", req->name(),
                                              "new_parent: is already the parent");
          }
          DANGBO_RETURN_IF_ERROR(CheckMove(org, parent));
          DANGBO_ASSIGN_OR_RETURN(
              Organization moved,
              Reparent(tx, org, parent, from, OrganizationChange::KIND_MOVED, decision));
          v1::Organization out = OrganizationToProto(moved);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "moved", out)},
                                 .resource = out.name(),
                                 .audit_detail = absl::StrCat("moved under ", req->new_parent())};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::MergeOrganizations(grpc::ServerContext* ctx,
                                                       const v1::MergeOrganizationsRequest* req,
                                                       v1::Organization* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteOrganization));
    DANGBO_ASSIGN_OR_RETURN(int64_t target_id, OrganizationId("target", req->target()));
    if (req->sources().empty()) return status::InvalidField("sources", "name at least one");
    std::vector<int64_t> source_ids;
    for (int i = 0; i < req->sources_size(); ++i) {
      const std::string field = absl::StrCat("sources[", i, "]");
      DANGBO_ASSIGN_OR_RETURN(int64_t id, OrganizationId(field, req->sources(i)));
      if (id == target_id) return status::InvalidField(field, "is the target itself");
      if (std::find(source_ids.begin(), source_ids.end(), id) != source_ids.end()) {
        return status::InvalidField(field, "is named twice");
      }
      DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kWriteOrganization, field, id));
      source_ids.push_back(id);
    }
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kWriteOrganization, "target", target_id));
    DANGBO_ASSIGN_OR_RETURN(Decision decision, DecisionFromProto("decision", req->decision()));
    DANGBO_ASSIGN_OR_RETURN(Date from,
                            EffectiveDate("effective_date", req->effective_date(), Today()));
    return Mutate(
        "MergeOrganizations", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          MutationOutcome outcome;
          DANGBO_ASSIGN_OR_RETURN(Organization target, tx.LockOrganization(target_id));
          DANGBO_RETURN_IF_ERROR(RequireActive("target", target));
          for (size_t i = 0; i < source_ids.size(); ++i) {
            const std::string field = absl::StrCat("sources[", i, "]");
            DANGBO_ASSIGN_OR_RETURN(Organization source, tx.LockOrganization(source_ids[i]));
            DANGBO_RETURN_IF_ERROR(RequireActive(field, source));
            if (IsInSubtree(target.path, source.path)) {
              return status::FailedPrecondition("organization", req->target(),
                                                absl::StrCat(field, ": the target lies inside it"));
            }
            DANGBO_ASSIGN_OR_RETURN(std::vector<int64_t> children,
                                    tx.ChildOrganizationIds(source.id));
            for (int64_t child_id : children) {
              DANGBO_ASSIGN_OR_RETURN(Organization child, tx.LockOrganization(child_id));
              DANGBO_ASSIGN_OR_RETURN(
                  Organization moved,
                  Reparent(tx, child, target, from, OrganizationChange::KIND_MOVED, decision));
              v1::Organization out = OrganizationToProto(moved);
              outcome.changes.push_back(MakeChange(out.name(), "moved", out));
            }
            DANGBO_ASSIGN_OR_RETURN(std::vector<int64_t> members, tx.MemberIdsAt(source.id));
            for (int64_t member_id : members) {
              DANGBO_ASSIGN_OR_RETURN(Member member, tx.LockMember(member_id));
              MemberEvent event{.member_id = member_id,
                                .type = MemberEventType::kOrganizationMerged,
                                .effective_date = from,
                                .decision = decision,
                                .state_before = member.state,
                                .state_after = member.state,
                                .organization_before = source.id,
                                .organization_after = target.id};
              member.organization_id = target.id;
              DANGBO_ASSIGN_OR_RETURN(Member moved, tx.UpdateMember(member));
              DANGBO_ASSIGN_OR_RETURN(MemberEvent recorded, tx.InsertMemberEvent(event));
              v1::MemberEvent out = MemberEventToProto(recorded);
              outcome.changes.push_back(MakeChange(out.name(), "recorded", out));
            }
            source.state = OrganizationState::kMerged;
            source.merged_into_id = target.id;
            source.dissolved_date = from;
            DANGBO_ASSIGN_OR_RETURN(Organization merged, tx.UpdateOrganization(source));
            DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(
                VersionOf(merged, from, OrganizationChange::KIND_MERGED, decision, {target.id})));
            v1::Organization out = OrganizationToProto(merged);
            outcome.changes.push_back(MakeChange(out.name(), "merged", out));
          }
          DANGBO_ASSIGN_OR_RETURN(target, tx.UpdateOrganization(target));
          DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(
              VersionOf(target, from, OrganizationChange::KIND_ABSORBED, decision, source_ids)));
          v1::Organization out = OrganizationToProto(target);
          outcome.changes.push_back(MakeChange(out.name(), "absorbed", out));
          outcome.response = out.SerializeAsString();
          outcome.resource = out.name();
          outcome.audit_detail = absl::StrCat("absorbed ", source_ids.size(), " organizations");
          return outcome;
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::SplitOrganization(grpc::ServerContext* ctx,
                                                      const v1::SplitOrganizationRequest* req,
                                                      v1::SplitOrganizationResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteOrganization));
    DANGBO_ASSIGN_OR_RETURN(int64_t source_id, OrganizationId("name", req->name()));
    if (req->parts().empty()) return status::InvalidField("parts", "name at least one part");
    DANGBO_ASSIGN_OR_RETURN(Decision decision, DecisionFromProto("decision", req->decision()));
    DANGBO_ASSIGN_OR_RETURN(Date from,
                            EffectiveDate("effective_date", req->effective_date(), Today()));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kWriteOrganization, "name", source_id));

    struct Part {
      Organization organization;
      std::vector<int64_t> children;
      std::vector<int64_t> members;
    };
    std::vector<Part> parts;
    absl::flat_hash_set<int64_t> named_children, named_members;
    for (int i = 0; i < req->parts_size(); ++i) {
      const v1::SplitOrganizationRequest::Part& in = req->parts(i);
      const std::string field = absl::StrCat("parts[", i, "]");
      Part part;
      DANGBO_ASSIGN_OR_RETURN(
          part.organization,
          OrganizationFromProto(absl::StrCat(field, ".organization"), in.organization()));
      if (part.organization.kind == OrganizationKind::kUnspecified) {
        return status::InvalidField(absl::StrCat(field, ".organization.kind"), "required");
      }
      if (part.organization.code.empty()) {
        return status::InvalidField(absl::StrCat(field, ".organization.code"), "required");
      }
      if (part.organization.parent_id) {
        DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kWriteOrganization,
                                           absl::StrCat(field, ".organization.parent"),
                                           *part.organization.parent_id));
      }
      for (int j = 0; j < in.children_size(); ++j) {
        const std::string child_field = absl::StrCat(field, ".children[", j, "]");
        DANGBO_ASSIGN_OR_RETURN(int64_t child, OrganizationId(child_field, in.children(j)));
        if (!named_children.insert(child).second) {
          return status::InvalidField(child_field, "is named twice");
        }
        part.children.push_back(child);
      }
      for (int j = 0; j < in.members_size(); ++j) {
        const std::string member_field = absl::StrCat(field, ".members[", j, "]");
        DANGBO_ASSIGN_OR_RETURN(int64_t member,
                                api::ParseResourceId(member_field, kMembers, in.members(j)));
        if (!named_members.insert(member).second) {
          return status::InvalidField(member_field, "is named twice");
        }
        part.members.push_back(member);
      }
      parts.push_back(std::move(part));
    }
    return Mutate(
        "SplitOrganization", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          MutationOutcome outcome;
          v1::SplitOrganizationResponse out;
          DANGBO_ASSIGN_OR_RETURN(Organization source, tx.LockOrganization(source_id));
          DANGBO_RETURN_IF_ERROR(RequireActive("name", source));
          std::vector<int64_t> created_ids;
          for (size_t i = 0; i < parts.size(); ++i) {
            const std::string field = absl::StrCat("parts[", i, "]");
            Organization org = parts[i].organization;
            if (!org.parent_id) org.parent_id = source.parent_id;
            std::optional<Organization> parent;
            if (org.parent_id) {
              DANGBO_ASSIGN_OR_RETURN(parent, tx.LockOrganization(*org.parent_id));
              DANGBO_RETURN_IF_ERROR(
                  RequireActive(absl::StrCat(field, ".organization.parent"), *parent));
            }
            DANGBO_RETURN_IF_ERROR(Prefixed(absl::StrCat(field, ".organization"),
                                            CheckPlacement(org.kind, parent ? &*parent : nullptr)));
            org.state = OrganizationState::kActive;
            if (!org.established_date) org.established_date = from;
            DANGBO_ASSIGN_OR_RETURN(Organization created, tx.InsertOrganization(org));
            DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(VersionOf(
                created, from, OrganizationChange::KIND_SPLIT_FROM, decision, {source.id})));
            created_ids.push_back(created.id);

            for (size_t j = 0; j < parts[i].children.size(); ++j) {
              DANGBO_ASSIGN_OR_RETURN(Organization child,
                                      tx.LockOrganization(parts[i].children[j]));
              if (child.parent_id != source.id || child.state != OrganizationState::kActive) {
                return status::FailedPrecondition(
                    "organization", req->name(),
                    absl::StrCat(field, ".children[", j, "]: is not an active child of ",
                                 req->name()));
              }
              DANGBO_RETURN_IF_ERROR(
                  Prefixed(absl::StrCat(field, ".children[", j, "]"), CheckMove(child, created)));
              DANGBO_ASSIGN_OR_RETURN(
                  Organization moved,
                  Reparent(tx, child, created, from, OrganizationChange::KIND_MOVED, decision));
              v1::Organization moved_pb = OrganizationToProto(moved);
              outcome.changes.push_back(MakeChange(moved_pb.name(), "moved", moved_pb));
            }
            for (size_t j = 0; j < parts[i].members.size(); ++j) {
              DANGBO_ASSIGN_OR_RETURN(Member member, tx.LockMember(parts[i].members[j]));
              if (member.organization_id != source.id ||
                  !(member.state == MemberState::kApplicant || IsPartyMember(member.state))) {
                return status::FailedPrecondition(
                    "organization", req->name(),
                    absl::StrCat(field, ".members[", j, "]: is not an active member of ",
                                 req->name()));
              }
              MemberEvent event{.member_id = member.id,
                                .type = MemberEventType::kOrganizationSplit,
                                .effective_date = from,
                                .decision = decision,
                                .state_before = member.state,
                                .state_after = member.state,
                                .organization_before = source.id,
                                .organization_after = created.id};
              member.organization_id = created.id;
              DANGBO_RETURN_IF_ERROR(tx.UpdateMember(member).status());
              DANGBO_ASSIGN_OR_RETURN(MemberEvent recorded, tx.InsertMemberEvent(event));
              v1::MemberEvent event_pb = MemberEventToProto(recorded);
              outcome.changes.push_back(MakeChange(event_pb.name(), "recorded", event_pb));
            }
            DANGBO_ASSIGN_OR_RETURN(created, tx.LockOrganization(created.id));
            v1::Organization created_pb = OrganizationToProto(created);
            outcome.changes.push_back(MakeChange(created_pb.name(), "created", created_pb));
            *out.add_organizations() = std::move(created_pb);
          }
          DANGBO_ASSIGN_OR_RETURN(source, tx.LockOrganization(source.id));
          OrganizationChange::Kind source_change = OrganizationChange::KIND_SPLIT;
          if (req->dissolve_source()) {
            DANGBO_ASSIGN_OR_RETURN(std::vector<int64_t> children,
                                    tx.ChildOrganizationIds(source.id));
            DANGBO_ASSIGN_OR_RETURN(int64_t members, tx.CountActiveMembers(source.id));
            if (!children.empty() || members > 0) {
              return status::FailedPrecondition(
                  "organization", req->name(),
                  absl::StrCat("dissolve_source: ", children.size(), " organizations and ", members,
                               " members would be left in it; name them in a part"));
            }
            source.state = OrganizationState::kDissolved;
            source.dissolved_date = from;
            source_change = OrganizationChange::KIND_DISSOLVED;
          }
          DANGBO_ASSIGN_OR_RETURN(source, tx.UpdateOrganization(source));
          DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(
              VersionOf(source, from, source_change, decision, created_ids)));
          v1::Organization source_pb = OrganizationToProto(source);
          outcome.changes.push_back(MakeChange(source_pb.name(), "split", source_pb));
          outcome.response = out.SerializeAsString();
          outcome.resource = source_pb.name();
          outcome.audit_detail = absl::StrCat("split into ", created_ids.size(), " organizations");
          return outcome;
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::DissolveOrganization(grpc::ServerContext* ctx,
                                                         const v1::DissolveOrganizationRequest* req,
                                                         v1::Organization* resp) {
  return Run([&]() -> absl::Status {
    // The inspection service dissolves an organization its discipline decided on, as a
    // service: it may do that, and nothing else to the tree.
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal,
                            deps_.authenticator->Authenticate(*ctx));
    const Action action = auth::Allows(principal, Action::kWriteOrganization)
                              ? Action::kWriteOrganization
                              : Action::kRecordDissolution;
    DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, action));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, OrganizationId("name", req->name()));
    // The etag is optional: a dissolution decided by discipline is delivered by a queued call
    // whose request never changes, so it cannot carry the etag of the moment it is sent.
    std::optional<int64_t> version;
    if (!req->etag().empty()) {
      DANGBO_ASSIGN_OR_RETURN(version, ParseEtag("etag", req->etag()));
    }
    DANGBO_ASSIGN_OR_RETURN(Decision decision, DecisionFromProto("decision", req->decision()));
    DANGBO_ASSIGN_OR_RETURN(Date from,
                            EffectiveDate("effective_date", req->effective_date(), Today()));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, action, "name", id));
    return Mutate(
        "DissolveOrganization", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Organization org, tx.LockOrganization(id));
          if (version && org.version != *version) return status::EtagMismatch(req->name());
          DANGBO_RETURN_IF_ERROR(RequireActive("name", org));
          DANGBO_ASSIGN_OR_RETURN(std::vector<int64_t> children, tx.ChildOrganizationIds(id));
          DANGBO_ASSIGN_OR_RETURN(int64_t members, tx.CountActiveMembers(id));
          if (!children.empty() || members > 0) {
            return status::FailedPrecondition(
                "organization", req->name(),
                absl::StrCat("name: still has ", children.size(), " active organizations and ",
                             members, " members under it; move or merge them first"));
          }
          org.state = OrganizationState::kDissolved;
          org.dissolved_date = from;
          DANGBO_ASSIGN_OR_RETURN(Organization dissolved, tx.UpdateOrganization(org));
          DANGBO_RETURN_IF_ERROR(tx.AppendOrganizationVersion(
              VersionOf(dissolved, from, OrganizationChange::KIND_DISSOLVED, decision)));
          v1::Organization out = OrganizationToProto(dissolved);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "dissolved", out)},
                                 .resource = out.name(),
                                 .audit_detail = "dissolved"};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::ListOrganizationChanges(
    grpc::ServerContext* ctx, const v1::ListOrganizationChangesRequest* req,
    v1::ListOrganizationChangesResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadOrganization));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, OrganizationId("name", req->name()));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kReadOrganization, "name", id));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    return HistoryPage(*deps_.store, {id}, page_size, req->page_token(), req->name(), resp);
  });
}

grpc::Status MembershipServiceImpl::BatchListOrganizationChanges(
    grpc::ServerContext* ctx, const v1::BatchListOrganizationChangesRequest* req,
    v1::BatchListOrganizationChangesResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadOrganization));
    DANGBO_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                            ReadableOrganizationIds(principal, req->names()));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kMaxPageSize, kMaxPageSize));
    return HistoryPage(*deps_.store, ids, page_size, req->page_token(),
                       absl::StrJoin(req->names(), ","), resp);
  });
}

}  // namespace dangbo::membership
