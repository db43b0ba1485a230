// The schema as a Kubernetes Job prepares it: `--migrate_only` applies the migrations and exits,
// and replicas started with `--migrate_on_start=false` wait for that schema instead of
// migrating themselves (deploy/ runs them this way).
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class SchemaJobE2E : public MembershipE2E {
 protected:
  // The suite's flags on a schema of the test's own, which nothing has migrated yet.
  static std::vector<std::string> OnJobSchema(std::vector<std::string> extra) {
    std::vector<std::string> args = {"--db_schema=membership_job", "--db_user=membership_job"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
};

TEST_F(SchemaJobE2E, MigrateOnly_PreparesTheSchemaThatReplicasWaitFor) {
  // The suite's password file holds this password.
  ASSERT_TRUE(
      Database().CreateSchemaWithUser("membership_job", "membership_job", "membership-pw").ok());

  // Before the Job, a replica that does not migrate waits for the schema and then gives up.
  std::unique_ptr<dangbo::testing::ServiceProcess> early =
      NewReplica(OnJobSchema({"--migrate_on_start=false", "--schema_wait=1s"}));
  absl::StatusOr<int> early_exit = early->RunToExit({}, absl::Seconds(30));
  ASSERT_TRUE(early_exit.ok()) << early_exit.status();
  EXPECT_NE(*early_exit, 0) << early->LogTail();

  std::unique_ptr<dangbo::testing::ServiceProcess> job = NewReplica(OnJobSchema({}));
  absl::StatusOr<int> job_exit = job->RunToExit({"--migrate_only"}, absl::Seconds(60));
  ASSERT_TRUE(job_exit.ok()) << job_exit.status();
  EXPECT_EQ(*job_exit, 0) << job->LogTail();
  // Run again (a retried Job), it finds nothing to do and succeeds.
  job_exit = job->RunToExit({"--migrate_only"}, absl::Seconds(60));
  ASSERT_TRUE(job_exit.ok()) << job_exit.status();
  EXPECT_EQ(*job_exit, 0) << job->LogTail();

  std::unique_ptr<dangbo::testing::ServiceProcess> replica =
      NewReplica(OnJobSchema({"--migrate_on_start=false", "--schema_wait=5s"}));
  absl::Status started = replica->Start();
  ASSERT_TRUE(started.ok()) << started << replica->LogTail();
  std::unique_ptr<v1::MembershipService::Stub> stub =
      v1::MembershipService::NewStub(replica->channel());
  v1::ListOrganizationsRequest req;
  v1::ListOrganizationsResponse resp;
  grpc::Status st = stub->ListOrganizations(AdminContext().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.organizations_size(), 0);  // A schema of its own: the suite's tree is not here.
}

}  // namespace
}  // namespace dangbo::membership::testing
