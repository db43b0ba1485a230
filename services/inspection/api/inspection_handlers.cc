// Inspections and supervisions: creation, changes before the conclusion, subjects, the stage
// graph, findings and outcomes.
#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/etag.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/api/mapping.h"
#include "services/inspection/domain/durations.h"
#include "services/inspection/domain/enum_names.h"
#include "services/inspection/domain/stage_graph.h"

namespace dangbo::inspection {
namespace {

using auth::Action;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// The rules an inspection is judged by: those in force at its decision (or today before one).
const InspectionRules& RulesFor(const InspectionRuleBook& book, const Inspection& inspection,
                                Date today) {
  return book.At(inspection.decision.date.value_or(today));
}

// Subjects, findings and outcomes may change until the deciding body concludes.
absl::Status RequireBeforeConclusion(const Inspection& inspection, std::string_view what) {
  if (inspection.stage >= InspectionStage::kConcluded) {
    return absl::FailedPreconditionError(
        absl::StrCat("stage: ", ToAbsl(what), " cannot change once the inspection is ",
                     InspectionStageName(inspection.stage)));
  }
  return absl::OkStatus();
}

InspectionSubject* FindSubject(Inspection& inspection, const SubjectRef& ref) {
  for (InspectionSubject& s : inspection.subjects) {
    if (s.subject == ref) return &s;
  }
  return nullptr;
}

}  // namespace

absl::Status InspectionServiceImpl::MutateInspection(
    grpc::ServerContext* ctx, std::string_view method, const google::protobuf::Message& request,
    const std::string& request_id, const auth::Principal& principal, std::string_view name,
    std::string_view etag, std::string_view verb,
    const std::function<absl::Status(Inspection&, InspectionTx&)>& change,
    v1::Inspection* response) {
  DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId("inspection", kInspections, name));
  DANGBO_ASSIGN_OR_RETURN(int64_t version, api::ParseEtag("etag", etag));
  DANGBO_ASSIGN_OR_RETURN(Inspection current, deps_.store->GetInspection(id));
  DANGBO_RETURN_IF_ERROR(AuthorizeAt(ctx, principal, Action::kWriteInspection, "inspection",
                                     current.conducting_organization_id));
  bool queued = false;
  DANGBO_RETURN_IF_ERROR(Mutate(
      method, request, request_id, principal,
      [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
        DANGBO_ASSIGN_OR_RETURN(Inspection inspection, tx.LockInspection(id));
        if (inspection.version != version) return status::EtagMismatch(name);
        const Inspection before = inspection;
        DANGBO_RETURN_IF_ERROR(change(inspection, tx));
        DANGBO_ASSIGN_OR_RETURN(Inspection updated, tx.UpdateInspection(inspection));
        DANGBO_ASSIGN_OR_RETURN(absl::flat_hash_set<int64_t> decided,
                                tx.MembersDisciplinedOutOf(id));
        DANGBO_ASSIGN_OR_RETURN(
            queued, QueueCaseReports(tx, id, CaseReports(before, decided, updated, decided)));
        v1::Inspection out = InspectionToProto(updated);
        return MutationOutcome{.response = out.SerializeAsString(),
                               .changes = {MakeChange(out.name(), verb, out)},
                               .resource = out.name(),
                               .audit_detail = absl::StrCat(ToAbsl(method), " at stage ",
                                                            InspectionStageName(updated.stage))};
      },
      response));
  if (queued) deps_.membership_calls_queued();
  return absl::OkStatus();
}

