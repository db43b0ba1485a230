// The inspection work generator: the same seed gives the same work, its proportions follow seed
// 001 at bloc size, and every inspection and decision respects the rules the service enforces
// (checked with the service's own domain rules), so a load is not refused.
#include "bench/dataset/inspection_work.h"

#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "bench/dataset/member_roster.h"
#include "gtest/gtest.h"
#include "services/inspection/domain/discipline_rules.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/type_rules.h"

namespace dangbo::bench {
namespace {

namespace domain = ::dangbo::inspection;

// Everything the loader would send, as text.
std::string Describe(const GeneratedInspection& g) {
  std::ostringstream out;
  out << g.sequence << ' ' << g.year << ' ' << g.type << ' ' << g.body << ' '
      << g.conducting_organization << ' ' << g.level << ' ' << g.decision_number << ' ' << g.content
      << ' ' << g.decided << ' ' << g.started << ' ' << g.reported << ' ' << g.concluded << ' '
      << g.notice_issued << ' ' << g.closed << ' ' << g.planned_working_days;
  for (const auto& t : g.team) out << " t" << t.row << ':' << t.role;
  for (const auto& s : g.subjects) {
    out << " s" << s.ref.member << ':' << s.ref.id << ':' << s.committee_member << ':' << s.outcome
        << ':' << s.finding << ':' << s.violation_category;
  }
  for (const auto& t : g.tasks) out << " k" << t.due << ':' << t.completed << ':' << t.text;
  for (const auto& d : g.decisions) {
    out << " d" << d.subject.member << ':' << d.subject.id << ':' << d.form << ':'
        << d.deciding_organization << ':' << d.deciding_body << ':' << d.decided << ':'
        << d.violation << ':' << d.number;
    if (d.appeal) out << ":a" << d.appeal->outcome << ':' << d.appeal->filed;
  }
  return out.str();
}

class InspectionWorkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DatasetSpec spec;
    spec.seed = 1;
    dataset_ = new Dataset(GenerateOrganizations(spec));
    roster_ = new MemberRoster(MemberRoster::Build(*dataset_));
  }
  static void TearDownTestSuite() {
    delete roster_;
    delete dataset_;
  }

  static std::vector<GeneratedInspection> All(const InspectionWorkSpec& spec) {
    std::vector<GeneratedInspection> all;
    InspectionWorkGenerator generator(*dataset_, *roster_, spec);
    GeneratedInspection g;
    while (generator.Next(g)) all.push_back(g);
    return all;
  }

  bool IsOnPath(int organization, int ancestor) const {
    for (int o = organization; o >= 0; o = dataset_->organizations[o].parent) {
      if (o == ancestor) return true;
    }
    return false;
  }

  static Dataset* dataset_;
  static MemberRoster* roster_;
};

Dataset* InspectionWorkTest::dataset_ = nullptr;
MemberRoster* InspectionWorkTest::roster_ = nullptr;

TEST_F(InspectionWorkTest, RosterMatchesTheMemberGenerator) {
  EXPECT_EQ(roster_->size(), dataset_->member_count);
  for (const GeneratedOrganization& org : dataset_->organizations) {
    for (int i = 0; i < org.member_count; ++i) {
      ASSERT_EQ(roster_->OrganizationOf(roster_->FirstRow(org.index) + i), org.index);
    }
  }
}

TEST_F(InspectionWorkTest, SameSeedSameWork) {
  const std::vector<GeneratedInspection> a = All(DefaultWorkSpec(*dataset_));
  const std::vector<GeneratedInspection> b = All(DefaultWorkSpec(*dataset_));
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 100u);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(Describe(a[i]), Describe(b[i])) << i;
}

