// The gRPC adapter of the reporting service: authenticates each call, checks that the scope
// asked about lies within the caller's scopes (on the read model's own tree, so no call to
// membership is needed), computes the answer from the read model under its reader lock, and
// says how fresh it is.
//
// Targets are set by administrators only (auth::Action::kAdminister).
#ifndef DANGBO_SERVICES_REPORTING_API_REPORTING_SERVICE_H_
#define DANGBO_SERVICES_REPORTING_API_REPORTING_SERVICE_H_

#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/action.h"
#include "common/auth/authenticator.h"
#include "common/auth/principal.h"
#include "common/db/pool.h"
#include "dangbo/reporting/v1/reporting_service.grpc.pb.h"
#include "services/reporting/feed/follower.h"
#include "services/reporting/feed/read_model.h"

namespace dangbo::reporting {

struct ServiceDeps {
  ReadModel* model = nullptr;
  db::Pool* pool = nullptr;  // snapshots
  const auth::Authenticator* authenticator = nullptr;
  // The source services, for CheckConsistency's replay of their feeds.
  FeedSources sources;
  std::function<absl::Time()> now = absl::Now;  // injected so tests control "today"
};

class ReportingServiceImpl final : public v1::ReportingService::Service {
 public:
  explicit ReportingServiceImpl(ServiceDeps deps);

  grpc::Status GetInspectionStatistics(grpc::ServerContext* ctx,
                                       const v1::GetInspectionStatisticsRequest* req,
                                       v1::Statistics* resp) override;
  grpc::Status GetMembershipStatistics(grpc::ServerContext* ctx,
                                       const v1::GetMembershipStatisticsRequest* req,
                                       v1::Statistics* resp) override;
  grpc::Status ListFigureSubjects(grpc::ServerContext* ctx,
                                  const v1::ListFigureSubjectsRequest* req,
                                  v1::ListFigureSubjectsResponse* resp) override;
  grpc::Status CheckConsistency(grpc::ServerContext* ctx, const v1::CheckConsistencyRequest* req,
                                v1::CheckConsistencyResponse* resp) override;
  grpc::Status GetFreshness(grpc::ServerContext* ctx, const v1::GetFreshnessRequest* req,
                            v1::Freshness* resp) override;

  grpc::Status CreateSnapshot(grpc::ServerContext* ctx, const v1::CreateSnapshotRequest* req,
                              v1::Snapshot* resp) override;
  grpc::Status GetSnapshot(grpc::ServerContext* ctx, const v1::GetSnapshotRequest* req,
                           v1::Snapshot* resp) override;
  grpc::Status ListSnapshots(grpc::ServerContext* ctx, const v1::ListSnapshotsRequest* req,
                             v1::ListSnapshotsResponse* resp) override;
  grpc::Status ReviseSnapshot(grpc::ServerContext* ctx, const v1::ReviseSnapshotRequest* req,
                              v1::Snapshot* resp) override;

  // Ratings and targets (rating_handlers.cc, target_handlers.cc).
  grpc::Status GetRatingStatistics(grpc::ServerContext* ctx,
                                   const v1::GetRatingStatisticsRequest* req,
                                   v1::Statistics* resp) override;
  grpc::Status SetTarget(grpc::ServerContext* ctx, const v1::SetTargetRequest* req,
                         v1::Target* resp) override;
  grpc::Status GetTarget(grpc::ServerContext* ctx, const v1::GetTargetRequest* req,
                         v1::Target* resp) override;
  grpc::Status ListTargets(grpc::ServerContext* ctx, const v1::ListTargetsRequest* req,
                           v1::ListTargetsResponse* resp) override;

 private:
  // Converts the body's status, and an escaped exception (a bug) into INTERNAL.
  grpc::Status Run(const std::function<absl::Status()>& body);
  absl::StatusOr<auth::Principal> Authorized(grpc::ServerContext* ctx, auth::Action action);
  // PERMISSION_DENIED naming `field` unless the scope lies within the caller's scopes, as the
  // tree stands today (or, for an organization gone since, on `fallback_day`); NOT_FOUND when
  // the read model has never seen the organization.
  absl::Status AuthorizeScope(const auth::Principal& principal, auth::Action action,
                              std::string_view field, int64_t scope_id, const ReadView& view,
                              Date fallback_day) const;
  // The statistics a snapshot of `kind` freezes.
  absl::StatusOr<v1::Statistics> SnapshotStatistics(const auth::Principal& principal,
                                                    int64_t scope_id, v1::Snapshot::Kind kind,
                                                    const v1::Period& period);
  enum class StatisticsKind { kInspection, kMembership };
  absl::StatusOr<v1::Statistics> ComputeStatistics(StatisticsKind kind,
                                                   const auth::Principal& principal,
                                                   std::string_view scope_field, int64_t scope_id,
                                                   const v1::Period& period, bool breakdown);
  // The ratings of `year` in the scope, with the targets of the scope's terms covering it.
  absl::StatusOr<v1::Statistics> RatingStatisticsFor(const auth::Principal& principal,
                                                     std::string_view scope_field, int64_t scope_id,
                                                     int year);
  Date Today() const;

  ServiceDeps deps_;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_API_REPORTING_SERVICE_H_
