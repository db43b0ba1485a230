#include "services/reporting/domain/report_text.h"

#include <limits>

#include "gtest/gtest.h"
#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting {
namespace {

using namespace testing;  // NOLINT: the builders

TEST(FormatVietnameseNumber, GroupsThousandsWithDots) {
  EXPECT_EQ(FormatVietnameseNumber(0), "0");
  EXPECT_EQ(FormatVietnameseNumber(2), "2");
  EXPECT_EQ(FormatVietnameseNumber(296), "296");
  EXPECT_EQ(FormatVietnameseNumber(1000), "1.000");
  EXPECT_EQ(FormatVietnameseNumber(1126), "1.126");
  EXPECT_EQ(FormatVietnameseNumber(7124), "7.124");
  EXPECT_EQ(FormatVietnameseNumber(5600000), "5.600.000");
  EXPECT_EQ(FormatVietnameseNumber(-2500), "-2.500");
  EXPECT_EQ(FormatVietnameseNumber(std::numeric_limits<int64_t>::min()),
            "-9.223.372.036.854.775.808");
}

// Seed 001: Đảng ủy Khối Doanh nghiệp Trung ương, 2022. A bloc of 20 upper-level committees and
// 1,200 grassroots organizations whose 2022 records match the review's numbers, with records
// around them that the paragraph must not count.
class Seed001Test : public ::testing::Test {
 protected:
  static constexpr int64_t kBloc = 1;
  static constexpr int kUpper = 20;
  static constexpr int kGrassroots = 1200;
  static int64_t Grassroots(int i) { return 1000 + i; }
  static int64_t UpperOf(int i) { return 100 + i % kUpper; }

  void SetUp() override {
    std::vector<OrganizationVersion> rows = {Version(
        kBloc, std::nullopt, Date(2007, 1, 1), std::nullopt, OrganizationKind::kBlocCommittee)};
    for (int u = 0; u < kUpper; ++u) {
      rows.push_back(Version(100 + u, kBloc, Date(2007, 1, 1), std::nullopt,
                             OrganizationKind::kUpperLevelCommittee));
    }
    for (int g = 0; g < kGrassroots; ++g) {
      rows.push_back(Version(Grassroots(g), UpperOf(g), Date(2007, 1, 1), std::nullopt,
                             OrganizationKind::kGrassrootsCommittee));
    }
    tree_ = *OrganizationTree::Build(rows);

    int64_t next_inspection = 1;
    const auto inspect = [&](InspectionType type, ConductingBody body, Date day,
                             std::vector<InspectionSubject> subjects,
                             InspectionStage stage = InspectionStage::kClosed) {
      // Each upper committee runs its own inspections over its grassroots organizations.
      ASSERT_TRUE(model_
                      .UpsertInspection(MakeInspection(next_inspection++, type, body, 100, day,
                                                       std::move(subjects), stage))
                      .ok());
    };
    const auto member_at = [](int64_t member) { return Grassroots(member % kGrassroots); };

    // Kiểm tra: 1,126 organizations (2 with shortcomings), 7,124 members (1 with shortcomings),
    // in batches of 10 subjects per inspection.
    std::vector<InspectionSubject> batch;
    const auto flush = [&](InspectionType type, Date day) {
      if (batch.empty()) return;
      inspect(type, ConductingBody::kStandingCommittee, day, batch);
      batch.clear();
    };
    for (int g = 0; g < 1126; ++g) {
      batch.push_back(OrganizationSubject(
          Grassroots(g), g < 2 ? SubjectOutcome::kShortcomings : SubjectOutcome::kGood));
      if (batch.size() == 10)
        flush(InspectionType::kThematicInspection, Date(2022, 3, 1) + g % 200);
    }
    flush(InspectionType::kThematicInspection, Date(2022, 11, 30));
    for (int64_t m = 1; m <= 7124; ++m) {
      batch.push_back(MemberSubject(m, member_at(m),
                                    m == 1 ? SubjectOutcome::kShortcomings : SubjectOutcome::kGood,
                                    m % 50 == 0));
      if (batch.size() == 10)
        flush(InspectionType::kThematicInspection, Date(2022, 4, 1) + m % 200);
    }
    flush(InspectionType::kThematicInspection, Date(2022, 12, 31));
    // Giám sát chuyên đề: 1,096 organizations, 5,627 members, by executive committees and cells.
    for (int g = 0; g < 1096; ++g) batch.push_back(OrganizationSubject(Grassroots(g)));
    inspect(InspectionType::kThematicSupervision, ConductingBody::kExecutiveCommittee,
            Date(2022, 2, 1), batch);
    batch.clear();
    for (int64_t m = 10001; m <= 15627; ++m) batch.push_back(MemberSubject(m, member_at(m)));
    inspect(InspectionType::kThematicSupervision, ConductingBody::kCell, Date(2022, 6, 1), batch);
    batch.clear();

    // Around them: member 1 and an organization inspected a second time (occurrences, not
    // subjects), work decided in 2021 and 2023, a cancelled inspection, the UBKT's own work.
    inspect(InspectionType::kThematicInspection, ConductingBody::kStandingCommittee,
            Date(2022, 10, 1),
            {MemberSubject(1, member_at(1)), OrganizationSubject(Grassroots(5))});
    inspect(InspectionType::kThematicInspection, ConductingBody::kStandingCommittee,
            Date(2021, 12, 31), {MemberSubject(90001, member_at(90001))});
    inspect(InspectionType::kThematicInspection, ConductingBody::kStandingCommittee,
            Date(2023, 1, 1), {MemberSubject(90002, member_at(90002))});
    inspect(InspectionType::kThematicInspection, ConductingBody::kStandingCommittee,
            Date(2022, 5, 1), {MemberSubject(90003, member_at(90003))},
            InspectionStage::kCancelled);
    inspect(InspectionType::kViolationSignsInspection, ConductingBody::kInspectionCommittee,
            Date(2022, 5, 1),
            {MemberSubject(90004, member_at(90004), SubjectOutcome::kShortcomings)});

    // Kỷ luật: 15 organizations, 296 members; plus a member disciplined twice, an annulled
    // decision and one of 2023.
    int64_t next_decision = 1;
    const auto discipline = [&](SubjectRef subject, int64_t subject_org, DisciplineForm form,
                                Date day) {
      const int64_t deciding = subject.kind == SubjectKind::kOrganization
                                   ? UpperOf(static_cast<int>(subject.id - 1000))
                                   : subject_org;
      ASSERT_TRUE(model_
                      .UpsertDecision(
                          MakeDecision(next_decision++, subject, subject_org, form, deciding, day))
                      .ok());
    };
    for (int g = 0; g < 15; ++g) {
      discipline({SubjectKind::kOrganization, Grassroots(g)}, Grassroots(g),
                 DisciplineForm::kReprimand, Date(2022, 7, 1) + g);
    }
    for (int64_t m = 20001; m <= 20296; ++m) {
      discipline({SubjectKind::kMember, m}, member_at(m),
                 m % 3 == 0 ? DisciplineForm::kWarning : DisciplineForm::kReprimand,
                 Date(2022, 8, 1) + static_cast<int>(m % 100));
    }
    discipline({SubjectKind::kMember, 20001}, member_at(20001), DisciplineForm::kWarning,
               Date(2022, 12, 1));
    const int64_t annulled = next_decision;
    discipline({SubjectKind::kMember, 90005}, member_at(90005), DisciplineForm::kWarning,
               Date(2022, 3, 1));
    ASSERT_TRUE(
        model_
            .UpsertAppeal(MakeAppeal(1, annulled, kBloc, Date(2022, 3, 20),
                                     Resolution(AppealOutcome::kAnnulled, Date(2022, 6, 1))))
            .ok());
    discipline({SubjectKind::kMember, 90006}, member_at(90006), DisciplineForm::kWarning,
               Date(2023, 3, 1));
  }

