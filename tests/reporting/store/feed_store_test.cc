// The rows and positions the read model is rebuilt from: a row is replaced only by a later
// change, a position never moves back, and rows written before V002 read back after it.
#include "services/reporting/store/feed_store.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/migrate.h"
#include "common/db/pool.h"
#include "cppconn/prepared_statement.h"
#include "dangbo/membership/v1/member.pb.h"
#include "google/protobuf/any.pb.h"
#include "gtest/gtest.h"
#include "services/reporting/feed/stored_payload.h"
#include "services/reporting/store/migrations.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::reporting {
namespace {

namespace mpb = dangbo::membership::v1;

const auto* const kMariaDb =
    ::testing::AddGlobalTestEnvironment(new dangbo::testing::MariaDbEnvironment);

class FeedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(EmbeddedMigrations()); }

  void Open(std::span<const db::Migration> migrations) {
    absl::StatusOr<db::Config> config = dangbo::testing::CreateTestSchema("feed_store");
    ASSERT_TRUE(config.ok()) << config.status();
    absl::StatusOr<std::unique_ptr<db::Pool>> pool = db::Pool::Create(*config);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *std::move(pool);
    absl::Status migrated = db::Migrate(*pool_, migrations);
    ASSERT_TRUE(migrated.ok()) << migrated;
    store_ = std::make_unique<FeedStore>(*pool_);
  }

  std::vector<FeedResource> Stored(Source source) {
    std::vector<FeedResource> rows;
    absl::Status status = store_->ForEachResource(source, [&](const FeedResource& r) {
      rows.push_back(r);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return rows;
  }

  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<FeedStore> store_;
};

FeedResource Row(std::string resource, int64_t sequence, std::string payload) {
  return FeedResource{
      .resource = std::move(resource), .sequence = sequence, .payload = std::move(payload)};
}

TEST_F(FeedStoreTest, ARowIsReplacedOnlyByALaterChange) {
  ASSERT_TRUE(
      store_->CommitBatch(Source::kMembership, {Row("members/1", 5, "five")}, {.last_sequence = 5})
          .ok());
  // A replay of an older page (another replica behind, an unknown commit outcome repeated).
  ASSERT_TRUE(
      store_->CommitBatch(Source::kMembership, {Row("members/1", 3, "three")}, {.last_sequence = 3})
          .ok());
  std::vector<FeedResource> rows = Stored(Source::kMembership);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sequence, 5);
  EXPECT_EQ(rows[0].payload, "five");

  ASSERT_TRUE(
      store_->CommitBatch(Source::kMembership, {Row("members/1", 7, "seven")}, {.last_sequence = 7})
          .ok());
  rows = Stored(Source::kMembership);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sequence, 7);
  EXPECT_EQ(rows[0].payload, "seven");
}

// Pages committed together may carry one resource more than once, in any order.
TEST_F(FeedStoreTest, OneBatchCarryingAResourceTwiceKeepsTheLaterChange) {
  std::vector<FeedResource> batch;
  for (int i = 1; i <= 300; ++i) batch.push_back(Row(absl::StrCat("members/", i), i, "first"));
  batch.push_back(Row("members/7", 400, "later"));
  batch.push_back(Row("members/8", 2, "earlier"));
  ASSERT_TRUE(store_->CommitBatch(Source::kMembership, batch, {.last_sequence = 400}).ok());

  std::vector<FeedResource> rows = Stored(Source::kMembership);
  ASSERT_EQ(rows.size(), 300u);
  for (const FeedResource& r : rows) {
    if (r.resource == "members/7") {
      EXPECT_EQ(r.payload, "later");
      EXPECT_EQ(r.sequence, 400);
    } else {
      EXPECT_EQ(r.payload, "first") << r.resource;
    }
  }
}

TEST_F(FeedStoreTest, APositionNeverMovesBack) {
  const absl::Time newer = absl::FromUnixSeconds(1700000000);
  ASSERT_TRUE(
      store_->CommitBatch(Source::kInspection, {}, {.last_sequence = 9, .newest_event_time = newer})
          .ok());
  ASSERT_TRUE(store_
                  ->CommitBatch(Source::kInspection, {},
                                {.last_sequence = 4, .newest_event_time = newer - absl::Hours(1)})
                  .ok());
  absl::StatusOr<FeedPositions> positions = store_->ReadPositions();
  ASSERT_TRUE(positions.ok()) << positions.status();
  EXPECT_EQ(positions->inspection.last_sequence, 9);
  EXPECT_EQ(positions->inspection.newest_event_time, newer);
  EXPECT_EQ(positions->membership.last_sequence, 0);
}

TEST_F(FeedStoreTest, ResetForgetsRowsAndPositions) {
  ASSERT_TRUE(
      store_->CommitBatch(Source::kMembership, {Row("members/1", 5, "five")}, {.last_sequence = 5})
          .ok());
  ASSERT_TRUE(store_->Reset().ok());
  EXPECT_TRUE(Stored(Source::kMembership).empty());
  absl::StatusOr<FeedPositions> positions = store_->ReadPositions();
  ASSERT_TRUE(positions.ok()) << positions.status();
  EXPECT_EQ(positions->membership.last_sequence, 0);
}

// An upgrade: rows an older binary wrote under V001 (a whole Any, with its change type) are
// read after V002 as they are, and a later change replaces them as usual.
TEST_F(FeedStoreTest, RowsWrittenBeforeTheCompactFormReadBackAfterTheUpgrade) {
  const std::span<const db::Migration> all = EmbeddedMigrations();
  ASSERT_GE(all.size(), 2u);
  Open(all.first(1));
  mpb::Member member;
  member.set_name("members/1");
  member.set_state(mpb::MEMBER_STATE_FULL);
  google::protobuf::Any any;
  any.PackFrom(member);
  absl::Status written = pool_->InTransaction([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& insert = session.Prepare(
        "INSERT INTO feed_resources (source, resource, sequence, change_type, payload)"
        " VALUES (1, 'members/1', 3, 'dangbo.membership.v1.Member.created', ?)");
    insert.setString(1, any.SerializeAsString());
    insert.executeUpdate();
    return absl::OkStatus();
  });
  ASSERT_TRUE(written.ok()) << written;

  absl::Status upgraded = db::Migrate(*pool_, all);
  ASSERT_TRUE(upgraded.ok()) << upgraded;
  std::vector<FeedResource> rows = Stored(Source::kMembership);
  ASSERT_EQ(rows.size(), 1u);
  StoredMessage stored;
  ASSERT_TRUE(ReadStoredPayload(rows[0].payload, stored));
  EXPECT_EQ(stored.type, "dangbo.membership.v1.Member");
  mpb::Member read;
  ASSERT_TRUE(read.ParseFromString(std::string(stored.bytes)));
  EXPECT_EQ(read.state(), mpb::MEMBER_STATE_FULL);

  ASSERT_TRUE(store_
                  ->CommitBatch(Source::kMembership, {Row("members/1", 8, StoredPayload(any))},
                                {.last_sequence = 8})
                  .ok());
  rows = Stored(Source::kMembership);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sequence, 8);
  EXPECT_EQ(rows[0].payload, StoredPayload(any));
}

}  // namespace
}  // namespace dangbo::reporting
