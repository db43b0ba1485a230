// Organization history, due actions, ratings and badges over gRPC.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class RecordsE2E : public MembershipE2E {
 protected:
  static v1::Organization NewCell(const std::string& name) {
    static v1::Organization upper = CreateOrganization(
        Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Hồ sơ");
    return CreateOrganization(upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL, name);
  }
};

TEST_F(RecordsE2E, ListOrganizationChanges_ShowsEstablishmentThenUpdateInOrder) {
  v1::Organization cell = NewCell("Chi bộ Lịch sử");
  v1::UpdateOrganizationRequest update;
  update.set_request_id(RequestId());
  *update.mutable_organization() = cell;
  update.mutable_organization()->set_display_name("Chi bộ Lịch sử Đảng");
  update.mutable_update_mask()->add_paths("display_name");
  update.mutable_decision()->set_number("9-QĐ/ĐU");
  v1::Organization updated;
  ASSERT_TRUE(Stub().UpdateOrganization(AdminContext().get(), update, &updated).ok());

  v1::ListOrganizationChangesRequest req;
  req.set_name(cell.name());
  req.set_page_size(1);
  std::vector<v1::OrganizationChange> changes;
  do {
    v1::ListOrganizationChangesResponse resp;
    ASSERT_TRUE(Stub().ListOrganizationChanges(AdminContext().get(), req, &resp).ok());
    for (const auto& c : resp.changes()) changes.push_back(c);
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind(), v1::OrganizationChange::KIND_ESTABLISHED);
  EXPECT_EQ(changes[1].kind(), v1::OrganizationChange::KIND_UPDATED);
  EXPECT_EQ(changes[1].decision().number(), "9-QĐ/ĐU");
  EXPECT_EQ(changes[1].snapshot().display_name(), "Chi bộ Lịch sử Đảng");
}

TEST_F(RecordsE2E, ListDueActions_ListsAnOverdueRecognition) {
  v1::Organization cell = NewCell("Chi bộ Đến hạn");
  v1::CreateMemberRequest create;
  create.set_request_id(RequestId());
  create.set_initial_state(v1::MEMBER_STATE_PROBATIONARY);
  create.mutable_member()->set_organization(cell.name());
  create.mutable_member()->set_full_name("Lâm Văn Dự Bị");
  *create.mutable_member()->mutable_admission_decision_date() = MakeDate(2024, 5, 2);
  *create.mutable_member()->mutable_admission_ceremony_date() = MakeDate(2024, 5, 19);
  v1::Member m;
  ASSERT_TRUE(Stub().CreateMember(AdminContext().get(), create, &m).ok());

  v1::ListDueActionsRequest req;
  req.set_subtree(cell.name());
  req.set_horizon_days(30);
  req.add_kinds(v1::DueAction::KIND_RECOGNITION);
  v1::ListDueActionsResponse resp;
  grpc::Status st = Stub().ListDueActions(AdminContext().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(resp.due_actions_size(), 1);
  EXPECT_EQ(resp.due_actions(0).member(), m.name());
  EXPECT_EQ(resp.due_actions(0).member_full_name(), "Lâm Văn Dự Bị");
  // Probation ended 2025-05-19; the decision was due 30 working days later, long past.
  EXPECT_TRUE(resp.due_actions(0).overdue());
  EXPECT_EQ(resp.due_actions(0).window_start().year(), 2025);
}

TEST_F(RecordsE2E, BatchRecordRatings_RecordsListsAndChecksTheScoreBand) {
  v1::Organization cell = NewCell("Chi bộ Xếp loại");
  v1::Member a = CreateFullMember(cell.name(), "Quách Thị Giỏi", 2010);
  v1::Member b = CreateFullMember(cell.name(), "Kiều Văn Tốt", 2011);
  v1::BatchRecordRatingsRequest req;
  req.set_request_id(RequestId());
  v1::Rating* ra = req.add_ratings();
  ra->set_subject(a.name());
  ra->set_year(2025);
  ra->set_level(v1::RATING_LEVEL_EXCELLENT);
  ra->set_score(93);
  v1::Rating* rb = req.add_ratings();
  rb->set_subject(b.name());
  rb->set_year(2025);
  rb->set_level(v1::RATING_LEVEL_GOOD);
  v1::BatchRecordRatingsResponse out;
  grpc::Status st = Stub().BatchRecordRatings(AdminContext().get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.ratings_size(), 2);

  v1::ListRatingsRequest list;
  list.set_subtree(cell.name());
  list.set_year(2025);
  v1::ListRatingsResponse listed;
  ASSERT_TRUE(Stub().ListRatings(AdminContext().get(), list, &listed).ok());
  EXPECT_EQ(listed.ratings_size(), 2);

  // A score of 60 is "completed" by the 2025 bands, not "excellent".
  req.set_request_id(RequestId());
  req.mutable_ratings(0)->set_score(60);
  st = Stub().BatchRecordRatings(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
              st.error_code() == grpc::StatusCode::FAILED_PRECONDITION)
      << st.error_message();
  EXPECT_NE(st.error_message().find("ratings[0]"), std::string::npos) << st.error_message();
}

TEST_F(RecordsE2E, RecordBadge_ThenListBadges_AndTheSameMilestoneTwiceIsRefused) {
  v1::Member m = CreateFullMember(NewCell("Chi bộ Huy hiệu").name(), "Hoàng Văn Thụ", 1980);
  v1::RecordBadgeRequest req;
  req.set_request_id(RequestId());
  req.mutable_badge()->set_member(m.name());
  req.mutable_badge()->set_years(40);
  *req.mutable_badge()->mutable_award_date() = MakeDate(2020, 5, 19);
  v1::Badge badge;
  grpc::Status st = Stub().RecordBadge(AdminContext().get(), req, &badge);
  ASSERT_TRUE(st.ok()) << st.error_message();

  v1::ListBadgesRequest list;
  list.set_member(m.name());
  v1::ListBadgesResponse listed;
  ASSERT_TRUE(Stub().ListBadges(AdminContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.badges_size(), 1);
  EXPECT_EQ(listed.badges(0).years(), 40);

  req.set_request_id(RequestId());
  EXPECT_EQ(Stub().RecordBadge(AdminContext().get(), req, &badge).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

}  // namespace
}  // namespace dangbo::membership::testing
