#include "tests/membership/e2e/membership_fixture.h"

#include <atomic>
#include <cstdlib>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/auth/authenticator.h"
#include "common/auth/token_minter.h"
#include "tests/support/test_keys.h"

namespace dangbo::membership::testing {
namespace {

constexpr char kIssuer[] = "dangbo-test";
constexpr char kAudience[] = "dangbo";

struct Suite {
  std::unique_ptr<dangbo::testing::PrivateMariaDb> db;
  std::unique_ptr<dangbo::testing::ServiceProcess> service;
  std::vector<std::string> service_args;
  std::unique_ptr<v1::MembershipService::Stub> stub;
  auth::testing::KeyPair keys;
  std::string dir;
  v1::Organization root;
};

Suite* suite = nullptr;
std::atomic<int> request_counter{0};

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

google::type::Date MakeDate(int year, int month, int day) {
  google::type::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

void MembershipE2E::SetUpTestSuite() {
  if (suite != nullptr) return;
  suite = new Suite;
  char dir_template[] = "/tmp/dangbo-e2e-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  suite->dir = dir_template;

  auto db = dangbo::testing::PrivateMariaDb::Launch();
  ASSERT_TRUE(db.ok()) << db.status();
  suite->db = *std::move(db);
  ASSERT_TRUE(suite->db->CreateSchemaWithUser("membership", "membership", "membership-pw").ok());

  suite->keys = auth::testing::GenerateKeyPair(auth::Algorithm::kES256);
  const std::string key_file = suite->dir + "/jwt.pub";
  WriteFile(key_file, suite->keys.public_pem);
  const std::string password_file = suite->dir + "/db.password";
  WriteFile(password_file, "membership-pw\n");

  suite->service_args = std::vector<std::string>{
          "--metrics_listen=",
          "--db_host=127.0.0.1",
          absl::StrCat("--db_port=", suite->db->port()),
          "--db_user=membership",
          absl::StrCat("--db_password_file=", password_file),
          "--db_schema=membership",
          "--db_timeout=5s",
          absl::StrCat("--jwt_public_key_file=", key_file),
          absl::StrCat("--jwt_issuer=", kIssuer),
          absl::StrCat("--jwt_audience=", kAudience),
          "--readiness_interval=200ms",
          "--shutdown_grace=5s",
  };
  suite->service = std::make_unique<dangbo::testing::ServiceProcess>(
      DANGBO_MEMBERSHIP_BINARY, suite->service_args, suite->dir);
  absl::Status started = suite->service->Start();
  ASSERT_TRUE(started.ok()) << started;
  suite->stub = v1::MembershipService::NewStub(suite->service->channel());

  v1::CreateOrganizationRequest req;
  req.set_request_id(RequestId());
  v1::Organization* org = req.mutable_organization();
  org->set_code("DUK");
  org->set_display_name("Đảng bộ Khối Doanh nghiệp Trung ương");
  org->set_kind(v1::ORGANIZATION_KIND_BLOC_COMMITTEE);
  *org->mutable_established_date() = MakeDate(2000, 1, 1);
  grpc::Status st = Stub().CreateOrganization(AdminContext().get(), req, &suite->root);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

// Stops the service and the database once, after the last suite of the binary.
class SuiteTeardown : public ::testing::Environment {
 public:
  void TearDown() override {
    delete suite;
    suite = nullptr;
  }
};
const ::testing::Environment* const kSuiteTeardown =
    ::testing::AddGlobalTestEnvironment(new SuiteTeardown);

void MembershipE2E::TearDownTestSuite() {}

std::string MembershipE2E::Token(const std::vector<std::string>& roles,
                                 const std::vector<int64_t>& scopes, const std::string& subject) {
  auth::Claims claims;
  claims.subject = subject;
  claims.issuer = kIssuer;
  claims.audience = kAudience;
  claims.expires_at = absl::Now() + absl::Hours(1);
  claims.roles = roles;
  claims.scopes = scopes;
  claims.whole_tree = scopes.empty();
  absl::StatusOr<std::string> token =
      auth::MintToken(auth::SigningKey{.private_key_pem = suite->keys.private_pem,
                                       .algorithm = auth::Algorithm::kES256},
                      claims);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.value_or("");
}

std::string MembershipE2E::AdminToken() {
  static const std::string token = Token({"admin", "personal_data"}, {}, "admin");
  return token;
}

std::unique_ptr<grpc::ClientContext> MembershipE2E::Context(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  auth::AttachToken(*ctx, token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return ctx;
}

v1::MembershipService::Stub& MembershipE2E::Stub() { return *suite->stub; }
dangbo::testing::PrivateMariaDb& MembershipE2E::Database() { return *suite->db; }
dangbo::testing::ServiceProcess& MembershipE2E::Service() { return *suite->service; }

std::unique_ptr<dangbo::testing::ServiceProcess> MembershipE2E::NewReplica(
    const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = suite->service_args;
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return std::make_unique<dangbo::testing::ServiceProcess>(DANGBO_MEMBERSHIP_BINARY, args,
                                                           suite->dir);
}
const v1::Organization& MembershipE2E::Root() { return suite->root; }

std::string MembershipE2E::RequestId() {
  return absl::StrCat("req-", getpid(), "-", request_counter.fetch_add(1));
}

int64_t MembershipE2E::IdOf(const std::string& name) {
  int64_t id = 0;
  EXPECT_TRUE(absl::SimpleAtoi(name.substr(name.find('/') + 1), &id)) << name;
  return id;
}

v1::Organization MembershipE2E::CreateOrganization(const std::string& parent,
                                                   v1::OrganizationKind kind,
                                                   const std::string& display_name) {
  v1::CreateOrganizationRequest req;
  req.set_request_id(RequestId());
  v1::Organization* org = req.mutable_organization();
  org->set_parent(parent);
  org->set_code(absl::StrCat("ORG-", RequestId()));
  org->set_display_name(display_name);
  org->set_kind(kind);
  org->set_enterprise_ownership(v1::ENTERPRISE_OWNERSHIP_STATE_OVER_50);
  *org->mutable_established_date() = MakeDate(2010, 1, 1);
  v1::Organization out;
  grpc::Status st = Stub().CreateOrganization(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

v1::Member MembershipE2E::CreateApplicant(const std::string& organization,
                                          const std::string& full_name) {
  v1::CreateMemberRequest req;
  req.set_request_id(RequestId());
  v1::Member* m = req.mutable_member();
  m->set_organization(organization);
  m->set_full_name(full_name);
  m->set_gender(v1::GENDER_FEMALE);
  *m->mutable_personal_data()->mutable_birth_date() = MakeDate(1995, 6, 15);
  v1::Member out;
  grpc::Status st = Stub().CreateMember(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

v1::Member MembershipE2E::CreateFullMember(const std::string& organization,
                                           const std::string& full_name, int admitted_year) {
  v1::CreateMemberRequest req;
  req.set_request_id(RequestId());
  req.set_initial_state(v1::MEMBER_STATE_FULL);
  v1::Member* m = req.mutable_member();
  m->set_organization(organization);
  m->set_full_name(full_name);
  m->set_gender(v1::GENDER_MALE);
  *m->mutable_personal_data()->mutable_birth_date() = MakeDate(admitted_year - 25, 3, 10);
  *m->mutable_admission_decision_date() = MakeDate(admitted_year, 3, 1);
  *m->mutable_admission_ceremony_date() = MakeDate(admitted_year, 3, 20);
  *m->mutable_full_member_date() = MakeDate(admitted_year + 1, 3, 20);
  v1::Member out;
  grpc::Status st = Stub().CreateMember(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

}  // namespace dangbo::membership::testing