TEST_F(InspectionWorkTest, AnotherSeedOtherWork) {
  DatasetSpec spec;
  spec.seed = 2;
  const Dataset other = GenerateOrganizations(spec);
  const MemberRoster other_roster = MemberRoster::Build(other);
  InspectionWorkGenerator a(*dataset_, *roster_, DefaultWorkSpec(*dataset_));
  InspectionWorkGenerator b(other, other_roster, DefaultWorkSpec(other));
  GeneratedInspection ga, gb;
  int differing = 0;
  for (int i = 0; i < 20 && a.Next(ga) && b.Next(gb); ++i)
    differing += Describe(ga) != Describe(gb);
  EXPECT_GT(differing, 15);
}

TEST_F(InspectionWorkTest, BlocYearFollowsSeed001Proportions) {
  const InspectionWorkSpec spec = DefaultWorkSpec(*dataset_);
  EXPECT_EQ(spec.first_year, 2024);
  EXPECT_EQ(spec.last_year, 2024);
  const InspectionWorkSummary s = SummarizeInspectionWork(*dataset_, *roster_, spec);
  const auto at = [](const std::map<iv1::InspectionType, int64_t>& m, iv1::InspectionType t) {
    auto it = m.find(t);
    return it == m.end() ? int64_t{0} : it->second;
  };
  using T = iv1::InspectionType;
  // Seed 001 scaled: ~110 organizations and ~250 members inspected, ~110 and ~200 supervised.
  EXPECT_GE(at(s.organization_subjects_by_type, T::INSPECTION_TYPE_THEMATIC_INSPECTION), 70);
  EXPECT_LE(at(s.organization_subjects_by_type, T::INSPECTION_TYPE_THEMATIC_INSPECTION), 150);
  EXPECT_GE(at(s.member_subjects_by_type, T::INSPECTION_TYPE_THEMATIC_INSPECTION), 180);
  EXPECT_LE(at(s.member_subjects_by_type, T::INSPECTION_TYPE_THEMATIC_INSPECTION), 330);
  EXPECT_GE(at(s.organization_subjects_by_type, T::INSPECTION_TYPE_THEMATIC_SUPERVISION), 60);
  EXPECT_GE(at(s.member_subjects_by_type, T::INSPECTION_TYPE_THEMATIC_SUPERVISION), 150);
  EXPECT_LE(at(s.member_subjects_by_type, T::INSPECTION_TYPE_THEMATIC_SUPERVISION), 300);
  // Every type of the UBKT's work is there.
  for (T type : {T::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION,
                 T::INSPECTION_TYPE_INSPECTION_DUTY_INSPECTION,
                 T::INSPECTION_TYPE_DISCIPLINE_EXECUTION_INSPECTION,
                 T::INSPECTION_TYPE_FINANCE_INSPECTION, T::INSPECTION_TYPE_DUES_INSPECTION}) {
    EXPECT_GT(at(s.inspections_by_type, type), 0) << type;
  }
  // Few fall short; about a dozen members and one or two organizations are disciplined.
  const int64_t short_thematic =
      at(s.organization_shortcomings_by_type, T::INSPECTION_TYPE_THEMATIC_INSPECTION) +
      at(s.member_shortcomings_by_type, T::INSPECTION_TYPE_THEMATIC_INSPECTION) +
      at(s.organization_shortcomings_by_type, T::INSPECTION_TYPE_THEMATIC_SUPERVISION) +
      at(s.member_shortcomings_by_type, T::INSPECTION_TYPE_THEMATIC_SUPERVISION);
  EXPECT_GE(short_thematic, 1);
  EXPECT_LE(short_thematic, 15);
  int64_t member_decisions = 0, organization_decisions = 0;
  for (const auto& [form, n] : s.member_decisions_by_form) member_decisions += n;
  for (const auto& [form, n] : s.organization_decisions_by_form) organization_decisions += n;
  EXPECT_GE(member_decisions, 6);
  EXPECT_LE(member_decisions, 25);
  EXPECT_LE(organization_decisions, 8);
  EXPECT_EQ(s.decisions(), member_decisions + organization_decisions);
}

