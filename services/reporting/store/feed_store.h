// The persisted half of the read model: the latest state of every source resource the feeds
// reported, and the position reached in each feed, written together so that a restart resumes
// exactly where the committed state ends (V001 explains the guard that makes replays harmless).
#ifndef DANGBO_SERVICES_REPORTING_STORE_FEED_STORE_H_
#define DANGBO_SERVICES_REPORTING_STORE_FEED_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/pool.h"

namespace dangbo::reporting {

// The feeds followed; the values are feed_positions.source.
enum class Source : uint8_t { kMembership = 1, kInspection = 2 };
inline constexpr Source kSources[] = {Source::kMembership, Source::kInspection};

struct FeedPosition {
  int64_t last_sequence = 0;
  std::optional<absl::Time> newest_event_time;
  friend bool operator==(const FeedPosition&, const FeedPosition&) = default;
};

struct FeedPositions {
  FeedPosition membership;
  FeedPosition inspection;
  FeedPosition& of(Source s) { return s == Source::kMembership ? membership : inspection; }
  const FeedPosition& of(Source s) const {
    return s == Source::kMembership ? membership : inspection;
  }
};

// A resource's latest state as a feed carried it.
struct FeedResource {
  std::string resource;  // e.g. "inspections/42"
  int64_t sequence = 0;  // the change that carried this state
  std::string payload;   // the state, as feed/stored_payload.h writes it
};

class FeedStore {
 public:
  explicit FeedStore(db::Pool& pool) : pool_(pool) {}

  absl::StatusOr<FeedPositions> ReadPositions();

  // Writes `resources` (each kept only if newer than the row held) and advances the source's
  // position to `after` (never backwards), in one transaction. A commit whose outcome is
  // unknown may be repeated with the same arguments.
  absl::Status CommitBatch(Source source, const std::vector<FeedResource>& resources,
                           const FeedPosition& after);

  // Every stored resource of `source`, in pages, to `visit`; stops at visit's first error.
  absl::Status ForEachResource(Source source,
                               absl::FunctionRef<absl::Status(const FeedResource&)> visit);

  // Forgets the read model and puts both positions back to 0: the start of a full rebuild.
  absl::Status Reset();

 private:
  db::Pool& pool_;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_STORE_FEED_STORE_H_
