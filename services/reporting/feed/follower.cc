#include "services/reporting/feed/follower.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/db/sql_row.h"
#include "common/server/log.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "google/protobuf/any.pb.h"
#include "google/protobuf/util/time_util.h"
#include "services/reporting/feed/source_payloads.h"

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
                   .change_type = change.change_type(),
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

absl::StatusOr<FeedResource> FeedFollower::OrganizationHistory(const std::string& name,
                                                               int64_t sequence) const {
  mpb::ListOrganizationChangesResponse history;
  std::string token;
  do {
    absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context =
        sources_.membership_contexts->New(nullptr);
    if (!context.ok()) return context.status();
    mpb::ListOrganizationChangesRequest request;
    request.set_name(name);
    request.set_page_size(1000);
    request.set_page_token(token);
    mpb::ListOrganizationChangesResponse page;
    grpc::Status status =
        sources_.membership->ListOrganizationChanges(context->get(), request, &page);
    if (!status.ok()) {
      return status::Prefixed(absl::StrCat("membership ListOrganizationChanges ", name),
                              status::FromGrpcStatus(status));
    }
    for (auto& change : *page.mutable_changes()) *history.add_changes() = std::move(change);
    token = page.next_page_token();
  } while (!token.empty());
  google::protobuf::Any any;
  any.PackFrom(history);
  return FeedResource{
      .resource = name,
      .sequence = sequence,
      .change_type =
          absl::StrCat(mpb::ListOrganizationChangesResponse::descriptor()->full_name(), ".history"),
      .payload = any.SerializeAsString()};
}

absl::StatusOr<std::vector<FeedResource>> FeedFollower::OrganizationHistories(
    const std::vector<std::pair<std::string, int64_t>>& organizations) const {
  // One call per organization: a page that creates a national tree touches thousands, so the
  // calls are spread over a few threads rather than made one after another.
  constexpr size_t kCallers = 8;
  std::vector<absl::StatusOr<FeedResource>> fetched(organizations.size(),
                                                    absl::UnknownError("not fetched"));
  std::atomic<size_t> next{0};
  auto caller = [&] {
    for (size_t i = next++; i < organizations.size(); i = next++) {
      fetched[i] = OrganizationHistory(organizations[i].first, organizations[i].second);
    }
  };
  std::vector<std::thread> callers;
  for (size_t t = 1; t < std::min(kCallers, organizations.size()); ++t)
    callers.emplace_back(caller);
  caller();
  for (std::thread& t : callers) t.join();
  std::vector<FeedResource> out;
  out.reserve(fetched.size());
  for (absl::StatusOr<FeedResource>& r : fetched) {
    if (!r.ok()) return r.status();
    out.push_back(*std::move(r));
  }
  return out;
}

absl::StatusOr<int> FeedFollower::Step(Source source, int64_t up_to) {
  const FeedPosition from = model_.positions().of(source);
  if (from.last_sequence >= up_to) return 0;
  google::protobuf::RepeatedPtrField<Change> changes;
  int64_t head = 0;
  {
    const client::CallContextFactory* contexts =
        source == Source::kMembership ? sources_.membership_contexts : sources_.inspection_contexts;
    absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = contexts->New(nullptr);
    if (!context.ok()) return context.status();
    grpc::Status status;
    if (source == Source::kMembership) {
      mpb::ListChangesRequest request;
      request.set_after_sequence(from.last_sequence);
      request.set_page_size(options_.page_size);
      mpb::ListChangesResponse response;
      status = sources_.membership->ListChanges(context->get(), request, &response);
      changes.Swap(response.mutable_changes());
      head = response.head_sequence();
    } else {
      ipb::ListChangesRequest request;
      request.set_after_sequence(from.last_sequence);
      request.set_page_size(options_.page_size);
      ipb::ListChangesResponse response;
      status = sources_.inspection->ListChanges(context->get(), request, &response);
      changes.Swap(response.mutable_changes());
      head = response.head_sequence();
    }
    if (!status.ok()) {
      return status::Prefixed(absl::StrCat(SourceName(source), " ListChanges"),
                              status::FromGrpcStatus(status));
    }
  }
  {
    absl::MutexLock lock(&mu_);
    (source == Source::kMembership ? membership_head_ : inspection_head_) = head;
    model_.SetHeads(membership_head_, inspection_head_);
  }
  while (!changes.empty() && changes.rbegin()->sequence() > up_to) changes.RemoveLast();
  if (changes.empty()) return 0;

  PageResources page;
  std::vector<std::pair<std::string, int64_t>> organizations;  // touched, with the last change
  absl::flat_hash_map<std::string, size_t> organization_index;
  for (const Change& change : changes) {
    const std::string_view type = PayloadType(change.payload());
    if (source == Source::kMembership && type == mpb::Organization::descriptor()->full_name()) {
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

  const FeedPosition after{.last_sequence = changes.rbegin()->sequence(),
                           .newest_event_time = CommitTime(*changes.rbegin())};
  std::vector<FeedResource> resources = page.Take();
  if (store_ != nullptr) {
    if (absl::Status s = store_->CommitBatch(source, resources, after); !s.ok()) return s;
  }
  model_.ApplyBatch(source, resources, after);
  if (observe_lag_) {
    const absl::Time applied = absl::Now();
    for (const Change& change : changes) observe_lag_(applied - CommitTime(change));
  }
  return changes.size();
}

absl::Status FeedFollower::CatchUp() {
  for (Source source : kSources) {
    for (;;) {
      absl::StatusOr<int> consumed = Step(source);
      if (!consumed.ok()) return consumed.status();
      if (*consumed == 0) break;
    }
  }
  return absl::OkStatus();
}

absl::Status FeedFollower::CatchUpTo(const FeedPositions& target) {
  for (Source source : kSources) {
    const int64_t up_to = target.of(source).last_sequence;
    while (model_.positions().of(source).last_sequence < up_to) {
      absl::StatusOr<int> consumed = Step(source, up_to);
      if (!consumed.ok()) return consumed.status();
      if (*consumed == 0) {
        return absl::FailedPreconditionError(
            absl::StrCat(SourceName(source), "'s feed ends at ",
                         model_.positions().of(source).last_sequence, " before sequence ", up_to));
      }
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
      } else if (*consumed >= options_.page_size) {
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
