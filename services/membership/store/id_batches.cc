#include "services/membership/store/id_batches.h"

#include <algorithm>

#include "services/membership/store/sql_values.h"

namespace dangbo::membership::internal {

size_t PaddedIdCount(size_t n) {
  size_t padded = 1;
  while (padded < n) padded *= 4;
  return padded;
}

void ForEachIdBatch(absl::Span<const int64_t> ids,
                    const std::function<void(const std::string& placeholders,
                                             const std::vector<int64_t>& batch)>& run) {
  for (size_t start = 0; start < ids.size(); start += kMaxIdBatch) {
    const size_t n = std::min(kMaxIdBatch, ids.size() - start);
    std::vector<int64_t> batch(ids.begin() + start, ids.begin() + start + n);
    batch.resize(PaddedIdCount(n), batch.back());
    run(Placeholders(batch.size()), batch);
  }
}

}  // namespace dangbo::membership::internal
