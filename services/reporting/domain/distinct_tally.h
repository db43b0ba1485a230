// Counts, per bucket (a figure of the scope or of one of its children), occurrences and
// distinct subjects, in time linear in the occurrences: a counting sort by bucket, then one
// bitmap over subject slots reused bucket after bucket.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_DISTINCT_TALLY_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_DISTINCT_TALLY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dangbo::reporting {

class DistinctTally {
 public:
  DistinctTally(size_t buckets, size_t subjects);

  void Add(uint32_t bucket, uint32_t subject) {
    ++occurrences_[bucket];
    entries_.push_back({bucket, subject});
  }

  // Computes the distinct counts; Add must not be called after.
  void Finish();

  int64_t occurrences(size_t bucket) const { return occurrences_[bucket]; }
  int64_t distinct(size_t bucket) const { return distinct_[bucket]; }

 private:
  struct Entry {
    uint32_t bucket;
    uint32_t subject;
  };
  size_t subjects_;
  std::vector<int64_t> occurrences_;
  std::vector<int64_t> distinct_;
  std::vector<Entry> entries_;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_DISTINCT_TALLY_H_
