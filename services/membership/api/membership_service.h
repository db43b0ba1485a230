// The gRPC adapter of the membership service: authenticates and authorizes each call, maps
// protos to the domain, runs the domain rules and hands the result to the store.
#ifndef DANGBO_SERVICES_MEMBERSHIP_API_MEMBERSHIP_SERVICE_H_
#define DANGBO_SERVICES_MEMBERSHIP_API_MEMBERSHIP_SERVICE_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/action.h"
#include "common/auth/authenticator.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "services/membership/domain/membership_rules.h"
#include "services/membership/domain/working_days.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {

struct ServiceDeps {
  MembershipStore* store = nullptr;
  const auth::Authenticator* authenticator = nullptr;
  const RuleBook* rules = nullptr;
  const HolidayCalendar* calendar = nullptr;
  std::function<absl::Time()> now = absl::Now;  // injected so tests control "today"
};

class MembershipServiceImpl final : public v1::MembershipService::Service {
 public:
  explicit MembershipServiceImpl(ServiceDeps deps);

  grpc::Status CreateOrganization(grpc::ServerContext* ctx,
                                  const v1::CreateOrganizationRequest* req,
                                  v1::Organization* resp) override;
  grpc::Status GetOrganization(grpc::ServerContext* ctx, const v1::GetOrganizationRequest* req,
                               v1::Organization* resp) override;
  grpc::Status BatchGetOrganizations(grpc::ServerContext* ctx,
                                     const v1::BatchGetOrganizationsRequest* req,
                                     v1::BatchGetOrganizationsResponse* resp) override;
  grpc::Status ListOrganizations(grpc::ServerContext* ctx, const v1::ListOrganizationsRequest* req,
                                 v1::ListOrganizationsResponse* resp) override;
  grpc::Status UpdateOrganization(grpc::ServerContext* ctx,
                                  const v1::UpdateOrganizationRequest* req,
                                  v1::Organization* resp) override;
  grpc::Status MoveOrganization(grpc::ServerContext* ctx, const v1::MoveOrganizationRequest* req,
                                v1::Organization* resp) override;
  grpc::Status MergeOrganizations(grpc::ServerContext* ctx,
                                  const v1::MergeOrganizationsRequest* req,
                                  v1::Organization* resp) override;
  grpc::Status SplitOrganization(grpc::ServerContext* ctx, const v1::SplitOrganizationRequest* req,
                                 v1::SplitOrganizationResponse* resp) override;
  grpc::Status DissolveOrganization(grpc::ServerContext* ctx,
                                    const v1::DissolveOrganizationRequest* req,
                                    v1::Organization* resp) override;
  grpc::Status ListOrganizationChanges(grpc::ServerContext* ctx,
                                       const v1::ListOrganizationChangesRequest* req,
                                       v1::ListOrganizationChangesResponse* resp) override;
  grpc::Status BatchListOrganizationChanges(grpc::ServerContext* ctx,
                                            const v1::BatchListOrganizationChangesRequest* req,
                                            v1::BatchListOrganizationChangesResponse* resp) override;

  grpc::Status CreateMember(grpc::ServerContext* ctx, const v1::CreateMemberRequest* req,
                            v1::Member* resp) override;
  grpc::Status GetMember(grpc::ServerContext* ctx, const v1::GetMemberRequest* req,
                         v1::Member* resp) override;
  grpc::Status BatchGetMembers(grpc::ServerContext* ctx, const v1::BatchGetMembersRequest* req,
                               v1::BatchGetMembersResponse* resp) override;
  grpc::Status ListMembers(grpc::ServerContext* ctx, const v1::ListMembersRequest* req,
                           v1::ListMembersResponse* resp) override;
  grpc::Status UpdateMember(grpc::ServerContext* ctx, const v1::UpdateMemberRequest* req,
                            v1::Member* resp) override;
  grpc::Status RecordMemberEvent(grpc::ServerContext* ctx, const v1::RecordMemberEventRequest* req,
                                 v1::RecordMemberEventResponse* resp) override;
  grpc::Status ListMemberEvents(grpc::ServerContext* ctx, const v1::ListMemberEventsRequest* req,
                                v1::ListMemberEventsResponse* resp) override;