grpc::Status InspectionServiceImpl::CreateInspection(grpc::ServerContext* ctx,
                                                     const v1::CreateInspectionRequest* req,
                                                     v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("CreateInspection", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    DANGBO_ASSIGN_OR_RETURN(Inspection inspection,
                            InspectionFromProto("inspection", req->inspection()));
    if (inspection.conducting_organization_id == 0) {
      return status::InvalidField("inspection.conducting_organization", "required");
    }
    if (req->planned_item_number() < 0) {
      return status::InvalidField("planned_item_number", "must not be negative");
    }
    if (req->planned_item_number() > 0 && !inspection.programme_id) {
      return status::InvalidField("planned_item_number", "needs inspection.programme");
    }
    // Created PLANNED, or DECIDED once the decision establishing the team is given.
    const v1::InspectionStage requested = req->inspection().stage();
    if (requested == v1::INSPECTION_STAGE_UNSPECIFIED) {
      inspection.stage = inspection.decision.number.empty() ? InspectionStage::kPlanned
                                                            : InspectionStage::kDecided;
    } else if (requested == v1::INSPECTION_STAGE_PLANNED ||
               requested == v1::INSPECTION_STAGE_DECIDED) {
      inspection.stage = static_cast<InspectionStage>(requested);
    } else {
      return status::InvalidField("inspection.stage", "a new inspection is PLANNED or DECIDED");
    }
    DANGBO_RETURN_IF_ERROR(AuthorizeAt(ctx, principal, Action::kWriteInspection,
                                       "inspection.conducting_organization",
                                       inspection.conducting_organization_id));
    std::vector<SubjectRef> refs;
    std::vector<std::string> fields;
    for (size_t i = 0; i < inspection.subjects.size(); ++i) {
      refs.push_back(inspection.subjects[i].subject);
      fields.push_back(absl::StrCat("inspection.subjects[", i, "].subject"));
    }
    DANGBO_ASSIGN_OR_RETURN(std::vector<ResolvedSubject> resolved,
                            ResolveSubjects(ctx, principal, Action::kWriteInspection, refs, fields));
    for (size_t i = 0; i < resolved.size(); ++i) {
      inspection.subjects[i].organization_id_at_decision = resolved[i].organization_id;
    }
    DANGBO_RETURN_IF_ERROR(ResolveTeam(ctx, "inspection.team_members", inspection.team));
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    DANGBO_RETURN_IF_ERROR(status::Prefixed(
        "inspection", CheckNewInspection(inspection, RulesFor(book, inspection, today), today)));
    bool queued = false;
    DANGBO_RETURN_IF_ERROR(Mutate(
        "CreateInspection", *req, req->request_id(), principal,
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          std::vector<ChangeRecord> changes;
          std::optional<Programme> programme;
          if (inspection.programme_id) {
            absl::StatusOr<Programme> locked = tx.LockProgramme(*inspection.programme_id);
            if (absl::IsNotFound(locked.status())) {
              return status::Prefixed("inspection.programme", locked.status());
            }
            if (!locked.ok()) return locked.status();
            programme = *std::move(locked);
            if (programme->organization_id != inspection.conducting_organization_id) {
              return status::InvalidField(
                  "inspection.programme",
                  "is the programme of another organization than the conducting one");
            }
          }
          DANGBO_ASSIGN_OR_RETURN(Inspection created, tx.InsertInspection(inspection));
          DANGBO_ASSIGN_OR_RETURN(
              queued, QueueCaseReports(tx, created.id, CaseReports(std::nullopt, {}, created, {})));
          if (programme && req->planned_item_number() > 0) {
            const size_t n = static_cast<size_t>(req->planned_item_number());
            if (n > programme->items.size()) {
              return status::InvalidField(
                  "planned_item_number",
                  absl::StrCat("the programme has ", programme->items.size(), " planned items"));
            }
            PlannedItem& item = programme->items[n - 1];
            if (item.inspection_id) {
              return absl::FailedPreconditionError(
                  absl::StrCat("planned_item_number: the item is already carried out by ",
                               api::ResourceName(kInspections, *item.inspection_id)));
            }
            if (item.type != created.type) {
              return absl::FailedPreconditionError(
                  "planned_item_number: the planned item is of another type");
            }
            item.inspection_id = created.id;
            DANGBO_ASSIGN_OR_RETURN(Programme linked, tx.UpdateProgramme(*programme));
            v1::Programme p = ProgrammeToProto(linked);
            changes.push_back(MakeChange(p.name(), "updated", p));
          }
          v1::Inspection out = InspectionToProto(created);
          changes.insert(changes.begin(), MakeChange(out.name(), "created", out));
          return MutationOutcome{
              .response = out.SerializeAsString(),
              .changes = std::move(changes),
              .resource = out.name(),
              .audit_detail = absl::StrCat(InspectionTypeName(created.type), ", ",
                                           created.subjects.size(), " subjects")};
        },
        resp));
    if (queued) deps_.membership_calls_queued();
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::GetInspection(grpc::ServerContext* ctx,
                                                  const v1::GetInspectionRequest* req,
                                                  v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId("name", kInspections, req->name()));
    DANGBO_ASSIGN_OR_RETURN(Inspection inspection, deps_.store->GetInspection(id));
    DANGBO_RETURN_IF_ERROR(AuthorizeRead(ctx, principal, Action::kReadInspection, "name",
                                         inspection.conducting_organization_id));
    *resp = InspectionToProto(inspection);
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ListInspections(grpc::ServerContext* ctx,
                                                    const v1::ListInspectionsRequest* req,
                                                    v1::ListInspectionsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    InspectionFilter filter;
    for (int i = 0; i < req->types_size(); ++i) {
      if (!v1::InspectionType_IsValid(req->types(i)) || req->types(i) == 0) {
        return status::InvalidField(absl::StrCat("types[", i, "]"), "unknown type");
      }
      filter.types.push_back(static_cast<InspectionType>(req->types(i)));
    }
    for (int i = 0; i < req->stages_size(); ++i) {
      if (!v1::InspectionStage_IsValid(req->stages(i)) || req->stages(i) == 0) {
        return status::InvalidField(absl::StrCat("stages[", i, "]"), "unknown stage");
      }
      filter.stages.push_back(static_cast<InspectionStage>(req->stages(i)));
    }
    if (!req->subject().empty()) {
      DANGBO_ASSIGN_OR_RETURN(filter.subject, SubjectFromName("subject", req->subject()));
    }
    DANGBO_ASSIGN_OR_RETURN(filter.decided_from,
                            api::ParseOptionalDate("decided_from", req->decided_from()));
    DANGBO_ASSIGN_OR_RETURN(filter.decided_to,
                            api::ParseOptionalDate("decided_to", req->decided_to()));
    DANGBO_ASSIGN_OR_RETURN(
        std::optional<std::vector<int64_t>> visible,
        VisibleOrganizations(ctx, principal, Action::kReadInspection, "subtree", req->subtree()));
    if (visible) filter.conducting_organization_ids = std::move(*visible);
    v1::ListInspectionsRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(filter.after_id, api::DecodePageToken(req->page_token(), digest));

    if (!req->overdue_only()) {
      filter.page_size = page_size + 1;
      DANGBO_ASSIGN_OR_RETURN(std::vector<Inspection> found, deps_.store->ListInspections(filter));
      const bool more = static_cast<int>(found.size()) > page_size;
      if (more) found.resize(page_size);
      for (const Inspection& i : found) *resp->add_inspections() = InspectionToProto(i);
      if (more) resp->set_next_page_token(api::EncodePageToken(found.back().id, digest));
      return absl::OkStatus();
    }
    // Lateness is a rule over dates and the calendar, not a column: scan in id order and keep
    // the late ones until the page is full.
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    const Date today = Today();
    filter.page_size = kMaxPageSize;
    while (true) {
      DANGBO_ASSIGN_OR_RETURN(std::vector<Inspection> batch, deps_.store->ListInspections(filter));
      for (const Inspection& i : batch) {
        filter.after_id = i.id;
        if (!InspectionOverdue(i, RulesFor(book, i, today), *deps_.calendar, today)) continue;
        *resp->add_inspections() = InspectionToProto(i);
        if (resp->inspections_size() == page_size) {
          resp->set_next_page_token(api::EncodePageToken(filter.after_id, digest));
          return absl::OkStatus();
        }
      }
      if (static_cast<int>(batch.size()) < filter.page_size) return absl::OkStatus();
    }
  });
}

