// Ratings, badges, member histories and the bulk-import primitives through the store.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/membership/store/store_fixture.h"

namespace dangbo::membership {
namespace {

using ::testing::HasSubstr;

absl::Status WriteInTx(MembershipStore& store, const MutationContext& context,
                       const std::function<absl::Status(MembershipTx&)>& write) {
  return store
      .Mutate(context,
              [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
                if (absl::Status s = write(tx); !s.ok()) return s;
                return MutationOutcome{"ok", {}, "", ""};
              })
      .status();
}

Rating MemberRating(int64_t member_id, int year, RatingLevel level, int64_t organization_id) {
  Rating r;
  r.subject_kind = Rating::SubjectKind::kMember;
  r.subject_id = member_id;
  r.year = year;
  r.level = level;
  r.rated_in_organization_id = organization_id;
  return r;
}

TEST_F(StoreTest, UpsertRating_SameSubjectAndYear_ReplacesTheRating) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> member = CreateMember(NewMember("Lương Thế Vinh", cell->id));
  ASSERT_TRUE(member.ok());
  Rating first = MemberRating(member->id, 2025, RatingLevel::kGood, cell->id);
  first.score = 85;
  ASSERT_TRUE(WriteInTx(*store_, NewContext("RecordRatings"), [&](MembershipTx& tx) {
                return tx.UpsertRating(first);
              }).ok());
  Rating corrected = MemberRating(member->id, 2025, RatingLevel::kExcellent, cell->id);
  corrected.score = 92;
  corrected.note = "Hoàn thành xuất sắc";

  ASSERT_TRUE(WriteInTx(*store_, NewContext("RecordRatings"), [&](MembershipTx& tx) {
                return tx.UpsertRating(corrected);
              }).ok());

  RatingFilter filter;
  filter.subject = std::make_pair(Rating::SubjectKind::kMember, member->id);
  absl::StatusOr<std::vector<Rating>> ratings = store_->ListRatings(filter);
  ASSERT_TRUE(ratings.ok()) << ratings.status();
  ASSERT_EQ(ratings->size(), 1u);
  EXPECT_EQ((*ratings)[0].level, RatingLevel::kExcellent);
  EXPECT_EQ((*ratings)[0].score, 92);
  EXPECT_EQ((*ratings)[0].note, "Hoàn thành xuất sắc");
}

TEST_F(StoreTest, ListRatings_Subtree_ReturnsRatingsMadeInsideOnly) {
  absl::StatusOr<Organization> a = CreateOrganization("Đảng bộ A", std::nullopt);
  absl::StatusOr<Organization> b = CreateOrganization("Đảng bộ B", std::nullopt);
  ASSERT_TRUE(a.ok() && b.ok());
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ A1", a->id);
  ASSERT_TRUE(cell.ok());
  ASSERT_TRUE(WriteInTx(*store_, NewContext("RecordRatings"), [&](MembershipTx& tx) {
                Rating in_a;
                in_a.subject_kind = Rating::SubjectKind::kOrganization;
                in_a.subject_id = cell->id;
                in_a.year = 2024;
                in_a.level = RatingLevel::kCompleted;
                in_a.rated_in_organization_id = a->id;
                Rating in_b = in_a;
                in_b.subject_id = b->id;
                in_b.rated_in_organization_id = b->id;
                if (absl::Status s = tx.UpsertRating(in_a); !s.ok()) return s;
                return tx.UpsertRating(in_b);
              }).ok());

  RatingFilter filter;
  filter.subtree_path = a->path;
  filter.year = 2024;
  absl::StatusOr<std::vector<Rating>> ratings = store_->ListRatings(filter);

  ASSERT_TRUE(ratings.ok()) << ratings.status();
  ASSERT_EQ(ratings->size(), 1u);
  EXPECT_EQ((*ratings)[0].subject_id, cell->id);
  EXPECT_FALSE((*ratings)[0].score.has_value());
}

TEST_F(StoreTest, InsertBadge_SameMilestoneTwice_IsAlreadyExistsNamingYears) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> member = CreateMember(NewMember("Chu Văn An", cell->id));
  ASSERT_TRUE(member.ok());
  Badge badge;
  badge.member_id = member->id;
  badge.years = 30;
  badge.award_date = Date(2025, 2, 3);
  badge.decision = Decision{"12-QĐ/ĐUK", Date(2025, 1, 20), "Đảng ủy Khối"};
  auto award = [&](MembershipTx& tx) { return tx.InsertBadge(badge); };
  ASSERT_TRUE(WriteInTx(*store_, NewContext("RecordBadge"), award).ok());

