// `dangboctl report` run in-process against small in-process reporting and membership
// services: what it asks for, what it writes where, and how it fails.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "dangbo/reporting/v1/reporting_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/tools/report_fixtures.h"
#include "tools/dangboctl/dangboctl.h"

namespace dangbo::ctl {
namespace {

namespace mv1 = ::dangbo::membership::v1;
namespace rv1 = ::dangbo::reporting::v1;
using ::testing::HasSubstr;
using ::testing::Not;

class FakeReporting final : public rv1::ReportingService::Service {
 public:
  grpc::Status GetInspectionStatistics(grpc::ServerContext*,
                                       const rv1::GetInspectionStatisticsRequest* req,
                                       rv1::Statistics* resp) override {
    absl::MutexLock lock(&mu);
    inspection_requests.push_back(*req);
    if (!inspection_status.ok()) return inspection_status;
    *resp = report_fixtures::Seed001Answer(req->scope());
    *resp->mutable_period() = req->period();
    if (req->breakdown_by_children()) {
      *resp->add_children() = report_fixtures::InspectionAnswer(
          "organizations/7", {{"committee.thematic_inspection.members", {700, 702}}});
    }
    return grpc::Status::OK;
  }

  grpc::Status GetMembershipStatistics(grpc::ServerContext*,
                                       const rv1::GetMembershipStatisticsRequest* req,
                                       rv1::Statistics* resp) override {
    absl::MutexLock lock(&mu);
    membership_requests.push_back(*req);
    if (!membership_status.ok()) return membership_status;
    *resp = report_fixtures::MembershipAnswer(req->scope());
    return grpc::Status::OK;
  }

  absl::Mutex mu;
  grpc::Status inspection_status = grpc::Status::OK;
  grpc::Status membership_status = grpc::Status::OK;
  std::vector<rv1::GetInspectionStatisticsRequest> inspection_requests;
  std::vector<rv1::GetMembershipStatisticsRequest> membership_requests;
};

class FakeMembership final : public mv1::MembershipService::Service {
 public:
  grpc::Status BatchGetOrganizations(grpc::ServerContext*,
                                     const mv1::BatchGetOrganizationsRequest* req,
                                     mv1::BatchGetOrganizationsResponse* resp) override {
    absl::MutexLock lock(&mu);
    for (const std::string& name : req->names()) {
      requested.push_back(name);
      mv1::Organization* o = resp->add_organizations();
      o->set_name(name);
      o->set_display_name(name == "organizations/1" ? "Đảng bộ Khối Doanh nghiệp Trung ương"
                                                    : "Đảng bộ Tập đoàn Điện lực Việt Nam");
    }
    return grpc::Status::OK;
  }

