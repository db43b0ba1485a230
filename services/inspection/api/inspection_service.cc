#include "services/inspection/api/inspection_service.h"

#include <algorithm>
#include <exception>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/validate.h"
#include "services/inspection/api/mapping.h"

namespace dangbo::inspection {

InspectionServiceImpl::InspectionServiceImpl(ServiceDeps deps) : deps_(std::move(deps)) {}

grpc::Status InspectionServiceImpl::Run(const std::function<absl::Status()>& body) {
  try {
    return status::ToGrpcStatus(body());
  } catch (const std::exception& e) {
    return grpc::Status(grpc::StatusCode::INTERNAL, absl::StrCat("internal error: ", e.what()));
  }
}

absl::StatusOr<auth::Principal> InspectionServiceImpl::Authorized(grpc::ServerContext* ctx,
                                                                  auth::Action action) {
  DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, deps_.authenticator->Authenticate(*ctx));
  DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, action));
  return principal;
}

absl::StatusOr<OrganizationInfo> InspectionServiceImpl::OrganizationAt(grpc::ServerContext* ctx,
                                                                       std::string_view field,
                                                                       int64_t organization_id) {
  DANGBO_ASSIGN_OR_RETURN(auto found, deps_.directory->Organizations({organization_id}, ctx));
  auto it = found.find(organization_id);
  if (it == found.end()) {
    return status::Prefixed(
        field, status::NotFound("organization", api::ResourceName(kOrganizations, organization_id)));
  }
  return it->second;
}

absl::Status InspectionServiceImpl::AuthorizeAt(grpc::ServerContext* ctx,
                                                const auth::Principal& principal,
                                                auth::Action action, std::string_view field,
                                                int64_t organization_id) {
  DANGBO_ASSIGN_OR_RETURN(OrganizationInfo org, OrganizationAt(ctx, field, organization_id));
  return status::Prefixed(field, auth::Authorize(principal, action, org.path));
}

absl::Status InspectionServiceImpl::AuthorizeRead(grpc::ServerContext* ctx,
                                                  const auth::Principal& principal,
                                                  auth::Action action, std::string_view field,
                                                  int64_t organization_id) {
  if (principal.unlimited_scope) return auth::Authorize(principal, action);
  return AuthorizeAt(ctx, principal, action, field, organization_id);
}

absl::StatusOr<std::vector<InspectionServiceImpl::ResolvedSubject>>
InspectionServiceImpl::ResolveSubjects(grpc::ServerContext* ctx, const auth::Principal& principal,
                                       auth::Action action,
                                       const std::vector<SubjectRef>& subjects,
                                       const std::vector<std::string>& fields) {
  std::vector<int64_t> organization_ids;
  std::vector<int64_t> member_ids;
  for (const SubjectRef& s : subjects) {
    (s.kind == SubjectKind::kMember ? member_ids : organization_ids).push_back(s.id);
  }
  absl::flat_hash_map<int64_t, OrganizationInfo> organizations;
  absl::flat_hash_map<int64_t, MemberInfo> members;
  if (!organization_ids.empty()) {
    DANGBO_ASSIGN_OR_RETURN(organizations, deps_.directory->Organizations(organization_ids, ctx));
  }
  if (!member_ids.empty()) {
    DANGBO_ASSIGN_OR_RETURN(members, deps_.directory->Members(member_ids, ctx));
  }
  std::vector<ResolvedSubject> out;
  for (size_t i = 0; i < subjects.size(); ++i) {
    const SubjectRef& s = subjects[i];
    ResolvedSubject resolved;
    if (s.kind == SubjectKind::kMember) {
      auto it = members.find(s.id);
      if (it == members.end()) {
        return status::Prefixed(fields[i],
                                status::NotFound("member", api::ResourceName(kMembers, s.id)));
      }
      resolved.organization_id = it->second.organization_id;
      resolved.organization_path = it->second.organization_path;
      resolved.member = it->second;
    } else {
      auto it = organizations.find(s.id);
      if (it == organizations.end()) {
        return status::Prefixed(
            fields[i], status::NotFound("organization", api::ResourceName(kOrganizations, s.id)));
      }
      resolved.organization_id = s.id;
      resolved.organization_path = it->second.path;
      resolved.organization = it->second;
    }
    DANGBO_RETURN_IF_ERROR(
        status::Prefixed(fields[i], auth::Authorize(principal, action, resolved.organization_path)));
    out.push_back(std::move(resolved));
  }
  return out;
}

