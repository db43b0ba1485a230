// Mutate: idempotent replay, audit trail, and the outbox feed's order under concurrency.
#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/session.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/membership/store/store_fixture.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::membership {
namespace {

using ::testing::HasSubstr;

TEST_F(StoreTest, Mutate_ReplayedRequestId_ReturnsFirstResponseAndWritesNothingTwice) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  const MutationContext context = NewContext("CreateMember", "fingerprint-a");
  int runs = 0;
  auto create = [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
    ++runs;
    absl::StatusOr<Member> m = tx.InsertMember(NewMember("Phan Văn Khải", cell->id));
    if (!m.ok()) return m.status();
    const std::string resource = absl::StrCat("members/", m->id);
    return MutationOutcome{absl::StrCat("response for ", m->id),
                           {{resource, "dangbo.membership.v1.Member.created", "payload"}},
                           resource,
                           "created"};
  };
  const int64_t outbox_before = CountRows("outbox");

  absl::StatusOr<std::string> first = store_->Mutate(context, create);
  absl::StatusOr<std::string> replay = store_->Mutate(context, create);

  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(*replay, *first);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(CountRows("members"), 1);
  EXPECT_EQ(CountRows("outbox"), outbox_before + 1);
  EXPECT_EQ(CountRows("audit_log WHERE method = 'CreateMember'"), 1);
}

TEST_F(StoreTest, Mutate_RequestIdReusedWithAnotherFingerprint_IsInvalidArgument) {
  MutationContext context = NewContext("UpdateMember", "fingerprint-a");
  auto noop = [](MembershipTx&) -> absl::StatusOr<MutationOutcome> {
    return MutationOutcome{"done", {}, "members/1", "nothing"};
  };
  ASSERT_TRUE(store_->Mutate(context, noop).ok());

  context.fingerprint = "fingerprint-b";
  absl::StatusOr<std::string> reused = store_->Mutate(context, noop);

  EXPECT_EQ(reused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(reused.status().message(), HasSubstr("request_id: reused with a different request"));
}

TEST_F(StoreTest, Mutate_SameRequestIdOnAnotherMethod_IsAnIndependentRequest) {
  MutationContext context = NewContext("UpdateMember");
  ASSERT_TRUE(store_
                  ->Mutate(context,
                           [](MembershipTx&) -> absl::StatusOr<MutationOutcome> {
                             return MutationOutcome{"first", {}, "members/1", ""};
                           })
                  .ok());
  context.method = "DeleteMember";

  absl::StatusOr<std::string> other =
      store_->Mutate(context, [](MembershipTx&) -> absl::StatusOr<MutationOutcome> {
        return MutationOutcome{"second", {}, "members/1", ""};
      });

  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(*other, "second");
}

TEST_F(StoreTest, Mutate_FailedBody_LeavesNoTraceAndCanBeRetried) {
  const MutationContext context = NewContext("CreateMember");
  absl::StatusOr<std::string> failed =
      store_->Mutate(context, [](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        return absl::FailedPreconditionError("organization: dissolved");
      });
  ASSERT_EQ(failed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CountRows("idempotency_keys"), 0);
  EXPECT_EQ(CountRows("audit_log"), 0);

  absl::StatusOr<std::string> retried =
      store_->Mutate(context, [](MembershipTx&) -> absl::StatusOr<MutationOutcome> {
        return MutationOutcome{"ok now", {}, "members/1", ""};
      });

  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(*retried, "ok now");
}

TEST_F(StoreTest, Mutate_EmptyRequestId_IsInvalidArgument) {
  MutationContext context = NewContext("CreateMember");
  context.request_id.clear();

  absl::StatusOr<std::string> result = store_->Mutate(
      context, [](MembershipTx&) -> absl::StatusOr<MutationOutcome> { return MutationOutcome{}; });

  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("request_id"));
}

TEST_F(StoreTest, Mutate_ConcurrentTwinsWithOneRequestId_RunTheBodyOnce) {
  const MutationContext context = NewContext("CreateMember");
  std::atomic<int> runs{0};
  auto body = [&](MembershipTx&) -> absl::StatusOr<MutationOutcome> {
    ++runs;
    absl::SleepFor(absl::Milliseconds(200));  // let the twin arrive while this one is open
    return MutationOutcome{"the one", {{"members/1", "t", "p"}}, "members/1", ""};
  };
  absl::StatusOr<std::string> results[2];

  std::thread a([&] { results[0] = store_->Mutate(context, body); });
  absl::SleepFor(absl::Milliseconds(50));
  std::thread b([&] { results[1] = store_->Mutate(context, body); });
  a.join();
  b.join();

  ASSERT_TRUE(results[0].ok()) << results[0].status();
  ASSERT_TRUE(results[1].ok()) << results[1].status();
  EXPECT_EQ(*results[1], "the one");
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(CountRows("outbox"), 1);
}

