// Follows membership's and inspection's change feeds into the read model: each page of changes
// is filtered to what the model uses, committed to the reporting schema together with the feed
// position after it, and only then applied in memory. A crash of anything at any point leaves
// the committed rows and position consistent, and the next start resumes after the position:
// changes are applied in source order, and a change seen twice writes the same state twice.
//
// Catching up (a rebuild, a replica far behind) runs as a pipeline per feed: the next page is
// fetched while the previous one is prepared, pages that piled up before the database commit
// together in one transaction with the position after the last of them, and committed pages
// are applied in memory while the next ones commit. Order is kept at every stage, and a page
// is applied only once it is committed, so the guarantees above hold unchanged.
//
// Membership's Organization changes do not carry the effective date of a move or a merge, so
// for each organization a page touches, its whole history is read (BatchListOrganizationChanges,
// a thousand organizations a call) and kept as the organization's resource.
#ifndef DANGBO_SERVICES_REPORTING_FEED_FOLLOWER_H_
#define DANGBO_SERVICES_REPORTING_FEED_FOLLOWER_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/call_context.h"
#include "dangbo/inspection/v1/inspection_service.grpc.pb.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "dangbo/type/v1/change.pb.h"
#include "services/reporting/feed/read_model.h"
#include "services/reporting/store/feed_store.h"

namespace dangbo::reporting {

struct FeedSources {
  dangbo::membership::v1::MembershipService::StubInterface* membership = nullptr;
  const client::CallContextFactory* membership_contexts = nullptr;
  dangbo::inspection::v1::InspectionService::StubInterface* inspection = nullptr;
  const client::CallContextFactory* inspection_contexts = nullptr;
};

struct FollowerOptions {
  // How long to wait for new changes once both feeds are caught up.
  absl::Duration poll_interval = absl::Milliseconds(200);
  // Changes asked for per page (the sources allow up to 10,000).
  int page_size = 5000;
  // Longest wait between attempts while a source or the database fails.
  absl::Duration max_backoff = absl::Seconds(5);
  // While catching up, pages waiting for the database are committed together up to this many
  // resources: fewer, larger transactions, each still carrying its position.
  size_t max_commit_resources = 50000;
};

// Where a catch-up spent its time, per stage. Stages overlap, so the durations add up to more
// than the wall time; the largest one is what limits the pipeline.
struct FollowStageTimes {
  absl::Duration fetch;    // ListChanges calls
  absl::Duration prepare;  // filtering and slimming, organization histories
  absl::Duration commit;   // the transactions
  absl::Duration apply;    // the in-memory model
  int64_t pages = 0;
  int64_t changes = 0;
  int64_t resources = 0;
  int64_t transactions = 0;
};

class FeedFollower {
 public:
  // `store` nullptr: follow into memory only, persisting nothing (a consistency check's replay).
  FeedFollower(FeedStore* store, ReadModel& model, FeedSources sources,
               FollowerOptions options = {});
  ~FeedFollower();

  FeedFollower(const FeedFollower&) = delete;
  FeedFollower& operator=(const FeedFollower&) = delete;

  // Fills the read model from the reporting schema (the rows and positions committed so far).
  absl::Status Load();

  // Called with each change's lag (from its commit in the source to its application here) for
  // every page applied; set before Start().
  void SetLagObserver(std::function<void(absl::Duration)> observe) { observe_lag_ = observe; }

  // Follows both feeds on a background thread until Stop().
  void Start();
  void Stop();

  // One page of `source`, committed and applied: how many changes it consumed (0: caught up).
  // Changes after `up_to` are left for later.
  absl::StatusOr<int> Step(Source source, int64_t up_to = std::numeric_limits<int64_t>::max());

  // Follows both feeds until each has reached the head it reported at the time (a rebuild).
  absl::Status CatchUp();
  // Follows both feeds exactly up to `target`'s sequences; FAILED_PRECONDITION if a feed ends
  // before reaching its target.
  absl::Status CatchUpTo(const FeedPositions& target);

  FollowStageTimes stage_times() const;

 private:
  // A page of one feed as its source returned it, cut at `up_to`.
  struct FetchedPage {
    Source source;
    google::protobuf::RepeatedPtrField<dangbo::type::v1::Change> changes;
  };
  // A page reduced to the resources the model uses, with the position after it.
  struct PreparedPage {
    Source source;
    std::vector<FeedResource> resources;
    FeedPosition after;
    int64_t changes = 0;
    std::vector<absl::Time> commit_times;  // for the lag observer only
  };

  absl::StatusOr<FetchedPage> Fetch(Source source, int64_t after, int64_t up_to);
  absl::StatusOr<PreparedPage> Prepare(FetchedPage page) const;
  // Commits the page's resources and position in one transaction (nothing without a store).
  absl::Status Commit(const PreparedPage& page);
  void Apply(const PreparedPage& page);
  void AddTime(absl::Duration FollowStageTimes::*stage, absl::Time since);
  // Follows `source` up to `up_to` through the pipeline, until the feed returns no more.
  absl::Status Follow(Source source, int64_t up_to);
  // Follow for both feeds at once: they are independent, and the model takes their pages in
  // any interleaving (the background follower alternates them too).
  absl::Status FollowBoth(const FeedPositions& up_to);

  // The whole history of each organization, as the resource carrying its state at `sequence`.
  absl::StatusOr<std::vector<FeedResource>> OrganizationHistories(
      const std::vector<std::pair<std::string, int64_t>>& organizations) const;
  // Whether `source`'s head, as its last ListChanges reported it, is past the model's position.
  bool Behind(Source source);
  void Run();

  FeedStore* const store_;
  ReadModel& model_;
  const FeedSources sources_;
  const FollowerOptions options_;
  std::function<void(absl::Duration)> observe_lag_;

  mutable absl::Mutex times_mu_;
  FollowStageTimes times_ ABSL_GUARDED_BY(times_mu_);

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t membership_head_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t inspection_head_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_FEED_FOLLOWER_H_