absl::Status InspectionServiceImpl::ResolveTeam(grpc::ServerContext* ctx, std::string_view field,
                                                std::vector<TeamMember>& team) {
  if (team.empty()) return absl::OkStatus();
  std::vector<int64_t> ids;
  for (const TeamMember& m : team) ids.push_back(m.member_id);
  DANGBO_ASSIGN_OR_RETURN(auto found, deps_.directory->Members(ids, ctx));
  for (size_t i = 0; i < team.size(); ++i) {
    auto it = found.find(team[i].member_id);
    const std::string at = absl::StrCat(ToAbsl(field), "[", i, "].member");
    if (it == found.end()) {
      return status::Prefixed(
          at, status::NotFound("member", api::ResourceName(kMembers, team[i].member_id)));
    }
    if (team[i].full_name.empty()) team[i].full_name = it->second.full_name;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::vector<int64_t>>> InspectionServiceImpl::VisibleOrganizations(
    grpc::ServerContext* ctx, const auth::Principal& principal, auth::Action action,
    std::string_view subtree_field, const std::string& subtree) {
  if (!subtree.empty()) {
    DANGBO_ASSIGN_OR_RETURN(int64_t root,
                            api::ParseResourceId(subtree_field, kOrganizations, subtree));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(ctx, principal, action, subtree_field, root));
    DANGBO_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                            deps_.directory->SubtreeOrganizationIds(root, ctx));
    if (ids.empty()) ids.push_back(0);  // matches nothing, never everything
    return ids;
  }
  if (principal.unlimited_scope) return std::nullopt;
  absl::flat_hash_set<int64_t> seen;
  std::vector<int64_t> ids;
  for (int64_t scope : principal.scopes) {
    absl::StatusOr<std::vector<int64_t>> below =
        deps_.directory->SubtreeOrganizationIds(scope, ctx);
    if (absl::IsNotFound(below.status())) continue;  // a scope that no longer exists
    if (!below.ok()) return below.status();
    for (int64_t id : *below) {
      if (seen.insert(id).second) ids.push_back(id);
    }
  }
  // A scoped caller whose scopes no longer exist sees nothing, never everything.
  if (ids.empty()) ids.push_back(0);
  return ids;
}

absl::StatusOr<bool> InspectionServiceImpl::Replayed(std::string_view method,
                                                    const google::protobuf::Message& request,
                                                    const std::string& request_id,
                                                    const auth::Principal& principal,
                                                    google::protobuf::Message* response) {
  DANGBO_RETURN_IF_ERROR(status::ValidateText("request_id", request_id, 128, /*required=*/true));
  MutationContext context{.method = std::string(method),
                          .request_id = request_id,
                          .fingerprint = api::RequestFingerprint(request),
                          .caller = principal.subject};
  DANGBO_ASSIGN_OR_RETURN(std::optional<std::string> stored,
                          deps_.store->CommittedResponse(context));
  if (!stored) return false;
  if (!response->ParseFromString(*stored)) {
    return absl::InternalError(
        absl::StrCat("stored response of ", ToAbsl(method), " does not parse"));
  }
  return true;
}

absl::Status InspectionServiceImpl::Mutate(
    std::string_view method, const google::protobuf::Message& request,
    const std::string& request_id, const auth::Principal& principal,
    absl::FunctionRef<absl::StatusOr<MutationOutcome>(InspectionTx&)> body,
    google::protobuf::Message* response) {
  DANGBO_RETURN_IF_ERROR(status::ValidateText("request_id", request_id, 128, /*required=*/true));
  MutationContext context{.method = std::string(method),
                          .request_id = request_id,
                          .fingerprint = api::RequestFingerprint(request),
                          .caller = principal.subject};
  DANGBO_ASSIGN_OR_RETURN(std::string bytes, deps_.store->Mutate(context, body));
  if (!response->ParseFromString(bytes)) {
    return absl::InternalError(
        absl::StrCat("stored response of ", ToAbsl(method), " does not parse"));
  }
  return absl::OkStatus();
}

absl::StatusOr<InspectionRuleBook> InspectionServiceImpl::Rules() {
  return deps_.store->LoadRuleBook();
}

Date InspectionServiceImpl::Today() const {
  return absl::ToCivilDay(deps_.now(), absl::FixedTimeZone(7 * 3600));  // Vietnam, UTC+7
}

absl::StatusOr<v1::MembershipSync> InspectionServiceImpl::SyncOf(
    const DisciplinaryDecision& decision) {
  v1::MembershipSync sync;
  DANGBO_ASSIGN_OR_RETURN(std::vector<MembershipCall> calls,
                          deps_.store->MembershipCallsOf(
                              api::ResourceName(kDisciplinaryDecisions, decision.id)));
  if (calls.empty()) {
    sync.set_state(v1::MembershipSync::STATE_NOT_REQUIRED);
    return sync;
  }
  const bool done = std::all_of(calls.begin(), calls.end(),
                                [](const MembershipCall& c) { return c.done; });
  sync.set_state(done ? v1::MembershipSync::STATE_DONE : v1::MembershipSync::STATE_PENDING);
  int attempts = 0;
  for (const MembershipCall& c : calls) {
    attempts += c.attempts;
    if (!c.done && !c.last_error.empty()) sync.set_last_error(c.last_error);
  }
  sync.set_attempts(attempts);
  return sync;
}

}  // namespace dangbo::inspection
