// The inspection service's client of membership against the real dangbo-membership binary on a
// private MariaDB, calling as the inspection service's own identity: directory lookups, and the
// delivery of queued calls from a real inspection store on the same server.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/auth/authenticator.h"
#include "common/db/migrate.h"
#include "common/db/pool.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/inspection/membership_client/connection.h"
#include "services/inspection/membership_client/dispatcher.h"
#include "services/inspection/membership_client/grpc_directory.h"
#include "services/inspection/store/migrations.h"
#include "services/inspection/store/store.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::inspection {
namespace {

namespace v1 = ::dangbo::membership::v1;
using membership::testing::MakeDate;
using membership::testing::MembershipE2E;
using ::testing::UnorderedElementsAre;

struct ClientSuite {
  std::string dir;
  std::string token_file;
  MembershipConnection connection;
  std::unique_ptr<db::Pool> pool;
  std::unique_ptr<InspectionStore> store;
};
ClientSuite* client = nullptr;

void WriteFile(const std::string& path, const std::string& text) {
  // Through a new file renamed into place, as a secret volume swaps its contents.
  const std::string next = path + ".next";
  std::ofstream(next, std::ios::binary | std::ios::trunc) << text;
  ASSERT_EQ(std::rename(next.c_str(), path.c_str()), 0);
}

class MembershipClientE2E : public MembershipE2E {
 public:
  static void SetUpTestSuite() {
    MembershipE2E::SetUpTestSuite();
    if (client != nullptr) return;
    client = new ClientSuite;
    char dir[] = "/tmp/dangbo-inspection-client-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    client->dir = dir;
    client->token_file = client->dir + "/inspection.token";
    WriteFile(client->token_file, InspectionToken());

    absl::StatusOr<MembershipConnection> connection =
        ConnectToMembership({.address = Service().target(), .token_file = client->token_file});
    ASSERT_TRUE(connection.ok()) << connection.status();
    client->connection = *std::move(connection);

    ASSERT_TRUE(Database().CreateSchemaWithUser("inspection", "inspection", "inspection-pw").ok());
    absl::StatusOr<std::unique_ptr<db::Pool>> pool =
        db::Pool::Create(Database().ConfigFor("inspection", "inspection", "inspection-pw", 4));
    ASSERT_TRUE(pool.ok()) << pool.status();
    client->pool = *std::move(pool);
    absl::Status migrated = db::Migrate(*client->pool, EmbeddedMigrations());
    ASSERT_TRUE(migrated.ok()) << migrated;
    client->store = std::make_unique<InspectionStore>(*client->pool);
  }

  // The store's connections close while MariaDB still runs (the fixture stops it at the end).
  static void TearDownTestSuite() {
    delete client;
    client = nullptr;
  }

 protected:
  // The inspection service's identity as membership knows it: the service role, whole tree.
  static std::string InspectionToken(const std::vector<std::string>& roles = {"service"}) {
    return Token(roles, {}, "inspection");
  }

  static v1::MembershipService::Stub& InspectionStub() { return *client->connection.stub; }
  static const client::CallContextFactory& Contexts() { return *client->connection.contexts; }
  static InspectionStore& Store() { return *client->store; }

  static GrpcMembershipDirectory Directory(DirectoryOptions options = {}) {
    return GrpcMembershipDirectory(InspectionStub(), Contexts(), std::move(options));
  }

  static std::string PathOf(const v1::Organization& org) {
    std::string path = "/";
    for (const std::string& a : org.ancestors()) absl::StrAppend(&path, IdOf(a), "/");
    return path;
  }

  static v1::Organization Upper(const std::string& name) {
    return CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, name);
  }
  static v1::Organization Cell(const v1::Organization& parent, const std::string& name) {
    return CreateOrganization(parent.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL, name);
  }

