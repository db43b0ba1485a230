#ifndef DANGBO_BENCH_DATASET_MEMBER_GENERATOR_H_
#define DANGBO_BENCH_DATASET_MEMBER_GENERATOR_H_

#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "bench/dataset/dataset.h"
#include "bench/dataset/random.h"

namespace dangbo::bench {

// Produces the members of a dataset one at a time, organization by organization in index
// order. Each organization draws from its own random stream, and citizen ids and card numbers
// are checked against every earlier member, so the sequence is the same on every run and
// no two members share an identity.
class MemberGenerator {
 public:
  // `dataset` must outlive the generator.
  explicit MemberGenerator(const Dataset& dataset);

  // False once every member has been produced.
  bool Next(GeneratedMember& out);

 private:
  void Fill(GeneratedMember& m);
  void FillAdmission(GeneratedMember& m);
  std::string UniqueCitizenId(absl::string_view province, const GeneratedMember& m);
  std::string UniqueCardNumber();

  const Dataset& dataset_;
  int organization_ = -1;
  int left_in_organization_ = 0;
  int64_t row_ = 0;
  Random random_;
  absl::flat_hash_set<uint64_t> citizen_ids_;
  absl::flat_hash_set<uint64_t> card_numbers_;
};

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_MEMBER_GENERATOR_H_