  Statistics Year2022() {
    const Period year{.kind = PeriodKind::kYear, .year = 2022};
    absl::StatusOr<Statistics> s = ComputeInspectionStatistics(
        tree_, model_, {.scope_id = kBloc, .range = *ResolvePeriod(year)});
    EXPECT_TRUE(s.ok()) << s.status();
    return *s;
  }

  OrganizationTree tree_;
  InspectionModel model_;
};

TEST_F(Seed001Test, TheParagraphIsReproducedFromTheRecords) {
  EXPECT_EQ(InspectionHeadline(Year2022()),
            "Cấp ủy các cấp đã tiến hành kiểm tra 1.126 tổ chức Đảng, 7.124 đảng viên; giám sát "
            "chuyên đề đối với 1.096 tổ chức Đảng, 5.627 đảng viên. Trong đó, phát hiện 2 tổ chức "
            "Đảng, 1 đảng viên thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra; thi hành kỷ "
            "luật với 15 tổ chức Đảng, 296 đảng viên.");
}

TEST_F(Seed001Test, OccurrencesCountTheSecondInspectionsAndDecisions) {
  EXPECT_EQ(InspectionHeadline(Year2022(), CountKind::kOccurrences),
            "Cấp ủy các cấp đã tiến hành kiểm tra 1.127 tổ chức Đảng, 7.125 đảng viên; giám sát "
            "chuyên đề đối với 1.096 tổ chức Đảng, 5.627 đảng viên. Trong đó, phát hiện 2 tổ chức "
            "Đảng, 1 đảng viên thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra; thi hành kỷ "
            "luật với 15 tổ chức Đảng, 297 đảng viên.");
}

TEST_F(Seed001Test, CommitteeMembersAreCountedApart) {
  const FigureValue& f = Year2022().figure(FigureId::kCommitteeThematicInspectionCommitteeMembers);
  EXPECT_EQ(f.distinct, 7124 / 50);
}

TEST(InspectionHeadline, SaysSoWhenNothingWasFoundOrDisciplined) {
  Statistics empty;
  for (const FigureDefinition& d : InspectionFigures()) {
    empty.figures.push_back({.id = d.id, .key = d.key, .label = d.label});
  }
  EXPECT_EQ(InspectionHeadline(empty),
            "Cấp ủy các cấp đã tiến hành kiểm tra 0 tổ chức Đảng, 0 đảng viên; giám sát chuyên "
            "đề đối với 0 tổ chức Đảng, 0 đảng viên. Trong đó, không phát hiện tổ chức Đảng, "
            "đảng viên nào thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra; không có tổ chức "
            "Đảng, đảng viên nào bị thi hành kỷ luật.");
}

}  // namespace
}  // namespace dangbo::reporting
