// The bulk paths ImportMembers takes: multi-row inserts of members, name words and outbox rows,
// and the locking read of many citizen ids, across the boundaries of their statement chunks.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/db/row_chunks.h"
#include "tests/membership/store/store_fixture.h"

namespace dangbo::membership {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// More than one full statement chunk (256 rows) plus a remainder of several power-of-two chunks.
constexpr int kManyRows = 300;

std::string CitizenId(int n) { return absl::StrFormat("0011%08d", n); }

class BulkImportTest : public StoreTest {
 protected:
  std::vector<Member> NewMembers(int count, int64_t organization_id, int first_number = 0) {
    std::vector<Member> members;
    for (int i = 0; i < count; ++i) {
      Member m = NewMember(absl::StrCat("Nguyễn Văn Số", first_number + i), organization_id);
      m.personal.citizen_id = CitizenId(first_number + i);
      m.party_card_number = absl::StrFormat("9%07d", first_number + i);
      members.push_back(std::move(m));
    }
    return members;
  }

  absl::StatusOr<std::vector<Member>> InsertInOneMutation(const std::vector<Member>& members) {
    std::vector<Member> inserted;
    absl::StatusOr<std::string> response = store_->Mutate(
        NewContext("ImportMembers"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
          absl::StatusOr<std::vector<Member>> result = tx.InsertMembers(members);
          if (!result.ok()) return result.status();
          inserted = *std::move(result);
          return MutationOutcome{"ok", {}, "members", "import"};
        });
    if (!response.ok()) return response.status();
    return inserted;
  }

  void SetUp() override {
    StoreTest::SetUp();
    absl::StatusOr<Organization> org = CreateOrganization("Chi bộ Nhập liệu", std::nullopt);
    ASSERT_TRUE(org.ok()) << org.status();
    cell_ = *org;
  }

  Organization cell_;
};

TEST(RowChunksTest, ForEachRowChunk_Remainder_GoesInDecreasingPowersOfTwoInOrder) {
  std::vector<std::pair<size_t, size_t>> chunks;
  absl::Status status = db::ForEachRowChunk(300, 256, [&](size_t begin, size_t size) {
    chunks.emplace_back(begin, size);
    return absl::OkStatus();
  });

  ASSERT_TRUE(status.ok());
  EXPECT_THAT(chunks,
              ElementsAre(std::pair<size_t, size_t>{0, 256}, std::pair<size_t, size_t>{256, 32},
                          std::pair<size_t, size_t>{288, 8}, std::pair<size_t, size_t>{296, 4}));
}

TEST(RowChunksTest, ForEachRowChunk_FailingChunk_StopsAndReturnsItsStatus) {
  int calls = 0;
  absl::Status status = db::ForEachRowChunk(10, 4, [&](size_t, size_t) {
    ++calls;
    return calls == 2 ? absl::AbortedError("second") : absl::OkStatus();
  });

  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(calls, 2);
}

TEST(RowChunksTest, RepeatedRows_JoinsCopiesWithCommas) {
  EXPECT_EQ(db::RepeatedRows("(?, ?)", 3), "(?, ?), (?, ?), (?, ?)");
  EXPECT_EQ(db::RepeatedRows("(?)", 0), "");
}

TEST_F(BulkImportTest, InsertMembers_AcrossStatementChunks_EachIdHoldsItsOwnRowInOrder) {
  const std::vector<Member> members = NewMembers(kManyRows, cell_.id);

  absl::StatusOr<std::vector<Member>> inserted = InsertInOneMutation(members);

  ASSERT_TRUE(inserted.ok()) << inserted.status();
  ASSERT_EQ(inserted->size(), members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    if (i > 0) {
      EXPECT_GT((*inserted)[i].id, (*inserted)[i - 1].id);
    }
    EXPECT_EQ((*inserted)[i].version, 1);
    absl::StatusOr<Member> stored = store_->GetMember((*inserted)[i].id);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->personal.citizen_id, members[i].personal.citizen_id);
    EXPECT_EQ(stored->full_name, members[i].full_name);
    EXPECT_EQ(stored->create_time, (*inserted)[i].create_time);
  }
}

TEST_F(BulkImportTest, InsertMembers_NameWords_MakeEveryMemberFindableByName) {
  std::vector<Member> members = NewMembers(3, cell_.id);
  members[0].full_name = "Lê Thị Hồng Gấm";
  members[1].full_name = "Trần Đăng Khoa";
  members[2].full_name = "Phạm Thị Khoa";
  absl::StatusOr<std::vector<Member>> inserted = InsertInOneMutation(members);
  ASSERT_TRUE(inserted.ok()) << inserted.status();

  MemberFilter filter;
  filter.name_key = "khoa";
  absl::StatusOr<std::vector<Member>> found = store_->ListMembers(filter);

  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].id, (*inserted)[1].id);
  EXPECT_EQ((*found)[1].id, (*inserted)[2].id);
  EXPECT_EQ(CountRows("member_name_words"), 4 + 3 + 3);
}

