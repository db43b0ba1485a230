#include "bench/dataset/summary.h"

#include "absl/strings/str_format.h"
#include "bench/dataset/enum_text.h"
#include "bench/dataset/member_generator.h"

namespace dangbo::bench {
namespace {

bool IsGrassroots(v1::OrganizationKind kind) {
  return kind == v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE ||
         kind == v1::ORGANIZATION_KIND_GRASSROOTS_CELL;
}

std::string Share(int64_t part, int64_t whole) {
  return whole == 0 ? "-" : absl::StrFormat("%.1f %%", 100.0 * part / whole);
}

}  // namespace

DatasetSummary Summarize(const Dataset& dataset) {
  DatasetSummary s;
  for (const GeneratedOrganization& org : dataset.organizations) {
    ++s.organizations_by_kind[org.kind];
    if (IsGrassroots(org.kind)) ++s.grassroots_by_ownership[org.ownership];
  }
  MemberGenerator members(dataset);
  GeneratedMember m;
  while (members.Next(m)) {
    ++s.members;
    ++s.members_by_state[m.state];
    if (m.gender == v1::GENDER_FEMALE) ++s.female;
    if (m.ethnicity == "Kinh") ++s.kinh;
    if (m.religion == "Không") ++s.no_religion;
    if (m.youth_union_member) ++s.youth_union;
    if (m.department_leader) {
      ++s.department_leaders;
      if (m.political_theory_level >= v1::POLITICAL_THEORY_LEVEL_INTERMEDIATE) {
        ++s.leaders_intermediate_or_higher;
      }
    }
  }
  return s;
}

void PrintSummary(const DatasetSummary& s, std::ostream& out) {
  int64_t organizations = 0;
  for (const auto& [kind, n] : s.organizations_by_kind) organizations += n;
  out << absl::StrFormat("organizations: %d\n", organizations);
  for (const auto& [kind, n] : s.organizations_by_kind) {
    out << absl::StrFormat("  %-24s %8d\n", KindText(kind), n);
  }
  out << "grassroots organizations by enterprise ownership:\n";
  int64_t grassroots = 0;
  for (const auto& [ownership, n] : s.grassroots_by_ownership) grassroots += n;
  for (const auto& [ownership, n] : s.grassroots_by_ownership) {
    out << absl::StrFormat("  %-24s %8d  %s\n", OwnershipText(ownership), n, Share(n, grassroots));
  }
  out << absl::StrFormat("members: %d\n", s.members);
  for (const auto& [state, n] : s.members_by_state) {
    out << absl::StrFormat("  %-24s %8d  %s\n", StateText(state), n, Share(n, s.members));
  }
  out << absl::StrFormat("  female %s, Kinh %s, no religion %s, youth union %s\n",
                         Share(s.female, s.members), Share(s.kinh, s.members),
                         Share(s.no_religion, s.members), Share(s.youth_union, s.members));
  out << absl::StrFormat("  department leaders %d, of whom intermediate theory or higher %s\n",
                         s.department_leaders,
                         Share(s.leaders_intermediate_or_higher, s.department_leaders));
}

}  // namespace dangbo::bench
