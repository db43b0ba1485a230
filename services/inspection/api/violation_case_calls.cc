// The violation cases owed to membership (domain/violation_cases.h): queued in the transaction of
// the inspection or decision that opens or settles them, delivered by the MembershipCallDispatcher.
#include "absl/strings/str_cat.h"
#include "common/api/dates.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "dangbo/membership/v1/membership_service.pb.h"
#include "services/inspection/api/inspection_service.h"
#include "services/inspection/api/mapping.h"

namespace dangbo::inspection {

namespace mpb = ::dangbo::membership::v1;

absl::StatusOr<bool> InspectionServiceImpl::QueueCaseReports(
    InspectionTx& tx, int64_t inspection_id, const std::vector<CaseReport>& reports) {
  const std::string source = api::ResourceName(kInspections, inspection_id);
  const google::type::Date today = api::ToProtoDate(Today());
  bool queued = false;
  for (const CaseReport& report : reports) {
    mpb::RecordViolationCaseRequest request;
    mpb::ViolationCase& c = *request.mutable_violation_case();
    c.set_member(api::ResourceName(kMembers, report.member_id));
    c.set_source(source);
    c.set_state(report.open ? mpb::ViolationCase::STATE_OPEN : mpb::ViolationCase::STATE_SETTLED);
    *(report.open ? c.mutable_opened_date() : c.mutable_settled_date()) = today;
    // One request id per case and state: an opening reported again is the same call, so it is
    // queued (and sent) once.
    request.set_request_id(
        absl::StrCat("inspection:", source, ":", c.member(), report.open ? ":open" : ":settled"));
    absl::Status enqueued =
        tx.EnqueueMembershipCall({.request_id = request.request_id(),
                                  .kind = MembershipCallKind::kRecordViolationCase,
                                  .origin = source,
                                  .payload = request.SerializeAsString()})
            .status();
    if (absl::IsAlreadyExists(enqueued)) continue;
    DANGBO_RETURN_IF_ERROR(enqueued);
    queued = true;
  }
  return queued;
}

}  // namespace dangbo::inspection
