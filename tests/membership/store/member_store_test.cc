// Members through the store: round trips, identity keys, versions, subtree and name filters.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/membership/store/store_fixture.h"

namespace dangbo::membership {
namespace {

using ::testing::HasSubstr;

absl::StatusOr<Member> UpdateThroughStore(MembershipStore& store, const MutationContext& context,
                                          const Member& member) {
  Member updated;
  absl::StatusOr<std::string> response =
      store.Mutate(context, [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        absl::StatusOr<Member> result = tx.UpdateMember(member);
        if (!result.ok()) return result.status();
        updated = *result;
        return MutationOutcome{"updated", {}, absl::StrCat("members/", member.id), "updated"};
      });
  if (!response.ok()) return response.status();
  return updated;
}

std::vector<int64_t> Ids(const std::vector<Member>& members) {
  std::vector<int64_t> ids;
  for (const Member& m : members) ids.push_back(m.id);
  return ids;
}

TEST_F(StoreTest, GetMember_AfterInsert_ReturnsVietnameseTextUnchanged) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ Phòng Kỹ thuật", std::nullopt);
  ASSERT_TRUE(cell.ok()) << cell.status();
  Member member = NewMember("Nguyễn Thị Ánh Tuyết", cell->id);
  member.party_card_number = "012345678";
  member.personal.citizen_id = "001190012345";
  member.personal.birth_date = Date(1990, 2, 28);
  member.personal.ethnicity = "Kinh";
  member.personal.religion = "Không";
  member.personal.address = "Số 5, phố Hàng Bạc, quận Hoàn Kiếm, Hà Nội";
  member.occupation = "Kỹ sư điện";
  member.position = "Phó trưởng phòng";
  member.department_leader = true;
  member.political_theory_level = PoliticalTheoryLevel::kIntermediate;
  member.admission_decision_date = Date(2024, 5, 19);
  member.admission_ceremony_date = Date(2024, 6, 1);
  member.exempted = true;
  absl::StatusOr<Member> created = CreateMember(member);
  ASSERT_TRUE(created.ok()) << created.status();

  absl::StatusOr<Member> read = store_->GetMember(created->id);

  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->full_name, "Nguyễn Thị Ánh Tuyết");
  EXPECT_EQ(read->personal.address, "Số 5, phố Hàng Bạc, quận Hoàn Kiếm, Hà Nội");
  EXPECT_EQ(read->personal.citizen_id, "001190012345");
  EXPECT_EQ(read->personal.birth_date, Date(1990, 2, 28));
  EXPECT_EQ(read->party_card_number, "012345678");
  EXPECT_EQ(read->position, "Phó trưởng phòng");
  EXPECT_TRUE(read->department_leader);
  EXPECT_TRUE(read->exempted);
  EXPECT_FALSE(read->lost_contact);
  EXPECT_EQ(read->political_theory_level, PoliticalTheoryLevel::kIntermediate);
  EXPECT_EQ(read->admission_ceremony_date, Date(2024, 6, 1));
  EXPECT_FALSE(read->full_member_date.has_value());
  EXPECT_EQ(read->state, MemberState::kProbationary);
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(read->create_time, created->create_time);
  EXPECT_EQ(read->update_time, created->update_time);
}

TEST_F(StoreTest, GetMember_Unknown_IsNotFoundNamingIt) {
  absl::StatusOr<Member> read = store_->GetMember(424242);

  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(read.status().message(), HasSubstr("members/424242"));
}

TEST_F(StoreTest, InsertMember_DuplicateCitizenId_IsAlreadyExistsNamingFieldAndHolder) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok()) << cell.status();
  Member first = NewMember("Trần Văn Hùng", cell->id);
  first.personal.citizen_id = "001190000001";
  absl::StatusOr<Member> holder = CreateMember(first);
  ASSERT_TRUE(holder.ok()) << holder.status();
  Member second = NewMember("Lê Văn Hùng", cell->id);
  second.personal.citizen_id = "001190000001";

  absl::StatusOr<Member> duplicate = CreateMember(second);

  EXPECT_EQ(duplicate.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(duplicate.status().message(),
              HasSubstr(absl::StrCat("citizen_id: already registered for members/", holder->id)));
  EXPECT_EQ(CountRows("members"), 1);
}

