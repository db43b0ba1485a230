// Dense numbering of source ids (organizations, members, inspections, ...), so that the read
// model's rows hold 4-byte slots instead of 8-byte ids and counters can be plain arrays.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_ID_INDEX_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_ID_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace dangbo::reporting {

class IdIndex {
 public:
  // The slot of `id`, numbering it next if it is new.
  uint32_t Intern(int64_t id) {
    auto [it, inserted] = slot_of_.try_emplace(id, static_cast<uint32_t>(ids_.size()));
    if (inserted) ids_.push_back(id);
    return it->second;
  }

  std::optional<uint32_t> Find(int64_t id) const {
    auto it = slot_of_.find(id);
    if (it == slot_of_.end()) return std::nullopt;
    return it->second;
  }

  int64_t IdOf(uint32_t slot) const { return ids_[slot]; }
  size_t size() const { return ids_.size(); }

  void Reserve(size_t n) {
    slot_of_.reserve(n);
    ids_.reserve(n);
  }

  size_t MemoryBytes() const {
    // flat_hash_map keeps one control byte per bucket beside each slot.
    return slot_of_.bucket_count() * (sizeof(std::pair<int64_t, uint32_t>) + 1) +
           ids_.capacity() * sizeof(int64_t);
  }

 private:
  absl::flat_hash_map<int64_t, uint32_t> slot_of_;
  std::vector<int64_t> ids_;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_ID_INDEX_H_
