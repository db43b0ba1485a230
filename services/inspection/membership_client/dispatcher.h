// Delivers the calls the inspection service owes membership (an EXPEL event for a decision that
// expels a member, the dissolution of an organization, a violation case opened or settled) from
// the durable queue in the inspection store, until membership accepts each. Every attempt sends
// the call's own request_id, so a call delivered twice (a worker that died before recording
// success, two replicas) is applied once.
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_DISPATCHER_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_DISPATCHER_H_

#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/call_context.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "services/inspection/store/store.h"

namespace dangbo::inspection {

struct DispatcherOptions {
  int batch_size = 16;  // calls claimed at once
  // How long a claimed call is ours; longer than call_deadline, so that nobody else delivers it
  // while our attempt may still be under way.
  absl::Duration lease = absl::Seconds(60);
  absl::Duration call_deadline = absl::Seconds(10);
  // How often the queue is looked at when nobody calls Wake(): picks up retries whose time has
  // come and calls queued by other replicas.
  absl::Duration poll_interval = absl::Seconds(5);
  // A failed call waits first_retry, doubled at every further failure, at most max_retry.
  absl::Duration first_retry = absl::Seconds(1);
  absl::Duration max_retry = absl::Minutes(5);
};

// The wait after the `attempts`-th failed attempt (attempts >= 1).
absl::Duration RetryDelay(int attempts, absl::Duration first_retry, absl::Duration max_retry);

class MembershipCallDispatcher {
 public:
  // `store`, `stub` and `contexts` must outlive the dispatcher.
  MembershipCallDispatcher(InspectionStore& store,
                           dangbo::membership::v1::MembershipService::StubInterface& stub,
                           const client::CallContextFactory& contexts,
                           DispatcherOptions options = {});
  // Stops the thread if it runs.
  ~MembershipCallDispatcher();

  MembershipCallDispatcher(const MembershipCallDispatcher&) = delete;
  MembershipCallDispatcher& operator=(const MembershipCallDispatcher&) = delete;

  // Starts the background thread; a second Start is a no-op.
  void Start();
  // Cancels the call in flight (it is handed back to the queue at once), ends the thread and
  // joins it. Prompt: used on SIGTERM. Idempotent; the dispatcher cannot be started again.
  void Stop();
  // Looks at the queue now instead of at the next poll: for a handler that just queued a call.
  void Wake();

  struct DrainStats {
    int claimed = 0;
    int delivered = 0;  // membership accepted (or had already accepted) the call
    int failed = 0;     // handed back with its error, to be retried after the backoff
  };
  // One round without the thread: claims what is due, delivers it, records the outcomes.
  absl::StatusOr<DrainStats> DrainOnceForTesting() { return DrainOnce(); }

 private:
  void Run();
  absl::StatusOr<DrainStats> DrainOnce();
  struct Outcome {
    absl::Status status;  // membership's answer, or why the call could not be sent
    // A call that can never be sent as queued (a payload that does not parse, an unknown kind)
    // waits max_retry: it stays visible with its error without being tried every second.
    bool undeliverable = false;
  };
  Outcome Deliver(const MembershipCall& call);
  // Makes the call cancellable by Stop() while it is in flight.
  bool BeginCall(grpc::ClientContext* context);
  void EndCall();

  InspectionStore& store_;
  dangbo::membership::v1::MembershipService::StubInterface& stub_;
  const client::CallContextFactory& contexts_;
  const DispatcherOptions options_;

  absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* in_flight_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::thread thread_;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_DISPATCHER_H_
