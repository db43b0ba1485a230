// Crashes of the service and of MariaDB while writes are in flight: every acknowledged write
// survives, and a client retrying with the same request_id never creates a member twice.
#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class ResilienceE2E : public MembershipE2E {};

struct Writer {
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::vector<std::string> names;  // acknowledged member names
  std::mutex mu;
};

// Creates members one by one; each request is retried with the same request_id until it is
// acknowledged, as a careful client would.
void WriteUntilStopped(Writer& w, const std::string& organization) {
  for (int i = 0; !w.stop.load(); ++i) {
    v1::CreateMemberRequest req;
    req.set_request_id(absl::StrCat("resilience-", getpid(), "-", i));
    req.mutable_member()->set_organization(organization);
    req.mutable_member()->set_full_name(absl::StrCat("Đảng viên thử ", i));
    for (int attempt = 0; attempt < 600; ++attempt) {
      v1::Member out;
      auto ctx = MembershipE2E::AdminContext();
      ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
      grpc::Status st = MembershipE2E::Stub().CreateMember(ctx.get(), req, &out);
      if (st.ok()) {
        std::lock_guard<std::mutex> lock(w.mu);
        w.names.push_back(out.name());
        ++w.acknowledged;
        break;
      }
      ASSERT_TRUE(st.error_code() == grpc::StatusCode::UNAVAILABLE ||
                  st.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                  st.error_code() == grpc::StatusCode::ABORTED ||
                  st.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED)
          << st.error_code() << " " << st.error_message();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void WaitForAcks(Writer& w, int more) {
  const int target = w.acknowledged.load() + more;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (w.acknowledged.load() < target && absl::Now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GE(w.acknowledged.load(), target);
}

TEST_F(ResilienceE2E, CrashOfServiceAndDatabase_LosesNoAcknowledgedWriteAndDuplicatesNone) {
  v1::Organization cell = CreateOrganization(
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE,
                         "Đảng bộ Tổng công ty Bền bỉ")
          .name(),
      v1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ Bền bỉ");
  Writer w;
  std::thread writer([&] { WriteUntilStopped(w, cell.name()); });

  WaitForAcks(w, 20);
  ASSERT_TRUE(Service().Kill().ok());
  ASSERT_TRUE(Service().Start().ok());
  WaitForAcks(w, 20);
  ASSERT_TRUE(Database().Kill().ok());
  ASSERT_TRUE(Database().Start().ok());
  WaitForAcks(w, 20);
  w.stop = true;
  writer.join();

  // Every acknowledged member is there, and nothing beyond the requests made.
  std::set<std::string> acknowledged(w.names.begin(), w.names.end());
  EXPECT_EQ(acknowledged.size(), w.names.size()) << "a retried request created two members";
  for (const std::string& name : w.names) {
    v1::GetMemberRequest get;
    get.set_name(name);
    v1::Member m;
    grpc::Status st = Stub().GetMember(AdminContext().get(), get, &m);
    EXPECT_TRUE(st.ok()) << name << ": " << st.error_message();
  }
  v1::ListMembersRequest list;
  list.set_subtree(cell.name());
  list.set_page_size(1000);
  v1::ListMembersResponse listed;
  ASSERT_TRUE(Stub().ListMembers(AdminContext().get(), list, &listed).ok());
  EXPECT_EQ(static_cast<size_t>(listed.members_size()), acknowledged.size());
}

TEST_F(ResilienceE2E, Sigterm_DrainsAndExitsCleanly) {
  absl::StatusOr<int> code = Service().Terminate();
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0) << Service().LogTail();
  ASSERT_TRUE(Service().Start().ok());
}

}  // namespace
}  // namespace dangbo::membership::testing