TEST_F(BulkImportTest, InsertMembers_RowHoldingAnExistingCitizenId_NamesFieldAndHolder) {
  absl::StatusOr<std::vector<Member>> first = InsertInOneMutation(NewMembers(1, cell_.id, 7));
  ASSERT_TRUE(first.ok()) << first.status();
  std::vector<Member> batch = NewMembers(20, cell_.id, 100);
  batch[13].personal.citizen_id = CitizenId(7);

  absl::StatusOr<std::vector<Member>> second = InsertInOneMutation(batch);

  EXPECT_EQ(second.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(second.status().message(), HasSubstr("citizen_id"));
  EXPECT_THAT(second.status().message(), HasSubstr(absl::StrCat("members/", (*first)[0].id)));
  EXPECT_EQ(CountRows("members"), 1);
  EXPECT_EQ(CountRows("member_name_words"), 3);  // "nguyen van so7"
}

TEST_F(BulkImportTest, InsertMembers_TwoConcurrentBatches_EachIdHoldsItsOwnRow) {
  const std::vector<Member> a = NewMembers(kManyRows, cell_.id, 0);
  const std::vector<Member> b = NewMembers(kManyRows, cell_.id, kManyRows);
  absl::StatusOr<std::vector<Member>> inserted_a;
  absl::StatusOr<std::vector<Member>> inserted_b;

  std::thread other([&] { inserted_b = InsertInOneMutation(b); });
  inserted_a = InsertInOneMutation(a);
  other.join();

  ASSERT_TRUE(inserted_a.ok()) << inserted_a.status();
  ASSERT_TRUE(inserted_b.ok()) << inserted_b.status();
  std::vector<std::pair<const std::vector<Member>*, const std::vector<Member>*>> pairs = {
      {&a, &*inserted_a}, {&b, &*inserted_b}};
  for (const auto& [asked, got] : pairs) {
    for (size_t i = 0; i < asked->size(); ++i) {
      absl::StatusOr<Member> stored = store_->GetMember((*got)[i].id);
      ASSERT_TRUE(stored.ok()) << stored.status();
      EXPECT_EQ(stored->personal.citizen_id, (*asked)[i].personal.citizen_id);
    }
  }
}

TEST_F(BulkImportTest, LockMembersByCitizenId_AcrossStatementChunks_FindsEveryKnownMember) {
  absl::StatusOr<std::vector<Member>> inserted =
      InsertInOneMutation(NewMembers(kManyRows, cell_.id));
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  std::vector<std::string> asked;
  for (int i = 0; i < 2 * kManyRows; ++i) asked.push_back(CitizenId(i));  // half unknown
  asked.push_back(CitizenId(5));                                          // asked twice

  absl::flat_hash_map<std::string, Member> found;
  absl::StatusOr<std::string> response = store_->Mutate(
      NewContext("ImportMembers"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        absl::StatusOr<absl::flat_hash_map<std::string, Member>> locked =
            tx.LockMembersByCitizenId(asked);
        if (!locked.ok()) return locked.status();
        found = *std::move(locked);
        return MutationOutcome{"ok", {}, "members", "lock"};
      });

  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(found.size(), static_cast<size_t>(kManyRows));
  for (int i = 0; i < kManyRows; ++i) {
    ASSERT_TRUE(found.contains(CitizenId(i))) << CitizenId(i);
    EXPECT_EQ(found.at(CitizenId(i)).id, (*inserted)[i].id);
  }
}

TEST_F(BulkImportTest, Mutate_ManyChanges_AppendsThemInOrderWithConsecutiveSequences) {
  absl::StatusOr<int64_t> head_before = store_->HeadSequence();
  ASSERT_TRUE(head_before.ok()) << head_before.status();
  MutationOutcome outcome{"ok", {}, "members", "many changes"};
  for (int i = 0; i < kManyRows; ++i) {
    outcome.changes.push_back(
        ChangeRecord{absl::StrCat("members/", i + 1), "test.created", absl::StrCat("payload ", i)});
  }
  MutationContext context = NewContext("ImportMembers");

  absl::StatusOr<std::string> response = store_->Mutate(
      context, [&](MembershipTx&) -> absl::StatusOr<MutationOutcome> { return outcome; });

  ASSERT_TRUE(response.ok()) << response.status();
  absl::StatusOr<std::vector<StoredChange>> changes = store_->ListChanges(*head_before, 1000);
  ASSERT_TRUE(changes.ok()) << changes.status();
  ASSERT_EQ(changes->size(), static_cast<size_t>(kManyRows));
  for (int i = 0; i < kManyRows; ++i) {
    EXPECT_EQ((*changes)[i].sequence, *head_before + 1 + i);
    EXPECT_EQ((*changes)[i].resource, absl::StrCat("members/", i + 1));
    EXPECT_EQ((*changes)[i].payload, absl::StrCat("payload ", i));
    EXPECT_EQ((*changes)[i].request_id, context.request_id);
  }
  absl::StatusOr<int64_t> head_after = store_->HeadSequence();
  ASSERT_TRUE(head_after.ok()) << head_after.status();
  EXPECT_EQ(*head_after, *head_before + kManyRows);
}

}  // namespace
}  // namespace dangbo::membership