  static v1::Organization Dissolve(const v1::Organization& org) {
    v1::DissolveOrganizationRequest req;
    req.set_request_id(RequestId());
    req.set_name(org.name());
    req.set_etag(org.etag());
    v1::Organization out;
    grpc::Status st = Stub().DissolveOrganization(AdminContext().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  static v1::Member WithPosition(const v1::Member& member, const std::string& position) {
    v1::UpdateMemberRequest req;
    req.set_request_id(RequestId());
    *req.mutable_member() = member;
    req.mutable_member()->set_position(position);
    req.mutable_update_mask()->add_paths("position");
    v1::Member out;
    grpc::Status st = Stub().UpdateMember(AdminContext().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  // The request a disciplinary decision of expulsion queues for membership.
  static v1::RecordMemberEventRequest ExpelRequest(const v1::Member& member) {
    v1::RecordMemberEventRequest req;
    req.set_request_id(absl::StrCat("expel-", RequestId()));
    req.set_member(member.name());
    v1::MemberEvent* event = req.mutable_event();
    event->set_type(v1::MEMBER_EVENT_TYPE_EXPEL);
    *event->mutable_effective_date() = MakeDate(2026, 6, 1);
    event->mutable_decision()->set_number(absl::StrCat(RequestId(), "-QĐ/UBKTĐUK"));
    *event->mutable_decision()->mutable_date() = MakeDate(2026, 6, 1);
    return req;
  }

  // Queues `payload` as the decision `origin` would, in a store mutation of its own.
  static MembershipCall Enqueue(MembershipCallKind kind, const std::string& request_id,
                                const std::string& payload, const std::string& origin) {
    MembershipCall queued;
    absl::StatusOr<std::string> response = Store().Mutate(
        {.method = "CreateDisciplinaryDecision",
         .request_id = absl::StrCat("decision-", request_id),
         .fingerprint = "fp",
         .caller = "users/ubkt"},
        [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
          absl::StatusOr<MembershipCall> call = tx.EnqueueMembershipCall(
              {.request_id = request_id, .kind = kind, .origin = origin, .payload = payload});
          if (!call.ok()) return call.status();
          queued = *call;
          return MutationOutcome{origin, {}, origin, "queued"};
        });
    EXPECT_TRUE(response.ok()) << response.status();
    return queued;
  }

  static MembershipCall CallOf(const std::string& origin) {
    absl::StatusOr<std::vector<MembershipCall>> calls = Store().MembershipCallsOf(origin);
    EXPECT_TRUE(calls.ok()) << calls.status();
    EXPECT_EQ(calls.value_or(std::vector<MembershipCall>{}).size(), 1u);
    return calls.ok() && !calls->empty() ? calls->front() : MembershipCall{};
  }

  static std::vector<v1::MemberEvent> EventsOf(const v1::Member& member) {
    v1::ListMemberEventsRequest req;
    req.set_member(member.name());
    v1::ListMemberEventsResponse resp;
    grpc::Status st = Stub().ListMemberEvents(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return {resp.events().begin(), resp.events().end()};
  }

  static int CountOf(const std::vector<v1::MemberEvent>& events, v1::MemberEventType type) {
    int n = 0;
    for (const v1::MemberEvent& e : events) n += e.type() == type ? 1 : 0;
    return n;
  }

  static std::string NextOrigin() { return absl::StrCat("disciplinaryDecisions/", RequestId()); }
};

TEST_F(MembershipClientE2E, Organizations_KnownOnesWithTheirPath_UnknownOnesAbsent) {
  v1::Organization upper = Upper("Đảng bộ Tổng công ty Lương thực miền Bắc");
  v1::Organization cell = Cell(upper, "Chi bộ Công ty Lương thực Hà Nội");
  GrpcMembershipDirectory directory = Directory();
  absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> found = directory.Organizations(
      {IdOf(cell.name()), IdOf(upper.name()), 987654321, -3, 0, IdOf(cell.name())}, nullptr);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), 2u);
  const OrganizationInfo& info = found->at(IdOf(cell.name()));
  EXPECT_EQ(info.id, IdOf(cell.name()));
  EXPECT_EQ(info.path, absl::StrCat("/", IdOf(Root().name()), "/", IdOf(upper.name()), "/",
                                    IdOf(cell.name()), "/"));
  EXPECT_TRUE(info.active);
  EXPECT_EQ(info.display_name, "Chi bộ Công ty Lương thực Hà Nội");
  EXPECT_EQ(found->at(IdOf(upper.name())).path, PathOf(upper));
}

TEST_F(MembershipClientE2E, Organizations_OnlyUnknownIds_IsAnEmptyMap) {
  absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> found =
      Directory().Organizations({987654321, 987654322}, nullptr);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_TRUE(found->empty());
}

TEST_F(MembershipClientE2E, Organizations_DissolvedOneIsFoundButNotActive) {
  v1::Organization upper = Upper("Đảng bộ Tổng công ty Giấy");
  v1::Organization cell = Dissolve(Cell(upper, "Chi bộ Nhà máy Giấy Bãi Bằng"));
  absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> found =
      Directory().Organizations({IdOf(cell.name())}, nullptr);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_TRUE(found->contains(IdOf(cell.name())));
  EXPECT_FALSE(found->at(IdOf(cell.name())).active);
  EXPECT_EQ(found->at(IdOf(cell.name())).path, PathOf(cell));
}

TEST_F(MembershipClientE2E, Organizations_AMoveShowsOnceTheCachedInfoExpires) {
  v1::Organization from = Upper("Đảng bộ Tổng công ty Đường sắt");
  v1::Organization to = Upper("Đảng bộ Tổng công ty Đường bộ");
  v1::Organization cell = Cell(from, "Chi bộ Ga Hà Nội");
  absl::Time now = absl::Now();
  GrpcMembershipDirectory directory =
      Directory({.organization_ttl = absl::Seconds(30), .now = [&now] { return now; }});
  const int64_t id = IdOf(cell.name());
  ASSERT_TRUE(directory.Organizations({id}, nullptr).ok());

  v1::MoveOrganizationRequest move;
  move.set_request_id(RequestId());
  move.set_name(cell.name());
  move.set_new_parent(to.name());
  move.set_etag(cell.etag());
  v1::Organization moved;
  grpc::Status st = Stub().MoveOrganization(AdminContext().get(), move, &moved);
  ASSERT_TRUE(st.ok()) << st.error_message();

  now += absl::Seconds(29);
  EXPECT_EQ(directory.Organizations({id}, nullptr)->at(id).path, PathOf(cell));
  now += absl::Seconds(2);
  EXPECT_EQ(directory.Organizations({id}, nullptr)->at(id).path, PathOf(moved));
}

TEST_F(MembershipClientE2E, Members_StandingPostAndOrganizationPath) {
  v1::Organization upper = Upper("Đảng bộ Tổng công ty Bưu điện");
  v1::Organization cell = Cell(upper, "Chi bộ Bưu điện Trung tâm 1");
  v1::Member secretary =
      WithPosition(CreateFullMember(cell.name(), "Đặng Thị Thu Hà", 2001), "Bí thư Chi bộ");
  v1::Member applicant = CreateApplicant(cell.name(), "Hoàng Văn Thụ");
  absl::StatusOr<absl::flat_hash_map<int64_t, MemberInfo>> found =
      Directory().Members({IdOf(secretary.name()), IdOf(applicant.name()), 987654321}, nullptr);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), 2u);

  const MemberInfo& s = found->at(IdOf(secretary.name()));
  EXPECT_EQ(s.full_name, "Đặng Thị Thu Hà");
  EXPECT_EQ(s.organization_id, IdOf(cell.name()));
  EXPECT_EQ(s.organization_path, PathOf(cell));
  EXPECT_EQ(s.standing, MemberStanding::kFull);
  EXPECT_TRUE(s.holds_post);

  const MemberInfo& a = found->at(IdOf(applicant.name()));
  EXPECT_EQ(a.standing, MemberStanding::kUnspecified);
  EXPECT_FALSE(a.holds_post);
  EXPECT_EQ(a.organization_path, PathOf(cell));
}

TEST_F(MembershipClientE2E, Members_AreReadFreshEveryTime) {
  v1::Member m = CreateFullMember(
      Cell(Upper("Đảng bộ Tập đoàn Cao su"), "Chi bộ Nông trường 3").name(), "Phạm Hùng", 1995);
  GrpcMembershipDirectory directory = Directory();
  const int64_t id = IdOf(m.name());
  ASSERT_EQ(directory.Members({id}, nullptr)->at(id).standing, MemberStanding::kFull);

  v1::RecordMemberEventResponse out;
  auto context = Context(InspectionToken());
  grpc::Status st = Stub().RecordMemberEvent(context.get(), ExpelRequest(m), &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(directory.Members({id}, nullptr)->at(id).standing, MemberStanding::kUnspecified);
}

TEST_F(MembershipClientE2E, SubtreeOrganizationIds_EveryStateIncludingTheRoot) {
  v1::Organization upper = Upper("Đảng bộ Tổng công ty Hàng hải");
  v1::Organization grassroots = CreateOrganization(
      upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Cảng Hải Phòng");
  v1::Organization cell = CreateOrganization(grassroots.name(), v1::ORGANIZATION_KIND_CELL,
                                             "Chi bộ Xí nghiệp Xếp dỡ Hoàng Diệu");
  v1::Organization dissolved = Dissolve(Cell(upper, "Chi bộ Công ty Vận tải biển"));
  v1::Organization elsewhere = Upper("Đảng bộ Tổng công ty Hàng không");

  absl::StatusOr<std::vector<int64_t>> ids =
      Directory().SubtreeOrganizationIds(IdOf(upper.name()), nullptr);
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_THAT(*ids, UnorderedElementsAre(IdOf(upper.name()), IdOf(grassroots.name()),
                                         IdOf(cell.name()), IdOf(dissolved.name())));

  EXPECT_EQ(Directory().SubtreeOrganizationIds(987654321, nullptr).status().code(),
            absl::StatusCode::kNotFound);
  (void)elsewhere;
}

TEST_F(MembershipClientE2E, RotatedTokenFile_IsUsedFromTheNextCall) {
  const std::string file = client->dir + "/rotating.token";
  WriteFile(file, "not-a-token");
  client::CallContextFactory contexts(file, absl::Seconds(5));
  GrpcMembershipDirectory directory(InspectionStub(), contexts);
  EXPECT_EQ(directory.Organizations({IdOf(Root().name())}, nullptr).status().code(),
            absl::StatusCode::kUnauthenticated);
  WriteFile(file, InspectionToken());
  absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> found =
      directory.Organizations({IdOf(Root().name())}, nullptr);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->size(), 1u);
}

TEST_F(MembershipClientE2E, Dispatcher_DeliveredTwice_ExpelsOnce) {
  v1::Member m = CreateFullMember(
      Cell(Upper("Đảng bộ Tổng công ty Than"), "Chi bộ Mỏ Hà Tu").name(), "Vũ Văn Mạnh", 1998);
  const v1::RecordMemberEventRequest request = ExpelRequest(m);
  const std::string origin = NextOrigin();
  Enqueue(MembershipCallKind::kExpelMember, request.request_id(), request.SerializeAsString(),
          origin);

  // A first worker claims the call, reaches membership, and dies before recording success.
  absl::StatusOr<std::vector<MembershipCall>> claimed =
      Store().ClaimMembershipCalls(10, absl::Milliseconds(300));
  ASSERT_TRUE(claimed.ok()) << claimed.status();
  auto ours = std::find_if(claimed->begin(), claimed->end(),
                           [&](const MembershipCall& c) { return c.origin == origin; });
  ASSERT_NE(ours, claimed->end());
  v1::RecordMemberEventRequest sent;
  ASSERT_TRUE(sent.ParseFromString(ours->payload));
  v1::RecordMemberEventResponse out;
  auto first = Contexts().New(nullptr);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(InspectionStub().RecordMemberEvent(first->get(), sent, &out).ok());

  // Its lease runs out; the dispatcher delivers the same call again.
  absl::SleepFor(absl::Milliseconds(400));
  MembershipCallDispatcher dispatcher(Store(), InspectionStub(), Contexts());
  absl::StatusOr<MembershipCallDispatcher::DrainStats> round = dispatcher.DrainOnceForTesting();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_GE(round->delivered, 1);

  const MembershipCall call = CallOf(origin);
  EXPECT_TRUE(call.done);
  EXPECT_EQ(call.attempts, 2);
  EXPECT_EQ(CountOf(EventsOf(m), v1::MEMBER_EVENT_TYPE_EXPEL), 1);
  EXPECT_EQ(Directory().Members({IdOf(m.name())}, nullptr)->at(IdOf(m.name())).standing,
            MemberStanding::kUnspecified);
}

TEST_F(MembershipClientE2E, Dispatcher_RefusedCallStaysQueuedWithTheErrorUntilAccepted) {
  // An identity scoped away from the organization may not dissolve it: membership refuses, the
  // call stays queued with the refusal; once the token covers the whole tree, the retry goes
  // through.
  const std::string file = client->dir + "/dissolver.token";
  WriteFile(file, Token({"service"}, {987654321}, "dangbo-inspection"));
  client::CallContextFactory contexts(file, absl::Seconds(5));
  MembershipCallDispatcher dispatcher(
      Store(), InspectionStub(), contexts,
      {.first_retry = absl::Milliseconds(100), .max_retry = absl::Milliseconds(100)});

  v1::Organization cell = Cell(Upper("Đảng bộ Tổng công ty Xi măng"), "Chi bộ Xi măng Hoàng Thạch");
  v1::DissolveOrganizationRequest request;
  request.set_request_id(absl::StrCat("dissolve-", RequestId()));
  request.set_name(cell.name());
  request.set_etag(cell.etag());
  const std::string origin = NextOrigin();
  Enqueue(MembershipCallKind::kDissolveOrganization, request.request_id(),
          request.SerializeAsString(), origin);

  absl::StatusOr<MembershipCallDispatcher::DrainStats> round = dispatcher.DrainOnceForTesting();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_GE(round->failed, 1);
  MembershipCall call = CallOf(origin);
  EXPECT_FALSE(call.done);
  EXPECT_EQ(call.attempts, 1);
  EXPECT_THAT(call.last_error, ::testing::HasSubstr("PERMISSION_DENIED"));

  WriteFile(file, InspectionToken());
  absl::SleepFor(absl::Milliseconds(150));
  round = dispatcher.DrainOnceForTesting();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_GE(round->delivered, 1);
  call = CallOf(origin);
  EXPECT_TRUE(call.done);
  EXPECT_EQ(call.attempts, 2);
  absl::StatusOr<absl::flat_hash_map<int64_t, OrganizationInfo>> found =
      Directory().Organizations({IdOf(cell.name())}, nullptr);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_FALSE(found->at(IdOf(cell.name())).active);
}

TEST_F(MembershipClientE2E, Dispatcher_BadPayload_IsKeptWithItsErrorAndRetriedRarely) {
  const std::string origin = NextOrigin();
  Enqueue(MembershipCallKind::kExpelMember, absl::StrCat("garbage-", RequestId()),
          std::string("\xff\xff\xff", 3), origin);
  MembershipCallDispatcher dispatcher(Store(), InspectionStub(), Contexts());
  absl::StatusOr<MembershipCallDispatcher::DrainStats> round = dispatcher.DrainOnceForTesting();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_GE(round->failed, 1);
  const MembershipCall call = CallOf(origin);
  EXPECT_FALSE(call.done);
  EXPECT_THAT(call.last_error, ::testing::HasSubstr("does not parse"));
  // It can never succeed as queued: it waits the longest retry, not the first.
  absl::SleepFor(absl::Milliseconds(1100));
  round = dispatcher.DrainOnceForTesting();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(CallOf(origin).attempts, 1);
}

TEST_F(MembershipClientE2E, Dispatcher_Thread_DeliversOnWakeAndStopsPromptly) {
  v1::Member m = CreateFullMember(
      Cell(Upper("Đảng bộ Tổng công ty Dầu khí"), "Chi bộ Giàn khoan 1").name(), "Lê Duẩn", 1997);
  MembershipCallDispatcher dispatcher(Store(), InspectionStub(), Contexts(),
                                      {.poll_interval = absl::Minutes(10)});
  dispatcher.Start();
  // Let the thread finish its first look at the queue and go to sleep for the poll interval.
  absl::SleepFor(absl::Milliseconds(300));

  const v1::RecordMemberEventRequest request = ExpelRequest(m);
  const std::string origin = NextOrigin();
  Enqueue(MembershipCallKind::kExpelMember, request.request_id(), request.SerializeAsString(),
          origin);
  dispatcher.Wake();
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!CallOf(origin).done && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(50));
  EXPECT_TRUE(CallOf(origin).done);
  EXPECT_EQ(CountOf(EventsOf(m), v1::MEMBER_EVENT_TYPE_EXPEL), 1);

  const absl::Time stopping = absl::Now();
  dispatcher.Stop();
  EXPECT_LT(absl::Now() - stopping, absl::Seconds(1));
}

// Last: stops and restarts the membership service.
TEST_F(MembershipClientE2E, MembershipDown_CallStaysPendingThenSucceedsWhenItIsBack) {
  v1::Member m = CreateFullMember(
      Cell(Upper("Đảng bộ Tổng công ty Cà phê"), "Chi bộ Nông trường Cà phê Thắng Lợi").name(),
      "Ngô Gia Tự", 1996);
  const v1::RecordMemberEventRequest request = ExpelRequest(m);
  const std::string origin = NextOrigin();
  MembershipCallDispatcher dispatcher(
      Store(), InspectionStub(), Contexts(),
      {.first_retry = absl::Milliseconds(100), .max_retry = absl::Milliseconds(200)});

  absl::StatusOr<int> exit_code = Service().Terminate();
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  Enqueue(MembershipCallKind::kExpelMember, request.request_id(), request.SerializeAsString(),
          origin);
  absl::StatusOr<MembershipCallDispatcher::DrainStats> round = dispatcher.DrainOnceForTesting();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->delivered, 0);
  MembershipCall call = CallOf(origin);
  EXPECT_FALSE(call.done);
  EXPECT_EQ(call.attempts, 1);
  EXPECT_THAT(call.last_error, ::testing::HasSubstr("UNAVAILABLE"));
  EXPECT_EQ(Directory().Organizations({IdOf(Root().name())}, nullptr).status().code(),
            absl::StatusCode::kUnavailable);

  absl::Status restarted = Service().Start();
  ASSERT_TRUE(restarted.ok()) << restarted;
  // The dispatcher keeps trying; the channel reconnects within its short backoff.
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (!CallOf(origin).done && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(250));
    ASSERT_TRUE(dispatcher.DrainOnceForTesting().ok());
  }
  call = CallOf(origin);
  EXPECT_TRUE(call.done);
  EXPECT_GE(call.attempts, 2);
  // The fixture's own channel must be connected again for whatever runs next.
  grpc::ClientContext ready;
  ready.set_wait_for_ready(true);
  auth::AttachToken(ready, AdminToken());
  ready.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::GetOrganizationRequest get;
  get.set_name(Root().name());
  v1::Organization root;
  ASSERT_TRUE(Stub().GetOrganization(&ready, get, &root).ok());
  EXPECT_EQ(CountOf(EventsOf(m), v1::MEMBER_EVENT_TYPE_EXPEL), 1);
}

}  // namespace
}  // namespace dangbo::inspection
