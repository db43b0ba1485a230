#include "tests/reporting/e2e/reporting_fixture.h"

#include <fstream>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace dangbo::reporting::testing {
namespace {

struct ReportingSuite {
  std::unique_ptr<dangbo::testing::ServiceProcess> process;
  std::unique_ptr<rv1::ReportingService::Stub> stub;
  std::vector<std::string> flags;
};

ReportingSuite* reporting = nullptr;

void StartWith(std::vector<std::string> flags) {
  reporting->stub.reset();
  reporting->process = std::make_unique<dangbo::testing::ServiceProcess>(
      DANGBO_REPORTING_BINARY, std::move(flags), ReportingE2E::TestDirectory());
  absl::Status started = reporting->process->Start();
  ASSERT_TRUE(started.ok()) << started << "\n" << reporting->process->LogTail();
  reporting->stub = rv1::ReportingService::NewStub(reporting->process->channel());
}

// Stops the reporting service once, after the last suite of the binary.
class ReportingTeardown : public ::testing::Environment {
 public:
  void TearDown() override {
    delete reporting;
    reporting = nullptr;
  }
};
const ::testing::Environment* const kReportingTeardown =
    ::testing::AddGlobalTestEnvironment(new ReportingTeardown);

}  // namespace

void ReportingE2E::SetUpTestSuite() {
  InspectionE2E::SetUpTestSuite();
  if (reporting != nullptr) return;
  reporting = new ReportingSuite;
  ASSERT_TRUE(Database().CreateSchemaWithUser("reporting", "reporting", "reporting-pw").ok());
  const std::string token_file = TestDirectory() + "/reporting.token";
  {
    std::ofstream out(token_file);
    out << Token({"service"}, {}, "dangbo-reporting");
  }
  reporting->flags = ServiceFlags("reporting");
  reporting->flags.push_back(absl::StrCat("--membership_address=", MembershipTarget()));
  reporting->flags.push_back(absl::StrCat("--membership_token_file=", token_file));
  reporting->flags.push_back(absl::StrCat("--inspection_address=", InspectionTarget()));
  reporting->flags.push_back(absl::StrCat("--inspection_token_file=", token_file));
  reporting->flags.push_back("--feed_poll_interval=50ms");
  StartWith(reporting->flags);
}

rv1::ReportingService::Stub& ReportingE2E::Reporting() { return *reporting->stub; }
dangbo::testing::ServiceProcess& ReportingE2E::ReportingService() { return *reporting->process; }

void ReportingE2E::RestartReportingWith(const std::vector<std::string>& extra_flags) {
  absl::StatusOr<int> stopped = reporting->process->Terminate();
  ASSERT_TRUE(stopped.ok() || absl::IsFailedPrecondition(stopped.status())) << stopped.status();
  std::vector<std::string> flags = reporting->flags;
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  StartWith(flags);
}

void ReportingE2E::StartReportingAgain() { StartWith(reporting->flags); }

void ReportingE2E::WaitCaughtUp() {
  mv1::ListChangesRequest membership_request;
  membership_request.set_page_size(1);
  mv1::ListChangesResponse membership_head;
  grpc::Status st =
      Membership().ListChanges(AdminContext().get(), membership_request, &membership_head);
  ASSERT_TRUE(st.ok()) << st.error_message();
  iv1::ListChangesRequest inspection_request;
  inspection_request.set_page_size(1);
  iv1::ListChangesResponse inspection_head;
  st = Inspection().ListChanges(AdminContext().get(), inspection_request, &inspection_head);
  ASSERT_TRUE(st.ok()) << st.error_message();

  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  rv1::Freshness freshness;
  while (absl::Now() < deadline) {
    st = Reporting().GetFreshness(AdminContext().get(), rv1::GetFreshnessRequest(), &freshness);
    if (st.ok() && freshness.membership_sequence() >= membership_head.head_sequence() &&
        freshness.inspection_sequence() >= inspection_head.head_sequence()) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL() << "reporting did not catch up: " << freshness.ShortDebugString() << " heads "
         << membership_head.head_sequence() << "/" << inspection_head.head_sequence() << "\n"
         << reporting->process->LogTail();
}

std::string ReportingE2E::ReporterToken(const std::vector<int64_t>& scopes) {
  return Token({"reporter"}, scopes, "reporter");
}

rv1::Period ReportingE2E::LastDays(int days_ago) {
  rv1::Period period;
  period.set_kind(rv1::Period::KIND_RANGE);
  *period.mutable_start_date() = inspection::testing::DaysFromToday(-days_ago);
  *period.mutable_end_date() = inspection::testing::Today();
  return period;
}

rv1::Statistics ReportingE2E::InspectionStatistics(const std::string& scope,
                                                   const rv1::Period& period, bool breakdown) {
  rv1::GetInspectionStatisticsRequest req;
  req.set_scope(scope);
  *req.mutable_period() = period;
  req.set_breakdown_by_children(breakdown);
  rv1::Statistics out;
  grpc::Status st = Reporting().GetInspectionStatistics(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

const rv1::Figure& FigureOf(const rv1::Statistics& statistics, const std::string& key) {
  for (const rv1::Figure& f : statistics.figures()) {
    if (f.key() == key) return f;
  }
  ADD_FAILURE() << "no figure " << key;
  static const rv1::Figure kMissing;
  return kMissing;
}

}  // namespace dangbo::reporting::testing