TEST_F(StoreTest, InsertMember_DuplicatePartyCardNumber_IsAlreadyExistsNamingField) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok()) << cell.status();
  Member first = NewMember("Phạm Thu Hà", cell->id);
  first.party_card_number = "99887766";
  ASSERT_TRUE(CreateMember(first).ok());
  Member second = NewMember("Phạm Thu Hằng", cell->id);
  second.party_card_number = "99887766";

  absl::StatusOr<Member> duplicate = CreateMember(second);

  EXPECT_EQ(duplicate.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(duplicate.status().message(), HasSubstr("party_card_number: already registered"));
}

TEST_F(StoreTest, InsertMember_EmptyCardNumbersAndCitizenIds_DoNotCollide) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok()) << cell.status();

  absl::StatusOr<Member> first = CreateMember(NewMember("Vũ Minh Khoa", cell->id));
  absl::StatusOr<Member> second = CreateMember(NewMember("Đỗ Minh Khôi", cell->id));

  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  absl::StatusOr<Member> read = store_->GetMember(second->id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->party_card_number, "");
  EXPECT_EQ(read->personal.citizen_id, "");
}

TEST_F(StoreTest, UpdateMember_StaleVersion_IsAbortedOnEtag) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok()) << cell.status();
  absl::StatusOr<Member> created = CreateMember(NewMember("Hoàng Văn Nam", cell->id));
  ASSERT_TRUE(created.ok()) << created.status();
  Member renamed = *created;
  renamed.full_name = "Hoàng Văn Nam Anh";
  ASSERT_TRUE(UpdateThroughStore(*store_, NewContext("UpdateMember"), renamed).ok());

  Member stale = *created;  // still version 1
  stale.occupation = "Kế toán";
  absl::StatusOr<Member> result = UpdateThroughStore(*store_, NewContext("UpdateMember"), stale);

  EXPECT_EQ(result.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(result.status().message(), HasSubstr("etag: "));
  absl::StatusOr<Member> read = store_->GetMember(created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->version, 2);
  EXPECT_EQ(read->occupation, "");
}

TEST_F(StoreTest, UpdateMember_TwoConcurrentWritersOfOneVersion_ExactlyOneWins) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok()) << cell.status();
  absl::StatusOr<Member> created = CreateMember(NewMember("Bùi Thị Lan", cell->id));
  ASSERT_TRUE(created.ok()) << created.status();
  const MutationContext contexts[2] = {NewContext("UpdateMember"), NewContext("UpdateMember")};
  absl::Barrier* start = new absl::Barrier(2);
  std::atomic<int> won{0};
  std::atomic<int> aborted{0};

  std::vector<std::thread> writers;
  for (int i = 0; i < 2; ++i) {
    writers.emplace_back([&, i] {
      Member change = *created;
      change.occupation = absl::StrCat("writer ", i);
      if (start->Block()) delete start;
      absl::StatusOr<Member> result = UpdateThroughStore(*store_, contexts[i], change);
      if (result.ok()) ++won;
      if (result.status().code() == absl::StatusCode::kAborted) ++aborted;
    });
  }
  for (std::thread& t : writers) t.join();

  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(aborted.load(), 1);
  absl::StatusOr<Member> read = store_->GetMember(created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->version, 2);
}

