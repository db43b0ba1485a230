// Snapshots of submitted reports: frozen as answered, unchanged after later writes, corrected
// only by a new revision, idempotent under a replayed request id.
#include <string>

#include "tests/reporting/e2e/reporting_fixture.h"

namespace dangbo::reporting::testing {
namespace {

class SnapshotTest : public ReportingE2E {};

TEST_F(SnapshotTest, ASubmittedReportReadsBackUnchangedAfterTheDataMovesOn) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Báo cáo");
  const mv1::Member member = CreateFullMember(company.name(), "Vũ Thị Nộp");
  DecidedInspection({member.name()});
  WaitCaughtUp();

  rv1::CreateSnapshotRequest create;
  create.set_scope(company.name());
  create.set_kind(rv1::Snapshot::KIND_INSPECTION);
  *create.mutable_period() = LastDays(60);
  create.set_request_id(RequestId());
  const std::string token = ReporterToken({IdOf(company.name())});
  rv1::Snapshot first;
  grpc::Status st = Reporting().CreateSnapshot(Context(token).get(), create, &first);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(first.revision(), 1);
  EXPECT_EQ(first.submitted_by(), "reporter");
  EXPECT_TRUE(first.has_submit_time());
  EXPECT_EQ(FigureOf(first.statistics(), "committee.thematic_inspection.members").distinct(), 1);

  // A replay returns the same snapshot, not a second one.
  rv1::Snapshot replayed;
  ASSERT_TRUE(Reporting().CreateSnapshot(Context(token).get(), create, &replayed).ok());
  EXPECT_EQ(replayed.SerializeAsString(), first.SerializeAsString());

  // The data moves on: a second member is inspected.
  const mv1::Member later = CreateFullMember(company.name(), "Hoàng Văn Sau");
  DecidedInspection({later.name()});
  WaitCaughtUp();
  EXPECT_EQ(FigureOf(InspectionStatistics(company.name(), LastDays(60)),
                     "committee.thematic_inspection.members")
                .distinct(),
            2);

  rv1::GetSnapshotRequest get;
  get.set_name(first.name());
  rv1::Snapshot read;
  ASSERT_TRUE(Reporting().GetSnapshot(Context(token).get(), get, &read).ok());
  EXPECT_EQ(read.SerializeAsString(), first.SerializeAsString());

  // A revision recomputes and keeps the first readable.
  rv1::ReviseSnapshotRequest revise;
  revise.set_name(first.name());
  revise.set_request_id(RequestId());
  rv1::Snapshot second;
  st = Reporting().ReviseSnapshot(Context(token).get(), revise, &second);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("revision_reason"), std::string::npos);
  revise.set_revision_reason("Bổ sung đảng viên được kiểm tra sau ngày chốt số liệu");
  st = Reporting().ReviseSnapshot(Context(token).get(), revise, &second);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(second.name(), first.name());
  EXPECT_EQ(second.revision(), 2);
  EXPECT_EQ(FigureOf(second.statistics(), "committee.thematic_inspection.members").distinct(), 2);
  ASSERT_TRUE(Reporting().GetSnapshot(Context(token).get(), get, &read).ok());
  EXPECT_EQ(read.revision(), 2);
  get.set_revision(1);
  ASSERT_TRUE(Reporting().GetSnapshot(Context(token).get(), get, &read).ok());
  EXPECT_EQ(read.SerializeAsString(), first.SerializeAsString());
  get.set_revision(3);
  EXPECT_EQ(Reporting().GetSnapshot(Context(token).get(), get, &read).error_code(),
            grpc::StatusCode::NOT_FOUND);

  rv1::ListSnapshotsRequest list;
  list.set_scope(company.name());
  rv1::ListSnapshotsResponse listed;
  ASSERT_TRUE(Reporting().ListSnapshots(Context(token).get(), list, &listed).ok());
  ASSERT_EQ(listed.snapshots_size(), 1);
  EXPECT_EQ(listed.snapshots(0).revision(), 2);

  // Another subtree's reporter can neither read nor submit here.
  const mv1::Organization other = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Bên Cạnh");
  WaitCaughtUp();
  const std::string outsider = ReporterToken({IdOf(other.name())});
  get.set_revision(0);
  EXPECT_EQ(Reporting().GetSnapshot(Context(outsider).get(), get, &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  create.set_request_id(RequestId());
  EXPECT_EQ(Reporting().CreateSnapshot(Context(outsider).get(), create, &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A reader of inspections is no reporter.
  EXPECT_EQ(
      Reporting()
          .CreateSnapshot(Context(Token({"reader"}, {IdOf(company.name())})).get(), create, &read)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace dangbo::reporting::testing
