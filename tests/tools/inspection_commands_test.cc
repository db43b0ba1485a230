// The inspection commands run in-process against a small in-process InspectionService that
// records what it was sent: what reaches the wire (subjects from CSV files, outcomes, etags,
// notices) and what is refused on this side before anything is sent.
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "dangbo/inspection/v1/inspection_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tools/dangboctl/client_options.h"
#include "tools/dangboctl/dangboctl.h"

namespace dangbo::ctl {
namespace {

namespace iv1 = ::dangbo::inspection::v1;
using ::testing::HasSubstr;
using ::testing::Not;

class RecordingInspection final : public iv1::InspectionService::Service {
 public:
  grpc::Status CreateInspection(grpc::ServerContext*, const iv1::CreateInspectionRequest* req,
                                iv1::Inspection* resp) override {
    absl::MutexLock lock(&mu);
    ++calls;
    last_create = *req;
    *resp = req->inspection();
    resp->set_name("inspections/7");
    resp->set_stage(iv1::INSPECTION_STAGE_DECIDED);
    return grpc::Status::OK;
  }
  grpc::Status GetInspection(grpc::ServerContext*, const iv1::GetInspectionRequest* req,
                             iv1::Inspection* resp) override {
    absl::MutexLock lock(&mu);
    ++calls;
    if (req->name() != "inspections/7") return {grpc::StatusCode::NOT_FOUND, "no such inspection"};
    resp->set_name(req->name());
    resp->set_etag("etag-7");
    resp->set_stage(iv1::INSPECTION_STAGE_REPORTED);
    return grpc::Status::OK;
  }
  grpc::Status RecordSubjectOutcomes(grpc::ServerContext*,
                                     const iv1::RecordSubjectOutcomesRequest* req,
                                     iv1::Inspection* resp) override {
    absl::MutexLock lock(&mu);
    ++calls;
    last_outcomes = *req;
    resp->set_name(req->inspection());
    return grpc::Status::OK;
  }
  grpc::Status IssueConclusionNotice(grpc::ServerContext*,
                                     const iv1::IssueConclusionNoticeRequest* req,
                                     iv1::ConclusionNotice* resp) override {
    absl::MutexLock lock(&mu);
    ++calls;
    last_issue = *req;
    *resp = req->notice();
    resp->set_name(absl::StrCat(req->inspection(), "/conclusionNotices/1"));
    resp->set_revision(1);
    return grpc::Status::OK;
  }

  absl::Mutex mu;
  int calls = 0;
  iv1::CreateInspectionRequest last_create;
  iv1::RecordSubjectOutcomesRequest last_outcomes;
  iv1::IssueConclusionNoticeRequest last_issue;
};

struct Result {
  int code;
  std::string out;
  std::string err;
};

class InspectionCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(); }