  absl::Mutex mu;
  std::vector<std::string> requested;
};

struct Result {
  int code;
  std::string out;
  std::string err;
};

class ReportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&reporting_);
    builder.RegisterService(&membership_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = absl::StrCat(::testing::TempDir(), "/report_command_", info->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { server_->Shutdown(); }

  // With the fake services' addresses unless `addresses` is false.
  Result Run(std::vector<std::string> args, bool addresses = true) {
    const std::string address = absl::StrCat("127.0.0.1:", port_);
    if (addresses) {
      args.push_back("--reporting=" + address);
      args.push_back("--membership=" + address);
    }
    RunEnvironment run;
    run.environment = [](absl::string_view) -> std::optional<std::string> { return std::nullopt; };
    std::ostringstream out, err;
    const int code = RunDangboctl(args, out, err, run);
    return {code, out.str(), err.str()};
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
  }

  size_t Calls() {
    absl::MutexLock lock(&reporting_.mu);
    return reporting_.inspection_requests.size() + reporting_.membership_requests.size();
  }

  FakeReporting reporting_;
  FakeMembership membership_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::string directory_;
};

TEST_F(ReportCommandTest, Markdown_GoesToStdoutWithTheHeadlineAndTheScopesName) {
  Result r = Run({"report", "--scope", "1", "--period", "2022"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("# Báo cáo công tác kiểm tra, giám sát và thi hành kỷ luật đảng — "
                               "năm 2022\n"));
  EXPECT_THAT(r.out, HasSubstr("**Đảng bộ Khối Doanh nghiệp Trung ương** (organizations/1)"));
  EXPECT_THAT(r.out, HasSubstr("Cấp ủy các cấp đã tiến hành kiểm tra 1.126 tổ chức Đảng, 7.124 "
                               "đảng viên;"));
  EXPECT_THAT(r.out, HasSubstr("## 4. Đảng viên và tổ chức đảng"));
  EXPECT_EQ(r.err, "");
}

TEST_F(ReportCommandTest, RequestsCarryTheScopePeriodAndBreakdown) {
  Result r = Run({"report", "--scope=organizations/1", "--period=quarter:2024-2", "--breakdown"});
  ASSERT_EQ(r.code, 0) << r.err;
  absl::MutexLock lock(&reporting_.mu);
  ASSERT_EQ(reporting_.inspection_requests.size(), 1u);
  const rv1::GetInspectionStatisticsRequest& inspection = reporting_.inspection_requests[0];
  EXPECT_EQ(inspection.scope(), "organizations/1");
  EXPECT_EQ(inspection.period().kind(), rv1::Period::KIND_QUARTER);
  EXPECT_EQ(inspection.period().year(), 2024);
  EXPECT_EQ(inspection.period().number(), 2);
  EXPECT_TRUE(inspection.breakdown_by_children());
  ASSERT_EQ(reporting_.membership_requests.size(), 1u);
  EXPECT_EQ(reporting_.membership_requests[0].period().number(), 2);
  EXPECT_THAT(r.out, HasSubstr("| Đảng bộ Tập đoàn Điện lực Việt Nam | "));
}

TEST_F(ReportCommandTest, NamesOfTheScopeAndChildren_AreAskedOnce) {
  Result r = Run({"report", "--scope=1", "--period=2022", "--breakdown"});
  ASSERT_EQ(r.code, 0) << r.err;
  absl::MutexLock lock(&membership_.mu);
  EXPECT_THAT(membership_.requested, ::testing::ElementsAre("organizations/1", "organizations/7"));
}

TEST_F(ReportCommandTest, OutputFile_IsWrittenAndStdoutStaysEmpty) {
  const std::string path = directory_ + "/2022.csv";
  Result r = Run({"report", "--scope=1", "--period=2022", "--format=csv", "--output", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string csv = Read(path);
  EXPECT_THAT(csv, ::testing::StartsWith("section,key,label,distinct,occurrences\n"));
  EXPECT_THAT(csv, HasSubstr("committee,committee.thematic_inspection.organizations,"));
  EXPECT_THAT(csv, HasSubstr("membership,members.total,"));
}

TEST_F(ReportCommandTest, Json_IsOneObjectWithBothAnswers) {
  Result r = Run({"report", "--scope=1", "--period=2022", "--format=json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::StartsWith("{\"scope\":\"organizations/1\""));
  EXPECT_THAT(r.out, HasSubstr("\"membership\":{\"scope\":\"organizations/1\""));
}

TEST_F(ReportCommandTest, MembershipUnimplemented_FailsAndSaysHowToLeaveItOut) {
  reporting_.membership_status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
  const std::string path = directory_ + "/2022.md";
  Result r = Run({"report", "--scope=1", "--period=2022", "--output=" + path});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("UNIMPLEMENTED"));
  EXPECT_THAT(r.err, HasSubstr("--sections=inspection"));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(ReportCommandTest, InspectionSectionAlone_DoesNotAskForMembership) {
  reporting_.membership_status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
  Result r = Run({"report", "--scope=1", "--period=2022", "--sections=inspection"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("Đảng viên và tổ chức đảng")));
  absl::MutexLock lock(&reporting_.mu);
  EXPECT_TRUE(reporting_.membership_requests.empty());
}

TEST_F(ReportCommandTest, RpcFailure_ExitsOnePrintingTheStatusAndWritesNothing) {
  reporting_.inspection_status =
      grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "scope: organizations/1 is not yours");
  const std::string path = directory_ + "/2022.md";
  Result r = Run({"report", "--scope=1", "--period=2022", "--output=" + path});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("PERMISSION_DENIED"));
  EXPECT_THAT(r.err, HasSubstr("organizations/1 is not yours"));
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(directory_));
}

TEST_F(ReportCommandTest, BadPeriod_ExitsTwoNamingTheOptionBeforeAnyCall) {
  Result r = Run({"report", "--scope=1", "--period=quarter:2024-5"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--period=quarter:2024-5"));
  EXPECT_THAT(r.err, HasSubstr("see dangboctl help report\n"));
  EXPECT_EQ(Calls(), 0u);
}

TEST_F(ReportCommandTest, MissingScopeOrPeriod_IsAUsageError) {
  EXPECT_EQ(Run({"report", "--period=2022"}).code, 2);
  Result r = Run({"report", "--scope=1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--period is required"));
  EXPECT_EQ(Calls(), 0u);
}

TEST_F(ReportCommandTest, UnknownFormatOrSection_IsAUsageError) {
  EXPECT_EQ(Run({"report", "--scope=1", "--period=2022", "--format=table"}).code, 2);
  EXPECT_EQ(Run({"report", "--scope=1", "--period=2022", "--sections=ratings"}).code, 2);
  EXPECT_EQ(Calls(), 0u);
}

TEST_F(ReportCommandTest, AStrayWordAfterReport_IsAUsageError) {
  Result r = Run({"report", "inspection", "--scope=1", "--period=2022"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("1 arguments given; expected no arguments"));
}

TEST_F(ReportCommandTest, Help_ShowsTheOneWordUsageAndThePeriodForms) {
  Result r = Run({"help", "report"});
  ASSERT_EQ(r.code, 0);
  EXPECT_THAT(r.out, ::testing::StartsWith("usage: dangboctl report [options]\n"));
  EXPECT_THAT(r.out, HasSubstr("range:2024-01-01..2024-03-15"));
  EXPECT_THAT(r.out, HasSubstr("--output=FILE"));
  Result general = Run({"help"});
  EXPECT_THAT(general.out, HasSubstr("\n  report "));
  EXPECT_EQ(Run({"report", "--help"}).out, r.out);
}

TEST_F(ReportCommandTest, GlobalOutputFormatOfOtherCommands_IsUnchanged) {
  // --output still means a format to every other command.
  Result r = Run({"organizations", "get", "1", "--output=yaml"}, false);
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("yaml"));
}

}  // namespace
}  // namespace dangbo::ctl
