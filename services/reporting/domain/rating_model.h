// The reporting service's read model of annual quality ratings (đánh giá, xếp loại chất lượng,
// domain.md §2): one row per rated subject (a member or an organization) and year, the level
// it was rated at and the grassroots organization that rated it.
//
// The feed follower calls Upsert with each rating as membership's feed carried it; the feed
// sequence is the version. A rating of a subject for a year replaces an earlier one (membership
// allows re-rating), so the row with the highest version wins; a lower version is ignored and
// the same rating twice changes nothing.
//
// Not safe for concurrent writes; const methods may run concurrently when no write does.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_RATING_MODEL_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_RATING_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "services/membership/domain/model.h"

namespace dangbo::reporting {

using membership::RatingLevel;

enum class RatedSubjectKind : uint8_t { kMember, kOrganization };

// One rating as the feed carried it.
struct RatingRecord {
  RatedSubjectKind kind = RatedSubjectKind::kMember;
  int64_t subject_id = 0;
  int year = 0;
  RatingLevel level = RatingLevel::kUnspecified;
  // Where the subject was rated; 0 when not recorded.
  int64_t rated_in_organization_id = 0;
  int64_t version = 0;
  friend bool operator==(const RatingRecord&, const RatingRecord&) = default;
};

class RatingModel {
 public:
  // INVALID_ARGUMENT naming the field ("rating.year: ..."), leaving the model unchanged: a
  // subject id ≤ 0, a year outside the report years, a level unspecified or out of range, a
  // negative organization id or version.
  absl::Status Upsert(const RatingRecord& rating);

  // Calls visit(const RatingRecord&) for every rating of `year`, in no particular order.
  template <typename Visit>
  void ForEachOfYear(int year, Visit&& visit) const {
    const auto it = years_.find(year);
    if (it == years_.end()) return;
    for (const auto& [key, rating] : it->second) visit(rating);
  }

  size_t size() const { return size_; }

 private:
  // The subject's id with its kind in the lowest bit: members and organizations share ids.
  static uint64_t KeyOf(RatedSubjectKind kind, int64_t subject_id) {
    return (static_cast<uint64_t>(subject_id) << 1) | (kind == RatedSubjectKind::kOrganization);
  }

  std::map<int, absl::flat_hash_map<uint64_t, RatingRecord>> years_;
  size_t size_ = 0;
};

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_RATING_MODEL_H_
