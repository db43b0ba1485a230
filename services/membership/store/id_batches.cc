#include "services/membership/store/id_batches.h"

#include <algorithm>

#include "services/membership/store/sql_values.h"

namespace dangbo::membership::internal {
namespace {

size_t PaddedSize(size_t n) {
  for (size_t size : {size_t{1}, size_t{4}, size_t{16}}) {
    if (n <= size) return size;
  }
  return kMaxIdBatch;
}

}  // namespace

void ForEachIdBatch(absl::Span<const int64_t> ids,
                    const std::function<void(const std::string& placeholders,
                                             const std::vector<int64_t>& batch)>& run) {
  for (size_t start = 0; start < ids.size(); start += kMaxIdBatch) {
    const size_t n = std::min(kMaxIdBatch, ids.size() - start);
    std::vector<int64_t> batch(ids.begin() + start, ids.begin() + start + n);
    batch.resize(PaddedSize(n), batch.back());
    run(Placeholders(batch.size()), batch);
  }
}

}  // namespace dangbo::membership::internal