  absl::Status again = WriteInTx(*store_, NewContext("RecordBadge"), award);

  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(again.message(), HasSubstr("badge.years"));
  absl::StatusOr<std::vector<Badge>> badges = store_->ListBadges(member->id);
  ASSERT_TRUE(badges.ok()) << badges.status();
  ASSERT_EQ(badges->size(), 1u);
  EXPECT_EQ((*badges)[0].award_date, Date(2025, 2, 3));
  EXPECT_EQ((*badges)[0].decision.number, "12-QĐ/ĐUK");
}

TEST_F(StoreTest, MemberHistories_ReturnsEventsAndBadgesPerMemberAndEmptyForOthers) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> with = CreateMember(NewMember("Nguyễn Trãi", cell->id));
  absl::StatusOr<Member> without = CreateMember(NewMember("Nguyễn Du", cell->id));
  ASSERT_TRUE(with.ok() && without.ok());
  ASSERT_TRUE(WriteInTx(*store_, NewContext("AdmitMember"), [&](MembershipTx& tx) -> absl::Status {
                MemberEvent admit;
                admit.member_id = with->id;
                admit.type = MemberEventType::kAdmit;
                admit.effective_date = Date(1990, 5, 19);
                if (absl::Status s = tx.InsertMemberEvent(admit).status(); !s.ok()) return s;
                Badge badge;
                badge.member_id = with->id;
                badge.years = 30;
                badge.award_date = Date(2020, 5, 19);
                return tx.InsertBadge(badge);
              }).ok());

  absl::StatusOr<absl::flat_hash_map<int64_t, MemberHistory>> histories =
      store_->MemberHistories({with->id, without->id});

  ASSERT_TRUE(histories.ok()) << histories.status();
  ASSERT_EQ(histories->size(), 2u);
  EXPECT_EQ(histories->at(with->id).events.size(), 1u);
  EXPECT_EQ(histories->at(with->id).badges.size(), 1u);
  EXPECT_TRUE(histories->at(without->id).events.empty());
  EXPECT_TRUE(histories->at(without->id).badges.empty());
}

TEST_F(StoreTest, LockMembersByCitizenId_FindsKnownIdsAndSkipsEmptyOnes) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  Member known = NewMember("Hồ Xuân Hương", cell->id);
  known.personal.citizen_id = "079190000123";
  absl::StatusOr<Member> created = CreateMember(known);
  ASSERT_TRUE(created.ok());

  absl::flat_hash_map<std::string, Member> found;
  ASSERT_TRUE(
      WriteInTx(*store_, NewContext("ImportMembers"), [&](MembershipTx& tx) -> absl::Status {
        absl::StatusOr<absl::flat_hash_map<std::string, Member>> locked =
            tx.LockMembersByCitizenId({"079190000123", "", "001000000000"});
        if (!locked.ok()) return locked.status();
        found = *locked;
        return absl::OkStatus();
      }).ok());

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.at("079190000123").id, created->id);
}

TEST_F(StoreTest, InsertMembers_ADuplicateInTheBatch_FailsTheWholeBatch) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  Member a = NewMember("Trưng Trắc", cell->id);
  a.personal.citizen_id = "001100000001";
  Member b = NewMember("Trưng Nhị", cell->id);
  b.personal.citizen_id = "001100000001";

  absl::Status result = WriteInTx(*store_, NewContext("ImportMembers"), [&](MembershipTx& tx) {
    return tx.InsertMembers({a, b}).status();
  });

  EXPECT_EQ(result.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(CountRows("members"), 0);
}

}  // namespace
}  // namespace dangbo::membership