// The server committed, then the connection died before its answer arrived: Mutate must find
// the committed record and return its response rather than run the body again.
TEST_F(StoreTest, Mutate_CommitAnswerLostAfterServerCommitted_ReturnsStoredResponseOnce) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  bool lose_answer = true;
  store_->SetBeforeCommitHookForTesting([&](db::Session& session) {
    if (!lose_answer) return;
    lose_answer = false;
    session.Execute("COMMIT");
    ASSERT_TRUE(dangbo::testing::MariaDbEnvironment::Server()
                    .ExecuteAsRoot(absl::StrCat("KILL ", session.connection_id()))
                    .ok());
  });
  const int64_t outbox_before = CountRows("outbox");
  int runs = 0;

  absl::StatusOr<std::string> result = store_->Mutate(
      NewContext("CreateMember"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        ++runs;
        absl::StatusOr<Member> m = tx.InsertMember(NewMember("Võ Thị Sáu", cell->id));
        if (!m.ok()) return m.status();
        return MutationOutcome{absl::StrCat("created ", m->id), {{"members/x", "t", "p"}}, "", ""};
      });

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(lose_answer);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(CountRows("members"), 1);
  EXPECT_EQ(CountRows("outbox"), outbox_before + 1);
  EXPECT_THAT(*result, HasSubstr("created "));
}

// The connection died with COMMIT unsent: nothing committed, so Mutate runs the body again and
// the change lands exactly once.
TEST_F(StoreTest, Mutate_ConnectionLostBeforeCommit_RunsAgainAndCommitsOnce) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  bool lose_connection = true;
  store_->SetBeforeCommitHookForTesting([&](db::Session& session) {
    if (!lose_connection) return;
    lose_connection = false;
    ASSERT_TRUE(dangbo::testing::MariaDbEnvironment::Server()
                    .ExecuteAsRoot(absl::StrCat("KILL ", session.connection_id()))
                    .ok());
  });
  const int64_t outbox_before = CountRows("outbox");
  int runs = 0;

  absl::StatusOr<std::string> result = store_->Mutate(
      NewContext("CreateMember"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        ++runs;
        absl::StatusOr<Member> m = tx.InsertMember(NewMember("Võ Thị Sáu", cell->id));
        if (!m.ok()) return m.status();
        return MutationOutcome{"created", {{"members/x", "t", "p"}}, "", ""};
      });

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(CountRows("members"), 1);
  EXPECT_EQ(CountRows("outbox"), outbox_before + 1);
}

TEST_F(StoreTest, ListChanges_ReturnsPayloadBytesAndRequestId) {
  const std::string payload("\x0a\x00\xff binary", 10);
  const MutationContext context = NewContext("UpdateMember");
  ASSERT_TRUE(store_
                  ->Mutate(context,
                           [&](MembershipTx&) -> absl::StatusOr<MutationOutcome> {
                             return MutationOutcome{
                                 "",
                                 {{"members/9", "dangbo.membership.v1.Member.updated", payload}},
                                 "members/9",
                                 ""};
                           })
                  .ok());

  absl::StatusOr<std::vector<StoredChange>> changes = store_->ListChanges(0, 10);

  ASSERT_TRUE(changes.ok()) << changes.status();
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].sequence, 1);
  EXPECT_EQ((*changes)[0].payload, payload);
  EXPECT_EQ((*changes)[0].resource, "members/9");
  EXPECT_EQ((*changes)[0].request_id, context.request_id);
  EXPECT_LT(absl::Now() - (*changes)[0].commit_time, absl::Minutes(1));
  EXPECT_EQ(*store_->HeadSequence(), 1);
}

// The feed's contract: a reader that resumes after the last sequence it saw never misses a
// change. If a sequence could commit after a higher one, the polling reader below would move
// its cursor past it and never see it.
TEST_F(StoreTest, ListChanges_UnderConcurrentWriters_IsGapFreeAndNeverSkipsWhilePolling) {
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 200;
  std::atomic<bool> writing{true};
  std::vector<int64_t> polled;
  std::thread reader([&] {
    int64_t cursor = 0;
    auto poll = [&] {
      absl::StatusOr<std::vector<StoredChange>> page = store_->ListChanges(cursor, 1000);
      ASSERT_TRUE(page.ok()) << page.status();
      for (const StoredChange& change : *page) {
        polled.push_back(change.sequence);
        cursor = change.sequence;
      }
    };
    while (writing.load()) poll();
    poll();
  });
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        const MutationContext context{"Touch", absl::StrCat("w", w, "-", i), "fp", "t"};
        absl::StatusOr<std::string> result =
            store_->Mutate(context, [&](MembershipTx&) -> absl::StatusOr<MutationOutcome> {
              return MutationOutcome{"", {{absl::StrCat("members/", w), "t", "p"}}, "", ""};
            });
        if (!result.ok()) ++failures;
      }
    });
  }
  for (std::thread& t : writers) t.join();
  writing = false;
  reader.join();

  ASSERT_EQ(failures.load(), 0);
  ASSERT_EQ(polled.size(), static_cast<size_t>(kWriters * kPerWriter));
  for (size_t i = 0; i < polled.size(); ++i) ASSERT_EQ(polled[i], static_cast<int64_t>(i + 1));
  absl::StatusOr<std::vector<StoredChange>> all = store_->ListChanges(0, 1000);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), static_cast<size_t>(kWriters * kPerWriter));
  EXPECT_EQ(*store_->HeadSequence(), kWriters * kPerWriter);
}

}  // namespace
}  // namespace dangbo::membership
