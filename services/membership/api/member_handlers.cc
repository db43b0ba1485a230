// Members, their profile and their lifecycle.
#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/errors.h"
#include "services/membership/api/mapping.h"
#include "services/membership/api/member_rules.h"
#include "services/membership/api/membership_service.h"
#include "services/membership/domain/derived.h"
#include "services/membership/domain/member_lifecycle.h"
#include "services/membership/domain/names.h"
#include "services/membership/domain/violation_cases.h"

namespace dangbo::membership {
namespace {

using auth::Action;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr int kMaxBatchGet = 1000;

absl::StatusOr<int64_t> MemberId(std::string_view field, std::string_view name) {
  return api::ParseResourceId(field, kMembers, name);
}

}  // namespace

grpc::Status MembershipServiceImpl::CreateMember(grpc::ServerContext* ctx,
                                                 const v1::CreateMemberRequest* req,
                                                 v1::Member* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteMember));
    DANGBO_ASSIGN_OR_RETURN(Member member, MemberFromProto("member", req->member()));
    if (req->member().organization().empty()) {
      return status::InvalidField("member.organization", "required");
    }
    const int initial =
        req->initial_state() == 0 ? v1::MEMBER_STATE_APPLICANT : req->initial_state();
    if (!v1::MemberState_IsValid(initial)) {
      return status::InvalidField("initial_state", absl::StrCat("unknown value ", initial));
    }
    member.state = static_cast<MemberState>(initial);
    DANGBO_RETURN_IF_ERROR(ValidateInitialState(member, Today()));
    DANGBO_RETURN_IF_ERROR(CheckCardNumber("member", member.party_card_number));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, Action::kWriteMember, "member.organization",
                                       member.organization_id));
    const bool personal = auth::CanSeePersonalData(principal);
    return Mutate(
        "CreateMember", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Organization org, tx.LockOrganization(member.organization_id));
          if (org.state != OrganizationState::kActive) {
            return status::FailedPrecondition("organization", req->member().organization(),
                                              "member.organization: is no longer active");
          }
          DANGBO_ASSIGN_OR_RETURN(Member created, tx.InsertMember(member));
          v1::Member full = MemberToProto(created, /*with_personal_data=*/true);
          v1::Member out = MemberToProto(created, personal);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(full.name(), "created", full)},
                                 .resource = full.name(),
                                 .audit_detail = "created"};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::GetMember(grpc::ServerContext* ctx,
                                              const v1::GetMemberRequest* req, v1::Member* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadMember));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, MemberId("name", req->name()));
    if (!v1::MemberView_IsValid(req->view())) {
      return status::InvalidField("view", absl::StrCat("unknown value ", req->view()));
    }
    DANGBO_ASSIGN_OR_RETURN(MemberWithPath found, deps_.store->GetMemberWithPath(id));
    DANGBO_RETURN_IF_ERROR(
        auth::Authorize(principal, Action::kReadMember, found.organization_path));
    const Member& member = found.member;
    const bool personal = auth::CanSeePersonalData(principal);
    if (personal) {
      DANGBO_RETURN_IF_ERROR(
          deps_.store->AuditPersonalDataRead(principal.subject, "GetMember", {member.id}));
    }
    *resp = MemberToProto(member, personal);
    if (req->view() != v1::MEMBER_VIEW_FULL) return absl::OkStatus();
    DANGBO_ASSIGN_OR_RETURN(auto histories, deps_.store->MemberHistories({id}));
    const MemberHistory& history = histories[id];
    FillDerived(member, history.events, history.badges, Today(), resp->mutable_derived());
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::BatchGetMembers(grpc::ServerContext* ctx,
                                                    const v1::BatchGetMembersRequest* req,
                                                    v1::BatchGetMembersResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadMember));
    if (req->names_size() > kMaxBatchGet) {
      return status::InvalidField("names", absl::StrCat("at most ", kMaxBatchGet, " names"));
    }
    std::vector<int64_t> ids;
    ids.reserve(req->names_size());
    for (int i = 0; i < req->names_size(); ++i) {
      DANGBO_ASSIGN_OR_RETURN(int64_t id, MemberId(absl::StrCat("names[", i, "]"), req->names(i)));
      ids.push_back(id);
    }
    DANGBO_ASSIGN_OR_RETURN(std::vector<Member> members, deps_.store->BatchGetMembers(ids));
    std::vector<int64_t> org_ids;
    for (const Member& m : members) org_ids.push_back(m.organization_id);
    DANGBO_ASSIGN_OR_RETURN(auto paths, deps_.store->OrganizationPaths(org_ids));
    absl::flat_hash_map<int64_t, std::string> path_of(paths.begin(), paths.end());
    for (size_t i = 0; i < members.size(); ++i) {
      DANGBO_RETURN_IF_ERROR(
          auth::Authorize(principal, Action::kReadMember, path_of[members[i].organization_id]));
    }
    const bool personal = auth::CanSeePersonalData(principal);
    if (personal && !ids.empty()) {
      DANGBO_RETURN_IF_ERROR(
          deps_.store->AuditPersonalDataRead(principal.subject, "BatchGetMembers", ids));
    }
    for (const Member& m : members) *resp->add_members() = MemberToProto(m, personal);
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::ListMembers(grpc::ServerContext* ctx,
                                                const v1::ListMembersRequest* req,
                                                v1::ListMembersResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadMember));
    MemberFilter filter;
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    if (!req->subtree().empty()) {
      DANGBO_ASSIGN_OR_RETURN(int64_t root,
                              api::ParseResourceId("subtree", kOrganizations, req->subtree()));
      DANGBO_ASSIGN_OR_RETURN(std::string path, PathOf("subtree", root));
      DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, Action::kReadMember, path));
      filter.subtree_path = path;
    }
    filter.scope_paths = ScopePaths(principal);
    for (int state : req->states()) {
      if (!v1::MemberState_IsValid(state) || state == 0) {
        return status::InvalidField("states", absl::StrCat("unknown state ", state));
      }
      filter.states.push_back(static_cast<MemberState>(state));
    }
    if (filter.states.empty()) {
      filter.states = {MemberState::kApplicant, MemberState::kProbationary, MemberState::kFull};
    }
    if (!req->name_query().empty()) {
      DANGBO_ASSIGN_OR_RETURN(std::string normalized,
                              NormalizeName("name_query", req->name_query()));
      filter.name_key = SearchKey(normalized);
    }
    if (!req->party_card_number().empty()) {
      DANGBO_RETURN_IF_ERROR(CheckCardNumber("", req->party_card_number()));
      filter.party_card_number = req->party_card_number();
    }
    if (!req->citizen_id().empty()) {
      if (!auth::CanSeePersonalData(principal)) {
        return absl::PermissionDeniedError(
            "citizen_id: searching by citizen id needs the personal_data role");
      }
      DANGBO_RETURN_IF_ERROR(CheckCitizenId(req->citizen_id()));
      filter.citizen_id = req->citizen_id();
    }
    filter.exempted_only = req->exempted_only();
    filter.lost_contact_only = req->lost_contact_only();
    filter.in_transit_only = req->in_transit_only();

    v1::ListMembersRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(filter.after_id, api::DecodePageToken(req->page_token(), digest));
    filter.page_size = page_size + 1;
    DANGBO_ASSIGN_OR_RETURN(std::vector<Member> found, deps_.store->ListMembers(filter));
    const bool more = static_cast<int>(found.size()) > page_size;
    if (more) found.resize(page_size);
    const bool personal = auth::CanSeePersonalData(principal);
    if (personal && !found.empty()) {
      std::vector<int64_t> ids;
      for (const Member& m : found) ids.push_back(m.id);
      DANGBO_RETURN_IF_ERROR(
          deps_.store->AuditPersonalDataRead(principal.subject, "ListMembers", ids));
    }
    for (const Member& m : found) *resp->add_members() = MemberToProto(m, personal);
    if (more) resp->set_next_page_token(api::EncodePageToken(found.back().id, digest));
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::UpdateMember(grpc::ServerContext* ctx,
                                                 const v1::UpdateMemberRequest* req,
                                                 v1::Member* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteMember));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, MemberId("member.name", req->member().name()));
    DANGBO_ASSIGN_OR_RETURN(int64_t version, ParseEtag("member.etag", req->member().etag()));
    if (req->update_mask().paths().empty()) {
      return status::InvalidField("update_mask", "name at least one field to update");
    }
    v1::Member input = req->member();
    input.clear_organization();
    if (input.full_name().empty()) input.set_full_name("-");
    DANGBO_ASSIGN_OR_RETURN(Member changes, MemberFromProto("member", input));
    DANGBO_RETURN_IF_ERROR(CheckCardNumber("member", changes.party_card_number));
    const bool personal = auth::CanSeePersonalData(principal);
    return Mutate(
        "UpdateMember", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Member m, tx.LockMember(id));
          DANGBO_RETURN_IF_ERROR(
              AuthorizeAt(principal, Action::kWriteMember, "member.name", m.organization_id));
          if (m.version != version) return status::EtagMismatch(req->member().name());
          for (const std::string& path : req->update_mask().paths()) {
            if (path.rfind("personal_data", 0) == 0 && !personal) {
              return absl::PermissionDeniedError(
                  "update_mask: personal_data fields need the personal_data role");
            }
            if (path == "full_name") {
              if (req->member().full_name().empty()) {
                return status::InvalidField("member.full_name", "required");
              }
              m.full_name = changes.full_name;
            } else if (path == "gender") {
              m.gender = changes.gender;
            } else if (path == "party_card_number") {
              m.party_card_number = changes.party_card_number;
            } else if (path == "party_profile_number") {
              m.party_profile_number = changes.party_profile_number;
            } else if (path == "general_education") {
              m.general_education = changes.general_education;
            } else if (path == "professional_qualification") {
              m.professional_qualification = changes.professional_qualification;
            } else if (path == "academic_title") {
              m.academic_title = changes.academic_title;
            } else if (path == "political_theory_level") {
              m.political_theory_level = changes.political_theory_level;
            } else if (path == "occupation") {
              m.occupation = changes.occupation;
            } else if (path == "position") {
              m.position = changes.position;
            } else if (path == "department_leader") {
              m.department_leader = changes.department_leader;
            } else if (path == "youth_union_member") {
              m.youth_union_member = changes.youth_union_member;
            } else if (path == "personal_data") {
              m.personal = changes.personal;
            } else if (path == "personal_data.citizen_id") {
              m.personal.citizen_id = changes.personal.citizen_id;
            } else if (path == "personal_data.birth_date") {
              m.personal.birth_date = changes.personal.birth_date;
            } else if (path == "personal_data.ethnicity") {
              m.personal.ethnicity = changes.personal.ethnicity;
            } else if (path == "personal_data.religion") {
              m.personal.religion = changes.personal.religion;
            } else if (path == "personal_data.address") {
              m.personal.address = changes.personal.address;
            } else {
              return status::InvalidField(
                  "update_mask", absl::StrCat("\"", path,
                                              "\" cannot be updated; state, organization and "
                                              "lifecycle dates change through RecordMemberEvent"));
            }
          }
          DANGBO_ASSIGN_OR_RETURN(Member updated, tx.UpdateMember(m));
          v1::Member full = MemberToProto(updated, /*with_personal_data=*/true);
          v1::Member out = MemberToProto(updated, personal);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(full.name(), "updated", full)},
                                 .resource = full.name(),
                                 .audit_detail = "profile updated"};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::RecordMemberEvent(grpc::ServerContext* ctx,
                                                      const v1::RecordMemberEventRequest* req,
                                                      v1::RecordMemberEventResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, deps_.authenticator->Authenticate(*ctx));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, MemberId("member", req->member()));
    DANGBO_ASSIGN_OR_RETURN(MemberEvent requested, MemberEventFromProto("event", req->event()));
    // Expulsion is a disciplinary decision taken in the inspection service, which records it
    // here with its own identity; organizers cannot expel by writing an event.
    const Action action =
        requested.type == MemberEventType::kExpel ? Action::kRecordExpulsion : Action::kWriteMember;
    DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, action));
    std::optional<int64_t> expected_version;
    if (!req->etag().empty()) {
      DANGBO_ASSIGN_OR_RETURN(expected_version, ParseEtag("etag", req->etag()));
    }
    if (requested.destination_organization_id) {
      DANGBO_RETURN_IF_ERROR(
          PathOf("event.destination_organization", *requested.destination_organization_id)
              .status());
    }
    const Date today = Today();
    const bool personal = auth::CanSeePersonalData(principal);
    return Mutate(
        "RecordMemberEvent", *req, req->request_id(), principal,
        [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(Member member, tx.LockMember(id));
          DANGBO_ASSIGN_OR_RETURN(std::vector<MemberEvent> history, tx.MemberEvents(id));
          // The receiving organization records the receipt of an official transfer, so it is
          // authorized where the member is going; every other event where the member is.
          int64_t acting_organization = member.organization_id;
          if (requested.type == MemberEventType::kTransferOfficialReceive &&
              member.transfer_in_transit) {
            for (auto it = history.rbegin(); it != history.rend(); ++it) {
              if (it->type == MemberEventType::kTransferOfficialStart &&
                  it->destination_organization_id) {
                acting_organization = *it->destination_organization_id;
                break;
              }
            }
          }
          DANGBO_RETURN_IF_ERROR(AuthorizeAt(principal, action, "member", acting_organization));
          if (expected_version && member.version != *expected_version) {
            return status::EtagMismatch(req->member());
          }
          if (requested.destination_organization_id) {
            DANGBO_ASSIGN_OR_RETURN(Organization destination,
                                    tx.LockOrganization(*requested.destination_organization_id));
            if (destination.state != OrganizationState::kActive) {
              return status::FailedPrecondition(
                  "organization", req->event().destination_organization(),
                  "event.destination_organization: is no longer active");
            }
          }
          requested.member_id = id;
          requested.recorded_by = principal.subject;
          // Cases the inspection service reported (RecordViolationCase); only RESIGN reads them.
          std::vector<std::string> open_cases;
          if (requested.type == MemberEventType::kResign) {
            DANGBO_ASSIGN_OR_RETURN(std::vector<ViolationCase> cases, tx.ViolationCasesOf(id));
            open_cases = OpenCaseSources(cases);
          }
          absl::StatusOr<CheckedEvent> result =
              CheckEvent(member, requested, history, deps_.rules->At(requested.effective_date),
                         *deps_.calendar, today, open_cases);
          if (!result.ok()) return Prefixed("event", result.status());
          DANGBO_ASSIGN_OR_RETURN(MemberEvent recorded, tx.InsertMemberEvent(result->event));
          DANGBO_ASSIGN_OR_RETURN(Member updated, tx.UpdateMember(result->member_after));
          v1::RecordMemberEventResponse out;
          *out.mutable_event() = MemberEventToProto(recorded);
          for (const std::string& w : result->warnings) out.mutable_event()->add_warnings(w);
          v1::Member full = MemberToProto(updated, /*with_personal_data=*/true);
          *out.mutable_member() = MemberToProto(updated, personal);
          return MutationOutcome{
              .response = out.SerializeAsString(),
              .changes = {MakeChange(out.event().name(), "recorded", out.event()),
                          MakeChange(full.name(), "updated", full)},
              .resource = full.name(),
              .audit_detail = v1::MemberEventType_Name(out.event().type())};
        },
        resp);
  });
}

