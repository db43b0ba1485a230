#include "services/inspection/membership_client/membership_mapping.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"

namespace dangbo::inspection {
namespace {

namespace v1 = ::dangbo::membership::v1;

// A name membership answered that does not parse is membership's fault, not the caller's.
absl::StatusOr<int64_t> IdIn(std::string_view what, std::string_view collection,
                             const std::string& name) {
  absl::StatusOr<int64_t> id = api::ParseResourceId(what, collection, name);
  if (!id.ok()) {
    return absl::InternalError(
        absl::StrCat("membership answered a malformed ", ToAbsl(what), " \"", name, "\""));
  }
  return id;
}

}  // namespace

absl::StatusOr<OrganizationInfo> OrganizationInfoFromProto(const v1::Organization& organization) {
  OrganizationInfo info;
  absl::StatusOr<int64_t> id = IdIn("organization name", kOrganizations, organization.name());
  if (!id.ok()) return id.status();
  info.id = *id;
  info.path = "/";
  for (const std::string& ancestor : organization.ancestors()) {
    absl::StatusOr<int64_t> ancestor_id = IdIn("ancestor", kOrganizations, ancestor);
    if (!ancestor_id.ok()) return ancestor_id.status();
    absl::StrAppend(&info.path, *ancestor_id, "/");
  }
  // The path must end at the organization itself, or scope checks would judge another one.
  if (organization.ancestors().empty() ||
      organization.ancestors(organization.ancestors_size() - 1) != organization.name()) {
    return absl::InternalError(absl::StrCat("membership answered ", organization.name(),
                                            " without itself last in its ancestors"));
  }
  info.active = organization.state() == v1::ORGANIZATION_STATE_ACTIVE;
  info.display_name = organization.display_name();
  return info;
}

absl::StatusOr<MemberInfo> MemberInfoFromProto(const v1::Member& member,
                                               std::string organization_path) {
  MemberInfo info;
  absl::StatusOr<int64_t> id = IdIn("member name", kMembers, member.name());
  if (!id.ok()) return id.status();
  info.id = *id;
  absl::StatusOr<int64_t> organization =
      IdIn("member organization", kOrganizations, member.organization());
  if (!organization.ok()) return organization.status();
  info.organization_id = *organization;
  info.organization_path = std::move(organization_path);
  info.full_name = member.full_name();
  info.standing = StandingOf(member.state());
  info.holds_post = !member.position().empty();
  return info;
}

MemberStanding StandingOf(v1::MemberState state) {
  switch (state) {
    case v1::MEMBER_STATE_PROBATIONARY:
      return MemberStanding::kProbationary;
    case v1::MEMBER_STATE_FULL:
      return MemberStanding::kFull;
    default:
      return MemberStanding::kUnspecified;
  }
}

bool PathContains(std::string_view path, int64_t organization_id) {
  const std::string id = absl::StrCat(organization_id);
  for (absl::string_view element : absl::StrSplit(ToAbsl(path), '/', absl::SkipEmpty())) {
    if (element == id) return true;
  }
  return false;
}

}  // namespace dangbo::inspection
