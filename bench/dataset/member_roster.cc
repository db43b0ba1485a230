#include "bench/dataset/member_roster.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "bench/dataset/member_generator.h"

namespace dangbo::bench {

int MemberRoster::OrganizationOf(int64_t row) const {
  // Organizations without members share their first row with the next one, so the last
  // organization starting at or before the row is the one holding it.
  auto it = std::upper_bound(first_row_.begin(), first_row_.end(), row);
  return static_cast<int>(it - first_row_.begin()) - 1;
}

MemberRoster MemberRoster::Build(const Dataset& dataset) {
  MemberRoster roster;
  const size_t organizations = dataset.organizations.size();
  roster.first_row_.resize(organizations);
  roster.count_.resize(organizations);
  int64_t row = 1;
  for (const GeneratedOrganization& org : dataset.organizations) {
    roster.first_row_[org.index] = row;
    roster.count_[org.index] = org.member_count;
    row += org.member_count;
  }
  const size_t members = static_cast<size_t>(dataset.member_count);
  roster.state_.reserve(members);
  roster.post_.reserve(members);
  roster.admitted_.reserve(members);
  roster.citizen_id_.reserve(members);
  MemberGenerator generator(dataset);
  GeneratedMember m;
  const absl::CivilDay epoch(1970, 1, 1);
  while (generator.Next(m)) {
    roster.state_.push_back(static_cast<uint8_t>(m.state));
    roster.post_.push_back(m.position.empty() ? 0 : 1);
    roster.admitted_.push_back(m.admission_decision_date.has_value()
                                   ? static_cast<int32_t>(*m.admission_decision_date - epoch)
                                   : 0);
    uint64_t citizen = 0;
    (void)absl::SimpleAtoi(m.citizen_id, &citizen);
    roster.citizen_id_.push_back(citizen);
  }
  return roster;
}

}  // namespace dangbo::bench
