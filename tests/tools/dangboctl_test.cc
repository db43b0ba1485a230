// dangboctl run in-process against a small in-process MembershipService that records what it
// was sent: what the client puts on the wire (paging, batching, request ids, tokens) and how it
// reports what comes back.
#include "tools/dangboctl/dangboctl.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace dangbo::ctl {
namespace {

namespace v1 = ::dangbo::membership::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class RecordingMembership final : public v1::MembershipService::Service {
 public:
  int organizations_total = 0;

  grpc::Status ListOrganizations(grpc::ServerContext*, const v1::ListOrganizationsRequest* req,
                                 v1::ListOrganizationsResponse* resp) override {
    absl::MutexLock lock(&mu);
    list_page_sizes.push_back(req->page_size());
    last_list = *req;
    int offset = 0;
    if (!req->page_token().empty()) (void)absl::SimpleAtoi(req->page_token(), &offset);
    const int end = std::min(organizations_total, offset + req->page_size());
    for (int i = offset; i < end; ++i) {
      v1::Organization* o = resp->add_organizations();
      o->set_name(absl::StrCat("organizations/", i + 1));
      o->set_display_name(absl::StrCat("Chi bộ ", i + 1));
      o->set_state(v1::ORGANIZATION_STATE_ACTIVE);
      if (i > 0) o->set_parent(absl::StrCat("organizations/", (i + 1) / 2));
    }
    if (end < organizations_total) resp->set_next_page_token(absl::StrCat(end));
    return grpc::Status::OK;
  }

  grpc::Status CreateOrganization(grpc::ServerContext*, const v1::CreateOrganizationRequest* req,
                                  v1::Organization*) override {
    absl::MutexLock lock(&mu);
    request_ids.push_back(req->request_id());
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field("organization.display_name");
    violation->set_description("required");
    google::rpc::Status rich;
    rich.set_code(grpc::StatusCode::INVALID_ARGUMENT);
    rich.set_message("organization.display_name: required");
    rich.add_details()->PackFrom(bad_request);
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, rich.message(),
                        rich.SerializeAsString());
  }

  grpc::Status GetOrganization(grpc::ServerContext* ctx, const v1::GetOrganizationRequest* req,
                               v1::Organization* resp) override {
    absl::MutexLock lock(&mu);
    auto auth = ctx->client_metadata().find("authorization");
    authorization = auth == ctx->client_metadata().end()
                        ? ""
                        : std::string(auth->second.data(), auth->second.size());
    resp->set_name(req->name());
    resp->set_display_name("Đảng bộ Tập đoàn Điện lực Việt Nam");
    resp->set_etag("etag-7");
    return grpc::Status::OK;
  }

  grpc::Status UpdateOrganization(grpc::ServerContext*, const v1::UpdateOrganizationRequest* req,
                                  v1::Organization* resp) override {
    absl::MutexLock lock(&mu);
    last_update = *req;
    *resp = req->organization();
    return grpc::Status::OK;
  }

  grpc::Status ImportMembers(grpc::ServerContext*,
                             grpc::ServerReader<v1::ImportMembersRequest>* reader,
                             v1::ImportMembersResponse* resp) override {
    absl::MutexLock lock(&mu);
    ++import_calls;
    v1::ImportMembersRequest message;
    while (reader->Read(&message)) {
      import_messages.push_back(message);
      resp->set_rows_received(resp->rows_received() + message.rows_size());
      for (const v1::ImportRow& row : message.rows()) {
        if (row.member().organization() == "organizations/404") {
          v1::ImportRowError* e = resp->add_errors();
          e->set_row_number(row.row_number());
          e->set_field("member.organization");
          e->set_message("member.organization: does not exist");
          resp->set_error_count(resp->error_count() + 1);
        } else {
          resp->set_created(resp->created() + 1);
        }
      }
    }
    resp->set_dry_run(!import_messages.empty() && import_messages[0].dry_run());
    return grpc::Status::OK;
  }

