// Splits a scan over [0, n) across the machine's cores for one request: the membership stock
// pass reads every member row (5.6 million at national size), which one core does in about
// 100 ms and two in half that.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_PARALLEL_CHUNKS_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_PARALLEL_CHUNKS_H_

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace dangbo::reporting {

// Below this many items a second thread costs more than it saves.
inline constexpr size_t kParallelScanMinItems = size_t{1} << 20;

// How many chunks ForEachChunk splits n items into.
inline size_t ChunkCount(size_t n) {
  if (n < kParallelScanMinItems) return 1;
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
}

// Calls fn(chunk, begin, end) for ChunkCount(n) consecutive ranges covering [0, n), the last on
// the calling thread, and returns when all have. fn must not throw.
template <typename Fn>
void ForEachChunk(size_t n, Fn&& fn) {
  const size_t chunks = ChunkCount(n);
  const size_t step = (n + chunks - 1) / chunks;
  std::vector<std::jthread> others;
  others.reserve(chunks - 1);
  for (size_t c = 0; c + 1 < chunks; ++c) {
    others.emplace_back([&fn, c, step, n] { fn(c, c * step, std::min(n, (c + 1) * step)); });
  }
  fn(chunks - 1, std::min(n, (chunks - 1) * step), n);
}

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_PARALLEL_CHUNKS_H_
