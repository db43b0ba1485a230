#include "bench/load/rating_write_load.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/authenticator.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"

namespace dangbo::bench {
namespace {

namespace mpb = dangbo::membership::v1;

std::string CodeName(grpc::StatusCode code) {
  return absl::StrCat("code ", static_cast<int>(code));
}

}  // namespace

WriteLoadResult RunRatingWriteLoad(const std::vector<std::string>& members,
                                   const WriteLoadOptions& options) {
  WriteLoadResult result;
  if (members.empty() || options.rate <= 0 || options.threads <= 0) return result;
  std::mutex mu;
  std::vector<int64_t> latencies;
  const absl::Duration interval = absl::Seconds(options.threads / options.rate);
  const absl::Time start = absl::Now();
  const absl::Time end = start + options.duration;
  const std::string run = absl::StrCat(absl::ToUnixNanos(start));

  auto caller = [&](int thread) {
    auto channel = grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials());
    auto stub = mpb::MembershipService::NewStub(channel);
    std::mt19937_64 random(options.seed * 1000003 + thread);
    std::vector<int64_t> mine;
    std::map<std::string, int64_t> errors;
    int64_t late = 0;
    // Each thread's slots are offset so that the calls of all threads interleave evenly.
    absl::Time slot = start + interval * thread / options.threads;
    for (int64_t n = 0; slot < end; ++n, slot += interval) {
      const absl::Time now = absl::Now();
      if (now < slot) {
        absl::SleepFor(slot - now);
      } else if (now - slot > absl::Milliseconds(100)) {
        ++late;
      }
      mpb::BatchRecordRatingsRequest request;
      request.set_request_id(absl::StrCat("bench-ratings-", run, "-", thread, "-", n));
      mpb::Rating* rating = request.add_ratings();
      rating->set_subject(members[random() % members.size()]);
      rating->set_year(options.year);
      rating->set_level(static_cast<mpb::RatingLevel>(1 + random() % 4));
      grpc::ClientContext context;
      if (!options.token.empty()) auth::AttachToken(context, options.token);
      context.set_deadline(absl::ToChronoTime(absl::Now() + options.call_deadline));
      mpb::BatchRecordRatingsResponse response;
      const absl::Time sent = absl::Now();
      grpc::Status status = stub->BatchRecordRatings(&context, request, &response);
      mine.push_back(absl::ToInt64Nanoseconds(absl::Now() - sent));
      if (!status.ok()) ++errors[CodeName(status.error_code())];
    }
    std::lock_guard<std::mutex> lock(mu);
    latencies.insert(latencies.end(), mine.begin(), mine.end());
    for (const auto& [code, count] : errors) result.errors[code] += count;
    result.late += late;
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) threads.emplace_back(caller, t);
  for (std::thread& t : threads) t.join();
  result.elapsed = absl::Now() - start;
  result.calls = static_cast<int64_t>(latencies.size());
  result.latency = SummarizeLatencies(latencies);
  return result;
}

}  // namespace dangbo::bench