grpc::Status MembershipServiceImpl::ListMemberEvents(grpc::ServerContext* ctx,
                                                     const v1::ListMemberEventsRequest* req,
                                                     v1::ListMemberEventsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(Member member, ReadableMember(ctx, req->member()));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    DANGBO_ASSIGN_OR_RETURN(int64_t after, api::DecodePageToken(req->page_token(), req->member()));
    DANGBO_ASSIGN_OR_RETURN(std::vector<MemberEvent> events,
                            deps_.store->ListMemberEvents(member.id, page_size + 1, after));
    const bool more = static_cast<int>(events.size()) > page_size;
    if (more) events.resize(page_size);
    for (const MemberEvent& e : events) *resp->add_events() = MemberEventToProto(e);
    if (more) resp->set_next_page_token(api::EncodePageToken(events.back().id, req->member()));
    return absl::OkStatus();
  });
}

grpc::Status MembershipServiceImpl::ListChanges(grpc::ServerContext* ctx,
                                                const v1::ListChangesRequest* req,
                                                v1::ListChangesResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadChanges));
    if (!principal.unlimited_scope) {
      return absl::PermissionDeniedError(
          "the change feed covers the whole tree; it needs a caller without scope limits");
    }
    if (req->after_sequence() < 0) {
      return status::InvalidField("after_sequence", "must not be negative");
    }
    DANGBO_ASSIGN_OR_RETURN(int page_size, api::PageSize(req->page_size(), 1000, 10000));
    // Read the head first: every change up to it has committed (sequences are assigned in
    // commit order), so a reader that resumes from the last sequence it saw misses nothing.
    DANGBO_ASSIGN_OR_RETURN(int64_t head, deps_.store->HeadSequence());
    DANGBO_ASSIGN_OR_RETURN(std::vector<StoredChange> changes,
                            deps_.store->ListChanges(req->after_sequence(), page_size));
    resp->set_head_sequence(head);
    for (const StoredChange& c : changes) {
      dangbo::type::v1::Change* out = resp->add_changes();
      out->set_sequence(c.sequence);
      out->set_resource(c.resource);
      out->set_change_type(c.change_type);
      out->mutable_payload()->ParseFromString(c.payload);
      *out->mutable_commit_time() = api::ToProtoTimestamp(c.commit_time);
      out->set_request_id(c.request_id);
    }
    if (!changes.empty() && changes.back().sequence > head) {
      resp->set_head_sequence(changes.back().sequence);
    }
    return absl::OkStatus();
  });
}

}  // namespace dangbo::membership
