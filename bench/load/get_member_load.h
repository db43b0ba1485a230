#ifndef DANGBO_BENCH_LOAD_GET_MEMBER_LOAD_H_
#define DANGBO_BENCH_LOAD_GET_MEMBER_LOAD_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/load/latency.h"

namespace dangbo::bench {

struct GetMemberLoadOptions {
  std::string target;
  std::string token;
  // Calls in flight at every moment, spread over the client threads.
  int concurrency = 32;
  // Client threads, each with its own completion queue and its own connection.
  int threads = 2;
  // Calls complete but are not counted during the warm-up (caches, connection pools).
  absl::Duration warmup = absl::Seconds(3);
  absl::Duration duration = absl::Seconds(20);
  absl::Duration call_deadline = absl::Seconds(2);
  uint64_t seed = 1;
};

struct GetMemberLoadResult {
  int64_t ok = 0;
  // Failed calls by gRPC status code name ("NOT_FOUND", "DEADLINE_EXCEEDED", ...).
  std::map<std::string, int64_t> errors;
  // The measured window (after the warm-up).
  absl::Duration elapsed;
  // Latency of successful calls in the measured window.
  LatencySummary latency;
};

// Calls GetMember on names drawn at random from `member_names` with the gRPC completion-queue
// (async) client API, keeping `concurrency` calls in flight until the time is up.
GetMemberLoadResult RunGetMemberLoad(const std::vector<std::string>& member_names,
                                     const GetMemberLoadOptions& options);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_LOAD_GET_MEMBER_LOAD_H_
