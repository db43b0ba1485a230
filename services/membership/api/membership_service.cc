#include "services/membership/api/membership_service.h"

#include <exception>

#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/validate.h"
#include "services/membership/api/mapping.h"
#include "services/membership/domain/deadlines.h"
#include "services/membership/domain/derived.h"
#include "services/membership/domain/names.h"

namespace dangbo::membership {

MembershipServiceImpl::MembershipServiceImpl(ServiceDeps deps) : deps_(std::move(deps)) {}

grpc::Status MembershipServiceImpl::Run(const std::function<absl::Status()>& body) {
  try {
    return status::ToGrpcStatus(body());
  } catch (const std::exception& e) {
    return grpc::Status(grpc::StatusCode::INTERNAL, absl::StrCat("internal error: ", e.what()));
  }
}

absl::StatusOr<auth::Principal> MembershipServiceImpl::Authorized(grpc::ServerContext* ctx,
                                                                  auth::Action action) {
  DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, deps_.authenticator->Authenticate(*ctx));
  DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, action));
  return principal;
}

absl::StatusOr<std::string> MembershipServiceImpl::PathOf(std::string_view field,
                                                          int64_t organization_id) {
  DANGBO_ASSIGN_OR_RETURN(auto paths, deps_.store->OrganizationPaths({organization_id}));
  if (paths.empty()) {
    return status::NotFound("organization", api::ResourceName(kOrganizations, organization_id));
  }
  return paths.front().second;
}

absl::Status MembershipServiceImpl::AuthorizeAt(const auth::Principal& principal,
                                                auth::Action action, std::string_view field,
                                                int64_t organization_id) {
  DANGBO_ASSIGN_OR_RETURN(std::string path, PathOf(field, organization_id));
  return auth::Authorize(principal, action, path);
}

absl::StatusOr<Member> MembershipServiceImpl::ReadableMember(grpc::ServerContext* ctx,
                                                             std::string_view name) {
  DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, auth::Action::kReadMember));
  DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId("member", kMembers, name));
  DANGBO_ASSIGN_OR_RETURN(Member member, deps_.store->GetMember(id));
  DANGBO_RETURN_IF_ERROR(
      AuthorizeAt(principal, auth::Action::kReadMember, "member", member.organization_id));
  return member;
}

std::vector<std::string> MembershipServiceImpl::ScopePaths(const auth::Principal& principal) {
  std::vector<std::string> paths;
  if (principal.unlimited_scope) return paths;
  absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> found =
      deps_.store->OrganizationPaths(principal.scopes);
  if (found.ok()) {
    for (auto& [id, path] : *found) paths.push_back(std::move(path));
  }
  // A scoped caller whose scopes no longer exist sees nothing, never everything.
  if (paths.empty()) paths.push_back("/0/");
  return paths;
}

absl::Status MembershipServiceImpl::Mutate(
    std::string_view method, const google::protobuf::Message& request,
    const std::string& request_id, const auth::Principal& principal,
    absl::FunctionRef<absl::StatusOr<MutationOutcome>(MembershipTx&)> body,
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

absl::Status MembershipServiceImpl::CheckCardNumber(std::string_view prefix,
                                                    std::string_view number) const {
  if (number.empty()) return absl::OkStatus();
  const MembershipRules& rules = deps_.rules->At(Today());
  return Prefixed(prefix, CheckPartyCardNumber(number, rules.party_card_min_digits,
                                               rules.party_card_max_digits));
}

void MembershipServiceImpl::FillDerived(const Member& member,
                                        const std::vector<MemberEvent>& history,
                                        const std::vector<Badge>& badges, Date today,
                                        v1::MemberDerived* out) const {
  const MembershipRules& rules = deps_.rules->At(today);
  if (std::optional<PartyAge> age = PartyAgeAt(member, history, today, rules, *deps_.calendar)) {
    out->set_party_age_years(age->years);
    out->set_party_age_months(age->months);
  }
  if (std::optional<BadgeDue> badge =
          NextBadge(member, history, badges, today, rules, *deps_.calendar)) {
    out->set_next_badge_years(badge->years);
    *out->mutable_next_badge_due_date() = api::ToProtoDate(badge->due_date);
  }
  if (member.state == MemberState::kProbationary && member.admission_ceremony_date) {
    *out->mutable_probation_end_date() =
        api::ToProtoDate(ProbationEnd(*member.admission_ceremony_date, rules));
    *out->mutable_recognition_deadline() = api::ToProtoDate(
        RecognitionDeadline(*member.admission_ceremony_date, rules, *deps_.calendar));
  }
  if (member.transfer_in_transit) {
    // The open letter is the latest official transfer start in the history.
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      if (it->type == MemberEventType::kTransferOfficialStart) {
        const Date letter = it->decision.date.value_or(it->effective_date);
        *out->mutable_transfer_present_deadline() =
            api::ToProtoDate(TransferPresentDeadline(letter, rules, *deps_.calendar));
        break;
      }
    }
  }
}

absl::CivilDay MembershipServiceImpl::Today() const {
  return absl::ToCivilDay(deps_.now(), absl::FixedTimeZone(7 * 3600));  // Vietnam, UTC+7
}

}  // namespace dangbo::membership
