#include "tests/inspection/e2e/inspection_fixture.h"

#include <unistd.h>

#include <atomic>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/authenticator.h"
#include "common/auth/token_minter.h"
#include "tests/support/test_keys.h"

namespace dangbo::inspection::testing {
namespace {

constexpr char kIssuer[] = "dangbo-test";
constexpr char kAudience[] = "dangbo";

struct Suite {
  std::unique_ptr<dangbo::testing::PrivateMariaDb> db;
  std::unique_ptr<dangbo::testing::ServiceProcess> membership;
  std::unique_ptr<dangbo::testing::ServiceProcess> inspection;
  std::unique_ptr<mv1::MembershipService::Stub> membership_stub;
  std::unique_ptr<v1::InspectionService::Stub> inspection_stub;
  auth::testing::KeyPair keys;
  std::string dir;
  mv1::Organization bloc;
};

Suite* suite = nullptr;
std::atomic<int> request_counter{0};

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::vector<std::string> CommonFlags(const std::string& schema, const std::string& dir) {
  const std::string password_file = absl::StrCat(dir, "/", schema, ".password");
  WriteFile(password_file, schema + "-pw\n");
  return {
      "--metrics_listen=",
      "--db_host=127.0.0.1",
      absl::StrCat("--db_port=", suite->db->port()),
      absl::StrCat("--db_user=", schema),
      absl::StrCat("--db_password_file=", password_file),
      absl::StrCat("--db_schema=", schema),
      "--db_timeout=5s",
      absl::StrCat("--jwt_public_key_file=", dir, "/jwt.pub"),
      absl::StrCat("--jwt_issuer=", kIssuer),
      absl::StrCat("--jwt_audience=", kAudience),
      "--readiness_interval=200ms",
      "--shutdown_grace=5s",
  };
}

}  // namespace

google::type::Date MakeDate(int year, int month, int day) {
  google::type::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

google::type::Date DaysFromToday(int days) {
  const absl::CivilDay day = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(7 * 3600)) + days;
  return MakeDate(static_cast<int>(day.year()), day.month(), day.day());
}

google::type::Date Today() { return DaysFromToday(0); }

void InspectionE2E::SetUpTestSuite() {
  if (suite != nullptr) return;
  suite = new Suite;
  char dir_template[] = "/tmp/dangbo-inspection-e2e-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  suite->dir = dir_template;

  auto db = dangbo::testing::PrivateMariaDb::Launch();
  ASSERT_TRUE(db.ok()) << db.status();
  suite->db = *std::move(db);
  ASSERT_TRUE(suite->db->CreateSchemaWithUser("membership", "membership", "membership-pw").ok());
  ASSERT_TRUE(suite->db->CreateSchemaWithUser("inspection", "inspection", "inspection-pw").ok());

  suite->keys = auth::testing::GenerateKeyPair(auth::Algorithm::kES256);
  WriteFile(suite->dir + "/jwt.pub", suite->keys.public_pem);
  // The inspection service's own identity towards membership.
  WriteFile(suite->dir + "/inspection.token", Token({"service"}, {}, "dangbo-inspection"));
  WriteFile(suite->dir + "/admin.token", AdminToken());

  suite->membership = std::make_unique<dangbo::testing::ServiceProcess>(
      DANGBO_MEMBERSHIP_BINARY, CommonFlags("membership", suite->dir), suite->dir);
  absl::Status started = suite->membership->Start();
  ASSERT_TRUE(started.ok()) << started;
  suite->membership_stub = mv1::MembershipService::NewStub(suite->membership->channel());

  RestartInspectionWith({});
  ASSERT_NE(suite->inspection_stub, nullptr);

  mv1::CreateOrganizationRequest req;
  req.set_request_id(RequestId());
  mv1::Organization* org = req.mutable_organization();
  org->set_code("DUK");
  org->set_display_name("Đảng bộ Khối Doanh nghiệp Trung ương");
  org->set_kind(mv1::ORGANIZATION_KIND_BLOC_COMMITTEE);
  *org->mutable_established_date() = MakeDate(2000, 1, 1);
  grpc::Status st = Membership().CreateOrganization(AdminContext().get(), req, &suite->bloc);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

void InspectionE2E::RestartInspectionWith(const std::vector<std::string>& extra_flags) {
  if (suite->inspection) {
    suite->inspection_stub.reset();
    absl::StatusOr<int> stopped = suite->inspection->Terminate();
    ASSERT_TRUE(stopped.ok() || absl::IsFailedPrecondition(stopped.status())) << stopped.status();
  }
  std::vector<std::string> flags = CommonFlags("inspection", suite->dir);
  flags.push_back(absl::StrCat("--membership_address=", suite->membership->target()));
  flags.push_back(absl::StrCat("--membership_token_file=", suite->dir, "/inspection.token"));
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  suite->inspection = std::make_unique<dangbo::testing::ServiceProcess>(DANGBO_INSPECTION_BINARY,
                                                                        flags, suite->dir);
  absl::Status started = suite->inspection->Start();
  ASSERT_TRUE(started.ok()) << started;
  suite->inspection_stub = v1::InspectionService::NewStub(suite->inspection->channel());
}

// Stops the services and the database once, after the last suite of the binary.
class SuiteTeardown : public ::testing::Environment {
 public:
  void TearDown() override {
    delete suite;
    suite = nullptr;
  }
};
const ::testing::Environment* const kSuiteTeardown =
    ::testing::AddGlobalTestEnvironment(new SuiteTeardown);

std::string InspectionE2E::Token(const std::vector<std::string>& roles,
                                 const std::vector<int64_t>& scopes, const std::string& subject) {
  auth::Claims claims;
  claims.subject = subject;
  claims.issuer = kIssuer;
  claims.audience = kAudience;
  claims.expires_at = absl::Now() + absl::Hours(2);
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

std::string InspectionE2E::AdminToken() {
  static const std::string token = Token({"admin", "personal_data"}, {}, "admin");
  return token;
}

std::string InspectionE2E::InspectorToken() {
  return Token({"inspector"}, {IdOf(Bloc().name())}, "inspector");
}

std::unique_ptr<grpc::ClientContext> InspectionE2E::Context(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  auth::AttachToken(*ctx, token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return ctx;
}

v1::InspectionService::Stub& InspectionE2E::Inspection() { return *suite->inspection_stub; }
mv1::MembershipService::Stub& InspectionE2E::Membership() { return *suite->membership_stub; }
dangbo::testing::PrivateMariaDb& InspectionE2E::Database() { return *suite->db; }
dangbo::testing::ServiceProcess& InspectionE2E::MembershipService() { return *suite->membership; }
dangbo::testing::ServiceProcess& InspectionE2E::InspectionService() { return *suite->inspection; }
std::string InspectionE2E::InspectionTarget() { return suite->inspection->target(); }
std::string InspectionE2E::MembershipTarget() { return suite->membership->target(); }
std::string InspectionE2E::AdminTokenFile() { return suite->dir + "/admin.token"; }
std::string InspectionE2E::TestDirectory() { return suite->dir; }
std::vector<std::string> InspectionE2E::ServiceFlags(const std::string& schema) {
  return CommonFlags(schema, suite->dir);
}
const mv1::Organization& InspectionE2E::Bloc() { return suite->bloc; }

std::string InspectionE2E::RequestId() {
  return absl::StrCat("req-", getpid(), "-", request_counter.fetch_add(1));
}

int64_t InspectionE2E::IdOf(const std::string& name) {
  int64_t id = 0;
  EXPECT_TRUE(absl::SimpleAtoi(name.substr(name.rfind('/') + 1), &id)) << name;
  return id;
}

mv1::Organization InspectionE2E::CreateOrganization(const std::string& parent,
                                                    mv1::OrganizationKind kind,
                                                    const std::string& display_name) {
  mv1::CreateOrganizationRequest req;
  req.set_request_id(RequestId());
  mv1::Organization* org = req.mutable_organization();
  org->set_parent(parent);
  org->set_code(absl::StrCat("ORG-", RequestId()));
  org->set_display_name(display_name);
  org->set_kind(kind);
  org->set_enterprise_ownership(mv1::ENTERPRISE_OWNERSHIP_STATE_OVER_50);
  *org->mutable_established_date() = MakeDate(2010, 1, 1);
  mv1::Organization out;
  grpc::Status st = Membership().CreateOrganization(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

mv1::Member InspectionE2E::CreateFullMember(const std::string& organization,
                                            const std::string& full_name,
                                            const std::string& position) {
  mv1::CreateMemberRequest req;
  req.set_request_id(RequestId());
  req.set_initial_state(mv1::MEMBER_STATE_FULL);
  mv1::Member* m = req.mutable_member();
  m->set_organization(organization);
  m->set_full_name(full_name);
  m->set_gender(mv1::GENDER_MALE);
  m->set_position(position);
  *m->mutable_personal_data()->mutable_birth_date() = MakeDate(1980, 3, 10);
  *m->mutable_admission_decision_date() = MakeDate(2005, 3, 1);
  *m->mutable_admission_ceremony_date() = MakeDate(2005, 3, 20);
  *m->mutable_full_member_date() = MakeDate(2006, 3, 20);
  mv1::Member out;
  grpc::Status st = Membership().CreateMember(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

mv1::Member InspectionE2E::CreateProbationaryMember(const std::string& organization,
                                                    const std::string& full_name) {
  mv1::CreateMemberRequest req;
  req.set_request_id(RequestId());
  req.set_initial_state(mv1::MEMBER_STATE_PROBATIONARY);
  mv1::Member* m = req.mutable_member();
  m->set_organization(organization);
  m->set_full_name(full_name);
  m->set_gender(mv1::GENDER_FEMALE);
  *m->mutable_personal_data()->mutable_birth_date() = MakeDate(1998, 6, 15);
  const google::type::Date admitted = DaysFromToday(-120);
  *m->mutable_admission_decision_date() = admitted;
  *m->mutable_admission_ceremony_date() = admitted;
  mv1::Member out;
  grpc::Status st = Membership().CreateMember(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

v1::Inspection InspectionE2E::DecidedInspection(const std::vector<std::string>& subjects,
                                                v1::InspectionType type, v1::ConductingBody body) {
  std::vector<v1::InspectionSubject> with_flags;
  for (const std::string& s : subjects) with_flags.emplace_back().set_subject(s);
  return DecidedInspection(with_flags, type, body);
}

v1::Inspection InspectionE2E::DecidedInspection(const std::vector<v1::InspectionSubject>& subjects,
                                                v1::InspectionType type, v1::ConductingBody body) {
  const mv1::Member leader = CreateFullMember(Bloc().name(), "Nguyễn Văn Trưởng");
  v1::CreateInspectionRequest req;
  req.set_request_id(RequestId());
  v1::Inspection* in = req.mutable_inspection();
  in->set_type(type);
  if (body == v1::CONDUCTING_BODY_UNSPECIFIED) {
    body = type == v1::INSPECTION_TYPE_THEMATIC_INSPECTION
               ? v1::CONDUCTING_BODY_STANDING_COMMITTEE
               : v1::CONDUCTING_BODY_INSPECTION_COMMITTEE;
  }
  in->set_conducting_body(body);
  in->set_conducting_organization(Bloc().name());
  in->set_conducting_level(v1::LEVEL_PROVINCIAL);
  in->mutable_decision()->set_number(absl::StrCat(request_counter.load(), "-QĐ/ĐUK"));
  *in->mutable_decision()->mutable_date() = DaysFromToday(-30);
  in->mutable_decision()->set_issuer("Ban Thường vụ Đảng ủy Khối");
  in->set_content("Kiểm tra việc thực hiện Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng");
  *in->mutable_period_start() = MakeDate(2024, 1, 1);
  *in->mutable_period_end() = MakeDate(2025, 6, 30);
  in->set_planned_duration_working_days(30);
  v1::TeamMember* lead = in->add_team_members();
  lead->set_member(leader.name());
  lead->set_role(v1::TEAM_ROLE_LEADER);
  for (const v1::InspectionSubject& s : subjects) *in->add_subjects() = s;
  v1::Inspection out;
  grpc::Status st = Inspection().CreateInspection(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

v1::Inspection InspectionE2E::Advance(const v1::Inspection& in, v1::InspectionStage stage,
                                      grpc::Status* status) {
  v1::AdvanceInspectionStageRequest req;
  req.set_inspection(in.name());
  req.set_stage(stage);
  req.set_etag(in.etag());
  req.set_request_id(RequestId());
  if (stage == v1::INSPECTION_STAGE_CANCELLED) req.set_cancellation_reason("Đổi kế hoạch");
  v1::Inspection out;
  grpc::Status st = Inspection().AdvanceInspectionStage(AdminContext().get(), req, &out);
  if (status) {
    *status = st;
  } else {
    EXPECT_TRUE(st.ok()) << st.error_message();
  }
  return out;
}

v1::Inspection InspectionE2E::Outcomes(
    const v1::Inspection& in, const std::vector<std::pair<std::string, v1::SubjectOutcome>>& o) {
  v1::RecordSubjectOutcomesRequest req;
  req.set_inspection(in.name());
  req.set_etag(in.etag());
  req.set_request_id(RequestId());
  for (const auto& [subject, outcome] : o) {
    v1::InspectionSubject* s = req.add_outcomes();
    s->set_subject(subject);
    s->set_outcome(outcome);
  }
  v1::Inspection out;
  grpc::Status st = Inspection().RecordSubjectOutcomes(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

}  // namespace dangbo::inspection::testing
