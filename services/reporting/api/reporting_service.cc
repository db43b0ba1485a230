#include "services/reporting/api/reporting_service.h"

#include <exception>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/fingerprint.h"
#include "common/api/macros.h"
#include "common/api/paging.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "services/reporting/api/mapping.h"
#include "services/reporting/domain/membership_statistics.h"
#include "services/reporting/domain/rating_statistics.h"

namespace dangbo::reporting {

using auth::Action;

ReportingServiceImpl::ReportingServiceImpl(ServiceDeps deps) : deps_(std::move(deps)) {}

grpc::Status ReportingServiceImpl::Run(const std::function<absl::Status()>& body) {
  try {
    return status::ToGrpcStatus(body());
  } catch (const std::exception& e) {
    return grpc::Status(grpc::StatusCode::INTERNAL, absl::StrCat("internal error: ", e.what()));
  }
}

absl::StatusOr<auth::Principal> ReportingServiceImpl::Authorized(grpc::ServerContext* ctx,
                                                                 Action action) {
  DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, deps_.authenticator->Authenticate(*ctx));
  DANGBO_RETURN_IF_ERROR(auth::Authorize(principal, action));
  return principal;
}

Date ReportingServiceImpl::Today() const {
  // Reports are kept in Vietnam's time (UTC+7, no daylight saving).
  static const absl::TimeZone kVietnam = absl::FixedTimeZone(7 * 60 * 60);
  return absl::ToCivilDay(deps_.now(), kVietnam);
}

absl::Status ReportingServiceImpl::AuthorizeScope(const auth::Principal& principal, Action action,
                                                  std::string_view field, int64_t scope_id,
                                                  const ReadView& view, Date fallback_day) const {
  std::optional<std::string> path = PathAt(view.tree, scope_id, Today());
  if (!path) path = PathAt(view.tree, scope_id, fallback_day);
  if (!path) {
    if (!view.tree.Knows(scope_id)) {
      return status::Prefixed(
          field, status::NotFound("organization", api::ResourceName("organizations", scope_id)));
    }
    // Known, but neither today nor on the period's last day: only a caller with every scope.
    if (!principal.unlimited_scope) {
      return status::Prefixed(field, absl::PermissionDeniedError(absl::StrCat(
                                         "organizations/", scope_id,
                                         " existed neither today nor at the period's end; only "
                                         "a caller without scope limits may report on it")));
    }
    return auth::Authorize(principal, action);
  }
  return status::Prefixed(field, auth::Authorize(principal, action, *path));
}

absl::StatusOr<v1::Statistics> ReportingServiceImpl::ComputeStatistics(
    StatisticsKind kind, const auth::Principal& principal, std::string_view scope_field,
    int64_t scope_id, const v1::Period& period, bool breakdown) {
  DANGBO_ASSIGN_OR_RETURN(DateRange range, RangeFromProto("period", period));
  return deps_.model->WithView([&](const ReadView& view) -> absl::StatusOr<v1::Statistics> {
    DANGBO_RETURN_IF_ERROR(AuthorizeScope(principal, Action::kReadStatistics, scope_field, scope_id,
                                          view, range.last));
    const StatisticsRequest request{
        .scope_id = scope_id, .range = range, .breakdown_by_children = breakdown};
    DANGBO_ASSIGN_OR_RETURN(Statistics statistics,
                            kind == StatisticsKind::kInspection
                                ? ComputeInspectionStatistics(view.tree, view.inspections, request)
                                : ComputeMembershipStatistics(view.tree, view.members, request));
    v1::Statistics out;
    StatisticsToProto(statistics, period, &out);
    *out.mutable_freshness() = FreshnessOf(view);
    return out;
  });
}

grpc::Status ReportingServiceImpl::GetInspectionStatistics(
    grpc::ServerContext* ctx, const v1::GetInspectionStatisticsRequest* req, v1::Statistics* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    DANGBO_ASSIGN_OR_RETURN(
        *resp, ComputeStatistics(StatisticsKind::kInspection, principal, "scope", scope,
                                 req->period(), req->breakdown_by_children()));
    return absl::OkStatus();
  });
}

grpc::Status ReportingServiceImpl::GetMembershipStatistics(
    grpc::ServerContext* ctx, const v1::GetMembershipStatisticsRequest* req, v1::Statistics* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    DANGBO_ASSIGN_OR_RETURN(
        *resp, ComputeStatistics(StatisticsKind::kMembership, principal, "scope", scope,
                                 req->period(), req->breakdown_by_children()));
    return absl::OkStatus();
  });
}

