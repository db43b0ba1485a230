#ifndef DANGBO_BENCH_DATASET_MEMBER_ROSTER_H_
#define DANGBO_BENCH_DATASET_MEMBER_ROSTER_H_

#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "bench/dataset/dataset.h"

namespace dangbo::bench {

// What the inspection generator needs to know of each generated member, a few bytes a member
// (about 70 MB at national size) instead of the members themselves: where they are registered,
// their standing, whether they hold a post, when they were admitted, and their citizen id, by
// which the loader finds the member the service created.
class MemberRoster {
 public:
  // Generates every member of `dataset` once.
  static MemberRoster Build(const Dataset& dataset);

  int64_t size() const { return static_cast<int64_t>(state_.size()); }
  // Rows are 1-based, as GeneratedMember::row_number. Members are generated organization by
  // organization, so an organization's members are the rows [FirstRow, FirstRow + count).
  int64_t FirstRow(int organization) const { return first_row_[organization]; }
  int Count(int organization) const { return count_[organization]; }
  // The organization the member of `row` is registered in.
  int OrganizationOf(int64_t row) const;
  v1::MemberState State(int64_t row) const { return static_cast<v1::MemberState>(state_[row - 1]); }
  bool HoldsPost(int64_t row) const { return post_[row - 1] != 0; }
  // Admitted members only; the epoch day of the admission decision.
  absl::CivilDay Admitted(int64_t row) const {
    return absl::CivilDay(1970, 1, 1) + admitted_[row - 1];
  }
  uint64_t CitizenId(int64_t row) const { return citizen_id_[row - 1]; }

 private:
  std::vector<int64_t> first_row_;
  std::vector<int> count_;
  std::vector<uint8_t> state_;
  std::vector<uint8_t> post_;
  std::vector<int32_t> admitted_;
  std::vector<uint64_t> citizen_id_;
};

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_DATASET_MEMBER_ROSTER_H_