  grpc::Status ListChanges(grpc::ServerContext*, const v1::ListChangesRequest* req,
                           v1::ListChangesResponse* resp) override {
    constexpr int64_t kHead = 5;
    for (int64_t s = req->after_sequence() + 1;
         s <= std::min<int64_t>(kHead, req->after_sequence() + 2); ++s) {
      auto* change = resp->add_changes();
      change->set_sequence(s);
      change->set_resource(absl::StrCat("members/", s));
      change->set_change_type("dangbo.membership.v1.Member.created");
    }
    resp->set_head_sequence(kHead);
    return grpc::Status::OK;
  }

  grpc::Status BatchRecordRatings(grpc::ServerContext*, const v1::BatchRecordRatingsRequest* req,
                                  v1::BatchRecordRatingsResponse* resp) override {
    absl::MutexLock lock(&mu);
    rating_request_ids.push_back(req->request_id());
    for (int i = 0; i < req->ratings_size(); ++i) {
      if (req->ratings(i).subject() != "members/999") continue;
      google::rpc::BadRequest bad_request;
      auto* violation = bad_request.add_field_violations();
      violation->set_field(absl::StrCat("ratings[", i, "].subject"));
      violation->set_description("does not exist");
      google::rpc::Status rich;
      rich.set_code(grpc::StatusCode::INVALID_ARGUMENT);
      rich.set_message("ratings: a subject does not exist");
      rich.add_details()->PackFrom(bad_request);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, rich.message(),
                          rich.SerializeAsString());
    }
    *resp->mutable_ratings() = req->ratings();
    if (req->ratings_size() == 2) resp->add_warnings("more excellent than 20 % of good");
    return grpc::Status::OK;
  }

  absl::Mutex mu;
  std::vector<std::string> rating_request_ids;
  std::vector<int32_t> list_page_sizes;
  v1::ListOrganizationsRequest last_list;
  std::vector<std::string> request_ids;
  std::string authorization;
  v1::UpdateOrganizationRequest last_update;
  int import_calls = 0;
  std::vector<v1::ImportMembersRequest> import_messages;
};

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

class DangboctlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(); }

  Result Run(std::vector<std::string> args, std::map<std::string, std::string> environment = {}) {
    args.insert(args.begin(), absl::StrCat("--membership=127.0.0.1:", port_));
    RunEnvironment run;
    run.environment = [environment](absl::string_view name) -> std::optional<std::string> {
      auto it = environment.find(std::string(name));
      if (it == environment.end()) return std::nullopt;
      return it->second;
    };
    std::ostringstream out, err;
    const int code = RunDangboctl(args, out, err, run);
    return {code, out.str(), err.str()};
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  RecordingMembership service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

int Lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(DangboctlTest, Help_ListsCommandsAndExitsZero) {
  Result r = Run({"help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("members import FILE.csv"));
  EXPECT_THAT(r.out, HasSubstr("--token_file"));
}

TEST_F(DangboctlTest, CommandHelp_ShowsItsOptions) {
  Result r = Run({"organizations", "list", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("--as_of=YYYY-MM-DD"));
}

TEST_F(DangboctlTest, ShortHelpFlag_ShowsCommandHelp) {
  Result r = Run({"members", "import", "-h"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("citizen_id"));
}

TEST_F(DangboctlTest, UnknownGroup_IsUsageError) {
  EXPECT_EQ(Run({"organisations", "list"}).exit_code, 2);
}

TEST_F(DangboctlTest, UnknownOption_IsUsageErrorNamingIt) {
  Result r = Run({"organizations", "list", "--knid=cell"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--knid"));
}

TEST_F(DangboctlTest, MissingArgument_IsUsageError) {
  EXPECT_EQ(Run({"organizations", "get"}).exit_code, 2);
}

TEST_F(DangboctlTest, BadEnumValue_IsUsageErrorListingTheChoices) {
  Result r = Run({"organizations", "list", "--kind=cel"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("grassroots_cell"));
}

TEST_F(DangboctlTest, BadDate_IsUsageError) {
  EXPECT_EQ(Run({"organizations", "get", "5", "--as_of=2025-02-30"}).exit_code, 2);
}

TEST_F(DangboctlTest, TokenAndTokenFile_IsUsageError) {
  EXPECT_EQ(Run({"organizations", "get", "5", "--token=a", "--token_file=/x"}).exit_code, 2);
}

TEST_F(DangboctlTest, BadOutputFromEnvironment_IsUsageError) {
  EXPECT_EQ(Run({"organizations", "get", "5"}, {{"DANGBO_OUTPUT", "xml"}}).exit_code, 2);
}

TEST_F(DangboctlTest, TokenFromEnvironment_IsSentAsBearer) {
  Result r = Run({"organizations", "get", "5"}, {{"DANGBO_TOKEN", "abc.def.ghi"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  absl::MutexLock lock(&service_.mu);
  EXPECT_EQ(service_.authorization, "Bearer abc.def.ghi");
}

TEST_F(DangboctlTest, Get_BareIdIsTheResourceNameAndTableShowsFields) {
  Result r = Run({"organizations", "get", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("name          organizations/5\n"));
  EXPECT_THAT(r.out, HasSubstr("display_name  Đảng bộ Tập đoàn Điện lực Việt Nam\n"));
}

TEST_F(DangboctlTest, List_FollowsEveryPage) {
  service_.organizations_total = 2500;
  Result r = Run({"organizations", "list", "--output=json", "--kind=grassroots_cell"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 2500);
  absl::MutexLock lock(&service_.mu);
  EXPECT_THAT(service_.list_page_sizes, ElementsAre(1000, 1000, 1000));
  EXPECT_THAT(service_.last_list.kinds(), ElementsAre(v1::ORGANIZATION_KIND_GRASSROOTS_CELL));
}

TEST_F(DangboctlTest, ListWithMax_StopsThereAndPrintsTheTokenToContinue) {
  service_.organizations_total = 50;
  Result r = Run({"organizations", "list", "--output=csv", "--max=7"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 8);  // header + 7
  EXPECT_THAT(r.err, HasSubstr("--page_token=7"));
}

TEST_F(DangboctlTest, Tree_IndentsChildrenUnderParents) {
  service_.organizations_total = 5;  // 2 and 3 under 1; 4 and 5 under 2
  Result r = Run({"organizations", "tree", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Chi bộ 1  (organizations/1)\n"
            "├── Chi bộ 2  (organizations/2)\n"
            "│   ├── Chi bộ 4  (organizations/4)\n"
            "│   └── Chi bộ 5  (organizations/5)\n"
            "└── Chi bộ 3  (organizations/3)\n");
}

TEST_F(DangboctlTest, RpcError_PrintsCodeMessageAndFieldViolationsAndExitsOne) {
  Result r = Run({"organizations", "create", "--kind=cell", "--parent=1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("error: INVALID_ARGUMENT: organization.display_name: required"));
  EXPECT_THAT(r.err, HasSubstr("  field organization.display_name: required"));
}

TEST_F(DangboctlTest, Mutation_SendsTheGivenRequestIdOrAFreshUuid) {
  Run({"organizations", "create", "--request_id=retry-me"});
  Run({"organizations", "create"});
  absl::MutexLock lock(&service_.mu);
  ASSERT_EQ(service_.request_ids.size(), 2u);
  EXPECT_EQ(service_.request_ids[0], "retry-me");
  EXPECT_THAT(service_.request_ids[1],
              MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
}

TEST_F(DangboctlTest, UpdateWithoutEtag_SendsTheCurrentEtagAndAMaskOfTheGivenFields) {
  Result r = Run({"organizations", "update", "5", "--display_name=Chi bộ Kỹ thuật",
                  "--granted_upper_level_powers=false"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  absl::MutexLock lock(&service_.mu);
  EXPECT_EQ(service_.last_update.organization().etag(), "etag-7");
  EXPECT_EQ(service_.last_update.organization().name(), "organizations/5");
  EXPECT_THAT(service_.last_update.update_mask().paths(),
              ElementsAre("display_name", "granted_upper_level_powers"));
}

TEST_F(DangboctlTest, UpdateWithNothingToChange_IsUsageError) {
  EXPECT_EQ(Run({"organizations", "update", "5"}).exit_code, 2);
}

TEST_F(DangboctlTest, Import_StreamsBatchesWithRequestIdFirstAndFileLineNumbers) {
  const std::string path =
      WriteFile("members.csv",
                "\xEF\xBB\xBF"
                "Citizen ID,Full Name,organization,Birth-Date,initial_state\r\n"
                "001080000001,Nguyễn Văn An,5,1980-01-02,full\r\n"
                "001080000002,\"Trần, Thị Bình\",organizations/5,,\r\n"
                "001080000003,Lê Văn Cường,404,,\r\n");
  Result r = Run({"members", "import", path, "--batch=2", "--request_id=imp-1"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("row 4, member.organization: does not exist\n"));
  EXPECT_THAT(r.out, HasSubstr("rows 3, created 2, updated 0, unchanged 0, refused 1"));
  absl::MutexLock lock(&service_.mu);
  ASSERT_EQ(service_.import_messages.size(), 2u);
  EXPECT_EQ(service_.import_messages[0].request_id(), "imp-1");
  EXPECT_EQ(service_.import_messages[0].rows_size(), 2);
  EXPECT_EQ(service_.import_messages[1].rows_size(), 1);
  const v1::ImportRow& first = service_.import_messages[0].rows(0);
  EXPECT_EQ(first.row_number(), 2);
  EXPECT_EQ(first.member().personal_data().citizen_id(), "001080000001");
  EXPECT_EQ(first.member().personal_data().birth_date().year(), 1980);
  EXPECT_EQ(first.member().organization(), "organizations/5");
  EXPECT_EQ(first.initial_state(), v1::MEMBER_STATE_FULL);
  EXPECT_EQ(service_.import_messages[0].rows(1).member().full_name(), "Trần, Thị Bình");
}

TEST_F(DangboctlTest, ImportWithUnparseableCell_SendsNothingAndExitsThree) {
  const std::string path = WriteFile("bad.csv",
                                     "citizen_id,organization,birth_date\n"
                                     "001080000001,5,1980-01-02\n"
                                     "001080000002,5,02/01/1980\n");
  Result r = Run({"members", "import", path});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("row 3, member.personal_data.birth_date:"));
  absl::MutexLock lock(&service_.mu);
  EXPECT_EQ(service_.import_calls, 0);
}

TEST_F(DangboctlTest, ImportWithUnknownColumn_IsUsageError) {
  const std::string path = WriteFile("unknown.csv", "citizen_id,organization,nickname\n");
  Result r = Run({"members", "import", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("\"nickname\" is not one of"));
}

TEST_F(DangboctlTest, ImportWithoutCitizenIdColumn_IsUsageError) {
  const std::string path = WriteFile("no_id.csv", "full_name,organization\nA,5\n");
  EXPECT_EQ(Run({"members", "import", path}).exit_code, 2);
}

TEST_F(DangboctlTest, ImportDryRun_IsSentInTheFirstMessage) {
  const std::string path = WriteFile("dry.csv", "citizen_id,organization\n001080000001,5\n");
  Result r = Run({"members", "import", path, "--dry_run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("dry run"));
  absl::MutexLock lock(&service_.mu);
  ASSERT_EQ(service_.import_messages.size(), 1u);
  EXPECT_TRUE(service_.import_messages[0].dry_run());
}

TEST_F(DangboctlTest, ChangesList_ReadsUpToTheHeadAndStops) {
  Result r = Run({"changes", "list", "--after=1", "--output=csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 5);  // header + sequences 2..5
  EXPECT_THAT(r.out, HasSubstr("\n5,,members/5,"));
}

TEST_F(DangboctlTest, RatingsRecord_EachBatchHasARequestIdDerivedFromOneBase) {
  const std::string path = WriteFile("ratings.csv",
                                     "subject,year,level,score\n"
                                     "members/1,2025,excellent,95\n"
                                     "members/2,2025,good,\n"
                                     "organizations/3,2025,Completed,72\n");
  Result r = Run({"ratings", "record", path, "--batch=2", "--request_id=r", "--output=csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 4);
  EXPECT_THAT(r.out, HasSubstr("members/2,2025,GOOD,,"));
  EXPECT_THAT(r.err, HasSubstr("warning: more excellent than 20 % of good"));
  absl::MutexLock lock(&service_.mu);
  EXPECT_THAT(service_.rating_request_ids, ElementsAre("r-1", "r-2"));
}

TEST_F(DangboctlTest, RatingsRefusedByService_NameTheFileRowAndHowToRetry) {
  const std::string path = WriteFile("ratings_bad.csv",
                                     "subject,year,level\n"
                                     "members/1,2025,good\n"
                                     "members/2,2025,good\n"
                                     "members/999,2025,good\n");
  Result r = Run({"ratings", "record", path, "--batch=2", "--request_id=r"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("  field ratings[0].subject: does not exist"));
  EXPECT_THAT(r.err, HasSubstr("row 4, subject: does not exist"));
  EXPECT_THAT(r.err, HasSubstr("--request_id=r --batch=2"));
}

// --tls_ca_file turns TLS on and names the CA the server's certificate must chain to.
TEST(Dangboctl, TlsOptions_ReachATlsServerOnlyThroughItsCa) {
  const std::string dir = ::testing::TempDir() + "/dangboctl-tls";
  const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1";
  const std::string script = absl::StrCat(
      "set -e; rm -rf ", dir, "; mkdir -p ", dir, "; cd ", dir, ";",
      " echo subjectAltName=DNS:localhost > server.ext;",
      " for ca in ca other-ca; do openssl req -x509 ", ec, " -keyout $ca.key -out $ca.pem",
      " -subj /CN=$ca; done;",
      " openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key",
      " -out server.csr -subj /CN=localhost;",
      " openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1",
      " -out server.pem -extfile server.ext");
  ASSERT_EQ(std::system(absl::StrCat("(", script, ") >/dev/null 2>&1").c_str()), 0);
  auto read = [&](const std::string& name) {
    std::ifstream in(absl::StrCat(dir, "/", name));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  grpc::SslServerCredentialsOptions tls;
  tls.pem_key_cert_pairs.push_back({read("server.key"), read("server.pem")});
  RecordingMembership service;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(tls), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);

  RunEnvironment run;
  run.environment = [](absl::string_view) { return std::nullopt; };
  auto get = [&](std::vector<std::string> tls_args) {
    std::vector<std::string> args = {absl::StrCat("--membership=localhost:", port), "--timeout=5s",
                                     "--token=tls-token"};
    args.insert(args.end(), tls_args.begin(), tls_args.end());
    args.insert(args.end(), {"organizations", "get", "5"});
    std::ostringstream out, err;
    const int code = RunDangboctl(args, out, err, run);
    return Result{code, out.str(), err.str()};
  };
  const Result trusted = get({absl::StrCat("--tls_ca_file=", dir, "/ca.pem")});
  EXPECT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_THAT(trusted.out, HasSubstr("organizations/5"));
  {
    absl::MutexLock lock(&service.mu);
    EXPECT_EQ(service.authorization, "Bearer tls-token");
  }
  const Result plaintext = get({});
  EXPECT_EQ(plaintext.exit_code, 1);
  EXPECT_THAT(plaintext.err, HasSubstr("UNAVAILABLE"));
  const Result wrong_ca = get({absl::StrCat("--tls_ca_file=", dir, "/other-ca.pem")});
  EXPECT_EQ(wrong_ca.exit_code, 1);
  EXPECT_THAT(wrong_ca.err, HasSubstr("UNAVAILABLE"));
  const Result half_pair = get({absl::StrCat("--tls_ca_file=", dir, "/ca.pem"),
                                absl::StrCat("--tls_cert_file=", dir, "/server.pem")});
  EXPECT_EQ(half_pair.exit_code, 2);
  EXPECT_THAT(half_pair.err, HasSubstr("--tls_key_file"));
  server->Shutdown();
}

TEST(Dangboctl, UnreachableService_IsRpcErrorUnavailable) {
  std::ostringstream out, err;
  RunEnvironment run;
  run.environment = [](absl::string_view) { return std::nullopt; };
  const int code = RunDangboctl(
      {"--membership=127.0.0.1:1", "--timeout=5s", "organizations", "get", "5"}, out, err, run);
  EXPECT_EQ(code, 1);
  EXPECT_THAT(err.str(), HasSubstr("UNAVAILABLE"));
}

}  // namespace
}  // namespace dangbo::ctl
