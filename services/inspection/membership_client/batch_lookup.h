// Membership's batch reads (BatchGetMembers, BatchGetOrganizations) fail whole with NOT_FOUND
// when one name is unknown and take at most 1000 names. The directory wants the known ones and
// the unknown ones simply absent, so a failed batch is retried without the name the error
// points at (its google.rpc.ResourceInfo, else the name in its message), or split in halves
// when the error points at none of them.
#ifndef DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_BATCH_LOOKUP_H_
#define DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_BATCH_LOOKUP_H_

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dangbo::inspection {

// Membership's limit on names per batch read.
inline constexpr size_t kMaxBatchNames = 1000;

// The id among `asked` that a NOT_FOUND `status` names as "<collection>/<id>", if any.
std::optional<int64_t> UnknownIdIn(const absl::Status& status, std::string_view collection,
                                   const std::vector<int64_t>& asked);

// Every item `fetch` returns for the known ids among `ids`, in chunks of at most `max_batch`.
// `fetch` answers a whole chunk or fails; NOT_FOUND is handled as above, any other error is
// returned as is. `ids` must hold no duplicates.
template <typename T>
absl::StatusOr<std::vector<T>> FetchKnown(
    const std::vector<int64_t>& ids, size_t max_batch, std::string_view collection,
    absl::FunctionRef<absl::StatusOr<std::vector<T>>(const std::vector<int64_t>&)> fetch) {
  std::vector<T> found;
  std::deque<std::vector<int64_t>> chunks;
  max_batch = std::max<size_t>(max_batch, 1);
  for (size_t i = 0; i < ids.size(); i += max_batch) {
    chunks.emplace_back(ids.begin() + i, ids.begin() + std::min(ids.size(), i + max_batch));
  }
  // Every failed round removes an id or halves a chunk, so this ends.
  while (!chunks.empty()) {
    std::vector<int64_t> chunk = std::move(chunks.front());
    chunks.pop_front();
    if (chunk.empty()) continue;
    absl::StatusOr<std::vector<T>> got = fetch(chunk);
    if (got.ok()) {
      std::move(got->begin(), got->end(), std::back_inserter(found));
      continue;
    }
    if (got.status().code() != absl::StatusCode::kNotFound) return got.status();
    if (chunk.size() == 1) continue;
    if (std::optional<int64_t> unknown = UnknownIdIn(got.status(), collection, chunk)) {
      chunk.erase(std::remove(chunk.begin(), chunk.end(), *unknown), chunk.end());
      chunks.push_front(std::move(chunk));
    } else {
      const auto middle = chunk.begin() + static_cast<std::ptrdiff_t>(chunk.size() / 2);
      chunks.emplace_front(middle, chunk.end());
      chunks.emplace_front(chunk.begin(), middle);
    }
  }
  return found;
}

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_MEMBERSHIP_CLIENT_BATCH_LOOKUP_H_
