// The background follower against in-process sources whose pages are shorter than the follower
// asks for, as a source capping its page size answers: while the source's head is ahead, the
// follower must go on at once rather than wait its poll interval after every page.
#include "services/reporting/feed/follower.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/client/call_context.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/reporting/feed/read_model.h"

namespace dangbo::reporting {
namespace {

namespace mpb = dangbo::membership::v1;
namespace ipb = dangbo::inspection::v1;

// Membership's feed: `head` member changes, at most three a page whatever is asked.
class ShortPageMembership final : public mpb::MembershipService::Service {
 public:
  explicit ShortPageMembership(int64_t head) : head_(head) {}

  grpc::Status ListChanges(grpc::ServerContext*, const mpb::ListChangesRequest* req,
                           mpb::ListChangesResponse* resp) override {
    resp->set_head_sequence(head_);
    const int64_t last = std::min(head_, req->after_sequence() + 3);
    for (int64_t sequence = req->after_sequence() + 1; sequence <= last; ++sequence) {
      dangbo::type::v1::Change* change = resp->add_changes();
      change->set_sequence(sequence);
      change->set_resource(absl::StrCat("members/", sequence));
      mpb::Member member;
      member.set_name(change->resource());
      member.set_organization("organizations/1");
      member.set_state(mpb::MEMBER_STATE_APPLICANT);
      change->mutable_payload()->PackFrom(member);
      change->mutable_commit_time()->set_seconds(absl::ToUnixSeconds(absl::Now()));
    }
    return grpc::Status::OK;
  }

 private:
  const int64_t head_;
};

// Inspection's feed: empty.
class EmptyInspection final : public ipb::InspectionService::Service {
 public:
  grpc::Status ListChanges(grpc::ServerContext*, const ipb::ListChangesRequest*,
                           ipb::ListChangesResponse* resp) override {
    resp->set_head_sequence(0);
    return grpc::Status::OK;
  }
};

TEST(FeedFollowerTest, ShortPagesWhileBehindAreFollowedWithoutWaitingThePollInterval) {
  constexpr int64_t kHead = 30;
  ShortPageMembership membership(kHead);
  EmptyInspection inspection;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&membership);
  builder.RegisterService(&inspection);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
  auto membership_stub = mpb::MembershipService::NewStub(channel);
  auto inspection_stub = ipb::InspectionService::NewStub(channel);
  const client::CallContextFactory contexts("", absl::Seconds(10));

  ReadModel model;
  // An hour between polls: ten pages waiting it out one after another would never finish here.
  FeedFollower follower(nullptr, model,
                        FeedSources{.membership = membership_stub.get(),
                                    .membership_contexts = &contexts,
                                    .inspection = inspection_stub.get(),
                                    .inspection_contexts = &contexts},
                        FollowerOptions{.poll_interval = absl::Hours(1)});
  follower.Start();
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (model.positions().of(Source::kMembership).last_sequence < kHead &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  follower.Stop();
  server->Shutdown();
  EXPECT_EQ(model.positions().of(Source::kMembership).last_sequence, kHead);
}

}  // namespace
}  // namespace dangbo::reporting
