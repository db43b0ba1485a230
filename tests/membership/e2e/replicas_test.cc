// Two replicas of the service on one database, each with its member cache: a caller reads its
// own writes at once, and a write through one replica reaches the other's GetMember within
// --member_cache_max_staleness, authorization after a move included.
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

// Generous against a loaded CI machine; the replica's bound below is 300 ms.
constexpr absl::Duration kPatience = absl::Seconds(5);

class ReplicasE2E : public MembershipE2E {
 protected:
  static void SetUpTestSuite() {
    MembershipE2E::SetUpTestSuite();
    replica_ = NewReplica({"--member_cache_max_staleness=300ms"}).release();
    absl::Status started = replica_->Start();
    ASSERT_TRUE(started.ok()) << started;
    replica_stub_ = v1::MembershipService::NewStub(replica_->channel()).release();
  }
  static void TearDownTestSuite() {
    delete replica_stub_;
    delete replica_;
  }

  static const v1::Organization& Upper() {
    static const v1::Organization upper = CreateOrganization(
        Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Điện");
    return upper;
  }

  static grpc::Status Get(v1::MembershipService::Stub& stub, const std::string& token,
                          const std::string& name, v1::Member* out) {
    v1::GetMemberRequest req;
    req.set_name(name);
    return stub.GetMember(Context(token).get(), req, out);
  }

  static v1::Member Rename(const v1::Member& member, const std::string& full_name) {
    v1::UpdateMemberRequest req;
    req.set_request_id(RequestId());
    *req.mutable_member() = member;
    req.mutable_member()->set_full_name(full_name);
    req.mutable_update_mask()->add_paths("full_name");
    v1::Member updated;
    grpc::Status st = Stub().UpdateMember(AdminContext().get(), req, &updated);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return updated;
  }

  // Polls GetMember through `stub` until `done` holds for the status and member, or gives up.
  template <typename Done>
  static bool Eventually(v1::MembershipService::Stub& stub, const std::string& token,
                         const std::string& name, Done done) {
    const absl::Time deadline = absl::Now() + kPatience;
    for (;;) {
      v1::Member got;
      grpc::Status st = Get(stub, token, name, &got);
      if (done(st, got)) return true;
      if (absl::Now() > deadline) return false;
      absl::SleepFor(absl::Milliseconds(20));
    }
  }

  static dangbo::testing::ServiceProcess* replica_;
  static v1::MembershipService::Stub* replica_stub_;
};

dangbo::testing::ServiceProcess* ReplicasE2E::replica_ = nullptr;
v1::MembershipService::Stub* ReplicasE2E::replica_stub_ = nullptr;

TEST_F(ReplicasE2E, EachWriteIsReadBackAtOnceThroughTheSameReplica) {
  v1::Organization cell = CreateOrganization(Upper().name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                             "Chi bộ Công ty Tài chính");
  v1::Member member = CreateApplicant(cell.name(), "Trần Văn Giàu");
  for (int i = 0; i < 20; ++i) {
    v1::Member cached;
    ASSERT_TRUE(Get(Stub(), AdminToken(), member.name(), &cached).ok());  // fills the cache
    member = Rename(member, "Trần Văn Giàu " + std::to_string(i));
    v1::Member got;
    ASSERT_TRUE(Get(Stub(), AdminToken(), member.name(), &got).ok());
    EXPECT_EQ(got.full_name(), member.full_name());
    EXPECT_EQ(got.etag(), member.etag());
  }
}

TEST_F(ReplicasE2E, AWriteThroughOneReplicaReachesTheOthersCache) {
  v1::Organization cell = CreateOrganization(Upper().name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                             "Chi bộ Công ty Vật tư");
  v1::Member member = CreateApplicant(cell.name(), "Võ Thị Sáu");
  v1::Member before;
  ASSERT_TRUE(Get(*replica_stub_, AdminToken(), member.name(), &before).ok());
  ASSERT_TRUE(Get(*replica_stub_, AdminToken(), member.name(), &before).ok());
  const v1::Member renamed = Rename(member, "Võ Thị Sáu (Đất Đỏ)");
  EXPECT_TRUE(Eventually(*replica_stub_, AdminToken(), member.name(),
                         [&](const grpc::Status& st, const v1::Member& got) {
                           return st.ok() && got.etag() == renamed.etag() &&
                                  got.full_name() == renamed.full_name();
                         }))
      << "the replica kept serving the member as it was before the write";
}

TEST_F(ReplicasE2E, AMoveChangesWhoMayReadAMemberThroughTheOtherReplica) {
  v1::Organization from = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Cảng");
  v1::Organization to = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Thép");
  v1::Organization cell =
      CreateOrganization(from.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ Cảng Cái Lân");
  v1::Member member = CreateApplicant(cell.name(), "Nguyễn Văn Trỗi");
  const std::string from_reader = Token({"reader"}, {IdOf(from.name())});
  const std::string to_reader = Token({"reader"}, {IdOf(to.name())});
  v1::Member got;
  ASSERT_TRUE(Get(*replica_stub_, from_reader, member.name(), &got).ok());  // cached under `from`
  EXPECT_EQ(Get(*replica_stub_, to_reader, member.name(), &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::MoveOrganizationRequest move;
  move.set_request_id(RequestId());
  move.set_name(cell.name());
  move.set_new_parent(to.name());
  move.set_etag(cell.etag());
  *move.mutable_effective_date() = MakeDate(2025, 7, 1);
  move.mutable_decision()->set_number("15-QĐ/ĐUK");
  v1::Organization moved;
  grpc::Status st = Stub().MoveOrganization(AdminContext().get(), move, &moved);
  ASSERT_TRUE(st.ok()) << st.error_message();

  EXPECT_TRUE(Eventually(*replica_stub_, from_reader, member.name(),
                         [](const grpc::Status& status, const v1::Member&) {
                           return status.error_code() == grpc::StatusCode::PERMISSION_DENIED;
                         }))
      << "the old subtree's reader could still read the moved member";
  EXPECT_TRUE(Get(*replica_stub_, to_reader, member.name(), &got).ok());
}

TEST_F(ReplicasE2E, BadCacheFlagsStopTheServiceAtStart) {
  for (const char* flag : {"--member_cache_mb=-1", "--member_cache_mb=9000000000000",
                           "--member_cache_max_staleness=0s"}) {
    std::unique_ptr<dangbo::testing::ServiceProcess> replica = NewReplica({flag});
    absl::StatusOr<int> exit_code = replica->RunToExit({});
    ASSERT_TRUE(exit_code.ok()) << exit_code.status();
    EXPECT_NE(*exit_code, 0) << flag;
    EXPECT_NE(replica->Log().find("bad member cache flags"), std::string::npos) << replica->Log();
  }
}

}  // namespace
}  // namespace dangbo::membership::testing
