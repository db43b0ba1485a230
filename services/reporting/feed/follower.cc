#include "services/reporting/feed/follower.h"

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/db/sql_row.h"
#include "common/runtime/bounded_queue.h"
#include "common/server/log.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "google/protobuf/util/time_util.h"
#include "services/reporting/feed/source_payloads.h"
#include "services/reporting/feed/stored_payload.h"

namespace dangbo::reporting {
namespace {

namespace mpb = dangbo::membership::v1;
namespace ipb = dangbo::inspection::v1;
using dangbo::type::v1::Change;

absl::Time CommitTime(const Change& change) {
  return absl::FromUnixMicros(
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(change.commit_time()));
}

const char* SourceName(Source source) {
  return source == Source::kMembership ? "membership" : "inspection";
}

// The resources of one page the model uses, each once in its latest state, in page order.
class PageResources {
 public:
  void Add(const Change& change) {
    FeedResource r{.resource = FeedResourceKey(change),
                   .sequence = change.sequence(),
                   .payload = StoredPayload(change.payload())};
    auto [it, inserted] = index_.try_emplace(r.resource, resources_.size());
    if (inserted) {
      resources_.push_back(std::move(r));
    } else {
      resources_[it->second] = std::move(r);
    }
  }
  void Add(FeedResource r) {
    index_.emplace(r.resource, resources_.size());
    resources_.push_back(std::move(r));
  }
  std::vector<FeedResource> Take() { return std::move(resources_); }

