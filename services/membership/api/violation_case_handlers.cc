// Violation cases, reported by the inspection service; RESIGN reads them (member_handlers.cc).
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/errors.h"
#include "services/membership/api/mapping.h"
#include "services/membership/api/membership_service.h"
#include "services/membership/domain/violation_cases.h"

namespace dangbo::membership {
namespace {

using auth::Action;

constexpr size_t kMaxSourceLength = 128;  // violation_cases.source

// A resource name of the inspection service, `collection/id` ("inspections/12"): it is stored
// and shown, never parsed further here.
bool IsResourceName(std::string_view name) {
  const size_t slash = name.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = i < slash   ? absl::ascii_isalpha(static_cast<unsigned char>(c))
                    : i > slash ? absl::ascii_isdigit(static_cast<unsigned char>(c))
                                : true;
    if (!ok) return false;
  }
  return true;
}

v1::ViolationCase ViolationCaseToProto(const ViolationCase& c) {
  v1::ViolationCase out;
  out.set_member(api::ResourceName(kMembers, c.member_id));
  out.set_source(c.source);
  out.set_state(c.open ? v1::ViolationCase::STATE_OPEN : v1::ViolationCase::STATE_SETTLED);
  if (c.opened_date) *out.mutable_opened_date() = api::ToProtoDate(*c.opened_date);
  if (c.settled_date) *out.mutable_settled_date() = api::ToProtoDate(*c.settled_date);
  out.set_recorded_by(c.recorded_by);
  *out.mutable_update_time() = api::ToProtoTimestamp(c.update_time);
  return out;
}

absl::StatusOr<ViolationCase> ViolationCaseFromProto(const v1::ViolationCase& in) {
  ViolationCase c;
  DANGBO_ASSIGN_OR_RETURN(c.member_id,
                          api::ParseResourceId("violation_case.member", kMembers, in.member()));
  if (in.source().size() > kMaxSourceLength || !IsResourceName(in.source())) {
    return status::InvalidField("violation_case.source",
                                "a resource name of the inspection service, e.g. inspections/12");
  }
  c.source = in.source();
  DANGBO_ASSIGN_OR_RETURN(c.opened_date,
                          api::ParseOptionalDate("violation_case.opened_date", in.opened_date()));
  DANGBO_ASSIGN_OR_RETURN(c.settled_date,
                          api::ParseOptionalDate("violation_case.settled_date", in.settled_date()));
  switch (in.state()) {
    case v1::ViolationCase::STATE_OPEN:
      if (!c.opened_date) return status::InvalidField("violation_case.opened_date", "required");
      if (c.settled_date) {
        return status::InvalidField("violation_case.settled_date", "only for a SETTLED case");
      }
      c.open = true;
      break;
    case v1::ViolationCase::STATE_SETTLED:
      if (!c.settled_date) return status::InvalidField("violation_case.settled_date", "required");
      if (c.opened_date && *c.settled_date < *c.opened_date) {
        return status::InvalidField("violation_case.settled_date", "precedes opened_date");
      }
      c.open = false;
      break;
    default:
      return status::InvalidField("violation_case.state", "OPEN or SETTLED");
  }
  return c;
}

}  // namespace

grpc::Status MembershipServiceImpl::RecordViolationCase(grpc::ServerContext* ctx,
                                                        const v1::RecordViolationCaseRequest* req,
                                                        v1::ViolationCase* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal,
                            Authorized(ctx, Action::kRecordViolationCase));
    DANGBO_ASSIGN_OR_RETURN(ViolationCase reported, ViolationCaseFromProto(req->violation_case()));
    reported.recorded_by = principal.subject;
    return Mutate(
        "RecordViolationCase", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Member member, tx.LockMember(reported.member_id));
          DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kRecordViolationCase,
                                             "violation_case.member", member.organization_id));
          DANGBO_ASSIGN_OR_RETURN(std::vector<ViolationCase> cases, tx.ViolationCasesOf(member.id));
          std::optional<ViolationCase> stored;
          for (const ViolationCase& c : cases) {
            if (c.source == reported.source) stored = c;
          }
          ViolationCase merged = MergeViolationCase(stored, reported);
          if (!stored || merged.open != stored->open || merged.opened_date != stored->opened_date) {
            DANGBO_ASSIGN_OR_RETURN(merged, tx.WriteViolationCase(merged));
          }
          v1::ViolationCase out = ViolationCaseToProto(merged);
          const std::string verb = merged.open ? "violation_case_opened" : "violation_case_settled";
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.member(), verb, out)},
                                 .resource = out.member(),
                                 .audit_detail = absl::StrCat(verb, " ", merged.source)};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::ListViolationCases(grpc::ServerContext* ctx,
                                                       const v1::ListViolationCasesRequest* req,
                                                       v1::ListViolationCasesResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(Member member, ReadableMember(ctx, req->member()));
    DANGBO_ASSIGN_OR_RETURN(std::vector<ViolationCase> cases,
                            deps_.store->ListViolationCases(member.id));
    for (const ViolationCase& c : cases) *resp->add_violation_cases() = ViolationCaseToProto(c);
    return absl::OkStatus();
  });
}

}  // namespace dangbo::membership
