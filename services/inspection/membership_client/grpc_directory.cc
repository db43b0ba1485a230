#include "services/inspection/membership_client/grpc_directory.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"
#include "common/status/grpc_status.h"
#include "services/inspection/membership_client/batch_lookup.h"
#include "services/inspection/membership_client/membership_mapping.h"

namespace dangbo::inspection {
namespace {

namespace v1 = ::dangbo::membership::v1;

// Membership's error with the RPC named, so that a caller's log says which dependency failed;
// code and details are kept.
absl::Status FromMembership(std::string_view method, const grpc::Status& status) {
  absl::Status converted = status::FromGrpcStatus(status);
  absl::Status out(converted.code(),
                   absl::StrCat("membership ", ToAbsl(method), ": ", converted.message()));
  converted.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

// Positive ids once each: anything else cannot name a resource and is simply absent.
std::vector<int64_t> DistinctValidIds(const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  absl::flat_hash_set<int64_t> seen;
  for (int64_t id : ids) {
    if (id > 0 && seen.insert(id).second) out.push_back(id);
  }
  return out;
}

}  // namespace

GrpcMembershipDirectory::GrpcMembershipDirectory(v1::MembershipService::StubInterface& stub,
                                                 const client::CallContextFactory& contexts,
                                                 DirectoryOptions options)
    : stub_(stub),
      contexts_(contexts),
      now_(options.now ? std::move(options.now) : absl::Now),
      cache_(options.organization_ttl, options.organization_cache_capacity) {}

absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>>
GrpcMembershipDirectory::Organizations(const std::vector<int64_t>& ids,
                                       const grpc::ServerContext* incoming) {
  absl::flat_hash_map<int64_t, OrganizationInfo> result;
  std::vector<int64_t> missing;
  const absl::Time now = now_();
  for (int64_t id : DistinctValidIds(ids)) {
    if (std::optional<OrganizationInfo> cached = cache_.Find(id, now)) {
      result.emplace(id, *std::move(cached));
    } else {
      missing.push_back(id);
    }
  }
  if (missing.empty()) return result;

  absl::StatusOr<std::vector<v1::Organization>> fetched = FetchKnown<v1::Organization>(
      missing, kMaxBatchNames, kOrganizations,
      [&](const std::vector<int64_t>& chunk) -> absl::StatusOr<std::vector<v1::Organization>> {
        v1::BatchGetOrganizationsRequest request;
        for (int64_t id : chunk) request.add_names(api::ResourceName(kOrganizations, id));
        absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = contexts_.New(incoming);
        if (!context.ok()) return context.status();
        v1::BatchGetOrganizationsResponse response;
        grpc::Status status = stub_.BatchGetOrganizations(context->get(), request, &response);
        if (!status.ok()) return FromMembership("BatchGetOrganizations", status);
        return std::vector<v1::Organization>(response.organizations().begin(),
                                             response.organizations().end());
      });
  if (!fetched.ok()) return fetched.status();
  for (const v1::Organization& organization : *fetched) {
    absl::StatusOr<OrganizationInfo> info = OrganizationInfoFromProto(organization);
    if (!info.ok()) return info.status();
    cache_.Put(*info, now);
    result.insert_or_assign(info->id, *std::move(info));
  }
  return result;
}

absl::StatusOr<absl::flat_hash_map<int64_t, MemberInfo>> GrpcMembershipDirectory::Members(
    const std::vector<int64_t>& ids, const grpc::ServerContext* incoming) {
  absl::StatusOr<std::vector<v1::Member>> fetched = FetchKnown<v1::Member>(
      DistinctValidIds(ids), kMaxBatchNames, kMembers,
      [&](const std::vector<int64_t>& chunk) -> absl::StatusOr<std::vector<v1::Member>> {
        v1::BatchGetMembersRequest request;
        for (int64_t id : chunk) request.add_names(api::ResourceName(kMembers, id));
        absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = contexts_.New(incoming);
        if (!context.ok()) return context.status();
        v1::BatchGetMembersResponse response;
        grpc::Status status = stub_.BatchGetMembers(context->get(), request, &response);
        if (!status.ok()) return FromMembership("BatchGetMembers", status);
        return std::vector<v1::Member>(response.members().begin(), response.members().end());
      });
  if (!fetched.ok()) return fetched.status();

  std::vector<int64_t> organization_ids;
  for (const v1::Member& member : *fetched) {
    absl::StatusOr<int64_t> id =
        api::ParseResourceId("organization", kOrganizations, member.organization());
    if (id.ok()) organization_ids.push_back(*id);
  }
  absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> organizations =
      Organizations(organization_ids, incoming);
  if (!organizations.ok()) return organizations.status();

  absl::flat_hash_map<int64_t, MemberInfo> result;
  for (const v1::Member& member : *fetched) {
    absl::StatusOr<MemberInfo> info = MemberInfoFromProto(member, "");
    if (!info.ok()) return info.status();
    auto organization = organizations->find(info->organization_id);
    // Membership never deletes organizations; a member whose organization it no longer knows
    // keeps an empty path, which no scope covers.
    if (organization != organizations->end()) info->organization_path = organization->second.path;
    result.insert_or_assign(info->id, *std::move(info));
  }
  return result;
}

absl::StatusOr<std::vector<int64_t>> GrpcMembershipDirectory::SubtreeOrganizationIds(
    int64_t root, const grpc::ServerContext* incoming) {
  v1::ListOrganizationsRequest request;
  request.set_subtree(api::ResourceName(kOrganizations, root));
  request.add_states(v1::ORGANIZATION_STATE_ACTIVE);
  request.add_states(v1::ORGANIZATION_STATE_DISSOLVED);
  request.add_states(v1::ORGANIZATION_STATE_MERGED);
  request.set_page_size(static_cast<int32_t>(kMaxBatchNames));
  std::vector<int64_t> ids;
  const absl::Time now = now_();
  do {
    absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = contexts_.New(incoming);
    if (!context.ok()) return context.status();
    v1::ListOrganizationsResponse response;
    grpc::Status status = stub_.ListOrganizations(context->get(), request, &response);
    if (!status.ok()) return FromMembership("ListOrganizations", status);
    for (const v1::Organization& organization : response.organizations()) {
      absl::StatusOr<OrganizationInfo> info = OrganizationInfoFromProto(organization);
      if (!info.ok()) return info.status();
      ids.push_back(info->id);
      cache_.Put(*info, now);
    }
    // A page token that does not advance would loop for ever; membership's never repeats.
    if (response.next_page_token() == request.page_token()) break;
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace dangbo::inspection
