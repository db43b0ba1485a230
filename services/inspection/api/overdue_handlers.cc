// What is late in a subtree (ListOverdue), and the change feed.
#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
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

namespace dangbo::inspection {
namespace {

using auth::Action;
using v1::OverdueItem;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr int kScanBatch = 1000;

// Scans every page of a keyset-paged store list.
template <typename Filter, typename Row, typename List, typename IdOf>
absl::Status ScanAll(Filter filter, List list, IdOf id_of,
                     const std::function<void(const Row&)>& visit) {
  filter.page_size = kScanBatch;
  while (true) {
    absl::StatusOr<std::vector<Row>> batch = list(filter);
    if (!batch.ok()) return batch.status();
    for (const Row& row : *batch) {
      visit(row);
      filter.after_id = id_of(row);
    }
    if (static_cast<int>(batch->size()) < kScanBatch) return absl::OkStatus();
  }
}

OverdueItem Item(OverdueItem::Kind kind, std::string resource, int task, const Overdue& late) {
  OverdueItem item;
  item.set_kind(kind);
  item.set_resource(std::move(resource));
  item.set_task_number(task);
  *item.mutable_due_date() = api::ToProtoDate(late.due_date);
  item.set_days_past_due(late.days_past_due);
  return item;
}

}  // namespace

grpc::Status InspectionServiceImpl::ListOverdue(grpc::ServerContext* ctx,
                                                const v1::ListOverdueRequest* req,
                                                v1::ListOverdueResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadInspection));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultPageSize, kMaxPageSize));
    DANGBO_ASSIGN_OR_RETURN(std::optional<Date> as_of,
                            api::ParseOptionalDate("as_of", req->as_of()));
    const Date day = as_of.value_or(Today());
    v1::ListOverdueRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    *digest_of.mutable_as_of() = api::ToProtoDate(day);  // "today" must not move between pages
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(int64_t offset, api::DecodePageToken(req->page_token(), digest));
    DANGBO_ASSIGN_OR_RETURN(std::optional<std::vector<int64_t>> visible,
                            VisibleOrganizations(ctx, principal, Action::kReadInspection,
                                                 "subtree", req->subtree()));
    DANGBO_ASSIGN_OR_RETURN(InspectionRuleBook book, Rules());
    const membership::HolidayCalendar& calendar = *deps_.calendar;

    // Lateness is a rule over dates and the working-day calendar, not a column, so the
    // candidates are read and judged here; the list is ordered (kind, resource, task) and
    // paged by position.
    std::vector<OverdueItem> items;
    InspectionFilter running;
    if (visible) running.conducting_organization_ids = *visible;
    running.stages = {InspectionStage::kDecided, InspectionStage::kInProgress,
                      InspectionStage::kReported, InspectionStage::kConcluded};
    DANGBO_RETURN_IF_ERROR((ScanAll<InspectionFilter, Inspection>(
        running, [&](const InspectionFilter& f) { return deps_.store->ListInspections(f); },
        [](const Inspection& i) { return i.id; },
        [&](const Inspection& i) {
          const InspectionRules& rules = book.At(i.decision.date.value_or(day));
          if (std::optional<Overdue> late = InspectionOverdue(i, rules, calendar, day)) {
            items.push_back(Item(OverdueItem::KIND_INSPECTION_DURATION,
                                 api::ResourceName(kInspections, i.id), 0, *late));
          }
        })));

    InspectionFilter following;
    if (visible) following.conducting_organization_ids = *visible;
    following.stages = {InspectionStage::kNoticeIssued, InspectionStage::kFollowUp};
    following.task_due_before = day;
    DANGBO_RETURN_IF_ERROR((ScanAll<InspectionFilter, Inspection>(
        following, [&](const InspectionFilter& f) { return deps_.store->ListInspections(f); },
        [](const Inspection& i) { return i.id; },
        [&](const Inspection& i) {
          if (!i.notice) return;
          for (const OverdueTask& task : OverdueTasks(*i.notice, i.task_completions, day)) {
            items.push_back(Item(OverdueItem::KIND_REQUIRED_TASK,
                                 api::ResourceName(kInspections, i.id), task.task_number,
                                 task.overdue));
          }
        })));

    AppealFilter appeals;
    if (visible) appeals.resolving_organization_ids = *visible;
    appeals.unresolved_only = true;
    appeals.due_before = day;
    DANGBO_RETURN_IF_ERROR((ScanAll<AppealFilter, StoredAppeal>(
        appeals, [&](const AppealFilter& f) { return deps_.store->ListAppeals(f); },
        [](const StoredAppeal& a) { return a.appeal.id; },
        [&](const StoredAppeal& a) {
          const InspectionRules& rules = book.At(a.appeal.filed_date);
          if (std::optional<Overdue> late = AppealOverdue(a.appeal, rules, calendar, day)) {
            items.push_back(Item(OverdueItem::KIND_APPEAL_RESOLUTION,
                                 AppealName(a.appeal.decision_id, a.appeal.id), 0, *late));
          }
        })));

    for (int64_t i = offset; i < static_cast<int64_t>(items.size()); ++i) {
      if (resp->overdue_items_size() == page_size) {
        resp->set_next_page_token(api::EncodePageToken(i, digest));
        break;
      }
      *resp->add_overdue_items() = std::move(items[i]);
    }
    return absl::OkStatus();
  });
}

grpc::Status InspectionServiceImpl::ListChanges(grpc::ServerContext* ctx,
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

}  // namespace dangbo::inspection
