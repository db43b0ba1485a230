#include "bench/dataset/dataset.h"

#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "bench/dataset/api_mapping.h"
#include "bench/dataset/csv_writer.h"
#include "bench/dataset/member_generator.h"
#include "bench/dataset/random.h"
#include "bench/dataset/vietnamese_tables.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::bench {
namespace {

using ::testing::AllOf;
using ::testing::Ge;
using ::testing::Le;

DatasetSpec BlocSpec(uint64_t seed = 7) {
  DatasetSpec spec;
  spec.seed = seed;
  spec.size = DatasetSize::kBloc;
  return spec;
}

std::vector<GeneratedMember> AllMembers(const Dataset& dataset) {
  std::vector<GeneratedMember> out;
  MemberGenerator generator(dataset);
  GeneratedMember m;
  while (generator.Next(m)) out.push_back(m);
  return out;
}

std::string Csv(const Dataset& dataset) {
  std::ostringstream out;
  WriteOrganizationsCsv(dataset, out);
  WriteMembersCsv(dataset, nullptr, out);
  return out.str();
}

class BlocDataset : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dataset_ = new Dataset(GenerateOrganizations(BlocSpec()));
    members_ = new std::vector<GeneratedMember>(AllMembers(*dataset_));
  }
  static const Dataset& dataset() { return *dataset_; }
  static const std::vector<GeneratedMember>& members() { return *members_; }

  static int64_t CountMembers(const std::function<bool(const GeneratedMember&)>& pred) {
    int64_t n = 0;
    for (const GeneratedMember& m : members()) n += pred(m) ? 1 : 0;
    return n;
  }
  static int PerMille(int64_t part) { return static_cast<int>(part * 1000 / members().size()); }

 private:
  static inline Dataset* dataset_ = nullptr;
  static inline std::vector<GeneratedMember>* members_ = nullptr;
};

TEST(DatasetDeterminism, SameSeed_GivesByteIdenticalCsv) {
  EXPECT_EQ(Csv(GenerateOrganizations(BlocSpec(11))), Csv(GenerateOrganizations(BlocSpec(11))));
}

TEST(DatasetDeterminism, DifferentSeed_GivesDifferentCsv) {
  EXPECT_NE(Csv(GenerateOrganizations(BlocSpec(11))), Csv(GenerateOrganizations(BlocSpec(12))));
}