TEST_F(InspectionWorkTest, SeveralYearsScaleAndStayInOrder) {
  const InspectionWorkSpec one = DefaultWorkSpec(*dataset_);
  const InspectionWorkSpec three{.first_year = 2022, .last_year = 2024};
  const std::vector<GeneratedInspection> all = All(three);
  const InspectionWorkSummary s1 = SummarizeInspectionWork(*dataset_, *roster_, one);
  EXPECT_GT(static_cast<int64_t>(all.size()), 2 * s1.inspections);
  int year = 2022;
  int64_t sequence = 0;
  for (const GeneratedInspection& g : all) {
    ASSERT_GE(g.year, year);
    year = g.year;
    ASSERT_EQ(g.sequence, ++sequence);
    ASSERT_EQ(g.decided.year(), g.year);
  }
  EXPECT_EQ(year, 2024);
}

TEST_F(InspectionWorkTest, EveryInspectionMeetsWhatItsStagesRequire) {
  const absl::CivilDay horizon(dataset_->spec.as_of.year() + 1, 1, 1);
  for (const GeneratedInspection& g : All({.first_year = 2022, .last_year = 2024})) {
    SCOPED_TRACE(Describe(g));
    ASSERT_TRUE(domain::MayConduct(static_cast<domain::ConductingBody>(g.body),
                                   static_cast<domain::InspectionType>(g.type)));
    ASSERT_FALSE(g.subjects.empty());
    ASSERT_FALSE(g.team.empty());
    ASSERT_EQ(g.team.front().role, iv1::TEAM_ROLE_LEADER);
    int leaders = 0;
    for (const auto& t : g.team) leaders += t.role == iv1::TEAM_ROLE_LEADER;
    ASSERT_EQ(leaders, 1);
    ASSERT_GT(g.planned_working_days, 0);
    ASSERT_LE(g.period_start, g.period_end);
    ASSERT_LT(g.decided, g.started);
    ASSERT_LT(g.started, g.reported);
    ASSERT_LT(g.reported, g.concluded);
    ASSERT_LT(g.concluded, g.notice_issued);
    ASSERT_LT(g.notice_issued, g.closed);
    ASSERT_LT(g.closed, horizon);
    std::set<std::pair<bool, int64_t>> seen;
    for (const GeneratedSubject& s : g.subjects) {
      ASSERT_TRUE(seen.insert({s.ref.member, s.ref.id}).second) << "a subject twice";
      ASSERT_NE(s.outcome, iv1::SUBJECT_OUTCOME_UNSPECIFIED);
      if (s.committee_member) {
        ASSERT_TRUE(s.ref.member);
      }
      if (s.ref.member) {
        const v1::MemberState state = roster_->State(s.ref.id);
        ASSERT_TRUE(state == v1::MEMBER_STATE_FULL || state == v1::MEMBER_STATE_PROBATIONARY);
        ASSERT_LT(roster_->Admitted(s.ref.id), g.decided);
        ASSERT_TRUE(IsOnPath(roster_->OrganizationOf(s.ref.id), g.conducting_organization));
      } else {
        ASSERT_TRUE(IsOnPath(static_cast<int>(s.ref.id), g.conducting_organization));
      }
    }
    for (const GeneratedTask& t : g.tasks) {
      ASSERT_GE(t.due, g.notice_issued);
      ASSERT_GT(t.completed, g.notice_issued);
      ASSERT_LE(t.completed, g.closed);
    }
    if (!g.decisions.empty()) {
      ASSERT_EQ(g.type, iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION);
    }
  }
}

