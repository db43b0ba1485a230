// End-to-end fixture: a private MariaDB and the real dangbo-membership binary, called over
// gRPC with tokens signed by a key made for the test run.
#ifndef DANGBO_TESTS_MEMBERSHIP_E2E_MEMBERSHIP_FIXTURE_H_
#define DANGBO_TESTS_MEMBERSHIP_E2E_MEMBERSHIP_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/private_mariadb.h"
#include "tests/support/service_process.h"

namespace dangbo::membership::testing {

namespace v1 = ::dangbo::membership::v1;

class MembershipE2E : public ::testing::Test {
 public:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // A token for a caller with these roles and organization-id scopes; no scopes = whole tree.
  static std::string Token(const std::vector<std::string>& roles,
                           const std::vector<int64_t>& scopes = {},
                           const std::string& subject = "tester");
  static std::string AdminToken();

  // A client context carrying `token` and a 10 s deadline.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token);
  static std::unique_ptr<grpc::ClientContext> AdminContext() { return Context(AdminToken()); }

  static v1::MembershipService::Stub& Stub();
  static dangbo::testing::PrivateMariaDb& Database();
  static dangbo::testing::ServiceProcess& Service();
  // Another dangbo-membership on the same database, as a second replica would run, with the
  // suite's flags and then `extra_args`; not started yet.
  static std::unique_ptr<dangbo::testing::ServiceProcess> NewReplica(
      const std::vector<std::string>& extra_args);

  // A fresh request id, unique within the run.
  static std::string RequestId();

  // Helpers that create through the API and fail the test on error.
  static v1::Organization CreateOrganization(const std::string& parent, v1::OrganizationKind kind,
                                             const std::string& display_name);
  static v1::Member CreateApplicant(const std::string& organization, const std::string& full_name);
  static v1::Member CreateFullMember(const std::string& organization, const std::string& full_name,
                                     int admitted_year);
  // The root bloc committee every test builds under.
  static const v1::Organization& Root();
  static int64_t IdOf(const std::string& name);
};

google::type::Date MakeDate(int year, int month, int day);

}  // namespace dangbo::membership::testing

#endif  // DANGBO_TESTS_MEMBERSHIP_E2E_MEMBERSHIP_FIXTURE_H_
