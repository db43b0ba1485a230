// `id IN (?, …)` for any number of ids with a bounded number of statement texts: ids go in
// chunks of kMaxIdBatch, each padded to one of a few sizes by repeating its last id, so the
// per-connection prepared-statement cache holds at most four such statements per query.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_ID_BATCHES_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_ID_BATCHES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/types/span.h"

namespace dangbo::membership::internal {

inline constexpr size_t kMaxIdBatch = 64;

// The size an IN list of `n` ids is padded to: the next power of four, so that a few statement
// texts serve every size.
size_t PaddedIdCount(size_t n);

// Calls `run(placeholders, batch)` for each chunk of `ids`, where `placeholders` is "?, ?, …"
// matching batch.size() (padded). Duplicates in a batch are harmless in an IN list.
void ForEachIdBatch(absl::Span<const int64_t> ids,
                    const std::function<void(const std::string& placeholders,
                                             const std::vector<int64_t>& batch)>& run);

}  // namespace dangbo::membership::internal

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_ID_BATCHES_H_
