// Mutate: idempotency, audit, the outbox and its order, a lost COMMIT answer.
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/store/store_fixture.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::inspection {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST_F(InspectionStoreTest, Mutate_ReplayedRequestId_ReturnsFirstResponseAndWritesNothing) {
  const MutationContext context = NewContext("CreateInspection");
  int runs = 0;
  auto create = [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
    ++runs;
    absl::StatusOr<Inspection> inserted = tx.InsertInspection(NewSupervision());
    if (!inserted.ok()) return inserted.status();
    const std::string resource = absl::StrCat("inspections/", inserted->id);
    return MutationOutcome{resource, {{resource, "created", "p"}}, resource, "created"};
  };
  absl::StatusOr<std::string> first = store_->Mutate(context, create);
  absl::StatusOr<std::string> replay = store_->Mutate(context, create);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(*replay, *first);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(CountRows("inspections"), 1);
  EXPECT_EQ(CountRows("outbox"), 1);
  EXPECT_EQ(CountRows("audit_log"), 1);
}

TEST_F(InspectionStoreTest, Mutate_RequestIdReusedWithOtherRequest_IsInvalidArgument) {
  MutationContext context = NewContext("CreateInspection", "fingerprint-a");
  auto body = [](InspectionTx&) -> absl::StatusOr<MutationOutcome> {
    return MutationOutcome{"r", {}, "x", "y"};
  };
  ASSERT_TRUE(store_->Mutate(context, body).ok());
  context.fingerprint = "fingerprint-b";
  absl::StatusOr<std::string> reused = store_->Mutate(context, body);
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(reused.status().message(), HasSubstr("request_id"));
}

TEST_F(InspectionStoreTest, Mutate_BodyFails_RollsBackEverythingAndKeyStaysFree) {
  const MutationContext context = NewContext("CreateInspection");
  absl::StatusOr<std::string> failed =
      store_->Mutate(context, [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
        if (!tx.InsertInspection(NewSupervision()).ok()) return absl::InternalError("insert");
        return absl::FailedPreconditionError("stage: not allowed");
      });
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CountRows("inspections"), 0);
  EXPECT_EQ(CountRows("idempotency_keys"), 0);
  EXPECT_EQ(CountRows("audit_log"), 0);
  // The same request_id may be used again once the request is fixed.
  EXPECT_TRUE(store_
                  ->Mutate(context,
                           [](InspectionTx&) -> absl::StatusOr<MutationOutcome> {
                             return MutationOutcome{"ok", {}, "x", "y"};
                           })
                  .ok());
}

TEST_F(InspectionStoreTest, Mutate_ConcurrentWriters_OutboxSequencesAreGaplessAndPerRequest) {
  constexpr int kThreads = 6;
  constexpr int kPerThread = 8;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const MutationContext context{"CreateInspection", absl::StrCat("t", t, "-", i), "fp",
                                      "users/x"};
        absl::StatusOr<std::string> r =
            store_->Mutate(context, [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
              absl::StatusOr<Inspection> inserted = tx.InsertInspection(NewSupervision());
              if (!inserted.ok()) return inserted.status();
              const std::string resource = absl::StrCat("inspections/", inserted->id);
              // Two changes per request: they must come out adjacent.
              return MutationOutcome{resource,
                                     {{resource, "created", "1"}, {resource, "subjects", "2"}},
                                     resource,
                                     ""};
            });
        if (!r.ok()) failures.fetch_add(1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);

  absl::StatusOr<std::vector<StoredChange>> changes = store_->ListChanges(0, 1000);
  ASSERT_TRUE(changes.ok()) << changes.status();
  ASSERT_THAT(*changes, SizeIs(2 * kThreads * kPerThread));
  std::set<std::string> requests;
  for (size_t i = 0; i < changes->size(); ++i) {
    EXPECT_EQ((*changes)[i].sequence, static_cast<int64_t>(i) + 1);
    if (i % 2 == 1) {
      EXPECT_EQ((*changes)[i].request_id, (*changes)[i - 1].request_id);
      EXPECT_EQ((*changes)[i].change_type, "subjects");
    }
    requests.insert((*changes)[i].request_id);
  }
  EXPECT_EQ(requests.size(), static_cast<size_t>(kThreads * kPerThread));
  // Commit order: ids were assigned inside the transactions in the same order as sequences,
  // since each transaction holds the head lock until it commits.
  absl::StatusOr<int64_t> head = store_->HeadSequence();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, 2 * kThreads * kPerThread);
}

TEST_F(InspectionStoreTest, Mutate_ConcurrentTwinsWithOneRequestId_WriteOnce) {
  const MutationContext context = NewContext("CreateInspection");
  std::vector<std::thread> threads;
  std::vector<absl::StatusOr<std::string>> results(4, absl::UnknownError("not run"));
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      results[t] =
          store_->Mutate(context, [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
            absl::StatusOr<Inspection> inserted = tx.InsertInspection(NewSupervision());
            if (!inserted.ok()) return inserted.status();
            return MutationOutcome{absl::StrCat(inserted->id), {}, "i", ""};
          });
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(*r, *results[0]);
  }
  EXPECT_EQ(CountRows("inspections"), 1);
}

TEST_F(InspectionStoreTest, Mutate_CommitAnswerLostAfterCommit_ReturnsTheCommittedResponse) {
  // Kill our own connection after COMMIT reached the server: the answer is lost, the write is
  // not, and the idempotency record says so.
  bool fired = false;
  store_->SetBeforeCommitHookForTesting([&](db::Session& session) {
    if (fired) return;
    fired = true;
    session.Execute("COMMIT");
    ASSERT_TRUE(dangbo::testing::MariaDbEnvironment::Server()
                    .ExecuteAsRoot(absl::StrCat("KILL ", session.connection_id()))
                    .ok());
  });
  absl::StatusOr<std::string> result = store_->Mutate(
      NewContext("CreateInspection"), [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
        absl::StatusOr<Inspection> inserted = tx.InsertInspection(NewSupervision());
        if (!inserted.ok()) return inserted.status();
        return MutationOutcome{absl::StrCat("inspections/", inserted->id), {}, "i", ""};
      });
  store_->SetBeforeCommitHookForTesting(nullptr);
  ASSERT_TRUE(fired);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(*result, HasSubstr("inspections/"));
  EXPECT_EQ(CountRows("inspections"), 1);
}

TEST_F(InspectionStoreTest, Mutate_AcknowledgedBeforeServerKill_SurvivesRestart) {
  absl::StatusOr<Inspection> created = CreateInspection(NewSupervision());
  ASSERT_TRUE(created.ok());
  dangbo::testing::PrivateMariaDb& server = dangbo::testing::MariaDbEnvironment::Server();
  ASSERT_TRUE(server.Kill().ok());
  ASSERT_TRUE(server.Start().ok());
  absl::StatusOr<Inspection> read = store_->GetInspection(created->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->decision.number, "251-QĐ/ĐUK");
  absl::StatusOr<std::vector<StoredChange>> changes = store_->ListChanges(0, 10);
  ASSERT_TRUE(changes.ok());
  EXPECT_THAT(*changes, SizeIs(1));
}

}  // namespace
}  // namespace dangbo::inspection