  Result Run(std::vector<std::string> args) {
    args.insert(args.begin(), absl::StrCat("--inspection=127.0.0.1:", port_));
    RunEnvironment run;
    run.environment = [](absl::string_view) -> std::optional<std::string> { return std::nullopt; };
    std::ostringstream out, err;
    const int code = RunDangboctl(args, out, err, run);
    return {code, out.str(), err.str()};
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  int Calls() {
    absl::MutexLock lock(&service_.mu);
    return service_.calls;
  }

  RecordingInspection service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(InspectionCommandsTest, CreateWithSubjectsCsv_SendsEverySubjectAndTheDecision) {
  const std::string csv =
      WriteFile("subjects.csv", "subject,committee_member\norganizations/5,\nmembers/12,yes\n");
  Result r = Run({"inspections", "create", "--type=violation_signs_inspection",
                  "--conducting_body=inspection_committee", "--conducting_organization=2",
                  "--conducting_level=district", "--content=Dấu hiệu vi phạm, đảng phí",
                  "--period_start=2024-01-01", "--period_end=2024-12-31",
                  "--planned_duration_working_days=30", "--decision_number=12-QĐ/UBKT",
                  "--decision_date=2025-02-03", "--team=3|Trần Thị Bình|leader",
                  "--subject=members/40", "--subjects-csv", csv, "--request_id=req-1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("inspections/7"));
  absl::MutexLock lock(&service_.mu);
  const iv1::CreateInspectionRequest& req = service_.last_create;
  EXPECT_EQ(req.request_id(), "req-1");
  const iv1::Inspection& i = req.inspection();
  EXPECT_EQ(i.type(), iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION);
  EXPECT_EQ(i.conducting_body(), iv1::CONDUCTING_BODY_INSPECTION_COMMITTEE);
  EXPECT_EQ(i.conducting_organization(), "organizations/2");
  EXPECT_EQ(i.conducting_level(), iv1::LEVEL_DISTRICT);
  EXPECT_EQ(i.content(), "Dấu hiệu vi phạm, đảng phí");
  EXPECT_EQ(i.planned_duration_working_days(), 30);
  EXPECT_EQ(i.decision().number(), "12-QĐ/UBKT");
  ASSERT_EQ(i.team_members_size(), 1);
  EXPECT_EQ(i.team_members(0).member(), "members/3");
  EXPECT_EQ(i.team_members(0).role(), iv1::TEAM_ROLE_LEADER);
  ASSERT_EQ(i.subjects_size(), 3);
  EXPECT_EQ(i.subjects(0).subject(), "members/40");
  EXPECT_EQ(i.subjects(1).subject(), "organizations/5");
  EXPECT_FALSE(i.subjects(1).committee_member());
  EXPECT_EQ(i.subjects(2).subject(), "members/12");
  EXPECT_TRUE(i.subjects(2).committee_member());
}

TEST_F(InspectionCommandsTest, CreateWithABadCsvRow_SendsNothingAndExitsThree) {
  const std::string csv = WriteFile("bad_subjects.csv", "organizations/5\n12\n");
  Result r = Run({"inspections", "create", "--type=thematic_inspection",
                  "--conducting_organization=2", "--subjects-csv=" + csv});
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("row 2, subject"));
  EXPECT_EQ(Calls(), 0);
}

TEST_F(InspectionCommandsTest, CreateWithoutType_IsAUsageErrorBeforeAnyCall) {
  Result r = Run({"inspections", "create", "--conducting_organization=2"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--type"));
  EXPECT_EQ(Calls(), 0);
}

TEST_F(InspectionCommandsTest, CreateWithAnAmbiguousSubject_IsAUsageError) {
  Result r = Run({"inspections", "create", "--type=thematic_inspection",
                  "--conducting_organization=2", "--subject=5"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("organizations/ID or members/ID"));
  EXPECT_EQ(Calls(), 0);
}

TEST_F(InspectionCommandsTest, OutcomesFromCsv_AreSentWithTheCurrentEtag) {
  const std::string csv =
      WriteFile("outcomes.csv", "members/12,good\norganizations/5,shortcomings\n");
  Result r = Run({"inspections", "outcomes", "7", csv, "--outcome=members/13=violation"});
  ASSERT_EQ(r.code, 0) << r.err;
  absl::MutexLock lock(&service_.mu);
  const iv1::RecordSubjectOutcomesRequest& req = service_.last_outcomes;
  EXPECT_EQ(req.inspection(), "inspections/7");
  EXPECT_EQ(req.etag(), "etag-7");
  EXPECT_FALSE(req.request_id().empty());
  ASSERT_EQ(req.outcomes_size(), 3);
  EXPECT_EQ(req.outcomes(1).subject(), "organizations/5");
  EXPECT_EQ(req.outcomes(1).outcome(), iv1::SUBJECT_OUTCOME_SHORTCOMINGS);
  EXPECT_EQ(req.outcomes(2).outcome(), iv1::SUBJECT_OUTCOME_VIOLATION);
}

TEST_F(InspectionCommandsTest, OutcomesWithAGivenEtag_SkipTheRead) {
  Result r = Run({"inspections", "outcomes", "7", "--outcome=members/1=good", "--etag=mine"});
  ASSERT_EQ(r.code, 0) << r.err;
  absl::MutexLock lock(&service_.mu);
  EXPECT_EQ(service_.last_outcomes.etag(), "mine");
  EXPECT_EQ(service_.calls, 1);
}

TEST_F(InspectionCommandsTest, OutcomesWithABadRow_SendNothing) {
  const std::string csv = WriteFile("bad_outcomes.csv", "members/12,great\n");
  Result r = Run({"inspections", "outcomes", "7", csv});
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("row 1, outcome"));
  EXPECT_EQ(Calls(), 0);
}

TEST_F(InspectionCommandsTest, OutcomesOfAnUnknownInspection_IsAnRpcError) {
  Result r = Run({"inspections", "outcomes", "8", "--outcome=members/1=good"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("NOT_FOUND"));
}

TEST_F(InspectionCommandsTest, CancelWithoutReason_IsAUsageError) {
  Result r = Run({"inspections", "advance", "7", "--stage=cancelled", "--date=2025-01-02"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(Calls(), 0);
}

TEST_F(InspectionCommandsTest, IssueNotice_KeepsSentencesWithCommasAndTasksInOrder) {
  Result r = Run({"notices", "issue", "7", "--number=15-TB/ĐUK", "--issued_date=2025-03-01",
                  "--strength=Lãnh đạo tốt, đoàn kết", "--shortcoming=Chậm nộp đảng phí",
                  "--task=Khắc phục, báo cáo|Chi bộ 3|2025-06-30",
                  "--task=Kiểm điểm|Đồng chí A|2025-04-30", "--distribution=Như trên"});
  ASSERT_EQ(r.code, 0) << r.err;
  absl::MutexLock lock(&service_.mu);
  const iv1::IssueConclusionNoticeRequest& req = service_.last_issue;
  EXPECT_EQ(req.etag(), "etag-7");
  ASSERT_EQ(req.notice().strengths_size(), 1);
  EXPECT_EQ(req.notice().strengths(0), "Lãnh đạo tốt, đoàn kết");
  ASSERT_EQ(req.notice().required_tasks_size(), 2);
  EXPECT_EQ(req.notice().required_tasks(0).text(), "Khắc phục, báo cáo");
  EXPECT_EQ(req.notice().required_tasks(1).assignee(), "Đồng chí A");
}

TEST_F(InspectionCommandsTest, IssueNoticeWithABadTask_IsAUsageError) {
  Result r = Run({"notices", "issue", "7", "--task=Khắc phục|Chi bộ 3"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(Calls(), 0);
}

TEST_F(InspectionCommandsTest, ResolveReducedWithoutNewForm_IsAUsageError) {
  Result r = Run({"appeals", "resolve", "disciplinaryDecisions/3/appeals/1", "--outcome=reduced",
                  "--date=2025-05-05"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--new_form"));
  r = Run({"appeals", "resolve", "3", "1", "--outcome=upheld", "--date=2025-05-05",
           "--new_form=warning"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(Calls(), 0);
}

TEST_F(InspectionCommandsTest, DecisionWithBadViolationDate_IsAUsageError) {
  Result r = Run({"decisions", "create", "--subject=members/4", "--form=reprimand",
                  "--violation_date=2024-13-01"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--violation_date"));
}

TEST_F(InspectionCommandsTest, ChangesOfAnUnknownService_IsAUsageError) {
  Result r = Run({"changes", "list", "--service=reporting"});
  EXPECT_EQ(r.code, 2);
}

TEST_F(InspectionCommandsTest, Help_ListsTheInspectionGroups) {
  Result r = Run({"help"});
  ASSERT_EQ(r.code, 0);
  for (const char* group :
       {"programmes create", "inspections outcomes", "notices issue", "decisions create",
        "appeals resolve", "rules update", "overdue list"}) {
    EXPECT_THAT(r.out, HasSubstr(group));
  }
  EXPECT_THAT(r.out, HasSubstr("--inspection"));
}

TEST(InspectionAddressTest, OwnFlagThenTargetThenEnvironmentThenDefault) {
  auto resolve = [](std::vector<std::string> args,
                    std::map<std::string, std::string> env) -> std::string {
    std::vector<OptionSpec> specs = GlobalOptionSpecs();
    auto parsed = ParseArgs(args, specs);
    EXPECT_TRUE(parsed.ok());
    auto options = ResolveClientOptions(*parsed, [env](absl::string_view name) {
      auto it = env.find(std::string(name));
      return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    EXPECT_TRUE(options.ok());
    return options->inspection_target;
  };
  EXPECT_EQ(resolve({}, {}), "127.0.0.1:50052");
  EXPECT_EQ(resolve({}, {{"DANGBO_TARGET", "h:1"}}), "h:1");
  EXPECT_EQ(resolve({}, {{"DANGBO_TARGET", "h:1"}, {"DANGBO_INSPECTION", "h:2"}}), "h:2");
  EXPECT_EQ(resolve({"--target=h:3"}, {{"DANGBO_INSPECTION", "h:2"}}), "h:3");
  EXPECT_EQ(resolve({"--target=h:3", "--inspection=h:4"}, {}), "h:4");
  EXPECT_EQ(resolve({"--membership=h:5"}, {}), "127.0.0.1:50052");
}

}  // namespace
}  // namespace dangbo::ctl
