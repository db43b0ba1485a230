// CheckConsistency: the read model's figures against the same figures recomputed from scratch
// by replaying the sources' change feeds from sequence 0 up to exactly the positions the read
// model stood at. It catches what incremental following can get wrong (a change skipped or
// applied twice, a lost commit, a bad load at start); both sides count with the same domain
// code, so it checks the data, not the counting rules. A replay reads both feeds whole: an
// audit to run now and then, not per report. Ratings are compared for the year of the period's
// last day, without targets (the service's own data, not the sources').
#include <string>

#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/auth/authorization.h"
#include "services/reporting/api/mapping.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/domain/membership_statistics.h"
#include "services/reporting/domain/rating_statistics.h"

namespace dangbo::reporting {
namespace {

struct Figures {
  Statistics inspection;
  Statistics membership;
  RatingStatistics ratings;
};

absl::StatusOr<Figures> Compute(const ReadView& view, const StatisticsRequest& request) {
  Figures out;
  DANGBO_ASSIGN_OR_RETURN(out.inspection,
                          ComputeInspectionStatistics(view.tree, view.inspections, request));
  DANGBO_ASSIGN_OR_RETURN(out.membership,
                          ComputeMembershipStatistics(view.tree, view.members, request));
  DANGBO_ASSIGN_OR_RETURN(out.ratings,
                          ComputeRatingStatistics(view.tree, view.members, view.ratings,
                                                  request.scope_id, request.range.last.year(), {}));
  return out;
}

void AddDifferences(const Statistics& held, const Statistics& recomputed,
                    v1::CheckConsistencyResponse* out) {
  for (size_t i = 0; i < held.figures.size() && i < recomputed.figures.size(); ++i) {
    const FigureValue& a = held.figures[i];
    const FigureValue& b = recomputed.figures[i];
    if (a.distinct == b.distinct && a.occurrences == b.occurrences) continue;
    v1::CheckConsistencyResponse::Difference* d = out->add_differences();
    d->set_key(std::string(a.key));
    d->set_read_model_distinct(a.distinct);
    d->set_recomputed_distinct(b.distinct);
    d->set_read_model_occurrences(a.occurrences);
    d->set_recomputed_occurrences(b.occurrences);
  }
}

// Rating figures count each subject once: distinct and occurrences are the value.
void AddDifferences(const RatingStatistics& held, const RatingStatistics& recomputed,
                    v1::CheckConsistencyResponse* out) {
  for (size_t i = 0; i < held.figures.size() && i < recomputed.figures.size(); ++i) {
    const RatingFigureValue& a = held.figures[i];
    const RatingFigureValue& b = recomputed.figures[i];
    if (a.value == b.value) continue;
    v1::CheckConsistencyResponse::Difference* d = out->add_differences();
    d->set_key(a.key);
    d->set_read_model_distinct(a.value);
    d->set_recomputed_distinct(b.value);
    d->set_read_model_occurrences(a.value);
    d->set_recomputed_occurrences(b.value);
  }
}

}  // namespace

grpc::Status ReportingServiceImpl::CheckConsistency(grpc::ServerContext* ctx,
                                                    const v1::CheckConsistencyRequest* req,
                                                    v1::CheckConsistencyResponse* resp) {
  return Run([&]() -> absl::Status {
    DANGBO_ASSIGN_OR_RETURN(auth::Principal principal,
                            Authorized(ctx, auth::Action::kReadStatistics));
    DANGBO_ASSIGN_OR_RETURN(int64_t scope,
                            api::ParseResourceId("scope", "organizations", req->scope()));
    DANGBO_ASSIGN_OR_RETURN(DateRange range, RangeFromProto("period", req->period()));
    const StatisticsRequest request{.scope_id = scope, .range = range};

    FeedPositions positions;
    DANGBO_ASSIGN_OR_RETURN(
        Figures held, deps_.model->WithView([&](const ReadView& view) -> absl::StatusOr<Figures> {
          DANGBO_RETURN_IF_ERROR(AuthorizeScope(principal, auth::Action::kReadStatistics, "scope",
                                                scope, view, range.last));
          positions = view.positions;
          *resp->mutable_freshness() = FreshnessOf(view);
          return Compute(view, request);
        }));

    ReadModel replayed;
    FeedFollower replay(/*store=*/nullptr, replayed, deps_.sources);
    DANGBO_RETURN_IF_ERROR(replay.CatchUpTo(positions));
    DANGBO_ASSIGN_OR_RETURN(Figures recomputed, replayed.WithView([&](const ReadView& view) {
      return Compute(view, request);
    }));
    AddDifferences(held.inspection, recomputed.inspection, resp);
    AddDifferences(held.membership, recomputed.membership, resp);
    AddDifferences(held.ratings, recomputed.ratings, resp);
    return absl::OkStatus();
  });
}

}  // namespace dangbo::reporting
