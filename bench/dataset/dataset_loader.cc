#include "bench/dataset/dataset_loader.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/dataset/api_mapping.h"
#include "bench/dataset/member_generator.h"
#include "common/auth/authenticator.h"
#include "common/runtime/bounded_queue.h"

namespace dangbo::bench {
namespace {

constexpr size_t kMaxListedErrors = 10;
// Messages waiting per stream: enough to keep a stream busy while the generator fills the
// next one, little enough to bound memory (a 1000-row message is about half a megabyte).
constexpr size_t kQueuedMessagesPerStream = 2;

std::string DescribeRpcError(absl::string_view what, const grpc::Status& status) {
  return absl::StrCat(what, ": ", static_cast<int>(status.error_code()), " ",
                      status.error_message());
}

// The first error of several workers, kept under a mutex.
class FirstError {
 public:
  void Set(absl::Status status) {
    absl::MutexLock lock(&mu_);
    if (status_.ok()) status_ = std::move(status);
  }
  bool Failed() {
    absl::MutexLock lock(&mu_);
    return !status_.ok();
  }
  absl::Status Get() {
    absl::MutexLock lock(&mu_);
    return status_;
  }

 private:
  absl::Mutex mu_;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
};

absl::Status FromGrpc(const grpc::Status& status, absl::string_view what) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      DescribeRpcError(what, status));
}

}  // namespace

DatasetLoader::DatasetLoader(std::shared_ptr<grpc::Channel> channel, LoadOptions options)
    : stub_(v1::MembershipService::NewStub(std::move(channel))), options_(std::move(options)) {}

std::unique_ptr<grpc::ClientContext> DatasetLoader::NewContext(absl::Duration deadline) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!options_.token.empty()) auth::AttachToken(*ctx, options_.token);
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  return ctx;
}

absl::StatusOr<OrganizationLoad> DatasetLoader::CreateOrganizations(const Dataset& dataset) {
  const absl::Time start = absl::Now();
  const int count = static_cast<int>(dataset.organizations.size());
  OrganizationLoad load;
  load.names.resize(count);
  int max_depth = 0;
  for (const GeneratedOrganization& org : dataset.organizations) {
    max_depth = std::max(max_depth, org.depth);
  }
  std::vector<std::vector<int>> levels(max_depth + 1);
  for (const GeneratedOrganization& org : dataset.organizations) {
    levels[org.depth].push_back(org.index);
  }

  FirstError error;
  for (const std::vector<int>& level : levels) {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      while (!error.Failed()) {
        const size_t i = next.fetch_add(1);
        if (i >= level.size()) return;
        const GeneratedOrganization& org = dataset.organizations[level[i]];
        const std::string parent = org.parent < 0 ? std::string() : load.names[org.parent];
        const v1::CreateOrganizationRequest req = ToCreateRequest(
            org, parent, absl::StrCat(options_.request_id_prefix, "/organizations/", org.code));
        v1::Organization created;
        std::unique_ptr<grpc::ClientContext> ctx = NewContext(options_.organization_deadline);
        grpc::Status status = stub_->CreateOrganization(ctx.get(), req, &created);
        if (!status.ok()) {
          error.Set(FromGrpc(status, absl::StrCat("CreateOrganization ", org.code)));
          return;
        }
        // Each index is written by exactly one worker; the level's join publishes it.
        load.names[org.index] = created.name();
      }
    };
    const int threads = std::max(
        1, std::min<int>(options_.organization_concurrency, static_cast<int>(level.size())));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
    if (absl::Status st = error.Get(); !st.ok()) return st;
  }
  for (const GeneratedOrganization& org : dataset.organizations) ++load.by_kind[org.kind];
  load.elapsed = absl::Now() - start;
  return load;
}

absl::StatusOr<ImportLoad> DatasetLoader::ImportMembers(
    const Dataset& dataset, const std::vector<std::string>& organization_names) {
  if (organization_names.size() != dataset.organizations.size()) {
    return absl::InvalidArgumentError("organization_names does not match the dataset");
  }
  const int rows_per_message = std::max(1, options_.rows_per_message);
  // The service refuses a stream that carries no message, so never open more streams than
  // there are messages to send.
  const int64_t member_count = options_.max_members > 0
                                   ? std::min<int64_t>(options_.max_members, dataset.member_count)
                                   : dataset.member_count;
  const int64_t messages =
      std::max<int64_t>(1, (member_count + rows_per_message - 1) / rows_per_message);
  const int streams = static_cast<int>(std::clamp<int64_t>(options_.import_streams, 1, messages));
  const absl::Time start = absl::Now();
  ImportLoad load;
  absl::Mutex mu;  // guards the totals of `load` the streams add to
  FirstError error;

  std::vector<std::unique_ptr<runtime::BoundedQueue<v1::ImportMembersRequest>>> queues;
  for (int s = 0; s < streams; ++s) {
    queues.push_back(
        std::make_unique<runtime::BoundedQueue<v1::ImportMembersRequest>>(kQueuedMessagesPerStream));
  }

  auto stream_worker = [&](int s) {
    runtime::BoundedQueue<v1::ImportMembersRequest>& queue = *queues[s];
    const std::string request_id = absl::StrCat(options_.request_id_prefix, "/members/", s);
    std::unique_ptr<grpc::ClientContext> ctx = NewContext(options_.import_deadline);
    v1::ImportMembersResponse response;
    std::unique_ptr<grpc::ClientWriter<v1::ImportMembersRequest>> writer =
        stub_->ImportMembers(ctx.get(), &response);
    bool writing = true;
    while (std::optional<v1::ImportMembersRequest> message = queue.Pop()) {
      message->set_request_id(request_id);
      if (!writer->Write(*message)) {
        writing = false;  // the server ended the stream; Finish says why
        break;
      }
    }
    queue.Abandon();
    if (writing) writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok()) {
      error.Set(FromGrpc(status, absl::StrCat("ImportMembers stream ", s)));
      return;
    }
    absl::MutexLock lock(&mu);
    load.created += response.created();
    load.updated += response.updated();
    load.unchanged += response.unchanged();
    load.error_count += response.error_count();
    for (const v1::ImportRowError& e : response.errors()) {
      if (load.first_errors.size() >= kMaxListedErrors) break;
      load.first_errors.push_back(
          absl::StrCat("row ", e.row_number(), " ", e.field(), ": ", e.message()));
    }
  };
  std::vector<std::thread> pool;
  for (int s = 0; s < streams; ++s) pool.emplace_back(stream_worker, s);

  MemberGenerator members(dataset);
  GeneratedMember member;
  v1::ImportMembersRequest message;
  int64_t message_index = 0;
  auto send = [&] {
    queues[message_index % streams]->Push(std::move(message));
    message = v1::ImportMembersRequest();
    ++message_index;
  };
  int64_t rows = 0;
  std::map<v1::MemberState, int64_t> by_state;
  const int64_t max_rows = options_.max_members > 0 ? options_.max_members : dataset.member_count;
  while (rows < max_rows && members.Next(member) && !error.Failed()) {
    ToImportRow(member, organization_names[member.organization], message.add_rows());
    ++by_state[member.state];
    ++rows;
    if (message.rows_size() >= rows_per_message) send();
  }
  if (message.rows_size() > 0) send();
  for (auto& queue : queues) queue->Close();
  for (std::thread& t : pool) t.join();
  if (absl::Status st = error.Get(); !st.ok()) return st;

  load.rows_sent = rows;
  load.messages_sent = message_index;
  load.rows_by_state = std::move(by_state);
  load.elapsed = absl::Now() - start;
  return load;
}

}  // namespace dangbo::bench
