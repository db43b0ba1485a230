#include "bench/dataset/member_generator.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/dataset/vietnamese_tables.h"

namespace dangbo::bench {
namespace {

using Level = v1::PoliticalTheoryLevel;
using WeightedLevel = Weighted<Level>;

// Heads and deputy heads of departments mostly hold intermediate theory or higher: seed 003
// sets 90 % as the target of the term, so a bloc sits a little below it.
constexpr std::array kLeaderTheory = {
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_NONE, 20},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_ELEMENTARY, 100},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_INTERMEDIATE, 600},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_ADVANCED, 220},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_BACHELOR, 60},
};
constexpr std::array kMemberTheory = {
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_NONE, 300},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_ELEMENTARY, 500},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_INTERMEDIATE, 150},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_ADVANCED, 35},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_BACHELOR, 15},
};
// Applicants have attended the course on the Party (lớp nhận thức về Đảng), rarely more.
constexpr std::array kApplicantTheory = {
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_NONE, 850},
    WeightedLevel{v1::POLITICAL_THEORY_LEVEL_ELEMENTARY, 150},
};

constexpr int kApplicantPerMille = 20;
constexpr int kProbationaryPerMille = 40;
constexpr int kMalePerMille = 600;
constexpr int kDepartmentLeaderPerMille = 120;
constexpr int kYouthUnionMaxAge = 30;

absl::CivilDay AddYears(absl::CivilDay day, int years) {
  // 29 February normalizes to 1 March in a common year, which is what the domain counts.
  return absl::CivilDay(day.year() + years, day.month(), day.day());
}

int AgeOn(absl::CivilDay birth, absl::CivilDay on) {
  int age = static_cast<int>(on.year() - birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
}

}  // namespace

MemberGenerator::MemberGenerator(const Dataset& dataset)
    : dataset_(dataset), random_(Random(dataset.spec.seed).Fork(0)) {
  citizen_ids_.reserve(dataset.member_count);
  card_numbers_.reserve(dataset.member_count);
}

bool MemberGenerator::Next(GeneratedMember& out) {
  const int count = static_cast<int>(dataset_.organizations.size());
  while (left_in_organization_ == 0) {
    if (++organization_ >= count) return false;
    left_in_organization_ = dataset_.organizations[organization_].member_count;
    random_ = Random(dataset_.spec.seed).Fork(0x1000000ULL + static_cast<uint64_t>(organization_));
  }
  --left_in_organization_;
  out = GeneratedMember();
  out.row_number = ++row_;
  out.organization = organization_;
  Fill(out);
  return true;
}

void MemberGenerator::Fill(GeneratedMember& m) {
  const absl::CivilDay as_of = dataset_.spec.as_of;
  const bool male = random_.PerMille(kMalePerMille);
  m.gender = male ? v1::GENDER_MALE : v1::GENDER_FEMALE;

  const absl::string_view family = PickWeighted<absl::string_view>(random_, tables::FamilyNames());
  const absl::string_view middle = PickWeighted<absl::string_view>(
      random_, male ? tables::MaleMiddleNames() : tables::FemaleMiddleNames());
  const absl::string_view given =
      random_.Pick(male ? tables::MaleGivenNames() : tables::FemaleGivenNames());
  m.full_name = absl::StrCat(family, " ", middle, " ", given);

  // The mean of two uniform years peaks around 1981: fewer members at both ends.
  const int year =
      static_cast<int>((random_.Between(1960, 2003) + random_.Between(1960, 2003)) / 2);
  m.birth_date = absl::CivilDay(year, 1, 1) + random_.Between(0, 364);

  const int state_ticket = static_cast<int>(random_.Below(1000));
  m.state = state_ticket < kApplicantPerMille ? v1::MEMBER_STATE_APPLICANT
            : state_ticket < kApplicantPerMille + kProbationaryPerMille
                ? v1::MEMBER_STATE_PROBATIONARY
                : v1::MEMBER_STATE_FULL;
  FillAdmission(m);

  const tables::Province* province = &tables::Provinces()[0];
  {
    int64_t total = 0;
    for (const tables::Province& p : tables::Provinces()) total += p.weight;
    int64_t ticket = static_cast<int64_t>(random_.Below(total));
    for (const tables::Province& p : tables::Provinces()) {
      if (ticket < p.weight) {
        province = &p;
        break;
      }
      ticket -= p.weight;
    }
  }
  m.citizen_id = UniqueCitizenId(province->code, m);
  m.address = absl::StrCat("Số ", random_.Between(1, 250), " ", random_.Pick(tables::Streets()),
                           ", ", province->name);
  m.ethnicity = std::string(PickWeighted<absl::string_view>(random_, tables::Ethnicities()));
  m.religion = std::string(PickWeighted<absl::string_view>(random_, tables::Religions()));

  m.general_education = year < 1975 && random_.PerMille(150) ? "10/10" : "12/12";
  m.professional_qualification = std::string(random_.Pick(tables::Qualifications()));
  if (random_.PerMille(2)) m.academic_title = "Phó Giáo sư";
  m.occupation = std::string(random_.Pick(tables::Occupations()));

  const bool admitted = m.state != v1::MEMBER_STATE_APPLICANT;
  m.department_leader = admitted && random_.PerMille(kDepartmentLeaderPerMille);
  if (m.department_leader) {
    m.position = absl::StrCat(random_.PerMille(400) ? "Trưởng " : "Phó Trưởng ",
                              random_.Pick(tables::Departments()));
  } else if (admitted && random_.PerMille(15)) {
    m.position = random_.PerMille(300) ? "Giám đốc" : "Phó Giám đốc";
  }
  m.political_theory_level = !admitted             ? PickWeighted<Level>(random_, kApplicantTheory)
                             : m.department_leader ? PickWeighted<Level>(random_, kLeaderTheory)
                                                   : PickWeighted<Level>(random_, kMemberTheory);
  m.youth_union_member = AgeOn(m.birth_date, as_of) <= kYouthUnionMaxAge && random_.PerMille(850);

  if (admitted) m.party_profile_number = absl::StrFormat("%08d", m.row_number);
  if (m.state == v1::MEMBER_STATE_FULL) m.party_card_number = UniqueCardNumber();
}