TEST_F(StoreTest, ListMembers_SubtreeFilter_ExcludesSiblingWithSharedDigits) {
  // Ids are assigned 1, 2, 3, … here; build /1/, /1/2/, and enough siblings that one id starts
  // with another's digits (/1/2/ versus /1/2x/).
  absl::StatusOr<Organization> root = CreateOrganization("Đảng bộ Khối", std::nullopt);
  ASSERT_TRUE(root.ok()) << root.status();
  std::vector<Organization> children;
  for (int i = 0; i < 25; ++i) {
    absl::StatusOr<Organization> child = CreateOrganization(absl::StrCat("Chi bộ ", i), root->id);
    ASSERT_TRUE(child.ok()) << child.status();
    children.push_back(*child);
  }
  const Organization& inside = children[0];
  const Organization* sibling = nullptr;
  for (const Organization& c : children) {
    if (c.id != inside.id && absl::StartsWith(absl::StrCat(c.id), absl::StrCat(inside.id))) {
      sibling = &c;
    }
  }
  ASSERT_NE(sibling, nullptr) << "no sibling id shares the leading digits of " << inside.id;
  absl::StatusOr<Member> in = CreateMember(NewMember("Ngô Bảo Châu", inside.id));
  absl::StatusOr<Member> out = CreateMember(NewMember("Ngô Bảo Ngọc", sibling->id));
  ASSERT_TRUE(in.ok() && out.ok());

  MemberFilter filter;
  filter.subtree_path = inside.path;
  absl::StatusOr<std::vector<Member>> page = store_->ListMembers(filter);

  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(Ids(*page), std::vector<int64_t>{in->id});
}

TEST_F(StoreTest, ListMembers_OpenPath_IsInvalidArgument) {
  MemberFilter filter;
  filter.subtree_path = "/1/5";

  absl::StatusOr<std::vector<Member>> page = store_->ListMembers(filter);

  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(page.status().message(), HasSubstr("subtree_path"));
}

TEST_F(StoreTest, ListMembers_ScopePaths_ReturnOnlyMembersInsideAScope) {
  absl::StatusOr<Organization> a = CreateOrganization("Chi bộ A", std::nullopt);
  absl::StatusOr<Organization> b = CreateOrganization("Chi bộ B", std::nullopt);
  ASSERT_TRUE(a.ok() && b.ok());
  absl::StatusOr<Member> in_a = CreateMember(NewMember("Lý Thị Mai", a->id));
  ASSERT_TRUE(CreateMember(NewMember("Lý Thị Đào", b->id)).ok());
  ASSERT_TRUE(in_a.ok());

  MemberFilter filter;
  filter.scope_paths = {a->path};
  absl::StatusOr<std::vector<Member>> page = store_->ListMembers(filter);

  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(Ids(*page), std::vector<int64_t>{in_a->id});
}

TEST_F(StoreTest, ListMembers_NameKey_MatchesAllWordsWithoutDiacritics) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> duc = CreateMember(NewMember("Nguyễn Văn Đức", cell->id));
  ASSERT_TRUE(CreateMember(NewMember("Nguyễn Văn An", cell->id)).ok());
  ASSERT_TRUE(CreateMember(NewMember("Trần Đức Thắng", cell->id)).ok());
  ASSERT_TRUE(duc.ok());

  MemberFilter filter;
  filter.name_key = "nguyen duc";
  absl::StatusOr<std::vector<Member>> page = store_->ListMembers(filter);

  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(Ids(*page), std::vector<int64_t>{duc->id});
}

TEST_F(StoreTest, ListMembers_AfterRename_FindsNewNameOnly) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> created = CreateMember(NewMember("Đặng Thị Hoa", cell->id));
  ASSERT_TRUE(created.ok());
  Member renamed = *created;
  renamed.full_name = "Đặng Thị Huệ";
  ASSERT_TRUE(UpdateThroughStore(*store_, NewContext("UpdateMember"), renamed).ok());

  MemberFilter old_name;
  old_name.name_key = "hoa";
  MemberFilter new_name;
  new_name.name_key = "dang hue";

  EXPECT_TRUE(store_->ListMembers(old_name)->empty());
  EXPECT_EQ(Ids(*store_->ListMembers(new_name)), std::vector<int64_t>{created->id});
}

