// Snapshots: a report frozen as submitted upward, read back unchanged however the data moves
// on, corrected only by a new revision that keeps the earlier ones readable.
#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/db/outbox_mutation.h"
#include "common/db/sql_row.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "google/protobuf/any.pb.h"
#include "services/reporting/api/mapping.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/store/snapshot_store.h"

namespace dangbo::reporting {
namespace {

using auth::Action;

constexpr int kDefaultSnapshotPage = 50;
constexpr int kMaxSnapshotPage = 500;
constexpr size_t kMaxReasonBytes = 4000;

absl::StatusOr<v1::Snapshot> SnapshotFromRow(const SnapshotRow& row) {
  v1::Snapshot out;
  out.set_name(SnapshotName(row.scope_id, row.id));
  out.set_kind(static_cast<v1::Snapshot::Kind>(row.kind));
  out.set_revision(row.revision);
  if (!out.mutable_statistics()->ParseFromString(row.statistics)) {
    return absl::DataLossError(absl::StrCat(out.name(), ": stored statistics do not parse"));
  }
  out.set_submitted_by(row.submitted_by);
  *out.mutable_submit_time() = api::ToProtoTimestamp(row.submit_time);
  out.set_revision_reason(row.revision_reason);
  return out;
}

db::ChangeRecord SnapshotChange(const v1::Snapshot& snapshot, std::string_view verb) {
  google::protobuf::Any any;
  any.PackFrom(snapshot);
  return db::ChangeRecord{
      .resource = snapshot.name(),
      .change_type = absl::StrCat(v1::Snapshot::descriptor()->full_name(), ".", ToAbsl(verb)),
      .payload = any.SerializeAsString()};
}

// A snapshot holds the figures of the moment it is written: a replayed request_id must return
// the snapshot first written, so the committed response is looked up before anything is
// computed, and `write` (compute, then RunOutboxMutation) runs only for a new request.
absl::Status WriteSnapshotOnce(db::Pool& pool, const db::MutationContext& context,
                               absl::FunctionRef<absl::StatusOr<std::string>()> write,
                               v1::Snapshot* resp) {
  DANGBO_ASSIGN_OR_RETURN(std::optional<std::string> response,
                          db::FindCommittedResponse(pool, context));
  if (!response) {
    DANGBO_ASSIGN_OR_RETURN(response, write());
  }
  if (!resp->ParseFromString(*response)) return absl::InternalError("stored response unreadable");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Statistics> ReportingServiceImpl::SnapshotStatistics(
    const auth::Principal& principal, int64_t scope_id, v1::Snapshot::Kind kind,
    const v1::Period& period) {
  switch (kind) {
    case v1::Snapshot::KIND_INSPECTION:
      return ComputeStatistics(StatisticsKind::kInspection, principal, "scope", scope_id, period,
                               /*breakdown=*/true);
    case v1::Snapshot::KIND_MEMBERSHIP:
      return ComputeStatistics(StatisticsKind::kMembership, principal, "scope", scope_id, period,
                               /*breakdown=*/true);
    case v1::Snapshot::KIND_RATINGS:
      // Ratings are annual: the period names the rating year.
      if (period.kind() != v1::Period::KIND_YEAR) {
        return status::InvalidField("period.kind", "a ratings snapshot covers a YEAR");
      }
      return RatingStatisticsFor(principal, "scope", scope_id, period.year());
    default:
      return status::InvalidField("kind", "must be INSPECTION, MEMBERSHIP or RATINGS");
  }
}

grpc::Status ReportingServiceImpl::CreateSnapshot(grpc::ServerContext* ctx,
                                                  const v1::CreateSnapshotRequest* req,
                                                  v1::Snapshot* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteSnapshot));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    const db::MutationContext context{.method = "CreateSnapshot",
                                      .request_id = req->request_id(),
                                      .fingerprint = api::RequestFingerprint(*req),
                                      .caller = principal.subject};
    return WriteSnapshotOnce(
        *deps_.pool, context,
        [&]() -> absl::StatusOr<std::string> {
          DANGBO_ASSIGN_OR_RETURN(v1::Statistics statistics,
                                  SnapshotStatistics(principal, scope, req->kind(), req->period()));
          return db::RunOutboxMutation(
              *deps_.pool, context,
              [&](db::Session& session) -> absl::StatusOr<db::MutationOutcome> {
                SnapshotRow row{.id = NextSnapshotId(session),
                                .revision = 1,
                                .scope_id = scope,
                                .kind = req->kind(),
                                .period = req->period().SerializeAsString(),
                                .statistics = statistics.SerializeAsString(),
                                .submitted_by = principal.subject,
                                .submit_time = db::NowMicros()};
                InsertSnapshot(session, row);
                DANGBO_ASSIGN_OR_RETURN(v1::Snapshot out, SnapshotFromRow(row));
                return db::MutationOutcome{.response = out.SerializeAsString(),
                                           .changes = {SnapshotChange(out, "created")},
                                           .resource = out.name(),
                                           .audit_detail = "submitted revision 1"};
              });
        },
        resp);
  });
}