 private:
  std::vector<FeedResource> resources_;
  absl::flat_hash_map<std::string, size_t> index_;
};

}  // namespace

FeedFollower::FeedFollower(FeedStore* store, ReadModel& model, FeedSources sources,
                           FollowerOptions options)
    : store_(store), model_(model), sources_(sources), options_(options) {}

FeedFollower::~FeedFollower() { Stop(); }

absl::Status FeedFollower::Load() {
  if (store_ == nullptr) return absl::FailedPreconditionError("no store to load from");
  absl::StatusOr<FeedPositions> positions = store_->ReadPositions();
  if (!positions.ok()) return positions.status();
  model_.Clear();
  for (Source source : kSources) {
    std::vector<FeedResource> page;
    absl::Status status = store_->ForEachResource(source, [&](const FeedResource& r) {
      page.push_back(r);
      if (page.size() >= 10000) {
        model_.ApplyBatch(source, page, FeedPosition{});
        page.clear();
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    model_.ApplyBatch(source, page, positions->of(source));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<FeedResource>> FeedFollower::OrganizationHistories(
    const std::vector<std::pair<std::string, int64_t>>& organizations) const {
  // A page that creates a national tree touches thousands of organizations: their histories
  // are read a thousand (membership's limit) to a call.
  constexpr int kNamesPerCall = 1000;
  absl::flat_hash_map<std::string, mpb::ListOrganizationChangesResponse> histories;
  for (size_t start = 0; start < organizations.size(); start += kNamesPerCall) {
    mpb::BatchListOrganizationChangesRequest request;
    const size_t end = std::min(organizations.size(), start + kNamesPerCall);
    for (size_t i = start; i < end; ++i) request.add_names(organizations[i].first);
    do {
      absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context =
          sources_.membership_contexts->New(nullptr);
      if (!context.ok()) return context.status();
      mpb::BatchListOrganizationChangesResponse page;
      grpc::Status status =
          sources_.membership->BatchListOrganizationChanges(context->get(), request, &page);
      if (!status.ok()) {
        return status::Prefixed("membership BatchListOrganizationChanges",
                                status::FromGrpcStatus(status));
      }
      for (auto& change : *page.mutable_changes()) {
        *histories[change.organization()].add_changes() = std::move(change);
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
  }
  std::vector<FeedResource> out;
  out.reserve(organizations.size());
  for (const auto& [name, sequence] : organizations) {
    out.push_back(FeedResource{.resource = name,
                               .sequence = sequence,
                               .payload = StoredOrganizationHistory(histories[name])});
  }
  return out;
}

absl::StatusOr<FeedFollower::FetchedPage> FeedFollower::Fetch(Source source, int64_t after,
                                                              int64_t up_to) {
  FetchedPage page{.source = source};
  int64_t head = 0;
  const client::CallContextFactory* contexts =
      source == Source::kMembership ? sources_.membership_contexts : sources_.inspection_contexts;
  // Both sources' ListChanges have the same shape in their own packages.
  const auto list = [&](auto& stub, auto request, auto response, int page_size) {
    absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = contexts->New(nullptr);
    if (!context.ok()) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, std::string(context.status().message()));
    }
    request.set_after_sequence(after);
    request.set_page_size(page_size);
    grpc::Status status = stub.ListChanges(context->get(), request, &response);
    page.changes.Swap(response.mutable_changes());
    head = response.head_sequence();
    return status;
  };
  grpc::Status status;
  // A page too large for a message (changes with unusually large payloads) is asked again at
  // half the size, down to one change, rather than leaving the follower stuck on it.
  for (int page_size = options_.page_size;; page_size /= 2) {
    status = source == Source::kMembership
                 ? list(*sources_.membership, mpb::ListChangesRequest(),
                        mpb::ListChangesResponse(), page_size)
                 : list(*sources_.inspection, ipb::ListChangesRequest(),
                        ipb::ListChangesResponse(), page_size);
    if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED || page_size <= 1) break;
  }
  if (!status.ok()) {
    return status::Prefixed(absl::StrCat(SourceName(source), " ListChanges"),
                            status::FromGrpcStatus(status));
  }
  {
    absl::MutexLock lock(&mu_);
    (source == Source::kMembership ? membership_head_ : inspection_head_) = head;
    model_.SetHeads(membership_head_, inspection_head_);
  }
  while (!page.changes.empty() && page.changes.rbegin()->sequence() > up_to) {
    page.changes.RemoveLast();
  }
  return page;
}

absl::StatusOr<FeedFollower::PreparedPage> FeedFollower::Prepare(FetchedPage fetched) const {
  PageResources page;
  std::vector<std::pair<std::string, int64_t>> organizations;  // touched, with the last change
  absl::flat_hash_map<std::string, size_t> organization_index;
  for (const Change& change : fetched.changes) {
    const std::string_view type = PayloadType(change.payload());
    if (fetched.source == Source::kMembership &&
        type == mpb::Organization::descriptor()->full_name()) {
      auto [it, inserted] = organization_index.try_emplace(change.resource(), organizations.size());
      if (inserted) {
        organizations.emplace_back(change.resource(), change.sequence());
      } else {
        organizations[it->second].second = change.sequence();
      }
    } else if (ReadModel::Uses(type)) {
      page.Add(change);
    }
  }
  absl::StatusOr<std::vector<FeedResource>> histories = OrganizationHistories(organizations);
  if (!histories.ok()) return histories.status();
  for (FeedResource& r : *histories) page.Add(std::move(r));

  const Change& last = *fetched.changes.rbegin();
  PreparedPage prepared{
      .source = fetched.source,
      .resources = page.Take(),
      .after = {.last_sequence = last.sequence(), .newest_event_time = CommitTime(last)},
      .changes = fetched.changes.size()};
  if (observe_lag_) {
    prepared.commit_times.reserve(fetched.changes.size());
    for (const Change& change : fetched.changes) {
      prepared.commit_times.push_back(CommitTime(change));
    }
  }
  return prepared;
}

absl::Status FeedFollower::Commit(const PreparedPage& page) {
  if (store_ == nullptr) return absl::OkStatus();
  return store_->CommitBatch(page.source, page.resources, page.after);
}

void FeedFollower::Apply(const PreparedPage& page) {
  model_.ApplyBatch(page.source, page.resources, page.after);
  if (observe_lag_) {
    const absl::Time applied = absl::Now();
    for (absl::Time committed : page.commit_times) observe_lag_(applied - committed);
  }
}

void FeedFollower::AddTime(absl::Duration FollowStageTimes::*stage, absl::Time since) {
  const absl::Duration spent = absl::Now() - since;
  absl::MutexLock lock(&times_mu_);
  times_.*stage += spent;
}

FollowStageTimes FeedFollower::stage_times() const {
  absl::MutexLock lock(&times_mu_);
  return times_;
}

absl::StatusOr<int> FeedFollower::Step(Source source, int64_t up_to) {
  const int64_t from = model_.positions().of(source).last_sequence;
  if (from >= up_to) return 0;
  absl::StatusOr<FetchedPage> fetched = Fetch(source, from, up_to);
  if (!fetched.ok()) return fetched.status();
  if (fetched->changes.empty()) return 0;
  absl::StatusOr<PreparedPage> page = Prepare(*std::move(fetched));
  if (!page.ok()) return page.status();
  if (absl::Status s = Commit(*page); !s.ok()) return s;
  Apply(*page);
  return static_cast<int>(page->changes);
}

absl::Status FeedFollower::Follow(Source source, int64_t up_to) {
  // Two pages may wait between stages: enough to keep every stage busy, little memory.
  runtime::BoundedQueue<FetchedPage> fetched(2);
  runtime::BoundedQueue<PreparedPage> prepared(2);
  runtime::BoundedQueue<PreparedPage> committed(2);
  absl::Mutex error_mu;
  absl::Status error;
  auto fail = [&](absl::Status status) {
    absl::MutexLock lock(&error_mu);
    if (error.ok()) error = std::move(status);
  };

  std::thread fetcher([&] {
    // Pages follow one another from the last one fetched, not from the last one committed.
    int64_t after = model_.positions().of(source).last_sequence;
    while (after < up_to) {
      const absl::Time started = absl::Now();
      absl::StatusOr<FetchedPage> page = Fetch(source, after, up_to);
      AddTime(&FollowStageTimes::fetch, started);
      if (!page.ok()) {
        fail(page.status());
        break;
      }
      if (page->changes.empty()) break;
      after = page->changes.rbegin()->sequence();
      if (!fetched.Push(*std::move(page))) break;
    }
    fetched.Close();
  });
  std::thread preparer([&] {
    while (std::optional<FetchedPage> page = fetched.Pop()) {
      const absl::Time started = absl::Now();
      absl::StatusOr<PreparedPage> ready = Prepare(*std::move(page));
      AddTime(&FollowStageTimes::prepare, started);
      if (!ready.ok()) {
        fail(ready.status());
        fetched.Abandon();
        break;
      }
      if (!prepared.Push(*std::move(ready))) {
        fetched.Abandon();
        break;
      }
    }
    prepared.Close();
  });
  std::thread applier([&] {
    while (std::optional<PreparedPage> page = committed.Pop()) {
      const absl::Time started = absl::Now();
      Apply(*page);
      AddTime(&FollowStageTimes::apply, started);
    }
  });

  // Commits on this thread, gathering the pages that piled up meanwhile into one transaction.
  while (std::optional<PreparedPage> group = prepared.Pop()) {
    int64_t pages = 1;
    while (group->resources.size() < options_.max_commit_resources) {
      std::optional<PreparedPage> next = prepared.TryPop();
      if (!next.has_value()) break;
      group->resources.insert(group->resources.end(),
                              std::make_move_iterator(next->resources.begin()),
                              std::make_move_iterator(next->resources.end()));
      group->commit_times.insert(group->commit_times.end(), next->commit_times.begin(),
                                 next->commit_times.end());
      group->changes += next->changes;
      group->after = next->after;
      ++pages;
    }
    const absl::Time started = absl::Now();
    absl::Status status = Commit(*group);
    AddTime(&FollowStageTimes::commit, started);
    if (!status.ok()) {
      fail(status);
      prepared.Abandon();
      break;
    }
    {
      absl::MutexLock lock(&times_mu_);
      times_.pages += pages;
      times_.changes += group->changes;
      times_.resources += static_cast<int64_t>(group->resources.size());
      ++times_.transactions;
    }
    committed.Push(*std::move(group));
  }
  committed.Close();
  fetcher.join();
  preparer.join();
  applier.join();
  absl::MutexLock lock(&error_mu);
  return error;
}

absl::Status FeedFollower::FollowBoth(const FeedPositions& up_to) {
  absl::Status inspection;
  std::thread inspection_follower(
      [&] { inspection = Follow(Source::kInspection, up_to.inspection.last_sequence); });
  absl::Status membership = Follow(Source::kMembership, up_to.membership.last_sequence);
  inspection_follower.join();
  return membership.ok() ? inspection : membership;
}

absl::Status FeedFollower::CatchUp() {
  constexpr int64_t kEnd = std::numeric_limits<int64_t>::max();
  return FollowBoth({.membership = {.last_sequence = kEnd}, .inspection = {.last_sequence = kEnd}});
}

absl::Status FeedFollower::CatchUpTo(const FeedPositions& target) {
  if (absl::Status s = FollowBoth(target); !s.ok()) return s;
  for (Source source : kSources) {
    const int64_t reached = model_.positions().of(source).last_sequence;
    if (reached < target.of(source).last_sequence) {
      return absl::FailedPreconditionError(absl::StrCat(SourceName(source), "'s feed ends at ",
                                                        reached, " before sequence ",
                                                        target.of(source).last_sequence));
    }
  }
  return absl::OkStatus();
}

void FeedFollower::Start() {
  absl::MutexLock lock(&mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void FeedFollower::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

bool FeedFollower::Behind(Source source) {
  absl::MutexLock lock(&mu_);
  const int64_t head = source == Source::kMembership ? membership_head_ : inspection_head_;
  return model_.positions().of(source).last_sequence < head;
}

void FeedFollower::Run() {
  absl::Duration backoff = absl::Milliseconds(100);
  for (;;) {
    bool more = false;
    bool failed = false;
    for (Source source : kSources) {
      absl::StatusOr<int> consumed = Step(source);
      if (!consumed.ok()) {
        failed = true;
        log::Warn("feed step failed",
                  {{"source", SourceName(source)}, {"error", consumed.status().ToString()}});
      } else if (*consumed > 0 && Behind(source)) {
        // Behind the head the source last reported: the next page is waiting. (A full page is
        // no sign of it: a page is cut at whatever the source would send at once.)
        more = true;
      }
    }
    absl::Duration wait = absl::ZeroDuration();
    if (failed) {
      wait = backoff;
      backoff = std::min(backoff * 2, options_.max_backoff);
    } else {
      backoff = absl::Milliseconds(100);
      if (!more) wait = options_.poll_interval;
    }
    absl::MutexLock lock(&mu_);
    if (wait > absl::ZeroDuration()) {
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), wait);
    }
    if (stopping_) return;
  }
}

}  // namespace dangbo::reporting
