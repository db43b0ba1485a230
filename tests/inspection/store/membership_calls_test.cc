// The queue of calls owed to membership: written with the decision, claimed, completed,
// retried after failure, reclaimed after a lost lease, kept across a server crash.
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/store/store_fixture.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::inspection {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

class MembershipCallsTest : public InspectionStoreTest {
 protected:
  // An expulsion of member 300 and its queued EXPEL call, in one mutation; `fail_after_enqueue`
  // makes the body fail after both were written.
  absl::StatusOr<DisciplinaryDecision> Expel(const std::string& call_request_id,
                                             bool fail_after_enqueue = false) {
    DisciplinaryDecision expulsion = NewWarning();
    expulsion.form = DisciplineForm::kExpulsion;
    DisciplinaryDecision created;
    absl::StatusOr<std::string> response =
        store_->Mutate(NewContext("CreateDisciplinaryDecision"),
                       [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
                         absl::StatusOr<DisciplinaryDecision> d = tx.InsertDecision(expulsion);
                         if (!d.ok()) return d.status();
                         const std::string origin = absl::StrCat("disciplinaryDecisions/", d->id);
                         MembershipCall call{.request_id = call_request_id,
                                             .kind = MembershipCallKind::kExpelMember,
                                             .origin = origin,
                                             .payload = "RecordMemberEventRequest bytes"};
                         absl::StatusOr<MembershipCall> queued = tx.EnqueueMembershipCall(call);
                         if (!queued.ok()) return queued.status();
                         if (fail_after_enqueue) return absl::FailedPreconditionError("refused");
                         created = *d;
                         return MutationOutcome{origin, {}, origin, "expulsion"};
                       });
    if (!response.ok()) return response.status();
    return created;
  }

  static std::string Origin(const DisciplinaryDecision& d) {
    return absl::StrCat("disciplinaryDecisions/", d.id);
  }
};

TEST_F(MembershipCallsTest, Enqueue_CommitsWithTheDecision) {
  absl::StatusOr<DisciplinaryDecision> decision = Expel("expel-300");
  ASSERT_TRUE(decision.ok()) << decision.status();
  absl::StatusOr<std::vector<MembershipCall>> calls = store_->MembershipCallsOf(Origin(*decision));
  ASSERT_TRUE(calls.ok()) << calls.status();
  ASSERT_THAT(*calls, SizeIs(1));
  EXPECT_EQ((*calls)[0].request_id, "expel-300");
  EXPECT_EQ((*calls)[0].kind, MembershipCallKind::kExpelMember);
  EXPECT_EQ((*calls)[0].payload, "RecordMemberEventRequest bytes");
  EXPECT_EQ((*calls)[0].attempts, 0);
  EXPECT_FALSE((*calls)[0].done);
}

TEST_F(MembershipCallsTest, Enqueue_RolledBackWithTheDecision) {
  absl::StatusOr<DisciplinaryDecision> decision = Expel("expel-300", /*fail_after_enqueue=*/true);
  EXPECT_EQ(decision.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CountRows("membership_calls"), 0);
  EXPECT_EQ(CountRows("disciplinary_decisions"), 0);
}

TEST_F(MembershipCallsTest, Enqueue_SameRequestIdTwice_IsAlreadyExists) {
  ASSERT_TRUE(Expel("expel-300").ok());
  EXPECT_EQ(Expel("expel-300").status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(CountRows("membership_calls"), 1);
}

TEST_F(MembershipCallsTest, Claim_LeasesTheCallSoNobodyElseGetsIt) {
  ASSERT_TRUE(Expel("expel-300").ok());
  absl::StatusOr<std::vector<MembershipCall>> first =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_THAT(*first, SizeIs(1));
  EXPECT_EQ((*first)[0].attempts, 1);
  EXPECT_FALSE((*first)[0].claim_token.empty());
  absl::StatusOr<std::vector<MembershipCall>> second =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(*second, IsEmpty());
}

TEST_F(MembershipCallsTest, Complete_IsFinalAndIdempotent) {
  absl::StatusOr<DisciplinaryDecision> decision = Expel("expel-300");
  ASSERT_TRUE(decision.ok());
  absl::StatusOr<std::vector<MembershipCall>> claimed =
      store_->ClaimMembershipCalls(10, absl::ZeroDuration());
  ASSERT_TRUE(claimed.ok());
  ASSERT_THAT(*claimed, SizeIs(1));
  ASSERT_TRUE(store_->CompleteMembershipCall((*claimed)[0].id).ok());
  ASSERT_TRUE(store_->CompleteMembershipCall((*claimed)[0].id).ok());

  // A zero lease would make a pending call claimable at once; a done one never is.
  absl::StatusOr<std::vector<MembershipCall>> again =
      store_->ClaimMembershipCalls(10, absl::ZeroDuration());
  ASSERT_TRUE(again.ok());
  EXPECT_THAT(*again, IsEmpty());
  absl::StatusOr<std::vector<MembershipCall>> calls = store_->MembershipCallsOf(Origin(*decision));
  ASSERT_TRUE(calls.ok());
  EXPECT_TRUE((*calls)[0].done);
  EXPECT_EQ((*calls)[0].attempts, 1);
}

TEST_F(MembershipCallsTest, Fail_MakesCallClaimableAfterRetryDelayWithSameRequestId) {
  ASSERT_TRUE(Expel("expel-300").ok());
  absl::StatusOr<std::vector<MembershipCall>> claimed =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(claimed.ok());
  ASSERT_THAT(*claimed, SizeIs(1));
  const MembershipCall call = (*claimed)[0];
  ASSERT_TRUE(store_
                  ->FailMembershipCall(call.id, call.claim_token,
                                       "UNAVAILABLE: membership không phản hồi",
                                       absl::Milliseconds(300))
                  .ok());

  absl::StatusOr<std::vector<MembershipCall>> too_soon =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(too_soon.ok());
  EXPECT_THAT(*too_soon, IsEmpty());

  absl::SleepFor(absl::Milliseconds(400));
  absl::StatusOr<std::vector<MembershipCall>> retried =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(retried.ok());
  ASSERT_THAT(*retried, SizeIs(1));
  EXPECT_EQ((*retried)[0].id, call.id);
  EXPECT_EQ((*retried)[0].request_id, "expel-300");
  EXPECT_EQ((*retried)[0].attempts, 2);
  EXPECT_EQ((*retried)[0].last_error, "UNAVAILABLE: membership không phản hồi");
  EXPECT_NE((*retried)[0].claim_token, call.claim_token);
}

TEST_F(MembershipCallsTest, Fail_UnderAnOlderClaim_IsFailedPreconditionAndKeepsNewLease) {
  ASSERT_TRUE(Expel("expel-300").ok());
  absl::StatusOr<std::vector<MembershipCall>> lapsed =
      store_->ClaimMembershipCalls(10, absl::ZeroDuration());
  ASSERT_TRUE(lapsed.ok());
  ASSERT_THAT(*lapsed, SizeIs(1));
  // The first worker's lease ran out (zero); a second worker claims the call.
  absl::StatusOr<std::vector<MembershipCall>> current =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(current.ok());
  ASSERT_THAT(*current, SizeIs(1));

  absl::Status late = store_->FailMembershipCall((*lapsed)[0].id, (*lapsed)[0].claim_token,
                                                 "timeout", absl::ZeroDuration());
  EXPECT_EQ(late.code(), absl::StatusCode::kFailedPrecondition);
  absl::StatusOr<std::vector<MembershipCall>> none =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(none.ok());
  EXPECT_THAT(*none, IsEmpty());
}

TEST_F(MembershipCallsTest, ConcurrentClaimers_GetDisjointCalls) {
  constexpr int kCalls = 12;
  for (int i = 0; i < kCalls; ++i) ASSERT_TRUE(Expel(absl::StrCat("expel-", i)).ok());
  std::vector<std::vector<MembershipCall>> got(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 4; ++round) {
        absl::StatusOr<std::vector<MembershipCall>> claimed =
            store_->ClaimMembershipCalls(2, absl::Minutes(5));
        if (!claimed.ok()) continue;
        got[t].insert(got[t].end(), claimed->begin(), claimed->end());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<int64_t> ids;
  size_t total = 0;
  for (const auto& calls : got) {
    total += calls.size();
    for (const MembershipCall& c : calls) ids.insert(c.id);
  }
  EXPECT_EQ(total, ids.size()) << "a call was handed to two claimers";
  EXPECT_EQ(ids.size(), static_cast<size_t>(kCalls));
}

TEST_F(MembershipCallsTest, PendingCall_SurvivesServerKillAndIsClaimedAfterRestart) {
  ASSERT_TRUE(Expel("expel-300").ok());
  dangbo::testing::PrivateMariaDb& server = dangbo::testing::MariaDbEnvironment::Server();
  ASSERT_TRUE(server.Kill().ok());
  ASSERT_TRUE(server.Start().ok());
  absl::StatusOr<std::vector<MembershipCall>> claimed =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(claimed.ok()) << claimed.status();
  ASSERT_THAT(*claimed, SizeIs(1));
  EXPECT_EQ((*claimed)[0].request_id, "expel-300");
}

TEST_F(MembershipCallsTest, ClaimedCall_WorkerLostWithServerKill_IsClaimableAfterLease) {
  ASSERT_TRUE(Expel("expel-300").ok());
  absl::StatusOr<std::vector<MembershipCall>> claimed =
      store_->ClaimMembershipCalls(10, absl::Milliseconds(500));
  ASSERT_TRUE(claimed.ok());
  ASSERT_THAT(*claimed, SizeIs(1));
  dangbo::testing::PrivateMariaDb& server = dangbo::testing::MariaDbEnvironment::Server();
  ASSERT_TRUE(server.Kill().ok());
  ASSERT_TRUE(server.Start().ok());
  absl::SleepFor(absl::Milliseconds(600));
  absl::StatusOr<std::vector<MembershipCall>> reclaimed =
      store_->ClaimMembershipCalls(10, absl::Minutes(5));
  ASSERT_TRUE(reclaimed.ok()) << reclaimed.status();
  ASSERT_THAT(*reclaimed, SizeIs(1));
  EXPECT_EQ((*reclaimed)[0].attempts, 2);
  EXPECT_EQ((*reclaimed)[0].request_id, "expel-300");
}

}  // namespace
}  // namespace dangbo::inspection
