// The read model survives crashes: the reporting service killed while it ingests, MariaDB
// killed under it, and a full rebuild from sequence 0 — each ending with exact figures.
#include <string>
#include <vector>

#include "tests/reporting/e2e/reporting_fixture.h"

namespace dangbo::reporting::testing {
namespace {

class ResilienceTest : public ReportingE2E {
 protected:
  static std::string Fingerprint(const rv1::Statistics& s) {
    rv1::Statistics figures_only = s;
    figures_only.clear_freshness();
    for (rv1::Statistics& child : *figures_only.mutable_children()) child.clear_freshness();
    return figures_only.SerializeAsString();
  }
};

TEST_F(ResilienceTest, CrashesOfReportingAndMariaDbLeaveExactFigures) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Bền Bỉ");
  const mv1::Organization cell =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Vận hành");
  std::vector<mv1::Member> members;
  for (int i = 0; i < 12; ++i) {
    members.push_back(CreateFullMember(cell.name(), "Đảng viên " + std::to_string(i)));
  }
  WaitCaughtUp();

  // Reporting is killed while inspections are being written, and started again.
  int inspected = 0;
  for (int i = 0; i < 4; ++i) DecidedInspection({members[inspected++].name()});
  ASSERT_TRUE(ReportingService().Kill().ok());
  for (int i = 0; i < 4; ++i) DecidedInspection({members[inspected++].name()});
  StartReportingAgain();
  WaitCaughtUp();
  const rv1::Period period = LastDays(60);
  EXPECT_EQ(FigureOf(InspectionStatistics(company.name(), period),
                     "committee.thematic_inspection.members")
                .occurrences(),
            inspected);

  // MariaDB is killed under the running service; the follower resumes when it is back.
  ASSERT_TRUE(Database().Kill().ok());
  ASSERT_TRUE(Database().Start().ok());
  for (int i = 0; i < 4; ++i) DecidedInspection({members[inspected++].name()});
  WaitCaughtUp();
  const rv1::Statistics before = InspectionStatistics(company.name(), period, true);
  EXPECT_EQ(FigureOf(before, "committee.thematic_inspection.members").occurrences(), inspected);
  EXPECT_EQ(FigureOf(before, "committee.thematic_inspection.members").distinct(), inspected);

  // A full rebuild from sequence 0 gives the same figures, for this scope and the whole bloc.
  const rv1::Statistics bloc_before = InspectionStatistics(Bloc().name(), period, true);
  RestartReportingWith({"--rebuild"});
  WaitCaughtUp();
  EXPECT_EQ(Fingerprint(InspectionStatistics(company.name(), period, true)), Fingerprint(before));
  EXPECT_EQ(Fingerprint(InspectionStatistics(Bloc().name(), period, true)),
            Fingerprint(bloc_before));
}

}  // namespace
}  // namespace dangbo::reporting::testing
