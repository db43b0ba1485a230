// The gRPC adapter of the inspection service: authenticates and authorizes each call, checks
// the organizations and members it references through membership, maps protos to the domain,
// runs the domain rules and hands the result to the store.
#ifndef DANGBO_SERVICES_INSPECTION_API_INSPECTION_SERVICE_H_
#define DANGBO_SERVICES_INSPECTION_API_INSPECTION_SERVICE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/action.h"
#include "common/auth/authenticator.h"
#include "dangbo/inspection/v1/inspection_service.grpc.pb.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/violation_cases.h"
#include "services/inspection/membership_client/directory.h"
#include "services/inspection/store/store.h"
#include "services/membership/domain/working_days.h"

namespace dangbo::inspection {

struct ServiceDeps {
  InspectionStore* store = nullptr;
  MembershipDirectory* directory = nullptr;
  const auth::Authenticator* authenticator = nullptr;
  const membership::HolidayCalendar* calendar = nullptr;
  // Called after a mutation that queued calls to membership committed, so that they are sent
  // now rather than at the dispatcher's next poll.
  std::function<void()> membership_calls_queued = [] {};
  std::function<absl::Time()> now = absl::Now;  // injected so tests control "today"
};

class InspectionServiceImpl final : public v1::InspectionService::Service {
 public:
  explicit InspectionServiceImpl(ServiceDeps deps);

  grpc::Status CreateProgramme(grpc::ServerContext* ctx, const v1::CreateProgrammeRequest* req,
                               v1::Programme* resp) override;
  grpc::Status GetProgramme(grpc::ServerContext* ctx, const v1::GetProgrammeRequest* req,
                            v1::Programme* resp) override;
  grpc::Status ListProgrammes(grpc::ServerContext* ctx, const v1::ListProgrammesRequest* req,
                              v1::ListProgrammesResponse* resp) override;
  grpc::Status UpdateProgramme(grpc::ServerContext* ctx, const v1::UpdateProgrammeRequest* req,
                               v1::Programme* resp) override;

  grpc::Status CreateInspection(grpc::ServerContext* ctx, const v1::CreateInspectionRequest* req,
                                v1::Inspection* resp) override;
  grpc::Status GetInspection(grpc::ServerContext* ctx, const v1::GetInspectionRequest* req,
                             v1::Inspection* resp) override;
  grpc::Status ListInspections(grpc::ServerContext* ctx, const v1::ListInspectionsRequest* req,
                               v1::ListInspectionsResponse* resp) override;
  grpc::Status UpdateInspection(grpc::ServerContext* ctx, const v1::UpdateInspectionRequest* req,
                                v1::Inspection* resp) override;
  grpc::Status AddInspectionSubjects(grpc::ServerContext* ctx,
                                     const v1::AddInspectionSubjectsRequest* req,
                                     v1::Inspection* resp) override;
  grpc::Status RemoveInspectionSubjects(grpc::ServerContext* ctx,
                                        const v1::RemoveInspectionSubjectsRequest* req,
                                        v1::Inspection* resp) override;
  grpc::Status AdvanceInspectionStage(grpc::ServerContext* ctx,
                                      const v1::AdvanceInspectionStageRequest* req,
                                      v1::Inspection* resp) override;
  grpc::Status RecordFindings(grpc::ServerContext* ctx, const v1::RecordFindingsRequest* req,
                              v1::Inspection* resp) override;
  grpc::Status RecordSubjectOutcomes(grpc::ServerContext* ctx,
                                     const v1::RecordSubjectOutcomesRequest* req,
                                     v1::Inspection* resp) override;
  grpc::Status IssueConclusionNotice(grpc::ServerContext* ctx,
                                     const v1::IssueConclusionNoticeRequest* req,
                                     v1::ConclusionNotice* resp) override;
  grpc::Status CorrectConclusionNotice(grpc::ServerContext* ctx,
                                       const v1::CorrectConclusionNoticeRequest* req,
                                       v1::ConclusionNotice* resp) override;
  grpc::Status GetConclusionNotice(grpc::ServerContext* ctx,
                                   const v1::GetConclusionNoticeRequest* req,
                                   v1::ConclusionNotice* resp) override;
  grpc::Status ListConclusionNotices(grpc::ServerContext* ctx,
                                     const v1::ListConclusionNoticesRequest* req,
                                     v1::ListConclusionNoticesResponse* resp) override;
  grpc::Status RecordTaskCompletion(grpc::ServerContext* ctx,
                                    const v1::RecordTaskCompletionRequest* req,
                                    v1::Inspection* resp) override;

  grpc::Status CreateDisciplinaryDecision(grpc::ServerContext* ctx,
                                          const v1::CreateDisciplinaryDecisionRequest* req,
                                          v1::DisciplinaryDecision* resp) override;
  grpc::Status GetDisciplinaryDecision(grpc::ServerContext* ctx,
                                       const v1::GetDisciplinaryDecisionRequest* req,
                                       v1::DisciplinaryDecision* resp) override;
  grpc::Status ListDisciplinaryDecisions(grpc::ServerContext* ctx,
                                         const v1::ListDisciplinaryDecisionsRequest* req,
                                         v1::ListDisciplinaryDecisionsResponse* resp) override;

  grpc::Status CreateAppeal(grpc::ServerContext* ctx, const v1::CreateAppealRequest* req,
                            v1::Appeal* resp) override;
  grpc::Status GetAppeal(grpc::ServerContext* ctx, const v1::GetAppealRequest* req,
                         v1::Appeal* resp) override;
  grpc::Status ListAppeals(grpc::ServerContext* ctx, const v1::ListAppealsRequest* req,
                           v1::ListAppealsResponse* resp) override;
  grpc::Status ResolveAppeal(grpc::ServerContext* ctx, const v1::ResolveAppealRequest* req,
                             v1::Appeal* resp) override;