// Admitted at 18 or older (counted from the birthday), probationary members within the last
// year, full members at least twelve months after their ceremony.
void MemberGenerator::FillAdmission(GeneratedMember& m) {
  if (m.state == v1::MEMBER_STATE_APPLICANT) return;
  const absl::CivilDay as_of = dataset_.spec.as_of;
  const absl::CivilDay earliest = std::max(AddYears(m.birth_date, 18), absl::CivilDay(1978, 1, 1));
  const absl::CivilDay latest_full = AddYears(as_of, -1) - 31;
  if (m.state == v1::MEMBER_STATE_FULL && earliest > latest_full) {
    m.state = v1::MEMBER_STATE_PROBATIONARY;
  }
  if (m.state == v1::MEMBER_STATE_PROBATIONARY) {
    absl::CivilDay ceremony = as_of - random_.Between(0, 360);
    absl::CivilDay decision = ceremony - random_.Between(0, 30);
    if (decision < earliest) {
      decision = earliest;
      ceremony = std::max(ceremony, decision);
    }
    m.admission_decision_date = decision;
    m.admission_ceremony_date = ceremony;
    return;
  }
  // The earlier of two uniform offsets: most members are admitted young.
  const int64_t span = latest_full - earliest;
  const int64_t offset = std::min(random_.Between(0, span), random_.Between(0, span));
  const absl::CivilDay decision = earliest + offset;
  const absl::CivilDay ceremony = decision + random_.Between(3, 30);
  m.admission_decision_date = decision;
  m.admission_ceremony_date = ceremony;
  m.full_member_date = AddYears(ceremony, 1);
}

std::string MemberGenerator::UniqueCitizenId(absl::string_view province, const GeneratedMember& m) {
  const int year = static_cast<int>(m.birth_date.year());
  // 0/1: a man/woman born in the 1900s, 2/3 in the 2000s.
  const int gender_century = (year >= 2000 ? 2 : 0) + (m.gender == v1::GENDER_FEMALE ? 1 : 0);
  const std::string prefix = absl::StrFormat("%s%d%02d", province, gender_century, year % 100);
  uint64_t prefix_value = 0;
  for (char c : prefix) prefix_value = prefix_value * 10 + static_cast<uint64_t>(c - '0');
  while (true) {
    const uint64_t serial = random_.Below(1000000);
    if (citizen_ids_.insert(prefix_value * 1000000 + serial).second) {
      return absl::StrFormat("%s%06d", prefix, serial);
    }
  }
}

std::string MemberGenerator::UniqueCardNumber() {
  while (true) {
    const uint64_t number = random_.Between(100000000, 999999999);
    if (card_numbers_.insert(number).second) return absl::StrCat(number);
  }
}

}  // namespace dangbo::bench