TEST_F(StoreTest, ListMembers_KeysetPaging_VisitsEveryMemberOnce) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  std::vector<int64_t> created;
  for (int i = 0; i < 7; ++i) {
    absl::StatusOr<Member> m = CreateMember(NewMember(absl::StrCat("Đảng viên ", i), cell->id));
    ASSERT_TRUE(m.ok());
    created.push_back(m->id);
  }

  std::vector<int64_t> seen;
  MemberFilter filter;
  filter.page_size = 3;
  for (;;) {
    absl::StatusOr<std::vector<Member>> page = store_->ListMembers(filter);
    ASSERT_TRUE(page.ok()) << page.status();
    if (page->empty()) break;
    for (const Member& m : *page) seen.push_back(m.id);
    filter.after_id = page->back().id;
  }

  EXPECT_EQ(seen, created);
}

TEST_F(StoreTest, BatchGetMembers_MissingId_IsNotFoundNamingIt) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> a = CreateMember(NewMember("Tô Hoài", cell->id));
  absl::StatusOr<Member> b = CreateMember(NewMember("Tô Hiệu", cell->id));
  ASSERT_TRUE(a.ok() && b.ok());

  EXPECT_EQ(Ids(*store_->BatchGetMembers({b->id, a->id, b->id})),
            (std::vector<int64_t>{b->id, a->id, b->id}));
  absl::StatusOr<std::vector<Member>> missing = store_->BatchGetMembers({a->id, 777777});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("members/777777"));
}

TEST_F(StoreTest, InsertMemberEvent_ListsInOrderWithRecorder) {
  absl::StatusOr<Organization> cell = CreateOrganization("Chi bộ 1", std::nullopt);
  ASSERT_TRUE(cell.ok());
  absl::StatusOr<Member> member = CreateMember(NewMember("Mạc Thị Bưởi", cell->id));
  ASSERT_TRUE(member.ok());
  absl::StatusOr<std::string> response = store_->Mutate(
      NewContext("AdmitMember"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        MemberEvent admit;
        admit.member_id = member->id;
        admit.type = MemberEventType::kAdmit;
        admit.effective_date = Date(2024, 5, 19);
        admit.decision = Decision{"251-QĐ/ĐUK", Date(2024, 5, 19), "Đảng ủy Khối"};
        admit.ceremony_date = Date(2024, 6, 1);
        admit.state_before = MemberState::kApplicant;
        admit.state_after = MemberState::kProbationary;
        admit.note = "Kết nạp tại chi bộ";
        absl::StatusOr<MemberEvent> event = tx.InsertMemberEvent(admit);
        if (!event.ok()) return event.status();
        return MutationOutcome{absl::StrCat(event->id), {}, "members/1", "admit"};
      });
  ASSERT_TRUE(response.ok()) << response.status();

  absl::StatusOr<std::vector<MemberEvent>> events = store_->ListMemberEvents(member->id, 10, 0);

  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(absl::StrCat((*events)[0].id), *response);
  EXPECT_EQ((*events)[0].decision.number, "251-QĐ/ĐUK");
  EXPECT_EQ((*events)[0].ceremony_date, Date(2024, 6, 1));
  EXPECT_EQ((*events)[0].note, "Kết nạp tại chi bộ");
  EXPECT_EQ((*events)[0].recorded_by, "users/tester");
  EXPECT_EQ((*events)[0].state_after, MemberState::kProbationary);
}

TEST_F(StoreTest, AuditPersonalDataRead_WritesOneRowPerMember) {
  ASSERT_TRUE(store_->AuditPersonalDataRead("users/hr", "BatchGetMembers", {3, 4}).ok());

  EXPECT_EQ(CountRows("audit_log WHERE action = 'READ_PERSONAL_DATA' AND caller = 'users/hr'"), 2);
}

}  // namespace
}  // namespace dangbo::membership