namespace {

std::string SubjectName(const inspection::SubjectRef& subject) {
  return api::ResourceName(
      subject.kind == inspection::SubjectKind::kMember ? "members" : "organizations", subject.id);
}

std::string SourceName(const SourceRecord& source) {
  switch (source.kind) {
    case SourceKind::kInspection:
      return api::ResourceName("inspections", source.id);
    case SourceKind::kDisciplinaryDecision:
      return api::ResourceName("disciplinaryDecisions", source.id);
    case SourceKind::kAppeal:
      return absl::StrCat(api::ResourceName("disciplinaryDecisions", source.decision_id),
                          "/appeals/", source.id);
    case SourceKind::kMember:
      return api::ResourceName("members", source.id);
    case SourceKind::kOrganization:
      return api::ResourceName("organizations", source.id);
    case SourceKind::kMemberEvent:
      return absl::StrCat(api::ResourceName("members", source.member_id), "/events/", source.id);
    case SourceKind::kMemberRating:
      return absl::StrCat(api::ResourceName("members", source.id), "/ratings/", source.year);
    case SourceKind::kOrganizationRating:
      return absl::StrCat(api::ResourceName("organizations", source.id), "/ratings/", source.year);
    case SourceKind::kMemberBadge:
      return absl::StrCat(api::ResourceName("members", source.id), "/badges/", source.badge_years);
  }
  return "";
}

// The subjects behind figure `key`, from the catalogue the key belongs to; an unknown key is
// refused by the inspection one. Rating figures are by year, so their period must be one.
absl::StatusOr<std::vector<FigureSubject>> SubjectsBehind(const ReadView& view, int64_t scope,
                                                          const DateRange& range,
                                                          const std::string& key) {
  if (FindMembershipFigure(key)) {
    return ListMembershipFigureSubjects(view.tree, view.members, scope, range, key);
  }
  if (FindRatingFigure(key)) {
    const int year = range.first.year();
    if (range.first != Date(year, 1, 1) || range.last != Date(year, 12, 31)) {
      return absl::InvalidArgumentError(
          "period: rating figures are by year; ask for a whole calendar year");
    }
    return ListRatingFigureSubjects(view.tree, view.members, view.ratings, scope, year, key);
  }
  return reporting::ListFigureSubjects(view.tree, view.inspections, scope, range, key);
}

constexpr int kDefaultSubjectPage = 100;
constexpr int kMaxSubjectPage = 1000;

}  // namespace

grpc::Status ReportingServiceImpl::ListFigureSubjects(grpc::ServerContext* ctx,
                                                      const v1::ListFigureSubjectsRequest* req,
                                                      v1::ListFigureSubjectsResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    DANGBO_ASSIGN_OR_RETURN(DateRange range, RangeFromProto("period", req->period()));
    DANGBO_ASSIGN_OR_RETURN(int page_size,
                            api::PageSize(req->page_size(), kDefaultSubjectPage, kMaxSubjectPage));
    v1::ListFigureSubjectsRequest digest_of = *req;
    digest_of.clear_page_token();
    digest_of.clear_page_size();
    const std::string digest = api::RequestFingerprint(digest_of);
    DANGBO_ASSIGN_OR_RETURN(int64_t offset, api::DecodePageToken(req->page_token(), digest));
    return deps_.model->WithView([&](const ReadView& view) -> absl::Status {
      DANGBO_RETURN_IF_ERROR(
          AuthorizeScope(principal, Action::kReadStatistics, "scope", scope, view, range.last));
      DANGBO_ASSIGN_OR_RETURN(std::vector<FigureSubject> subjects,
                              SubjectsBehind(view, scope, range, req->key()));
      const size_t end = std::min(subjects.size(), static_cast<size_t>(offset) + page_size);
      for (size_t i = static_cast<size_t>(offset); i < end; ++i) {
        v1::FigureSubject* out = resp->add_subjects();
        out->set_subject(SubjectName(subjects[i].subject));
        out->set_organization(api::ResourceName("organizations", subjects[i].organization_id));
        for (const SourceRecord& source : subjects[i].sources) out->add_sources(SourceName(source));
      }
      if (end < subjects.size()) {
        resp->set_next_page_token(api::EncodePageToken(static_cast<int64_t>(end), digest));
      }
      *resp->mutable_freshness() = FreshnessOf(view);
      return absl::OkStatus();
    });
  });
}

grpc::Status ReportingServiceImpl::GetFreshness(grpc::ServerContext* ctx,
                                                const v1::GetFreshnessRequest*,
                                                v1::Freshness* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_RETURN_IF_ERROR(Authorized(ctx, Action::kReadStatistics).status());
    *resp = deps_.model->WithView([](const ReadView& view) { return FreshnessOf(view); });
    return absl::OkStatus();
  });
}

}  // namespace dangbo::reporting