TEST(RandomTest, Between_StaysWithinInclusiveBounds) {
  Random random(3);
  std::set<int64_t> seen;
  for (int i = 0; i < 10000; ++i) {
    const int64_t x = random.Between(-2, 2);
    ASSERT_THAT(x, AllOf(Ge(-2), Le(2)));
    seen.insert(x);
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST(RandomTest, Fork_GivesStreamsIndependentOfDrawsMadeBefore) {
  Random a(5);
  Random b(5);
  for (int i = 0; i < 100; ++i) b.Next();
  EXPECT_EQ(a.Fork(9).Next(), b.Fork(9).Next());
  EXPECT_NE(a.Fork(9).Next(), a.Fork(10).Next());
}

TEST_F(BlocDataset, Bloc_HasAboutNinetyGrassrootsOrganizationsAndSevenThousandMembers) {
  std::map<v1::OrganizationKind, int> kinds;
  for (const GeneratedOrganization& org : dataset().organizations) ++kinds[org.kind];
  EXPECT_EQ(kinds[v1::ORGANIZATION_KIND_BLOC_COMMITTEE], 1);
  EXPECT_THAT(kinds[v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE], AllOf(Ge(2), Le(5)));
  EXPECT_THAT(kinds[v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE] +
                  kinds[v1::ORGANIZATION_KIND_GRASSROOTS_CELL],
              AllOf(Ge(85), Le(95)));
  EXPECT_GT(kinds[v1::ORGANIZATION_KIND_SUB_COMMITTEE], 0);
  EXPECT_GT(kinds[v1::ORGANIZATION_KIND_CELL], 0);
  EXPECT_THAT(dataset().member_count, AllOf(Ge(6500), Le(7500)));
  EXPECT_EQ(static_cast<int64_t>(members().size()), dataset().member_count);
}

TEST_F(BlocDataset, Organizations_NestAsTheKindsAllow) {
  const std::map<v1::OrganizationKind, std::set<v1::OrganizationKind>> allowed = {
      {v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, {v1::ORGANIZATION_KIND_BLOC_COMMITTEE}},
      {v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE,
       {v1::ORGANIZATION_KIND_BLOC_COMMITTEE, v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE}},
      {v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
       {v1::ORGANIZATION_KIND_BLOC_COMMITTEE, v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE}},
      {v1::ORGANIZATION_KIND_SUB_COMMITTEE, {v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE}},
      {v1::ORGANIZATION_KIND_CELL,
       {v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, v1::ORGANIZATION_KIND_SUB_COMMITTEE}},
  };
  for (const GeneratedOrganization& org : dataset().organizations) {
    if (org.parent < 0) {
      EXPECT_EQ(org.kind, v1::ORGANIZATION_KIND_BLOC_COMMITTEE) << org.code;
      EXPECT_EQ(org.depth, 0);
      continue;
    }
    ASSERT_LT(org.parent, org.index) << org.code << ": a parent comes first";
    const GeneratedOrganization& parent = dataset().organizations[org.parent];
    EXPECT_TRUE(allowed.at(org.kind).contains(parent.kind)) << org.code << " under " << parent.code;
    EXPECT_EQ(org.depth, parent.depth + 1);
    EXPECT_GE(org.established, parent.established) << org.code;
    EXPECT_TRUE(absl::StartsWith(org.code, parent.code + ".")) << org.code;
  }
}

TEST_F(BlocDataset, OrganizationCodes_AreUnique) {
  absl::flat_hash_set<std::string> codes;
  for (const GeneratedOrganization& org : dataset().organizations) {
    EXPECT_TRUE(codes.insert(org.code).second) << org.code;
  }
}

TEST_F(BlocDataset, Members_AreRegisteredOnlyInCells) {
  for (const GeneratedOrganization& org : dataset().organizations) {
    const bool cell =
        org.kind == v1::ORGANIZATION_KIND_CELL || org.kind == v1::ORGANIZATION_KIND_GRASSROOTS_CELL;
    if (!cell) {
      EXPECT_EQ(org.member_count, 0) << org.code;
    }
    if (org.kind == v1::ORGANIZATION_KIND_GRASSROOTS_CELL) {
      EXPECT_THAT(org.member_count, AllOf(Ge(3), Le(29))) << org.code;
    }
  }
}

TEST_F(BlocDataset, GrassrootsOwnership_IsMostlyState) {
  int grassroots = 0;
  int state = 0;
  for (const GeneratedOrganization& org : dataset().organizations) {
    if (org.kind != v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE &&
        org.kind != v1::ORGANIZATION_KIND_GRASSROOTS_CELL) {
      continue;
    }
    ++grassroots;
    state += org.ownership == v1::ENTERPRISE_OWNERSHIP_STATE_OVER_50 ||
             org.ownership == v1::ENTERPRISE_OWNERSHIP_STATE_50_OR_LESS;
  }
  EXPECT_GT(state * 2, grassroots);
  EXPECT_LT(state, grassroots);
}

TEST_F(BlocDataset, CitizenIds_AreUniqueTwelveDigitsEncodingProvinceGenderAndBirthYear) {
  absl::flat_hash_set<std::string> provinces;
  for (const tables::Province& p : tables::Provinces()) provinces.insert(std::string(p.code));
  absl::flat_hash_set<std::string> seen;
  for (const GeneratedMember& m : members()) {
    ASSERT_EQ(m.citizen_id.size(), 12u) << m.citizen_id;
    int64_t digits = 0;
    ASSERT_TRUE(absl::SimpleAtoi(m.citizen_id, &digits)) << m.citizen_id;
    EXPECT_TRUE(provinces.contains(m.citizen_id.substr(0, 3))) << m.citizen_id;
    const int century = m.birth_date.year() >= 2000 ? 2 : 0;
    const int female = m.gender == v1::GENDER_FEMALE ? 1 : 0;
    EXPECT_EQ(m.citizen_id[3] - '0', century + female) << m.citizen_id;
    EXPECT_EQ(std::stoi(m.citizen_id.substr(4, 2)), m.birth_date.year() % 100) << m.citizen_id;
    EXPECT_TRUE(seen.insert(m.citizen_id).second) << "duplicate " << m.citizen_id;
  }
}

TEST_F(BlocDataset, PartyCardNumbers_AreUniqueAndHeldByFullMembersOnly) {
  absl::flat_hash_set<std::string> seen;
  for (const GeneratedMember& m : members()) {
    if (m.state != v1::MEMBER_STATE_FULL) {
      EXPECT_TRUE(m.party_card_number.empty()) << m.row_number;
      continue;
    }
    EXPECT_EQ(m.party_card_number.size(), 9u);
    EXPECT_TRUE(seen.insert(m.party_card_number).second) << "duplicate " << m.party_card_number;
  }
}

TEST_F(BlocDataset, Admission_ComesAfterEighteenthBirthdayAndInOrder) {
  const absl::CivilDay as_of = dataset().spec.as_of;
  for (const GeneratedMember& m : members()) {
    if (m.state == v1::MEMBER_STATE_APPLICANT) {
      EXPECT_FALSE(m.admission_decision_date.has_value());
      continue;
    }
    ASSERT_TRUE(m.admission_decision_date && m.admission_ceremony_date) << m.row_number;
    const absl::CivilDay eighteen(m.birth_date.year() + 18, m.birth_date.month(),
                                  m.birth_date.day());
    EXPECT_GE(*m.admission_decision_date, eighteen) << m.row_number;
    EXPECT_GE(*m.admission_ceremony_date, *m.admission_decision_date) << m.row_number;
    EXPECT_LE(*m.admission_ceremony_date, as_of) << m.row_number;
    if (m.state == v1::MEMBER_STATE_FULL) {
      ASSERT_TRUE(m.full_member_date) << m.row_number;
      EXPECT_GT(*m.full_member_date, *m.admission_ceremony_date) << m.row_number;
      EXPECT_LE(*m.full_member_date, as_of) << m.row_number;
    } else {
      EXPECT_FALSE(m.full_member_date.has_value()) << m.row_number;
      EXPECT_GT(*m.admission_ceremony_date, as_of - 366) << "probation lasts 12 months";
    }
  }
}

TEST_F(BlocDataset, Members_HaveRealisticProportions) {
  EXPECT_THAT(PerMille(CountMembers([](auto& m) { return m.gender == v1::GENDER_MALE; })),
              AllOf(Ge(560), Le(640)));
  EXPECT_THAT(
      PerMille(CountMembers([](auto& m) { return m.state == v1::MEMBER_STATE_PROBATIONARY; })),
      AllOf(Ge(30), Le(50)));
  EXPECT_THAT(PerMille(CountMembers([](auto& m) { return m.state == v1::MEMBER_STATE_APPLICANT; })),
              AllOf(Ge(10), Le(30)));
  EXPECT_GT(PerMille(CountMembers([](auto& m) { return m.ethnicity == "Kinh"; })), 880);
  EXPECT_GT(PerMille(CountMembers([](auto& m) { return m.religion == "Không"; })), 900);
  EXPECT_THAT(
      PerMille(CountMembers([](auto& m) { return absl::StartsWith(m.full_name, "Nguyễn "); })),
      AllOf(Ge(330), Le(430)));
  EXPECT_THAT(PerMille(CountMembers([](auto& m) { return m.department_leader; })),
              AllOf(Ge(80), Le(160)));
}

TEST_F(BlocDataset, FullNames_HaveFamilyMiddleAndGivenNames) {
  for (const GeneratedMember& m : members()) {
    EXPECT_GE(std::count(m.full_name.begin(), m.full_name.end(), ' '), 2) << m.full_name;
  }
  EXPECT_GT(CountMembers([](auto& m) { return absl::StrContains(m.full_name, " Thị "); }), 0);
}

TEST_F(BlocDataset, BirthDates_FallBetween1960And2003) {
  for (const GeneratedMember& m : members()) {
    EXPECT_THAT(m.birth_date.year(), AllOf(Ge(1960), Le(2003))) << m.row_number;
  }
}

TEST_F(BlocDataset, YouthUnionMembers_AreThirtyOrYounger) {
  const absl::CivilDay as_of = dataset().spec.as_of;
  for (const GeneratedMember& m : members()) {
    if (m.youth_union_member) {
      EXPECT_GE(m.birth_date.year(), as_of.year() - 31) << m.row_number;
    }
  }
  EXPECT_GT(CountMembers([](auto& m) { return m.youth_union_member; }), 0);
}

TEST_F(BlocDataset, ImportRow_CarriesIdentityOrganizationAndAdmissionDates) {
  const GeneratedMember* full = nullptr;
  for (const GeneratedMember& m : members()) {
    if (m.state == v1::MEMBER_STATE_FULL) {
      full = &m;
      break;
    }
  }
  ASSERT_NE(full, nullptr);
  v1::ImportRow row;
  ToImportRow(*full, "organizations/42", &row);
  EXPECT_EQ(row.row_number(), full->row_number);
  EXPECT_EQ(row.initial_state(), v1::MEMBER_STATE_FULL);
  EXPECT_EQ(row.member().organization(), "organizations/42");
  EXPECT_EQ(row.member().personal_data().citizen_id(), full->citizen_id);
  EXPECT_EQ(row.member().full_member_date().year(), full->full_member_date->year());
  EXPECT_TRUE(row.member().has_admission_ceremony_date());
}

TEST_F(BlocDataset, CreateRequest_NamesTheParentAndTheDecision) {
  const GeneratedOrganization& cell = dataset().organizations.back();
  const v1::CreateOrganizationRequest req = ToCreateRequest(cell, "organizations/7", "r-1");
  EXPECT_EQ(req.organization().parent(), "organizations/7");
  EXPECT_EQ(req.organization().code(), cell.code);
  EXPECT_EQ(req.decision().issuer(), "organizations/7");
  EXPECT_EQ(req.decision().number(), cell.decision_number);
  EXPECT_EQ(req.request_id(), "r-1");
}

TEST_F(BlocDataset, MembersCsv_QuotesFieldsHoldingCommas) {
  std::ostringstream out;
  WriteMembersCsv(dataset(), nullptr, out);
  std::istringstream lines(out.str());
  std::string header;
  std::string first;
  std::getline(lines, header);
  std::getline(lines, first);
  // The address "Số 12 Lê Lợi, Hà Nội" holds a comma.
  EXPECT_TRUE(absl::StrContains(first, ",\"Số ")) << first;
}

TEST_F(BlocDataset, MembersCsv_NamesColumnsAsDangboctlImportReadsThem) {
  std::ostringstream out;
  WriteMembersCsv(dataset(), nullptr, out);
  const std::string text = out.str();
  EXPECT_TRUE(absl::StartsWith(text, "citizen_id,full_name,gender,organization,"))
      << text.substr(0, 80);
  EXPECT_TRUE(absl::StrContains(text.substr(0, text.find('\n')), ",initial_state"));
}

TEST_F(BlocDataset, MembersCsv_WithCreatedNames_PutsResourceNamesInTheOrganizationColumn) {
  std::vector<std::string> names;
  for (const GeneratedOrganization& org : dataset().organizations) {
    names.push_back("organizations/" + std::to_string(1000 + org.index));
  }
  std::ostringstream out;
  WriteMembersCsv(dataset(), &names, out);
  const std::string text = out.str();
  const std::string first = text.substr(text.find('\n') + 1);
  const std::string expected = names[members()[0].organization];
  EXPECT_TRUE(absl::StartsWith(first, members()[0].citizen_id + "," + members()[0].full_name +
                                          ",MALE," + expected) ||
              absl::StartsWith(first, members()[0].citizen_id + "," + members()[0].full_name +
                                          ",FEMALE," + expected))
      << first.substr(0, 120);
}

}  // namespace
}  // namespace dangbo::bench
