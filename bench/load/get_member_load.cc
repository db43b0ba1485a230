#include "bench/load/get_member_load.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/dataset/random.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"

namespace dangbo::bench {
namespace {

namespace v1 = ::dangbo::membership::v1;

std::string CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? kNames[i] : absl::StrCat("CODE_", i);
}

// One call slot: a call in flight, restarted in the same slot when it completes.
struct Call {
  std::unique_ptr<grpc::ClientContext> context;
  v1::GetMemberRequest request;
  v1::Member response;
  grpc::Status status;
  std::unique_ptr<grpc::ClientAsyncResponseReader<v1::Member>> reader;
  absl::Time started;
};

struct ThreadResult {
  int64_t ok = 0;
  std::map<std::string, int64_t> errors;
  std::vector<int64_t> nanos;
};

// Drives `slots` calls on its own completion queue and connection until `end`.
void RunThread(int thread, int slots, const std::vector<std::string>& names,
               const GetMemberLoadOptions& options, absl::Time measure_from, absl::Time end,
               ThreadResult& result) {
  grpc::ChannelArguments args;
  // A subchannel pool per channel, so each thread gets a TCP connection of its own instead of
  // sharing one through gRPC's global pool.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("dangbo.bench.thread", thread);
  std::unique_ptr<v1::MembershipService::Stub> stub = v1::MembershipService::NewStub(
      grpc::CreateCustomChannel(options.target, grpc::InsecureChannelCredentials(), args));
  grpc::CompletionQueue cq;
  Random random = Random(options.seed).Fork(static_cast<uint64_t>(thread));
  result.nanos.reserve(1 << 20);

  // The header value is the same on every call: built once, not once per call.
  const std::string authorization = absl::StrCat("Bearer ", options.token);
  std::vector<Call> calls(slots);
  auto start_call = [&](Call& call) {
    call.context = std::make_unique<grpc::ClientContext>();
    if (!options.token.empty()) call.context->AddMetadata("authorization", authorization);
    call.started = absl::Now();
    call.context->set_deadline(absl::ToChronoTime(call.started + options.call_deadline));
    call.request.set_name(names[random.Below(names.size())]);
    call.response.Clear();
    call.reader = stub->PrepareAsyncGetMember(call.context.get(), call.request, &cq);
    call.reader->StartCall();
    call.reader->Finish(&call.response, &call.status, &call);
  };
  for (Call& call : calls) start_call(call);

  int in_flight = slots;
  void* tag = nullptr;
  bool ok = false;
  while (in_flight > 0 && cq.Next(&tag, &ok)) {
    Call& call = *static_cast<Call*>(tag);
    const absl::Time now = absl::Now();
    if (call.started >= measure_from && now <= end) {
      if (call.status.ok()) {
        ++result.ok;
        result.nanos.push_back(absl::ToInt64Nanoseconds(now - call.started));
      } else {
        ++result.errors[CodeName(call.status.error_code())];
      }
    }
    if (now < end) {
      start_call(call);
    } else {
      --in_flight;
    }
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

}  // namespace

GetMemberLoadResult RunGetMemberLoad(const std::vector<std::string>& member_names,
                                     const GetMemberLoadOptions& options) {
  const int threads = std::max(1, std::min(options.threads, options.concurrency));
  const absl::Time start = absl::Now();
  const absl::Time measure_from = start + options.warmup;
  const absl::Time end = measure_from + options.duration;
  std::vector<ThreadResult> results(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    const int slots = options.concurrency / threads + (t < options.concurrency % threads ? 1 : 0);
    pool.emplace_back(RunThread, t, slots, std::cref(member_names), std::cref(options),
                      measure_from, end, std::ref(results[t]));
  }
  for (std::thread& t : pool) t.join();

  GetMemberLoadResult out;
  out.elapsed = end - measure_from;
  std::vector<int64_t> nanos;
  for (ThreadResult& r : results) {
    out.ok += r.ok;
    for (const auto& [code, n] : r.errors) out.errors[code] += n;
    nanos.insert(nanos.end(), r.nanos.begin(), r.nanos.end());
  }
  out.latency = SummarizeLatencies(nanos);
  return out;
}

}  // namespace dangbo::bench
