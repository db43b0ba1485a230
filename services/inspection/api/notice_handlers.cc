// Conclusion notices (thông báo kết luận) and the follow-up of their required tasks. An issued
// revision never changes: a correction is a new revision, and every revision stays readable.
#include "absl/strings/str_cat.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/api/mapping.h"
#include "services/inspection/domain/conclusion_notice.h"
#include "services/inspection/domain/stage_graph.h"

namespace dangbo::inspection {
namespace {

using auth::Action;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

}  // namespace

grpc::Status InspectionServiceImpl::IssueConclusionNotice(
    grpc::ServerContext* ctx, const v1::IssueConclusionNoticeRequest* req,
    v1::ConclusionNotice* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    v1::Inspection replay;
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("IssueConclusionNotice", *req, req->request_id(), principal, &replay));
    if (replayed) {
      *resp = replay.conclusion_notice();
      return absl::OkStatus();
    }
    DANGBO_ASSIGN_OR_RETURN(ConclusionNotice notice, NoticeFromProto("notice", req->notice()));
    if (!notice.correction_reason.empty()) {
      return status::InvalidField("notice.correction_reason",
                                  "only for corrections (CorrectConclusionNotice)");
    }
    const Date today = Today();
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    v1::Inspection updated;
    DANGBO_RETURN_IF_ERROR(MutateInspection(
        ctx, "IssueConclusionNotice", *req, req->request_id(), principal, req->inspection(),
        req->etag(), "notice_issued",
        [&](Inspection& inspection, InspectionTx& tx) -> absl::Status {
          notice.inspection_id = inspection.id;
          notice.revision = 1;
          inspection.notice = notice;
          DANGBO_RETURN_IF_ERROR(status::Prefixed(
              "notice",
              CheckAdvance(inspection, InspectionStage::kNoticeIssued,
                           book.At(inspection.decision.date.value_or(today)), today)));
          DANGBO_RETURN_IF_ERROR(tx.InsertNoticeRevision(notice));
          inspection.stage = InspectionStage::kNoticeIssued;
          return absl::OkStatus();
        },
        &updated));
    *resp = updated.conclusion_notice();
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::CorrectConclusionNotice(
    grpc::ServerContext* ctx, const v1::CorrectConclusionNoticeRequest* req,
    v1::ConclusionNotice* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    v1::Inspection replay;
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("CorrectConclusionNotice", *req, req->request_id(), principal, &replay));
    if (replayed) {
      *resp = replay.conclusion_notice();
      return absl::OkStatus();
    }
    DANGBO_ASSIGN_OR_RETURN(ConclusionNotice correction, NoticeFromProto("notice", req->notice()));
    const Date today = Today();
    v1::Inspection updated;
    DANGBO_RETURN_IF_ERROR(MutateInspection(
        ctx, "CorrectConclusionNotice", *req, req->request_id(), principal, req->inspection(),
        req->etag(), "notice_corrected",
        [&](Inspection& inspection, InspectionTx& tx) -> absl::Status {
          if (!inspection.notice) {
            return absl::FailedPreconditionError(
                "notice: the inspection has no issued notice to correct");
          }
          correction.inspection_id = inspection.id;
          absl::StatusOr<ConclusionNotice> revision =
              MakeCorrection(*inspection.notice, correction, inspection, today);
          if (!revision.ok()) return status::Prefixed("notice", revision.status());
          DANGBO_RETURN_IF_ERROR(tx.InsertNoticeRevision(*revision));
          inspection.notice = *revision;
          return absl::OkStatus();
        },
        &updated));
    *resp = updated.conclusion_notice();
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::GetConclusionNotice(grpc::ServerContext* ctx,
                                                        const v1::GetConclusionNoticeRequest* req,
                                                        v1::ConclusionNotice* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(auto name, ParseNoticeName("name", req->name()));
    DANGBO_ASSIGN_OR_RETURN(Inspection inspection, deps_.store->GetInspection(name.first));
    DANGBO_RETURN_IF_ERROR(AuthorizeRead(ctx, principal, Action::kReadInspection, "name",
                                       inspection.conducting_organization_id));
    DANGBO_ASSIGN_OR_RETURN(ConclusionNotice notice,
                            deps_.store->GetNoticeRevision(name.first, name.second));
    *resp = NoticeToProto(notice);
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ListConclusionNotices(
    grpc::ServerContext* ctx, const v1::ListConclusionNoticesRequest* req,
    v1::ListConclusionNoticesResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId("parent", kInspections, req->parent()));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    DANGBO_ASSIGN_OR_RETURN(int64_t after, api::DecodePageToken(req->page_token(), req->parent()));
    DANGBO_ASSIGN_OR_RETURN(Inspection inspection, deps_.store->GetInspection(id));
    DANGBO_RETURN_IF_ERROR(AuthorizeRead(ctx, principal, Action::kReadInspection, "parent",
                                       inspection.conducting_organization_id));
    // An inspection has a handful of revisions: read them all, page in memory.
    DANGBO_ASSIGN_OR_RETURN(std::vector<ConclusionNotice> revisions,
                            deps_.store->ListNoticeRevisions(id));
    for (const ConclusionNotice& n : revisions) {
      if (n.revision <= after) continue;
      if (resp->conclusion_notices_size() == page_size) {
        resp->set_next_page_token(api::EncodePageToken(
            resp->conclusion_notices(page_size - 1).revision(), req->parent()));
        break;
      }
      *resp->add_conclusion_notices() = NoticeToProto(n);
    }
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::RecordTaskCompletion(grpc::ServerContext* ctx,
                                                         const v1::RecordTaskCompletionRequest* req,
                                                         v1::Inspection* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteInspection));
    DANGBO_ASSIGN_OR_RETURN(bool replayed,
                            Replayed("RecordTaskCompletion", *req, req->request_id(), principal, resp));
    if (replayed) return absl::OkStatus();
    DANGBO_ASSIGN_OR_RETURN(TaskCompletion completion,
                            TaskCompletionFromProto("completion", req->completion()));
    const Date today = Today();
    if (completion.completed_date > today) {
      return status::InvalidField("completion.completed_date", "must not be in the future");
    }
    return MutateInspection(
        ctx, "RecordTaskCompletion", *req, req->request_id(), principal, req->inspection(),
        req->etag(), "task_completed",
        [&](Inspection& inspection, InspectionTx&) -> absl::Status {
          if (!inspection.notice) {
            return absl::FailedPreconditionError(
                "completion: the inspection has no issued notice with tasks");
          }
          const auto& tasks = inspection.notice->required_tasks;
          if (completion.task_number > static_cast<int>(tasks.size())) {
            return status::InvalidField(
                "completion.task_number",
                absl::StrCat("the notice in force has ", tasks.size(), " required tasks"));
          }
          for (const TaskCompletion& done : inspection.task_completions) {
            if (done.task_number == completion.task_number) {
              return absl::FailedPreconditionError(
                  absl::StrCat("completion.task_number: task ", completion.task_number,
                               " is already recorded as done"));
            }
          }
          if (inspection.notice->issued_date &&
              completion.completed_date < *inspection.notice->issued_date) {
            return absl::FailedPreconditionError(
                "completion.completed_date: before the notice was issued");
          }
          if (IsTerminal(inspection.stage)) {
            return absl::FailedPreconditionError("stage: the inspection is over");
          }
          inspection.task_completions.push_back(completion);
          return absl::OkStatus();
        },
        resp);
  });
}

}  // namespace dangbo::inspection
