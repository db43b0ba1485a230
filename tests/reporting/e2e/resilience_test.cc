// The read model survives crashes: the reporting service killed while it ingests, each source
// service and MariaDB killed under it, and a full rebuild from sequence 0 — each ending with exact
// figures; the consistency check finding what the read model lost.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/reporting/e2e/reporting_fixture.h"

namespace dangbo::reporting::testing {
namespace {

using inspection::testing::Today;

class ResilienceTest : public ReportingE2E {
 protected:
  static std::string Fingerprint(const rv1::Statistics& s) {
    rv1::Statistics figures_only = s;
    figures_only.clear_freshness();
    for (rv1::Statistics& child : *figures_only.mutable_children()) child.clear_freshness();
    return figures_only.SerializeAsString();
  }
};

TEST_F(ResilienceTest, CrashesOfEveryServiceAndMariaDbLeaveExactFigures) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Bền Bỉ");
  const mv1::Organization cell =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Vận hành");
  std::vector<mv1::Member> members;
  for (int i = 0; i < 16; ++i) {
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

  // Each source is killed while reporting follows it, and started again; the follower retries.
  for (int i = 0; i < 2; ++i) DecidedInspection({members[inspected++].name()});
  ASSERT_TRUE(InspectionService().Kill().ok());
  ASSERT_TRUE(MembershipService().Kill().ok());
  absl::SleepFor(absl::Milliseconds(500));
  ASSERT_TRUE(MembershipService().Start().ok());
  ASSERT_TRUE(InspectionService().Start().ok());
  for (int i = 0; i < 2; ++i) DecidedInspection({members[inspected++].name()});
  WaitCaughtUp();
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

TEST_F(ResilienceTest, TheConsistencyCheckFindsARecordTheReadModelLost) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Đối Chiếu");
  const mv1::Member first = CreateFullMember(company.name(), "Ngô Văn Một");
  const mv1::Member second = CreateFullMember(company.name(), "Ngô Văn Hai");
  DecidedInspection({first.name()});
  const iv1::Inspection lost = DecidedInspection({second.name()});
  // Both rated for the year the period ends in.
  mv1::BatchRecordRatingsRequest rate;
  rate.set_request_id(RequestId());
  for (const mv1::Member* m : {&first, &second}) {
    mv1::Rating* r = rate.add_ratings();
    r->set_subject(m->name());
    r->set_year(Today().year());
    r->set_level(mv1::RATING_LEVEL_GOOD);
  }
  mv1::BatchRecordRatingsResponse rated;
  grpc::Status recorded = Membership().BatchRecordRatings(AdminContext().get(), rate, &rated);
  ASSERT_TRUE(recorded.ok()) << recorded.error_message();
  WaitCaughtUp();

  rv1::CheckConsistencyRequest check;
  check.set_scope(company.name());
  *check.mutable_period() = LastDays(60);
  rv1::CheckConsistencyResponse report;
  grpc::Status st = Reporting().CheckConsistency(AdminContext().get(), check, &report);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(report.differences_size(), 0) << report.ShortDebugString();
  EXPECT_GT(report.freshness().inspection_sequence(), 0);

  // The read model loses the second inspection and the second rating behind the follower's
  // back.
  for (const std::string& resource :
       {lost.name(), absl::StrCat(second.name(), "/ratings/", Today().year())}) {
    ASSERT_TRUE(Database()
                    .ExecuteAsRoot(absl::StrCat(
                        "DELETE FROM reporting.feed_resources WHERE resource = '", resource, "'"))
                    .ok());
  }
  RestartReportingWith({});
  st = Reporting().CheckConsistency(AdminContext().get(), check, &report);
  ASSERT_TRUE(st.ok()) << st.error_message();
  bool members_differ = false;
  bool ratings_differ = false;
  for (const auto& d : report.differences()) {
    if (d.key() == "committee.thematic_inspection.members") {
      members_differ = true;
      EXPECT_EQ(d.read_model_distinct(), 1);
      EXPECT_EQ(d.recomputed_distinct(), 2);
    }
    if (d.key() == "ratings.members.rated") {
      ratings_differ = true;
      EXPECT_EQ(d.read_model_distinct(), 1);
      EXPECT_EQ(d.recomputed_distinct(), 2);
    }
  }
  EXPECT_TRUE(members_differ) << report.ShortDebugString();
  EXPECT_TRUE(ratings_differ) << report.ShortDebugString();

  // A rebuild repairs it.
  RestartReportingWith({"--rebuild"});
  WaitCaughtUp();
  st = Reporting().CheckConsistency(AdminContext().get(), check, &report);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(report.differences_size(), 0) << report.ShortDebugString();
}

}  // namespace
}  // namespace dangbo::reporting::testing
