// End-to-end fixture of the reporting service: the inspection fixture's private MariaDB,
// membership and inspection, plus the real dangbo-reporting binary following both feeds with
// its own service token and database user.
#ifndef DANGBO_TESTS_REPORTING_E2E_REPORTING_FIXTURE_H_
#define DANGBO_TESTS_REPORTING_E2E_REPORTING_FIXTURE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dangbo/reporting/v1/reporting_service.grpc.pb.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::reporting::testing {

namespace iv1 = ::dangbo::inspection::v1;
namespace mv1 = ::dangbo::membership::v1;
namespace rv1 = ::dangbo::reporting::v1;

class ReportingE2E : public inspection::testing::InspectionE2E {
 public:
  static void SetUpTestSuite();

  static rv1::ReportingService::Stub& Reporting();
  static dangbo::testing::ServiceProcess& ReportingService();
  // Stops the reporting service (SIGTERM) and starts it again with these flags added.
  static void RestartReportingWith(const std::vector<std::string>& extra_flags);
  // Starts it again after a crash (the process is already gone), with the usual flags.
  static void StartReportingAgain();

  // Waits until the reporting service has applied every change the two sources had committed
  // when this was called.
  static void WaitCaughtUp();

  // A reporter (báo cáo viên) whose scope is these organizations.
  static std::string ReporterToken(const std::vector<int64_t>& scopes);

  // The days from `days_ago` days ago to today, as a KIND_RANGE period.
  static rv1::Period LastDays(int days_ago);

  static rv1::Statistics InspectionStatistics(const std::string& scope, const rv1::Period& period,
                                              bool breakdown = false);
};

// The figure `key` of `statistics`; fails the test when it is missing.
const rv1::Figure& FigureOf(const rv1::Statistics& statistics, const std::string& key);

}  // namespace dangbo::reporting::testing

#endif  // DANGBO_TESTS_REPORTING_E2E_REPORTING_FIXTURE_H_