  grpc::Status GetRuleVersion(grpc::ServerContext* ctx, const v1::GetRuleVersionRequest* req,
                              v1::RuleVersion* resp) override;
  grpc::Status ListRuleVersions(grpc::ServerContext* ctx, const v1::ListRuleVersionsRequest* req,
                                v1::ListRuleVersionsResponse* resp) override;
  grpc::Status CreateRuleVersion(grpc::ServerContext* ctx, const v1::CreateRuleVersionRequest* req,
                                 v1::RuleVersion* resp) override;
  grpc::Status UpdateRuleVersion(grpc::ServerContext* ctx, const v1::UpdateRuleVersionRequest* req,
                                 v1::RuleVersion* resp) override;

  grpc::Status ListOverdue(grpc::ServerContext* ctx, const v1::ListOverdueRequest* req,
                           v1::ListOverdueResponse* resp) override;
  grpc::Status ImportInspectionWork(grpc::ServerContext* ctx,
                                    grpc::ServerReader<v1::ImportInspectionWorkRequest>* reader,
                                    v1::ImportInspectionWorkResponse* resp) override;
  grpc::Status ListChanges(grpc::ServerContext* ctx, const v1::ListChangesRequest* req,
                           v1::ListChangesResponse* resp) override;

 private:
  // A subject as membership knows it when the record is written.
  struct ResolvedSubject {
    int64_t organization_id = 0;  // the member's organization, or the organization itself
    std::string organization_path;
    std::optional<MemberInfo> member;              // members only
    std::optional<OrganizationInfo> organization;  // organizations only
  };

  // Each handler body returns an absl::Status; this converts it, and turns an escaped
  // exception (a bug) into INTERNAL instead of a crash.
  grpc::Status Run(const std::function<absl::Status()>& body);

  absl::StatusOr<auth::Principal> Authorized(grpc::ServerContext* ctx, auth::Action action);

  // The organization's place in the tree; NOT_FOUND naming `field` when membership does not
  // know it.
  absl::StatusOr<OrganizationInfo> OrganizationAt(grpc::ServerContext* ctx, std::string_view field,
                                                  int64_t organization_id);
  absl::Status AuthorizeAt(grpc::ServerContext* ctx, const auth::Principal& principal,
                           auth::Action action, std::string_view field, int64_t organization_id);
  // For reading a record kept under `organization_id`: a caller whose scope is the whole tree
  // needs only the role, so reads do not depend on membership answering; others as AuthorizeAt.
  absl::Status AuthorizeRead(grpc::ServerContext* ctx, const auth::Principal& principal,
                             auth::Action action, std::string_view field, int64_t organization_id);
  // Looks every subject up in membership and checks it lies within the caller's scopes.
  // `fields[i]` names subjects[i] in the request.
  absl::StatusOr<std::vector<ResolvedSubject>> ResolveSubjects(
      grpc::ServerContext* ctx, const auth::Principal& principal, auth::Action action,
      const std::vector<SubjectRef>& subjects, const std::vector<std::string>& fields);
  // Checks that the team members exist and fills in their names where the request left them
  // out.
  absl::Status ResolveTeam(grpc::ServerContext* ctx, std::string_view field,
                           std::vector<TeamMember>& team);

  // The organizations a list RPC may return: the subtree named by `subtree_field`'s value when
  // given (authorized), else the caller's scopes. None = no restriction (whole-tree caller).
  absl::StatusOr<std::optional<std::vector<int64_t>>> VisibleOrganizations(
      grpc::ServerContext* ctx, const auth::Principal& principal, auth::Action action,
      std::string_view subtree_field, const std::string& subtree);

  // True when the mutation under `request_id` committed already: `response` holds its first
  // result. Handlers ask before their checks, which a replay must not repeat.
  absl::StatusOr<bool> Replayed(std::string_view method, const google::protobuf::Message& request,
                                const std::string& request_id, const auth::Principal& principal,
                                google::protobuf::Message* response);

  // Runs a store mutation keyed by the request's request_id and parses the (first) response.
  absl::Status Mutate(std::string_view method, const google::protobuf::Message& request,
                      const std::string& request_id, const auth::Principal& principal,
                      absl::FunctionRef<absl::StatusOr<MutationOutcome>(InspectionTx&)> body,
                      google::protobuf::Message* response);

  absl::StatusOr<InspectionRuleBook> Rules();
  Date Today() const;

  // The violation dates of every stored decision about `subject`: they restart the limitation
  // clock of a new decision about it.
  absl::StatusOr<std::vector<Date>> StoredViolationsOf(const SubjectRef& subject);

  // Queues the violation case reports of inspection `inspection_id`, dated today; a report
  // queued before is skipped. Whether anything new was queued (then wake the dispatcher).
  absl::StatusOr<bool> QueueCaseReports(InspectionTx& tx, int64_t inspection_id,
                                        const std::vector<CaseReport>& reports);

  // What the queued membership calls of a decision say.
  absl::StatusOr<v1::MembershipSync> SyncOf(const DisciplinaryDecision& decision);

  // The shared body of the inspection mutations that lock the inspection named `name`, check
  // `etag`, let `change` edit it, and store it (with a change event of `verb`).
  absl::Status MutateInspection(
      grpc::ServerContext* ctx, std::string_view method, const google::protobuf::Message& request,
      const std::string& request_id, const auth::Principal& principal, std::string_view name,
      std::string_view etag, std::string_view verb,
      const std::function<absl::Status(Inspection&, InspectionTx&)>& change,
      v1::Inspection* response);

  ServiceDeps deps_;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_API_INSPECTION_SERVICE_H_