grpc::Status InspectionServiceImpl::UpdateInspection(grpc::ServerContext* ctx,
                                                     const v1::UpdateInspectionRequest* req,
                                                     v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("UpdateInspection", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    if (req->update_mask().paths().empty()) {
      return status::InvalidField("update_mask", "name at least one field to update");
    }
    static const absl::flat_hash_set<std::string> kAllowed = {"decision",
                                                              "content",
                                                              "period_start",
                                                              "period_end",
                                                              "planned_duration_working_days",
                                                              "extension_working_days",
                                                              "team_members"};
    absl::flat_hash_set<std::string> paths;
    for (const std::string& path : req->update_mask().paths()) {
      if (!kAllowed.contains(path)) {
        return status::InvalidField(
            "update_mask",
            absl::StrCat("\"", path,
                         "\" cannot be updated; allowed: decision, content, period_start, "
                         "period_end, planned_duration_working_days, extension_working_days, "
                         "team_members"));
      }
      paths.insert(path);
    }
    // The request's inspection carries only the masked fields; map it leniently (subjects and
    // findings are not updated here).
    v1::Inspection masked = req->inspection();
    masked.clear_subjects();
    masked.clear_findings();
    DANGBO_ASSIGN_OR_RETURN(Inspection in, InspectionFromProto("inspection", masked));
    if (paths.contains("team_members")) {
      DANGBO_RETURN_IF_ERROR(ResolveTeam(ctx, "inspection.team_members", in.team));
    }
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    return MutateInspection(
        ctx, "UpdateInspection", *req, req->request_id(), principal, req->inspection().name(),
        req->inspection().etag(), "updated",
        [&](Inspection& inspection, InspectionTx&) -> absl::Status {
          DANGBO_RETURN_IF_ERROR(RequireBeforeConclusion(inspection, "the inspection"));
          if (IsTerminal(inspection.stage)) {
            return absl::FailedPreconditionError("stage: the inspection is over");
          }
          if (paths.contains("decision")) inspection.decision = in.decision;
          if (paths.contains("content")) inspection.content = in.content;
          if (paths.contains("period_start")) inspection.period_from = in.period_from;
          if (paths.contains("period_end")) inspection.period_to = in.period_to;
          if (paths.contains("planned_duration_working_days")) {
            inspection.planned_duration_working_days = in.planned_duration_working_days;
          }
          if (paths.contains("extension_working_days")) {
            inspection.extension_working_days = in.extension_working_days;
          }
          if (paths.contains("team_members")) inspection.team = in.team;
          return status::Prefixed("inspection",
                                  CheckStageRequirements(inspection, inspection.stage,
                                                         RulesFor(book, inspection, today), today));
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::AddInspectionSubjects(
    grpc::ServerContext* ctx, const v1::AddInspectionSubjectsRequest* req, v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(
        bool replayed, Replayed("AddInspectionSubjects", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    if (req->subjects().empty()) return status::InvalidField("subjects", "required");
    if (req->subjects_size() > kMaxPageSize) {
      return status::InvalidField("subjects", "at most 1000 per call");
    }
    std::vector<InspectionSubject> added;
    std::vector<SubjectRef> refs;
    std::vector<std::string> fields;
    for (int i = 0; i < req->subjects_size(); ++i) {
      const std::string field = absl::StrCat("subjects[", i, "]");
      DANGBO_ASSIGN_OR_RETURN(InspectionSubject s,
                              InspectionSubjectFromProto(field, req->subjects(i)));
      refs.push_back(s.subject);
      fields.push_back(field + ".subject");
      added.push_back(s);
    }
    DANGBO_ASSIGN_OR_RETURN(
        std::vector<ResolvedSubject> resolved,
        ResolveSubjects(ctx, principal, Action::kWriteInspection, refs, fields));
    for (size_t i = 0; i < resolved.size(); ++i) {
      added[i].organization_id_at_decision = resolved[i].organization_id;
    }
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    return MutateInspection(
        ctx, "AddInspectionSubjects", *req, req->request_id(), principal, req->inspection(),
        req->etag(), "updated",
        [&](Inspection& inspection, InspectionTx&) -> absl::Status {
          DANGBO_RETURN_IF_ERROR(RequireBeforeConclusion(inspection, "subjects"));
          if (IsTerminal(inspection.stage)) {
            return absl::FailedPreconditionError("stage: the inspection is over");
          }
          for (size_t i = 0; i < added.size(); ++i) {
            if (FindSubject(inspection, added[i].subject)) {
              return status::InvalidField(fields[i], "is already a subject of the inspection");
            }
            inspection.subjects.push_back(added[i]);
          }
          return CheckStageRequirements(inspection, inspection.stage,
                                        RulesFor(book, inspection, today), today);
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::RemoveInspectionSubjects(
    grpc::ServerContext* ctx, const v1::RemoveInspectionSubjectsRequest* req,
    v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed, Replayed("RemoveInspectionSubjects", *req,
                                                    req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    if (req->subjects().empty()) return status::InvalidField("subjects", "required");
    std::vector<SubjectRef> removed;
    for (int i = 0; i < req->subjects_size(); ++i) {
      DANGBO_ASSIGN_OR_RETURN(SubjectRef ref,
                              SubjectFromName(absl::StrCat("subjects[", i, "]"), req->subjects(i)));
      removed.push_back(ref);
    }
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    return MutateInspection(
        ctx, "RemoveInspectionSubjects", *req, req->request_id(), principal, req->inspection(),
        req->etag(), "updated",
        [&](Inspection& inspection, InspectionTx&) -> absl::Status {
          DANGBO_RETURN_IF_ERROR(RequireBeforeConclusion(inspection, "subjects"));
          for (size_t i = 0; i < removed.size(); ++i) {
            if (!FindSubject(inspection, removed[i])) {
              return status::InvalidField(absl::StrCat("subjects[", i, "]"),
                                          "is not a subject of the inspection");
            }
            std::erase_if(inspection.subjects,
                          [&](const InspectionSubject& s) { return s.subject == removed[i]; });
            // Findings about someone no longer inspected would be about nobody.
            std::erase_if(inspection.findings,
                          [&](const Finding& f) { return f.subject == removed[i]; });
          }
          return CheckStageRequirements(inspection, inspection.stage,
                                        RulesFor(book, inspection, today), today);
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::AdvanceInspectionStage(
    grpc::ServerContext* ctx, const v1::AdvanceInspectionStageRequest* req, v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed, Replayed("AdvanceInspectionStage", *req,
                                                    req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    if (!v1::InspectionStage_IsValid(req->stage()) ||
        req->stage() == v1::INSPECTION_STAGE_UNSPECIFIED) {
      return status::InvalidField("stage", "required");
    }
    if (req->stage() == v1::INSPECTION_STAGE_NOTICE_ISSUED) {
      return status::InvalidField("stage", "use IssueConclusionNotice to issue the notice");
    }
    const InspectionStage to = static_cast<InspectionStage>(req->stage());
    DANGBO_ASSIGN_OR_RETURN(std::optional<Date> given, api::ParseOptionalDate("date", req->date()));
    const Date today = Today();
    const Date day = given.value_or(today);
    if (to != InspectionStage::kCancelled && !req->cancellation_reason().empty()) {
      return status::InvalidField("cancellation_reason", "only for CANCELLED");
    }
    DANGBO_RETURN_IF_ERROR(status::ValidateMultilineText(
        "cancellation_reason", req->cancellation_reason(), 4000, /*required=*/false));
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    return MutateInspection(
        ctx, "AdvanceInspectionStage", *req, req->request_id(), principal, req->inspection(),
        req->etag(), "stage_changed",
        [&](Inspection& inspection, InspectionTx&) -> absl::Status {
          switch (to) {
            case InspectionStage::kInProgress:
              inspection.started_date = day;
              break;
            case InspectionStage::kReported:
              inspection.reported_date = day;
              break;
            case InspectionStage::kConcluded:
              inspection.concluded_date = day;
              break;
            case InspectionStage::kClosed:
              inspection.closed_date = day;
              break;
            case InspectionStage::kCancelled:
              inspection.cancelled_date = day;
              inspection.cancellation_reason = req->cancellation_reason();
              break;
            default:
              break;
          }
          DANGBO_RETURN_IF_ERROR(
              CheckAdvance(inspection, to, RulesFor(book, inspection, today), today));
          inspection.stage = to;
          return absl::OkStatus();
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::RecordFindings(grpc::ServerContext* ctx,
                                                   const v1::RecordFindingsRequest* req,
                                                   v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("RecordFindings", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    if (req->findings().empty()) return status::InvalidField("findings", "required");
    if (req->findings_size() > kMaxPageSize) {
      return status::InvalidField("findings", "at most 1000 per call");
    }
    std::vector<Finding> findings;
    for (int i = 0; i < req->findings_size(); ++i) {
      DANGBO_ASSIGN_OR_RETURN(
          Finding f, FindingFromProto(absl::StrCat("findings[", i, "]"), req->findings(i)));
      findings.push_back(std::move(f));
    }
    return MutateInspection(
        ctx, "RecordFindings", *req, req->request_id(), principal, req->inspection(), req->etag(),
        "findings_recorded",
        [&](Inspection& inspection, InspectionTx&) -> absl::Status {
          DANGBO_RETURN_IF_ERROR(RequireBeforeConclusion(inspection, "findings"));
          if (inspection.stage < InspectionStage::kInProgress) {
            return absl::FailedPreconditionError(
                "stage: findings are recorded once the inspection is in progress");
          }
          for (size_t i = 0; i < findings.size(); ++i) {
            if (!FindSubject(inspection, findings[i].subject)) {
              return status::InvalidField(absl::StrCat("findings[", i, "].subject"),
                                          "is not a subject of the inspection");
            }
          }
          // The findings about each subject named are replaced as a whole.
          for (const Finding& f : findings) {
            std::erase_if(inspection.findings,
                          [&](const Finding& old) { return old.subject == f.subject; });
          }
          for (Finding& f : findings) inspection.findings.push_back(std::move(f));
          return absl::OkStatus();
        },
        resp);
  });
}

grpc::Status InspectionServiceImpl::RecordSubjectOutcomes(
    grpc::ServerContext* ctx, const v1::RecordSubjectOutcomesRequest* req, v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(
        bool replayed, Replayed("RecordSubjectOutcomes", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    if (req->outcomes().empty()) return status::InvalidField("outcomes", "required");
    std::vector<std::pair<SubjectRef, SubjectOutcome>> outcomes;
    for (int i = 0; i < req->outcomes_size(); ++i) {
      const std::string field = absl::StrCat("outcomes[", i, "]");
      DANGBO_ASSIGN_OR_RETURN(SubjectRef ref,
                              SubjectFromName(field + ".subject", req->outcomes(i).subject()));
      const int value = req->outcomes(i).outcome();
      if (!v1::SubjectOutcome_IsValid(value) || value == 0) {
        return status::InvalidField(field + ".outcome", "required");
      }
      outcomes.emplace_back(ref, static_cast<SubjectOutcome>(value));
    }
    return MutateInspection(
        ctx, "RecordSubjectOutcomes", *req, req->request_id(), principal, req->inspection(),
        req->etag(), "outcomes_recorded",
        [&](Inspection& inspection, InspectionTx&) -> absl::Status {
          DANGBO_RETURN_IF_ERROR(RequireBeforeConclusion(inspection, "outcomes"));
          if (inspection.stage < InspectionStage::kInProgress) {
            return absl::FailedPreconditionError(
                "stage: outcomes are recorded once the inspection is in progress");
          }
          for (size_t i = 0; i < outcomes.size(); ++i) {
            InspectionSubject* s = FindSubject(inspection, outcomes[i].first);
            if (!s) {
              return status::InvalidField(absl::StrCat("outcomes[", i, "].subject"),
                                          "is not a subject of the inspection");
            }
            s->outcome = outcomes[i].second;
          }
          return absl::OkStatus();
        },
        resp);
  });
}

}  // namespace dangbo::inspection
