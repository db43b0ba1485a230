// The reporting service's in-memory read model: the organization tree as it stood on any date,
// the members with the events that moved them, the inspection work and the annual ratings, fed
// with the resources the feeds carried (from the feed_resources rows at start, then batch by
// batch as the follower commits them), and the feed positions those reflect, so that every
// answer can say how fresh it is.
//
// A batch is applied under one writer lock together with its position: a reader never sees
// half a batch, nor figures from one position labelled with another.
#ifndef DANGBO_SERVICES_REPORTING_FEED_READ_MODEL_H_
#define DANGBO_SERVICES_REPORTING_FEED_READ_MODEL_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "services/reporting/domain/inspection_model.h"
#include "services/reporting/domain/membership_model.h"
#include "services/reporting/domain/organization_tree.h"
#include "services/reporting/domain/rating_model.h"
#include "services/reporting/store/feed_store.h"

namespace dangbo::reporting {

// What readers get: the models and the positions they reflect, consistent with each other.
struct ReadView {
  const OrganizationTree& tree;
  const InspectionModel& inspections;
  const MembershipModel& members;
  const FeedPositions& positions;
  const RatingModel& ratings;
  // The feeds' heads when last polled.
  int64_t membership_head = 0;
  int64_t inspection_head = 0;
};

class ReadModel {
 public:
  // The payload types the model uses; the follower stores nothing else. An organization's
  // state is kept as its whole history (dangbo.membership.v1.ListOrganizationChangesResponse)
  // because the tree needs every effective date, which the feed's Organization lacks.
  static bool Uses(std::string_view payload_type);

  // Applies resources of `source` in order and then sets the position. A resource whose payload
  // does not parse or that the model refuses is skipped and counted (rejected()): one bad
  // record must not stop the statistics of everything else; the log says which.
  void ApplyBatch(Source source, const std::vector<FeedResource>& resources,
                  const FeedPosition& after);
  void SetHeads(int64_t membership_head, int64_t inspection_head);
  // Forgets everything (a rebuild from sequence 0).
  void Clear();

  // Runs `read(const ReadView&)` under the reader lock and returns what it returns.
  template <typename Read>
  auto WithView(Read&& read) const {
    absl::ReaderMutexLock lock(&mu_);
    const ReadView view{.tree = tree_,
                        .inspections = inspections_,
                        .members = members_,
                        .positions = positions_,
                        .ratings = ratings_,
                        .membership_head = membership_head_,
                        .inspection_head = inspection_head_};
    return read(view);
  }

  FeedPositions positions() const;
  int64_t rejected() const;

 private:
  absl::Status Apply(const FeedResource& resource) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  OrganizationTree tree_ ABSL_GUARDED_BY(mu_);
  InspectionModel inspections_ ABSL_GUARDED_BY(mu_);
  MembershipModel members_ ABSL_GUARDED_BY(mu_);
  RatingModel ratings_ ABSL_GUARDED_BY(mu_);
  FeedPositions positions_ ABSL_GUARDED_BY(mu_);
  int64_t membership_head_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t inspection_head_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t rejected_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_FEED_READ_MODEL_H_
