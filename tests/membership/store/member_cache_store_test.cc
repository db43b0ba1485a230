// The member cache on the real schema: two stores on one database stand for two replicas, each
// with its own cache; the follower's passes are run by hand so each step is deterministic.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/session.h"
#include "cppconn/statement.h"
#include "gtest/gtest.h"
#include "services/membership/store/member_cache.h"
#include "services/membership/store/member_cache_follower.h"
#include "tests/membership/store/store_fixture.h"

namespace dangbo::membership {
namespace {

class MemberCacheStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    // Long enough that no test sees its cache turn itself off by accident.
    const MemberCacheOptions options{.max_bytes = 8 << 20, .max_staleness = absl::Hours(1)};
    own_cache_ = std::make_unique<MemberCache>(options);
    other_cache_ = std::make_unique<MemberCache>(options);
    store_->SetMemberCache(own_cache_.get());
    other_store_ = std::make_unique<MembershipStore>(*pool_);
    other_store_->SetMemberCache(other_cache_.get());
    own_follower_ = std::make_unique<MemberCacheFollower>(*store_, *own_cache_, absl::Hours(1));
    other_follower_ =
        std::make_unique<MemberCacheFollower>(*other_store_, *other_cache_, absl::Hours(1));
    ASSERT_TRUE(own_follower_->FollowOnce().ok());
    ASSERT_TRUE(other_follower_->FollowOnce().ok());

    absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ Phân xưởng Cơ điện", {});
    ASSERT_TRUE(cell.ok()) << cell.status();
    cell_ = *cell;
    absl::StatusOr<Member> member = CreateMember(NewMember("Hoàng Văn Thụ", cell_.id));
    ASSERT_TRUE(member.ok()) << member.status();
    member_ = *member;
    // The organization and member writes above are behind both followers now.
    ASSERT_TRUE(own_follower_->FollowOnce().ok());
    ASSERT_TRUE(other_follower_->FollowOnce().ok());
  }

  // Renames the member through `store` as UpdateMember does: with its change-feed row.
  Member Rename(MembershipStore& store, const std::string& full_name) {
    absl::StatusOr<Member> current = store_->GetMember(member_.id);
    EXPECT_TRUE(current.ok()) << current.status();
    Member renamed = current.value_or(Member{});
    renamed.full_name = full_name;
    Member updated;
    absl::StatusOr<std::string> response = store.Mutate(
        NewContext("UpdateMember"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          absl::StatusOr<Member> result = tx.UpdateMember(renamed);
          if (!result.ok()) return result.status();
          updated = *result;
          const std::string resource = absl::StrCat("members/", member_.id);
          return MutationOutcome{"updated",
                                 {{resource, "dangbo.membership.v1.Member.updated", "m"}},
                                 resource,
                                 "updated"};
        });
    EXPECT_TRUE(response.ok()) << response.status();
    return updated;
  }

  std::string NameThrough(MembershipStore& store) {
    absl::StatusOr<MemberWithPath> found = store.GetMemberWithPath(member_.id);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? found->member.full_name : "";
  }

  std::unique_ptr<MemberCache> own_cache_;
  std::unique_ptr<MemberCache> other_cache_;
  std::unique_ptr<MembershipStore> other_store_;
  std::unique_ptr<MemberCacheFollower> own_follower_;
  std::unique_ptr<MemberCacheFollower> other_follower_;
  Organization cell_;
  Member member_;
};

TEST_F(MemberCacheStoreTest, AReadAfterTheFirstIsServedFromTheCache) {
  EXPECT_EQ(NameThrough(*store_), "Hoàng Văn Thụ");
  EXPECT_EQ(NameThrough(*store_), "Hoàng Văn Thụ");
  const MemberCacheStats stats = own_cache_->Stats();
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.entries, 1);
}

TEST_F(MemberCacheStoreTest, AReplicaReadsItsOwnWriteAtOnce) {
  EXPECT_EQ(NameThrough(*store_), "Hoàng Văn Thụ");
  Rename(*store_, "Hoàng Văn Thái");
  // No follower pass in between: the write itself dropped the entry.
  EXPECT_EQ(NameThrough(*store_), "Hoàng Văn Thái");
}

TEST_F(MemberCacheStoreTest, AnotherReplicasWriteIsSeenAfterItsFollowerPasses) {
  EXPECT_EQ(NameThrough(*other_store_), "Hoàng Văn Thụ");
  Rename(*store_, "Hoàng Văn Thái");
  // Until its follower reads the outbox, the other replica answers from its cache: this is the
  // staleness --member_cache_max_staleness bounds.
  EXPECT_EQ(NameThrough(*other_store_), "Hoàng Văn Thụ");
  ASSERT_TRUE(other_follower_->FollowOnce().ok());
  EXPECT_EQ(NameThrough(*other_store_), "Hoàng Văn Thái");
}

TEST_F(MemberCacheStoreTest, AMovedOrganizationGivesItsMembersTheirNewPath) {
  absl::StatusOr<Organization> other_root = CreateOrganization("Đảng bộ Tổng công ty", {});
  ASSERT_TRUE(other_root.ok()) << other_root.status();
  ASSERT_TRUE(other_follower_->FollowOnce().ok());
  absl::StatusOr<MemberWithPath> before = other_store_->GetMemberWithPath(member_.id);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->organization_path, absl::StrCat("/", cell_.id, "/"));

  ASSERT_TRUE(MoveOrganization(cell_.id, other_root->id, Date(2024, 3, 1)).ok());
  ASSERT_TRUE(other_follower_->FollowOnce().ok());
  absl::StatusOr<MemberWithPath> after = other_store_->GetMemberWithPath(member_.id);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->organization_path, absl::StrCat("/", other_root->id, "/", cell_.id, "/"));
}

TEST_F(MemberCacheStoreTest, AHoleInTheOutboxDropsEverything) {
  EXPECT_EQ(NameThrough(*other_store_), "Hoàng Văn Thụ");
  Rename(*store_, "Hoàng Văn Thái");
  // The rename's outbox row disappears before the other replica reads it (as if the outbox
  // were pruned past the follower); a later write leaves a hole in the sequence.
  ASSERT_TRUE(pool_
                  ->WithSession([](db::Session& session) -> absl::Status {
                    session.PlainStatement().execute(
                        "DELETE FROM outbox WHERE sequence = (SELECT last_sequence FROM "
                        "outbox_head WHERE id = 1)");
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(CreateMember(NewMember("Lê Thị Riêng", cell_.id)).ok());
  ASSERT_TRUE(other_follower_->FollowOnce().ok());
  EXPECT_EQ(NameThrough(*other_store_), "Hoàng Văn Thái");
}

TEST_F(MemberCacheStoreTest, AnUnknownMemberIsNotFoundAndNotCached) {
  absl::StatusOr<MemberWithPath> missing = store_->GetMemberWithPath(member_.id + 1000);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(own_cache_->Stats().entries, 0);
}

}  // namespace
}  // namespace dangbo::membership