TEST_F(InspectionWorkTest, EveryDecisionFitsItsSubjectAuthorityAndLimitation) {
  const domain::InspectionRules rules;
  std::set<int64_t> expelled;
  int decisions = 0, appeals = 0;
  for (const GeneratedInspection& g : All({.first_year = 2020, .last_year = 2024})) {
    for (const GeneratedSubject& s : g.subjects) {
      if (s.ref.member) {
        ASSERT_FALSE(expelled.contains(s.ref.id)) << "an expelled subject";
      }
    }
    for (const GeneratedTeamMember& t : g.team) ASSERT_FALSE(expelled.contains(t.row));
    for (const GeneratedDecision& d : g.decisions) {
      ++decisions;
      SCOPED_TRACE(Describe(g));
      const domain::SubjectKind kind =
          d.subject.member ? domain::SubjectKind::kMember : domain::SubjectKind::kOrganization;
      const domain::DisciplineForm form = static_cast<domain::DisciplineForm>(d.form);
      domain::MemberStanding standing = domain::MemberStanding::kUnspecified;
      if (d.subject.member) {
        standing = roster_->State(d.subject.id) == v1::MEMBER_STATE_FULL
                       ? domain::MemberStanding::kFull
                       : domain::MemberStanding::kProbationary;
      }
      const auto& forms = domain::FormsFor(kind, standing, rules);
      ASSERT_NE(std::find(forms.begin(), forms.end(), form), forms.end());
      if (d.form == iv1::DISCIPLINE_FORM_REMOVAL_FROM_POST) {
        ASSERT_TRUE(roster_->HoldsPost(d.subject.id));
      }
      ASSERT_NE(d.form, iv1::DISCIPLINE_FORM_DISSOLUTION);
      ASSERT_TRUE(
          domain::MayDecide(static_cast<domain::DecidingBody>(d.deciding_body), kind, form, rules));
      const int subject_organization =
          d.subject.member ? roster_->OrganizationOf(d.subject.id) : static_cast<int>(d.subject.id);
      ASSERT_TRUE(IsOnPath(subject_organization, d.deciding_organization));
      if (d.deciding_body == iv1::DECIDING_BODY_CELL) {
        ASSERT_TRUE(d.subject.member);
        ASSERT_EQ(d.deciding_organization, subject_organization);
      }
      // Within the statute of limitations: five years for the lightest form.
      ASSERT_LT(d.violation, d.decided);
      ASSERT_LT(d.decided - d.violation, 5 * 365);
      ASSERT_GT(d.decided, g.concluded);
      if (d.form == iv1::DISCIPLINE_FORM_EXPULSION) expelled.insert(d.subject.id);
      if (d.appeal.has_value()) {
        ++appeals;
        ASSERT_TRUE(d.subject.member);
        ASSERT_EQ(d.appeal->resolving_organization,
                  dataset_->organizations[d.deciding_organization].parent);
        ASSERT_GT(d.appeal->received, d.decided);
        ASSERT_GT(d.appeal->filed, d.appeal->received);
        ASSERT_LE(d.appeal->filed - d.appeal->received, 30);
        ASSERT_GT(d.appeal->resolved, d.appeal->filed);
        if (d.appeal->outcome == iv1::APPEAL_OUTCOME_REDUCED) {
          ASSERT_LT(domain::Severity(static_cast<domain::DisciplineForm>(d.appeal->new_form)),
                    domain::Severity(form));
        } else {
          ASSERT_EQ(d.appeal->new_form, iv1::DISCIPLINE_FORM_UNSPECIFIED);
        }
      }
    }
  }
  EXPECT_GT(decisions, 30);
  EXPECT_GT(appeals, 0);
}

TEST_F(InspectionWorkTest, SummaryCountsWhatIsGenerated) {
  InspectionWorkSummary summary;
  int64_t subjects = 0, decisions = 0;
  for (const GeneratedInspection& g : All(DefaultWorkSpec(*dataset_))) {
    summary.Add(g);
    subjects += static_cast<int64_t>(g.subjects.size());
    decisions += static_cast<int64_t>(g.decisions.size());
  }
  EXPECT_EQ(summary.subjects(), subjects);
  EXPECT_EQ(summary.decisions(), decisions);
  std::ostringstream printed;
  PrintInspectionSummary(summary, printed);
  EXPECT_NE(printed.str().find("THEMATIC_INSPECTION"), std::string::npos);
  EXPECT_NE(printed.str().find(absl::StrCat(summary.inspections, " inspections")),
            std::string::npos);
}

}  // namespace
}  // namespace dangbo::bench