grpc::Status ReportingServiceImpl::ReviseSnapshot(grpc::ServerContext* ctx,
                                                  const v1::ReviseSnapshotRequest* req,
                                                  v1::Snapshot* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kWriteSnapshot));
    DANGBO_ASSIGN_OR_RETURN(auto name, ParseSnapshotName("name", req->name()));
    const auto [scope, id] = name;
    if (req->revision_reason().empty()) {
      return status::InvalidField("revision_reason", "required: say what the revision corrects");
    }
    if (req->revision_reason().size() > kMaxReasonBytes) {
      return status::InvalidField("revision_reason",
                                  absl::StrCat("longer than ", kMaxReasonBytes, " bytes"));
    }
    const db::MutationContext context{.method = "ReviseSnapshot",
                                      .request_id = req->request_id(),
                                      .fingerprint = api::RequestFingerprint(*req),
                                      .caller = principal.subject};
    return WriteSnapshotOnce(
        *deps_.pool, context,
        [&]() -> absl::StatusOr<std::string> {
          DANGBO_ASSIGN_OR_RETURN(std::optional<SnapshotRow> latest,
                                  ReadSnapshot(*deps_.pool, id, 0));
          if (!latest || latest->scope_id != scope) {
            return status::Prefixed("name", status::NotFound("snapshot", req->name()));
          }
          v1::Period period;
          if (!period.ParseFromString(latest->period)) {
            return absl::DataLossError(absl::StrCat(req->name(), ": stored period does not parse"));
          }
          DANGBO_ASSIGN_OR_RETURN(
              v1::Statistics statistics,
              SnapshotStatistics(principal, scope, static_cast<v1::Snapshot::Kind>(latest->kind),
                                 period));
          return db::RunOutboxMutation(
              *deps_.pool, context,
              [&](db::Session& session) -> absl::StatusOr<db::MutationOutcome> {
                std::optional<SnapshotRow> held = LockLatestSnapshot(session, id);
                if (!held)
                  return status::Prefixed("name", status::NotFound("snapshot", req->name()));
                SnapshotRow row = *held;
                row.revision = held->revision + 1;
                row.statistics = statistics.SerializeAsString();
                row.submitted_by = principal.subject;
                row.submit_time = db::NowMicros();
                row.revision_reason = req->revision_reason();
                InsertSnapshot(session, row);
                DANGBO_ASSIGN_OR_RETURN(v1::Snapshot out, SnapshotFromRow(row));
                return db::MutationOutcome{
                    .response = out.SerializeAsString(),
                    .changes = {SnapshotChange(out, "revised")},
                    .resource = out.name(),
                    .audit_detail = absl::StrCat("submitted revision ", row.revision)};
              });
        },
        resp);
  });
}

grpc::Status ReportingServiceImpl::GetSnapshot(grpc::ServerContext* ctx,
                                               const v1::GetSnapshotRequest* req,
                                               v1::Snapshot* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(auto name, ParseSnapshotName("name", req->name()));
    const auto [scope, id] = name;
    if (req->revision() < 0) return status::InvalidField("revision", "must not be negative");
    DANGBO_RETURN_IF_ERROR(deps_.model->WithView([&](const ReadView& view) {
      return AuthorizeScope(principal, Action::kReadStatistics, "name", scope, view, Today());
    }));
    DANGBO_ASSIGN_OR_RETURN(std::optional<SnapshotRow> row,
                            ReadSnapshot(*deps_.pool, id, req->revision()));
    if (!row || row->scope_id != scope) {
      return status::NotFound("snapshot",
                              req->revision() == 0
                                  ? req->name()
                                  : absl::StrCat(req->name(), " revision ", req->revision()));
    }
    DANGBO_ASSIGN_OR_RETURN(*resp, SnapshotFromRow(*row));
    return absl::OkStatus();
  });
}

grpc::Status ReportingServiceImpl::ListSnapshots(grpc::ServerContext* ctx,
                                                 const v1::ListSnapshotsRequest* req,
                                                 v1::ListSnapshotsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    DANGBO_ASSIGN_OR_RETURN(
        int page_size, api::PageSize(req->page_size(), kDefaultSnapshotPage, kMaxSnapshotPage));
    DANGBO_RETURN_IF_ERROR(deps_.model->WithView([&](const ReadView& view) {
      return AuthorizeScope(principal, Action::kReadStatistics, "scope", scope, view, Today());
    }));
    v1::ListSnapshotsRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(int64_t after, api::DecodePageToken(req->page_token(), digest));
    DANGBO_ASSIGN_OR_RETURN(std::vector<SnapshotRow> rows,
                            ListLatestSnapshots(*deps_.pool, scope, after, page_size + 1));
    const bool more = static_cast<int>(rows.size()) > page_size;
    if (more) rows.resize(page_size);
    for (const SnapshotRow& row : rows) {
      DANGBO_ASSIGN_OR_RETURN(*resp->add_snapshots(), SnapshotFromRow(row));
    }
    if (more) resp->set_next_page_token(api::EncodePageToken(rows.back().id, digest));
    return absl::OkStatus();
  });
}

}  // namespace dangbo::reporting
