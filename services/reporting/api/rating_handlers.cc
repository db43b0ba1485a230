// Rating statistics: a scope's members and organizations by the rating of a year, against the
// targets the scope's term resolutions set (rating_statistics.h has the counting rules).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/status/errors.h"
#include "services/reporting/api/mapping.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/domain/rating_statistics.h"
#include "services/reporting/store/target_store.h"

namespace dangbo::reporting {

using auth::Action;

absl::StatusOr<v1::Statistics> ReportingServiceImpl::RatingStatisticsFor(
    const auth::Principal& principal, std::string_view scope_field, int64_t scope_id, int year) {
  if (year < kFirstReportYear || year > kLastReportYear) {
    return status::InvalidField(
        "year", absl::StrCat("must be between ", kFirstReportYear, " and ", kLastReportYear));
  }
  const Date year_end(year, 12, 31);
  DANGBO_RETURN_IF_ERROR(deps_.model->WithView([&](const ReadView& view) {
    return AuthorizeScope(principal, Action::kReadStatistics, scope_field, scope_id, view,
                          year_end);
  }));
  DANGBO_ASSIGN_OR_RETURN(std::vector<TargetRow> rows,
                          TargetsCovering(*deps_.pool, scope_id, year));
  std::vector<RatingTarget> targets;
  for (const TargetRow& row : rows) {
    targets.push_back({.key = row.figure_key,
                       .value = row.value,
                       .at_least = row.at_least,
                       .term_start_year = row.term_start_year,
                       .term_end_year = row.term_end_year});
  }
  return deps_.model->WithView([&](const ReadView& view) -> absl::StatusOr<v1::Statistics> {
    DANGBO_ASSIGN_OR_RETURN(RatingStatistics statistics,
                            reporting::ComputeRatingStatistics(
                                view.tree, view.members, view.ratings, scope_id, year, targets));
    v1::Statistics out;
    out.set_scope(api::ResourceName("organizations", scope_id));
    out.mutable_period()->set_kind(v1::Period::KIND_YEAR);
    out.mutable_period()->set_year(year);
    *out.mutable_as_of() = api::ToProtoDate(year_end);
    for (const RatingFigureValue& f : statistics.figures) {
      v1::Figure* figure = out.add_figures();
      figure->set_key(f.key);
      figure->set_label(f.label);
      // One rating per subject and year: distinct and occurrences agree.
      figure->set_distinct(f.value);
      figure->set_occurrences(f.value);
    }
    *out.mutable_freshness() = FreshnessOf(view);
    return out;
  });
}

grpc::Status ReportingServiceImpl::GetRatingStatistics(grpc::ServerContext* ctx,
                                                       const v1::GetRatingStatisticsRequest* req,
                                                       v1::Statistics* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal, Authorized(ctx, Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    DANGBO_ASSIGN_OR_RETURN(*resp, RatingStatisticsFor(principal, "scope", scope, req->year()));
    return absl::OkStatus();
  });
}

}  // namespace dangbo::reporting
