// Disciplinary decisions and appeals against them. An expulsion or a dissolution is also owed
// to membership: the call is queued in the decision's transaction and delivered by the
// MembershipCallDispatcher until membership accepts it.
#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/etag.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "dangbo/membership/v1/membership_service.pb.h"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/api/mapping.h"
#include "services/inspection/domain/appeals.h"
#include "services/inspection/domain/discipline_rules.h"
#include "services/inspection/domain/enum_names.h"

namespace dangbo::inspection {
namespace {

using auth::Action;
namespace mpb = ::dangbo::membership::v1;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// The call membership owes the decision, if any. Its request_id is derived from the subject,
// so every attempt is the same request and membership applies it once, and a member is expelled
// (an organization dissolved) by one decision only: the queue's unique request_id refuses a
// second one decided at the same time, before either reached membership.
std::optional<MembershipCall> CallFor(const DisciplinaryDecision& d) {
  const std::string origin = api::ResourceName(kDisciplinaryDecisions, d.id);
  dangbo::type::v1::Decision decision;
  decision.set_number(d.number);
  *decision.mutable_date() = api::ToProtoDate(d.decision_date);
  if (d.form == DisciplineForm::kExpulsion && d.subject.kind == SubjectKind::kMember) {
    mpb::RecordMemberEventRequest request;
    request.set_member(api::ResourceName(kMembers, d.subject.id));
    request.mutable_event()->set_type(mpb::MEMBER_EVENT_TYPE_EXPEL);
    *request.mutable_event()->mutable_effective_date() = api::ToProtoDate(d.effective_date);
    *request.mutable_event()->mutable_decision() = decision;
    request.mutable_event()->set_note(absl::StrCat("Khai trừ theo quyết định ", d.number));
    request.set_request_id(absl::StrCat("inspection:", request.member(), ":expel"));
    return MembershipCall{.request_id = request.request_id(),
                          .kind = MembershipCallKind::kExpelMember,
                          .origin = origin,
                          .payload = request.SerializeAsString()};
  }
  if (d.form == DisciplineForm::kDissolution && d.subject.kind == SubjectKind::kOrganization) {
    mpb::DissolveOrganizationRequest request;
    request.set_name(api::ResourceName(kOrganizations, d.subject.id));
    *request.mutable_effective_date() = api::ToProtoDate(d.effective_date);
    *request.mutable_decision() = decision;
    request.set_request_id(absl::StrCat("inspection:", request.name(), ":dissolve"));
    return MembershipCall{.request_id = request.request_id(),
                          .kind = MembershipCallKind::kDissolveOrganization,
                          .origin = origin,
                          .payload = request.SerializeAsString()};
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::vector<Date>> InspectionServiceImpl::StoredViolationsOf(
    const SubjectRef& subject) {
  DecisionFilter filter;
  filter.subject = subject;
  filter.page_size = kMaxPageSize;
  std::vector<Date> violations;
  while (true) {
    DANGBO_ASSIGN_OR_RETURN(std::vector<DisciplinaryDecision> page,
                            deps_.store->ListDecisions(filter));
    for (const DisciplinaryDecision& d : page) {
      violations.insert(violations.end(), d.violation_dates.begin(), d.violation_dates.end());
      filter.after_id = d.id;
    }
    if (static_cast<int>(page.size()) < filter.page_size) return violations;
  }
}

grpc::Status InspectionServiceImpl::CreateDisciplinaryDecision(
    grpc::ServerContext* ctx, const v1::CreateDisciplinaryDecisionRequest* req,
    v1::DisciplinaryDecision* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed, Replayed("CreateDisciplinaryDecision", *req,
                                                    req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    constexpr std::string_view kField = "disciplinary_decision";
    DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision decision,
                            DisciplinaryDecisionFromProto(kField, req->disciplinary_decision()));
    DANGBO_ASSIGN_OR_RETURN(OrganizationInfo deciding,
                            OrganizationAt(ctx, "disciplinary_decision.deciding_organization",
                                           decision.deciding_organization_id));
    DANGBO_RETURN_IF_ERROR(
        status::Prefixed("disciplinary_decision.deciding_organization",
                         auth::Authorize(principal, Action::kWriteInspection, deciding.path)));
    DANGBO_ASSIGN_OR_RETURN(std::vector<ResolvedSubject> resolved,
                            ResolveSubjects(ctx, principal, Action::kWriteInspection,
                                            {decision.subject}, {"disciplinary_decision.subject"}));
    const ResolvedSubject& subject = resolved.front();
    decision.subject_organization_id = subject.organization_id;
    if (subject.member) {
      if (subject.member->standing == MemberStanding::kUnspecified) {
        return absl::FailedPreconditionError(
            "disciplinary_decision.subject: the member no longer belongs to the party");
      }
      decision.member_standing = subject.member->standing;
      decision.holds_post = subject.member->holds_post;
    } else if (!subject.organization->active) {
      return absl::FailedPreconditionError(
          "disciplinary_decision.subject: the organization is no longer active");
    }
    if (!PathContains(subject.organization_path, decision.deciding_organization_id)) {
      return absl::FailedPreconditionError(
          "disciplinary_decision.deciding_organization: neither the subject's organization nor "
          "one above it");
    }
    if (decision.source_inspection_id) {
      absl::StatusOr<Inspection> source =
          deps_.store->GetInspection(*decision.source_inspection_id);
      if (!source.ok()) {
        return status::Prefixed("disciplinary_decision.source_inspection", source.status());
      }
    }
    DANGBO_ASSIGN_OR_RETURN(std::vector<Date> other_violations,
                            StoredViolationsOf(decision.subject));
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    DANGBO_RETURN_IF_ERROR(status::Prefixed(
        kField, CheckDisciplinaryDecision(decision, other_violations,
                                          book.At(decision.decision_date), today)));
    bool queued = false;
    DANGBO_RETURN_IF_ERROR(Mutate(
        "CreateDisciplinaryDecision", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          queued = false;
          // A member disciplined out of an inspection settles the case it held open. The
          // inspection is locked before the decision refers to it, so two decisions out of one
          // inspection queue one after the other.
          std::optional<Inspection> source;
          absl::flat_hash_set<int64_t> decided_before;
          if (decision.source_inspection_id && decision.subject.kind == SubjectKind::kMember) {
            DANGBO_ASSIGN_OR_RETURN(source, tx.LockInspection(*decision.source_inspection_id));
            DANGBO_ASSIGN_OR_RETURN(decided_before, tx.MembersDisciplinedOutOf(source->id));
          }
          DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision created, tx.InsertDecision(decision));
          if (source) {
            absl::flat_hash_set<int64_t> decided_after = decided_before;
            decided_after.insert(created.subject.id);
            DANGBO_ASSIGN_OR_RETURN(queued, QueueCaseReports(tx, source->id,
                                                             CaseReports(source, decided_before,
                                                                         *source, decided_after)));
          }
          v1::MembershipSync sync;
          sync.set_state(v1::MembershipSync::STATE_NOT_REQUIRED);
          if (std::optional<MembershipCall> call = CallFor(created)) {
            absl::Status enqueued = tx.EnqueueMembershipCall(*call).status();
            if (absl::IsAlreadyExists(enqueued)) {
              return absl::FailedPreconditionError(absl::StrCat(
                  "disciplinary_decision.subject: ", SubjectName(created.subject), " is already ",
                  created.form == DisciplineForm::kExpulsion ? "expelled" : "dissolved",
                  " by another decision"));
            }
            DANGBO_RETURN_IF_ERROR(enqueued);
            sync.set_state(v1::MembershipSync::STATE_PENDING);
            queued = true;
          }
          v1::DisciplinaryDecision out = DisciplinaryDecisionToProto(created, sync);
          return MutationOutcome{
              .response = out.SerializeAsString(),
              .changes = {MakeChange(out.name(), "created", out)},
              .resource = out.name(),
              .audit_detail = absl::StrCat(DisciplineFormName(created.form), " of ",
                                           SubjectName(created.subject))};
        },
        resp));
    if (queued) deps_.membership_calls_queued();
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::GetDisciplinaryDecision(
    grpc::ServerContext* ctx, const v1::GetDisciplinaryDecisionRequest* req,
    v1::DisciplinaryDecision* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int64_t id,
                            api::ParseResourceId("name", kDisciplinaryDecisions, req->name()));
    DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision decision, deps_.store->GetDecision(id));
    // Readable where the subject was, or where it was decided.
    absl::Status at_subject = AuthorizeRead(ctx, principal, Action::kReadInspection, "name",
                                            decision.subject_organization_id);
    if (!at_subject.ok()) {
      DANGBO_RETURN_IF_ERROR(AuthorizeRead(ctx, principal, Action::kReadInspection, "name",
                                           decision.deciding_organization_id));
    }
    DANGBO_ASSIGN_OR_RETURN(v1::MembershipSync sync, SyncOf(decision));
    *resp = DisciplinaryDecisionToProto(decision, sync);
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ListDisciplinaryDecisions(
    grpc::ServerContext* ctx, const v1::ListDisciplinaryDecisionsRequest* req,
    v1::ListDisciplinaryDecisionsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    DecisionFilter filter;
    if (!req->subject().empty()) {
      DANGBO_ASSIGN_OR_RETURN(filter.subject, SubjectFromName("subject", req->subject()));
    }
    for (int i = 0; i < req->forms_size(); ++i) {
      if (!v1::DisciplineForm_IsValid(req->forms(i)) || req->forms(i) == 0) {
        return status::InvalidField(absl::StrCat("forms[", i, "]"), "unknown form");
      }
      filter.forms.push_back(static_cast<DisciplineForm>(req->forms(i)));
    }
    DANGBO_ASSIGN_OR_RETURN(filter.decided_from,
                            api::ParseOptionalDate("decided_from", req->decided_from()));
    DANGBO_ASSIGN_OR_RETURN(filter.decided_to,
                            api::ParseOptionalDate("decided_to", req->decided_to()));
    DANGBO_ASSIGN_OR_RETURN(
        std::optional<std::vector<int64_t>> visible,
        VisibleOrganizations(ctx, principal, Action::kReadInspection, "subtree", req->subtree()));
    if (visible) filter.subject_organization_ids = std::move(*visible);
    v1::ListDisciplinaryDecisionsRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(filter.after_id, api::DecodePageToken(req->page_token(), digest));
    filter.page_size = page_size + 1;
    DANGBO_ASSIGN_OR_RETURN(std::vector<DisciplinaryDecision> found,
                            deps_.store->ListDecisions(filter));
    const bool more = static_cast<int>(found.size()) > page_size;
    if (more) found.resize(page_size);
    for (const DisciplinaryDecision& d : found) {
      DANGBO_ASSIGN_OR_RETURN(v1::MembershipSync sync, SyncOf(d));
      *resp->add_disciplinary_decisions() = DisciplinaryDecisionToProto(d, sync);
    }
    if (more) resp->set_next_page_token(api::EncodePageToken(found.back().id, digest));
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::CreateAppeal(grpc::ServerContext* ctx,
                                                 const v1::CreateAppealRequest* req,
                                                 v1::Appeal* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("CreateAppeal", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    DANGBO_ASSIGN_OR_RETURN(int64_t decision_id,
                            api::ParseResourceId("parent", kDisciplinaryDecisions, req->parent()));
    DANGBO_ASSIGN_OR_RETURN(Appeal appeal, AppealFromProto("appeal", req->appeal()));
    appeal.decision_id = decision_id;
    // The appeal is recorded by the body that resolves it.
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(ctx, principal, Action::kWriteInspection,
                                       "appeal.resolving_organization",
                                       appeal.resolving_organization_id));
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    const InspectionRules& rules = book.At(appeal.filed_date);
    return Mutate(
        "CreateAppeal", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision decision, tx.LockDecision(decision_id));
          DANGBO_ASSIGN_OR_RETURN(std::vector<StoredAppeal> stored, tx.AppealsOf(decision_id));
          std::vector<Appeal> earlier;
          for (const StoredAppeal& s : stored) earlier.push_back(s.appeal);
          DANGBO_RETURN_IF_ERROR(status::Prefixed(
              "appeal",
              CheckAppealFiling(decision, earlier, appeal, rules, *deps_.calendar, today)));
          StoredAppeal record{
              .appeal = appeal,
              .resolution_due_date = AppealResolutionDeadline(appeal, rules, *deps_.calendar)};
          DANGBO_ASSIGN_OR_RETURN(StoredAppeal created, tx.InsertAppeal(record));
          v1::Appeal out = AppealToProto(created);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "created", out)},
                                 .resource = out.name(),
                                 .audit_detail = "appeal filed"};
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::GetAppeal(grpc::ServerContext* ctx,
                                              const v1::GetAppealRequest* req, v1::Appeal* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(auto name, ParseAppealName("name", req->name()));
    DANGBO_ASSIGN_OR_RETURN(StoredAppeal appeal, deps_.store->GetAppeal(name.first, name.second));
    DANGBO_RETURN_IF_ERROR(AuthorizeRead(ctx, principal, Action::kReadInspection, "name",
                                         appeal.appeal.resolving_organization_id));
    *resp = AppealToProto(appeal);
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ListAppeals(grpc::ServerContext* ctx,
                                                const v1::ListAppealsRequest* req,
                                                v1::ListAppealsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int64_t decision_id,
                            api::ParseResourceId("parent", kDisciplinaryDecisions, req->parent()));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    DANGBO_ASSIGN_OR_RETURN(int64_t after, api::DecodePageToken(req->page_token(), req->parent()));
    DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision decision, deps_.store->GetDecision(decision_id));
    absl::Status at_subject = AuthorizeRead(ctx, principal, Action::kReadInspection, "parent",
                                            decision.subject_organization_id);
    if (!at_subject.ok()) {
      DANGBO_RETURN_IF_ERROR(AuthorizeRead(ctx, principal, Action::kReadInspection, "parent",
                                           decision.deciding_organization_id));
    }
    AppealFilter filter;
    filter.decision_id = decision_id;
    filter.after_id = after;
    filter.page_size = page_size + 1;
    DANGBO_ASSIGN_OR_RETURN(std::vector<StoredAppeal> found, deps_.store->ListAppeals(filter));
    const bool more = static_cast<int>(found.size()) > page_size;
    if (more) found.resize(page_size);
    for (const StoredAppeal& a : found) *resp->add_appeals() = AppealToProto(a);
    if (more) {
      resp->set_next_page_token(api::EncodePageToken(found.back().appeal.id, req->parent()));
    }
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ResolveAppeal(grpc::ServerContext* ctx,
                                                  const v1::ResolveAppealRequest* req,
                                                  v1::Appeal* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("ResolveAppeal", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    DANGBO_ASSIGN_OR_RETURN(auto name, ParseAppealName("name", req->name()));
    DANGBO_ASSIGN_OR_RETURN(int64_t version, api::ParseEtag("etag", req->etag()));
    DANGBO_ASSIGN_OR_RETURN(AppealResolution resolution,
                            AppealResolutionFromProto("resolution", req->resolution()));
    DANGBO_ASSIGN_OR_RETURN(StoredAppeal current, deps_.store->GetAppeal(name.first, name.second));
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(ctx, principal, Action::kWriteInspection, "name",
                                       current.appeal.resolving_organization_id));
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    return Mutate(
        "ResolveAppeal", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          DANGBO_ASSIGN_OR_RETURN(DisciplinaryDecision decision, tx.LockDecision(name.first));
          DANGBO_ASSIGN_OR_RETURN(StoredAppeal stored, tx.LockAppeal(name.first, name.second));
          if (stored.appeal.version != version) return status::EtagMismatch(req->name());
          DANGBO_ASSIGN_OR_RETURN(std::vector<StoredAppeal> all, tx.AppealsOf(name.first));
          std::vector<Appeal> appeals;
          for (const StoredAppeal& s : all) appeals.push_back(s.appeal);
          DANGBO_RETURN_IF_ERROR(CheckAppealResolution(decision, appeals, stored.appeal, resolution,
                                                       book.At(resolution.date), today));
          stored.appeal.resolution = resolution;
          DANGBO_ASSIGN_OR_RETURN(StoredAppeal updated, tx.UpdateAppeal(stored));
          v1::Appeal out = AppealToProto(updated);
          return MutationOutcome{.response = out.SerializeAsString(),
                                 .changes = {MakeChange(out.name(), "resolved", out)},
                                 .resource = out.name(),
                                 .audit_detail = absl::StrCat(
                                     "appeal resolved: ", AppealOutcomeName(resolution.outcome))};
        },
        resp);
  });
}

}  // namespace dangbo::inspection
