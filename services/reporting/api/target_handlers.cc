// Targets of a term's resolution (seed 003): set by an administrator per scope, term and rating
// figure, read by reporters of the scope; GetRatingStatistics shows them with their attainment.
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/dates.h"
#include "common/api/etag.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/db/sql_row.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "google/protobuf/any.pb.h"
#include "common/db/outbox_mutation.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/domain/rating_targets.h"
#include "services/reporting/store/target_store.h"

namespace dangbo::reporting {
namespace {

using auth::Action;

constexpr int kDefaultTargetPage = 50;
constexpr int kMaxTargetPage = 500;
constexpr std::string_view kTargetType = "dangbo.reporting.v1.Target";

std::string TargetName(const TargetId& id) {
  return absl::StrCat("organizations/", id.scope_id, "/targets/", id.term_start_year, "-",
                      id.term_end_year, "/", id.figure_key);
}

// `organizations/{id}/targets/{term_start}-{term_end}/{key}`.
absl::StatusOr<TargetId> ParseTargetName(std::string_view field, std::string_view name) {
  const std::vector<std::string> parts = absl::StrSplit(ToAbsl(name), '/');
  TargetId id;
  if (parts.size() == 5 && parts[0] == "organizations" && parts[2] == "targets" &&
      absl::SimpleAtoi(parts[1], &id.scope_id) && id.scope_id > 0 && !parts[4].empty()) {
    const std::vector<std::string> term = absl::StrSplit(parts[3], '-');
    if (term.size() == 2 && absl::SimpleAtoi(term[0], &id.term_start_year) &&
        absl::SimpleAtoi(term[1], &id.term_end_year)) {
      id.figure_key = parts[4];
      return id;
    }
  }
  return status::InvalidField(field,
                              "must be organizations/{id}/targets/{term_start}-{term_end}/{key}");
}

v1::Target TargetFromRow(const TargetRow& row) {
  v1::Target out;
  out.set_name(TargetName({.scope_id = row.scope_id,
                           .term_start_year = row.term_start_year,
                           .term_end_year = row.term_end_year,
                           .figure_key = row.figure_key}));
  out.set_key(row.figure_key);
  out.set_value(row.value);
  out.set_at_least(row.at_least);
  out.set_term_start_year(row.term_start_year);
  out.set_term_end_year(row.term_end_year);
  *out.mutable_update_time() = api::ToProtoTimestamp(row.update_time);
  out.set_etag(api::Etag(row.version));
  return out;
}

db::ChangeRecord TargetChange(const v1::Target& target, std::string_view verb) {
  google::protobuf::Any any;
  any.PackFrom(target);
  return db::ChangeRecord{.resource = target.name(),
                          .change_type = absl::StrCat(ToAbsl(kTargetType), ".", ToAbsl(verb)),
                          .payload = any.SerializeAsString()};
}

}  // namespace

grpc::Status ReportingServiceImpl::SetTarget(grpc::ServerContext* ctx,
                                             const v1::SetTargetRequest* req, v1::Target* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kAdminister));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    if (!req->has_target()) return status::InvalidField("target", "required");
    const v1::Target& in = req->target();
    const RatingTarget target{.key = in.key(),
                              .value = in.value(),
                              .at_least = in.at_least(),
                              .term_start_year = in.term_start_year(),
                              .term_end_year = in.term_end_year()};
    DANGBO_RETURN_IF_ERROR(status::Prefixed("target", CheckTarget(target)));
    const TargetId id{.scope_id = scope,
                      .term_start_year = target.term_start_year,
                      .term_end_year = target.term_end_year,
                      .figure_key = target.key};
    const std::string name = TargetName(id);
    if (!in.name().empty() && in.name() != name) {
      return status::InvalidField(
          "target.name",
          absl::StrCat("must be empty or \"", name, "\" (the scope, term and key given), got \"",
                       in.name(), "\""));
    }
    std::optional<int64_t> expected_version;
    if (!in.etag().empty()) {
      DANGBO_ASSIGN_OR_RETURN(expected_version, api::ParseEtag("target.etag", in.etag()));
    }
    DANGBO_RETURN_IF_ERROR(deps_.model->WithView([&](const ReadView& view) {
      return AuthorizeScope(principal, Action::kAdminister, "scope", scope, view,
                            Date(target.term_end_year, 12, 31));
    }));
    const db::MutationContext context{.method = "SetTarget",
                                      .request_id = req->request_id(),
                                      .fingerprint = api::RequestFingerprint(*req),
                                      .caller = principal.subject};
    DANGBO_ASSIGN_OR_RETURN(
        std::string response,
        db::RunOutboxMutation(
            *deps_.pool, context, [&](db::Session& session) -> absl::StatusOr<db::MutationOutcome> {
              const std::optional<TargetRow> held = LockTarget(session, id);
              if (expected_version.has_value() &&
                  (!held.has_value() || held->version != *expected_version)) {
                return status::EtagMismatch(name);
              }
              const TargetRow row{.scope_id = scope,
                                  .term_start_year = target.term_start_year,
                                  .term_end_year = target.term_end_year,
                                  .figure_key = target.key,
                                  .value = target.value,
                                  .at_least = target.at_least,
                                  .version = held.has_value() ? held->version + 1 : 1,
                                  .update_time = db::NowMicros()};
              WriteTarget(session, row);
              const v1::Target out = TargetFromRow(row);
              return db::MutationOutcome{
                  .response = out.SerializeAsString(),
                  .changes = {TargetChange(out, held.has_value() ? "updated" : "created")},
                  .resource = out.name(),
                  .audit_detail =
                      absl::StrCat(target.at_least ? "at least " : "at most ", target.value)};
            }));
    if (!resp->ParseFromString(response)) return absl::InternalError("stored response unreadable");
    return absl::OkStatus();
  });
}

