#ifndef DANGBO_BENCH_DATASET_RANDOM_H_
#define DANGBO_BENCH_DATASET_RANDOM_H_

#include <cstdint>
#include <span>

namespace dangbo::bench {

// xoshiro256** seeded through SplitMix64. The standard library's engines are portable but its
// distributions are not (libstdc++ and libc++ draw differently), and the dataset must be
// byte-identical for a seed, so every draw below is defined here.
class Random {
 public:
  explicit Random(uint64_t seed);

  uint64_t Next();
  // Uniform in [0, bound); bound > 0. Unbiased (rejection of the short tail).
  uint64_t Below(uint64_t bound);
  // Uniform in [lo, hi], inclusive.
  int64_t Between(int64_t lo, int64_t hi);
  // True with probability per_mille / 1000.
  bool PerMille(int per_mille);
  // Uniform in [0, 1).
  double Unit();

  // An independent generator for a sub-stream (e.g. one organization's members), so one part
  // of the dataset does not shift when another part draws more or fewer numbers.
  Random Fork(uint64_t stream) const;

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t s_[4];
  uint64_t seed_;
};

// A value with an integer weight; the weights of a table need not sum to anything particular.
template <typename T>
struct Weighted {
  T value;
  int weight;
};

template <typename T>
const T& PickWeighted(Random& random, std::span<const Weighted<T>> table) {
  int64_t total = 0;
  for (const Weighted<T>& w : table) total += w.weight;
  int64_t ticket = static_cast<int64_t>(random.Below(static_cast<uint64_t>(total)));
  for (const Weighted<T>& w : table) {
    if (ticket < w.weight) return w.value;
    ticket -= w.weight;
  }
  return table.back().value;
}

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_RANDOM_H_
