#include "services/inspection/membership_client/dispatcher.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/server/log.h"

namespace dangbo::inspection {
namespace {

namespace v1 = ::dangbo::membership::v1;

std::string_view KindName(MembershipCallKind kind) {
  switch (kind) {
    case MembershipCallKind::kExpelMember:
      return "expel_member";
    case MembershipCallKind::kDissolveOrganization:
      return "dissolve_organization";
    case MembershipCallKind::kRecordViolationCase:
      return "record_violation_case";
    case MembershipCallKind::kUnspecified:
      break;
  }
  return "unspecified";
}

// What the decision's membership_sync shows as last_error: the code a reader can act on, then
// membership's message.
std::string ErrorText(const grpc::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())),
                      ": ", status.error_message());
}

// The payload as the request it must be; a payload queued without its request_id gets the
// call's, which is the same id the queue deduplicates on.
template <typename Request>
absl::StatusOr<Request> ParsePayload(const MembershipCall& call) {
  Request request;
  if (!request.ParseFromString(call.payload)) {
    return absl::InvalidArgumentError(
        absl::StrCat("payload does not parse as ", Request::descriptor()->full_name()));
  }
  if (request.request_id().empty()) request.set_request_id(call.request_id);
  return request;
}

}  // namespace

absl::Duration RetryDelay(int attempts, absl::Duration first_retry, absl::Duration max_retry) {
  absl::Duration delay = first_retry;
  for (int i = 1; i < attempts && delay < max_retry; ++i) delay *= 2;
  return std::min(delay, max_retry);
}

MembershipCallDispatcher::MembershipCallDispatcher(InspectionStore& store,
                                                   v1::MembershipService::StubInterface& stub,
                                                   const client::CallContextFactory& contexts,
                                                   DispatcherOptions options)
    : store_(store), stub_(stub), contexts_(contexts), options_(std::move(options)) {}

MembershipCallDispatcher::~MembershipCallDispatcher() { Stop(); }

void MembershipCallDispatcher::Start() {
  absl::MutexLock lock(&mu_);
  if (started_ || stopping_) return;
  started_ = true;
  thread_ = std::thread([this] { Run(); });
}

void MembershipCallDispatcher::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (in_flight_ != nullptr) in_flight_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

void MembershipCallDispatcher::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

void MembershipCallDispatcher::Run() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    absl::StatusOr<DrainStats> round = DrainOnce();
    if (!round.ok()) {
      log::Warn("membership calls: cannot read the queue", {{"error", round.status().ToString()}});
    }
    // A full batch suggests more is due: go on at once.
    const bool more = round.ok() && round->claimed >= options_.batch_size;
    absl::MutexLock lock(&mu_);
    if (!more) {
      auto woken_or_stopping = [this]()
                                   ABSL_SHARED_LOCKS_REQUIRED(mu_) { return woken_ || stopping_; };
      mu_.AwaitWithTimeout(absl::Condition(&woken_or_stopping), options_.poll_interval);
    }
    woken_ = false;
  }
}

absl::StatusOr<MembershipCallDispatcher::DrainStats> MembershipCallDispatcher::DrainOnce() {
  absl::StatusOr<std::vector<MembershipCall>> claimed =
      store_.ClaimMembershipCalls(options_.batch_size, options_.lease);
  if (!claimed.ok()) return claimed.status();
  DrainStats stats;
  stats.claimed = static_cast<int>(claimed->size());
  for (const MembershipCall& call : *claimed) {
    log::Fields fields = {{"call", call.id},
                          {"kind", std::string(KindName(call.kind))},
                          {"origin", call.origin},
                          {"request_id", call.request_id},
                          {"attempt", call.attempts}};
    const Outcome outcome = Deliver(call);
    if (outcome.status.ok()) {
      ++stats.delivered;
      // If this write is lost the lease runs out and the call goes again: membership answers
      // the replayed request_id with its first answer, and then it is recorded.
      if (absl::Status done = store_.CompleteMembershipCall(call.id); !done.ok()) {
        fields["error"] = done.ToString();
        log::Warn("membership call delivered but not recorded as done", fields);
      } else {
        log::Info("membership call delivered", fields);
      }
      continue;
    }
    ++stats.failed;
    bool stopping;
    {
      absl::MutexLock lock(&mu_);
      stopping = stopping_;
    }
    // Cut short by Stop(): claimable again at once (by another replica or the next start).
    const absl::Duration retry_after =
        stopping ? absl::ZeroDuration()
        : outcome.undeliverable
            ? options_.max_retry
            : RetryDelay(call.attempts, options_.first_retry, options_.max_retry);
    const std::string error = std::string(outcome.status.message());
    fields["error"] = error;
    fields["retry_after_ms"] = absl::ToInt64Milliseconds(retry_after);
    log::Warn("membership call failed", fields);
    if (absl::Status failed =
            store_.FailMembershipCall(call.id, call.claim_token, error, retry_after);
        !failed.ok()) {
      // Claimed again since (our lease ran out) or done meanwhile: the newer claim decides.
      log::Warn("membership call failure not recorded",
                {{"call", call.id}, {"error", failed.ToString()}});
    }
  }
  return stats;
}

MembershipCallDispatcher::Outcome MembershipCallDispatcher::Deliver(const MembershipCall& call) {
  absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context =
      contexts_.New(nullptr, options_.call_deadline);
  if (!context.ok()) return {context.status()};
  grpc::Status status;
  switch (call.kind) {
    case MembershipCallKind::kExpelMember: {
      absl::StatusOr<v1::RecordMemberEventRequest> request =
          ParsePayload<v1::RecordMemberEventRequest>(call);
      if (!request.ok()) return {request.status(), /*undeliverable=*/true};
      if (!BeginCall(context->get())) return {absl::CancelledError("CANCELLED: stopping")};
      v1::RecordMemberEventResponse response;
      status = stub_.RecordMemberEvent(context->get(), *request, &response);
      EndCall();
      break;
    }
    case MembershipCallKind::kDissolveOrganization: {
      absl::StatusOr<v1::DissolveOrganizationRequest> request =
          ParsePayload<v1::DissolveOrganizationRequest>(call);
      if (!request.ok()) return {request.status(), /*undeliverable=*/true};
      if (!BeginCall(context->get())) return {absl::CancelledError("CANCELLED: stopping")};
      v1::Organization response;
      status = stub_.DissolveOrganization(context->get(), *request, &response);
      EndCall();
      break;
    }
    case MembershipCallKind::kRecordViolationCase: {
      absl::StatusOr<v1::RecordViolationCaseRequest> request =
          ParsePayload<v1::RecordViolationCaseRequest>(call);
      if (!request.ok()) return {request.status(), /*undeliverable=*/true};
      if (!BeginCall(context->get())) return {absl::CancelledError("CANCELLED: stopping")};
      v1::ViolationCase response;
      status = stub_.RecordViolationCase(context->get(), *request, &response);
      EndCall();
      break;
    }
    case MembershipCallKind::kUnspecified:
    default:
      return {absl::InvalidArgumentError(
                  absl::StrCat("unknown call kind ", static_cast<int>(call.kind))),
              /*undeliverable=*/true};
  }
  if (status.ok()) return {absl::OkStatus()};
  return {absl::Status(static_cast<absl::StatusCode>(status.error_code()), ErrorText(status))};
}

bool MembershipCallDispatcher::BeginCall(grpc::ClientContext* context) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return false;
  in_flight_ = context;
  return true;
}

void MembershipCallDispatcher::EndCall() {
  absl::MutexLock lock(&mu_);
  in_flight_ = nullptr;
}

}  // namespace dangbo::inspection
