// End-to-end fixture: a private MariaDB, the real dangbo-membership and dangbo-inspection
// binaries (inspection calling membership with its own service token), called over gRPC with
// tokens signed by a key made for the test run.
#ifndef DANGBO_TESTS_INSPECTION_E2E_INSPECTION_FIXTURE_H_
#define DANGBO_TESTS_INSPECTION_E2E_INSPECTION_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dangbo/inspection/v1/inspection_service.grpc.pb.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/private_mariadb.h"
#include "tests/support/service_process.h"

namespace dangbo::inspection::testing {

namespace v1 = ::dangbo::inspection::v1;
namespace mv1 = ::dangbo::membership::v1;

class InspectionE2E : public ::testing::Test {
 public:
  static void SetUpTestSuite();
  static void TearDownTestSuite() {}

  // A token for a caller with these roles and organization-id scopes; no scopes = whole tree.
  static std::string Token(const std::vector<std::string>& roles,
                           const std::vector<int64_t>& scopes = {},
                           const std::string& subject = "tester");
  static std::string AdminToken();
  // An inspector (kiểm tra viên) whose scope is the whole bloc.
  static std::string InspectorToken();

  // A client context carrying `token` and a 20 s deadline.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token);
  static std::unique_ptr<grpc::ClientContext> AdminContext() { return Context(AdminToken()); }
  static std::unique_ptr<grpc::ClientContext> InspectorContext() {
    return Context(InspectorToken());
  }

  static v1::InspectionService::Stub& Inspection();
  static mv1::MembershipService::Stub& Membership();
  static dangbo::testing::PrivateMariaDb& Database();
  static dangbo::testing::ServiceProcess& MembershipService();
  static dangbo::testing::ServiceProcess& InspectionService();
  // Stops the inspection service (SIGTERM) and starts it again with these flags added, on a new
  // port; Inspection() then calls the new process.
  static void RestartInspectionWith(const std::vector<std::string>& extra_flags);

  // The address and the service token file, for tools that call the services.
  static std::string InspectionTarget();
  static std::string MembershipTarget();
  static std::string AdminTokenFile();
  // The run's folder (logs, key files) and the flags every service binary of the run takes
  // (database `schema` with its own user, JWT verification), for fixtures that add a service.
  static std::string TestDirectory();
  static std::vector<std::string> ServiceFlags(const std::string& schema);

  // A fresh request id, unique within the run.
  static std::string RequestId();

  // Membership records every test builds on; created through membership's API.
  static const mv1::Organization& Bloc();  // the bloc committee, root of the tree
  static mv1::Organization CreateOrganization(const std::string& parent, mv1::OrganizationKind kind,
                                              const std::string& display_name);
  static mv1::Member CreateFullMember(const std::string& organization, const std::string& full_name,
                                      const std::string& position = "");
  static mv1::Member CreateProbationaryMember(const std::string& organization,
                                              const std::string& full_name);
  static int64_t IdOf(const std::string& name);

  // An inspection by the bloc, DECIDED 30 days ago, of `subjects`: by default a thematic
  // inspection by the standing committee (other types: by the inspection committee).
  static v1::Inspection DecidedInspection(
      const std::vector<std::string>& subjects,
      v1::InspectionType type = v1::INSPECTION_TYPE_THEMATIC_INSPECTION,
      v1::ConductingBody body = v1::CONDUCTING_BODY_UNSPECIFIED);
  // The same with each subject's committee-member flag given.
  static v1::Inspection DecidedInspection(const std::vector<v1::InspectionSubject>& subjects,
                                          v1::InspectionType type, v1::ConductingBody body);
  // Moves `in` to `stage`; with `status`, reports the outcome there instead of expecting OK.
  static v1::Inspection Advance(const v1::Inspection& in, v1::InspectionStage stage,
                                grpc::Status* status = nullptr);
  // Records an outcome per subject.
  static v1::Inspection Outcomes(const v1::Inspection& in,
                                 const std::vector<std::pair<std::string, v1::SubjectOutcome>>& o);
};

google::type::Date MakeDate(int year, int month, int day);
// Today in Vietnam, and days around it.
google::type::Date Today();
google::type::Date DaysFromToday(int days);

}  // namespace dangbo::inspection::testing

#endif  // DANGBO_TESTS_INSPECTION_E2E_INSPECTION_FIXTURE_H_