  grpc::Status ListDueActions(grpc::ServerContext* ctx, const v1::ListDueActionsRequest* req,
                              v1::ListDueActionsResponse* resp) override;
  grpc::Status BatchRecordRatings(grpc::ServerContext* ctx,
                                  const v1::BatchRecordRatingsRequest* req,
                                  v1::BatchRecordRatingsResponse* resp) override;
  grpc::Status ListRatings(grpc::ServerContext* ctx, const v1::ListRatingsRequest* req,
                           v1::ListRatingsResponse* resp) override;
  grpc::Status RecordBadge(grpc::ServerContext* ctx, const v1::RecordBadgeRequest* req,
                           v1::Badge* resp) override;
  grpc::Status ListBadges(grpc::ServerContext* ctx, const v1::ListBadgesRequest* req,
                          v1::ListBadgesResponse* resp) override;
  grpc::Status RecordViolationCase(grpc::ServerContext* ctx,
                                   const v1::RecordViolationCaseRequest* req,
                                   v1::ViolationCase* resp) override;
  grpc::Status ListViolationCases(grpc::ServerContext* ctx,
                                  const v1::ListViolationCasesRequest* req,
                                  v1::ListViolationCasesResponse* resp) override;
  grpc::Status ImportMembers(grpc::ServerContext* ctx,
                             grpc::ServerReader<v1::ImportMembersRequest>* reader,
                             v1::ImportMembersResponse* resp) override;

  grpc::Status ListChanges(grpc::ServerContext* ctx, const v1::ListChangesRequest* req,
                           v1::ListChangesResponse* resp) override;

 private:
  // Each handler body returns an absl::Status; this converts it, and turns an escaped
  // exception (a bug) into INTERNAL instead of a crash.
  grpc::Status Run(const std::function<absl::Status()>& body);

  absl::StatusOr<auth::Principal> Authorized(grpc::ServerContext* ctx, auth::Action action);
  // The ancestor path of an organization; NOT_FOUND naming `field` when it does not exist.
  absl::StatusOr<std::string> PathOf(std::string_view field, int64_t organization_id);
  absl::Status AuthorizeAt(const auth::Principal& principal, auth::Action action,
                           std::string_view field, int64_t organization_id);
  std::vector<std::string> ScopePaths(const auth::Principal& principal);
  // The member `name` (`members/{id}`, in the request's field `member`) after checking that the
  // caller may read members where it is registered: what the per-member lists start with.
  absl::StatusOr<Member> ReadableMember(grpc::ServerContext* ctx, std::string_view name);
  // The ids a batch request's `names` name, in order: at most 1000, each an existing
  // organization the caller may read, or the error naming `names[i]`. One query for all.
  absl::StatusOr<std::vector<int64_t>> ReadableOrganizationIds(
      const auth::Principal& principal,
      const google::protobuf::RepeatedPtrField<std::string>& names);

  // Runs a store mutation keyed by the request's request_id and parses the (first) response.
  absl::Status Mutate(std::string_view method, const google::protobuf::Message& request,
                      const std::string& request_id, const auth::Principal& principal,
                      absl::FunctionRef<absl::StatusOr<MutationOutcome>(MembershipTx&)> body,
                      google::protobuf::Message* response);

  absl::CivilDay Today() const;

  // The card number format is a dated rule (MembershipRules::party_card_*); empty = none yet.
  // `prefix` is the request path to the member holding it ("member", or "" at top level).
  absl::Status CheckCardNumber(std::string_view prefix, std::string_view number) const;

  // Party age, next badge, probation and transfer deadlines as of `today`.
  void FillDerived(const Member& member, const std::vector<MemberEvent>& history,
                   const std::vector<Badge>& badges, Date today, v1::MemberDerived* out) const;

  ServiceDeps deps_;
};

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_API_MEMBERSHIP_SERVICE_H_