grpc::Status ReportingServiceImpl::GetTarget(grpc::ServerContext* ctx,
                                             const v1::GetTargetRequest* req, v1::Target* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(TargetId id, ParseTargetName("name", req->name()));
    DANGBO_RETURN_IF_ERROR(deps_.model->WithView([&](const ReadView& view) {
      return AuthorizeScope(principal, Action::kReadStatistics, "name", id.scope_id, view, Today());
    }));
    DANGBO_ASSIGN_OR_RETURN(std::optional<TargetRow> row, ReadTarget(*deps_.pool, id));
    if (!row.has_value()) return status::NotFound(kTargetType, req->name());
    *resp = TargetFromRow(*row);
    return absl::OkStatus();
  });
}

grpc::Status ReportingServiceImpl::ListTargets(grpc::ServerContext* ctx,
                                               const v1::ListTargetsRequest* req,
                                               v1::ListTargetsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    if (req->term_start_year() < 0) {
      return status::InvalidField("term_start_year", "0 (every term) or a year");
    }
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultTargetPage, kMaxTargetPage));
    v1::ListTargetsRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(int64_t offset, api::DecodePageToken(req->page_token(), digest));
    DANGBO_RETURN_IF_ERROR(deps_.model->WithView([&](const ReadView& view) {
      return AuthorizeScope(principal, Action::kReadStatistics, "scope", scope, view, Today());
    }));
    DANGBO_ASSIGN_OR_RETURN(
        std::vector<TargetRow> rows,
        reporting::ListTargets(*deps_.pool, scope, req->term_start_year(), offset, page_size + 1));
    const bool more = static_cast<int>(rows.size()) > page_size;
    if (more) rows.resize(page_size);
    for (const TargetRow& row : rows) *resp->add_targets() = TargetFromRow(row);
    if (more) resp->set_next_page_token(api::EncodePageToken(offset + page_size, digest));
    return absl::OkStatus();
  });
}

}  // namespace dangbo::reporting
