// The filters of ListMembers, ListOrganizations and ListDueActions over gRPC: each one returns
// exactly the resources it names, within the subtree asked for.
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/membership/e2e/lifecycle_fixture.h"

namespace dangbo::membership::testing {
namespace {

class ListFiltersE2E : public LifecycleE2E {
 protected:
  static std::set<std::string> Members(v1::ListMembersRequest req) {
    std::set<std::string> names;
    v1::ListMembersResponse resp;
    grpc::Status st = Stub().ListMembers(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    for (const v1::Member& m : resp.members()) names.insert(m.name());
    EXPECT_TRUE(resp.next_page_token().empty());
    return names;
  }

  static std::set<std::string> Organizations(v1::ListOrganizationsRequest req) {
    std::set<std::string> names;
    v1::ListOrganizationsResponse resp;
    grpc::Status st = Stub().ListOrganizations(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    for (const v1::Organization& o : resp.organizations()) names.insert(o.name());
    EXPECT_TRUE(resp.next_page_token().empty());
    return names;
  }

  static void Accept(const std::string& member, const v1::MemberEvent& event) {
    v1::RecordMemberEventResponse out;
    grpc::Status st = Record(member, event, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
  }
};

TEST_F(ListFiltersE2E, ListMembers_EachFilterReturnsOnlyTheMembersItNames) {
  const v1::Organization cell = NewCell("Chi bộ Lọc danh sách");
  const v1::Organization elsewhere = NewCell("Chi bộ Lọc nơi đến");
  const v1::Member applicant = CreateApplicant(cell.name(), "Đặng Thị Ứng Viên");

  v1::CreateMemberRequest create;
  create.set_request_id(RequestId());
  create.set_initial_state(v1::MEMBER_STATE_FULL);
  v1::Member* carded = create.mutable_member();
  carded->set_organization(cell.name());
  carded->set_full_name("Đặng Văn Có Thẻ");
  carded->set_party_card_number("93045678");
  carded->mutable_personal_data()->set_citizen_id("038095004321");
  *carded->mutable_personal_data()->mutable_birth_date() = MakeDate(1980, 1, 2);
  *carded->mutable_admission_decision_date() = MakeDate(2005, 3, 1);
  *carded->mutable_admission_ceremony_date() = MakeDate(2005, 3, 20);
  *carded->mutable_full_member_date() = MakeDate(2006, 3, 20);
  v1::Member with_card;
  grpc::Status st = Stub().CreateMember(AdminContext().get(), create, &with_card);
  ASSERT_TRUE(st.ok()) << st.error_message();

  const v1::Member exempted = CreateFullMember(cell.name(), "Đặng Văn Được Miễn", 1990);
  Accept(exempted.name(), Event(v1::MEMBER_EVENT_TYPE_EXEMPT, MakeDate(2026, 1, 5)));
  const v1::Member lost = CreateFullMember(cell.name(), "Đặng Văn Mất Liên Lạc", 1995);
  Accept(lost.name(), Event(v1::MEMBER_EVENT_TYPE_LOST_CONTACT, MakeDate(2026, 1, 5)));
  const v1::Member leaving = CreateFullMember(cell.name(), "Đặng Văn Chuyển Đi", 2000);
  v1::MemberEvent start =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_START, MakeDate(2026, 1, 5));
  start.set_destination_organization(elsewhere.name());
  Accept(leaving.name(), start);

  v1::ListMembersRequest req;
  req.set_subtree(cell.name());
  EXPECT_EQ(Members(req).size(), 5u);
  {
    v1::ListMembersRequest applicants = req;
    applicants.add_states(v1::MEMBER_STATE_APPLICANT);
    EXPECT_EQ(Members(applicants), std::set<std::string>{applicant.name()});
    applicants.add_states(v1::MEMBER_STATE_PROBATIONARY);  // States are alternatives.
    EXPECT_EQ(Members(applicants), std::set<std::string>{applicant.name()});
  }
  {
    v1::ListMembersRequest full = req;
    full.add_states(v1::MEMBER_STATE_FULL);
    EXPECT_EQ(Members(full), (std::set<std::string>{with_card.name(), exempted.name(), lost.name(),
                                                    leaving.name()}));
  }
  {
    v1::ListMembersRequest by_card = req;
    by_card.set_party_card_number("93045678");
    EXPECT_EQ(Members(by_card), std::set<std::string>{with_card.name()});
    // The card number is matched exactly, not as a prefix.
    by_card.set_party_card_number("9304567");
    EXPECT_TRUE(Members(by_card).empty());
  }
  {
    v1::ListMembersRequest by_citizen_id = req;
    by_citizen_id.set_citizen_id("038095004321");
    EXPECT_EQ(Members(by_citizen_id), std::set<std::string>{with_card.name()});
    // Personal data: a reader may not search by it.
    v1::ListMembersResponse resp;
    grpc::Status refused =
        Stub().ListMembers(Context(Token({"reader"})).get(), by_citizen_id, &resp);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_NE(refused.error_message().find("citizen_id"), std::string::npos);
  }
  {
    v1::ListMembersRequest flags = req;
    flags.set_exempted_only(true);
    EXPECT_EQ(Members(flags), std::set<std::string>{exempted.name()});
    flags.set_exempted_only(false);
    flags.set_lost_contact_only(true);
    EXPECT_EQ(Members(flags), std::set<std::string>{lost.name()});
    flags.set_lost_contact_only(false);
    flags.set_in_transit_only(true);
    EXPECT_EQ(Members(flags), std::set<std::string>{leaving.name()});
  }
  // Filters combine: exempted and lost contact at once is nobody here.
  v1::ListMembersRequest both = req;
  both.set_exempted_only(true);
  both.set_lost_contact_only(true);
  EXPECT_TRUE(Members(both).empty());
  // A citizen id that is not 12 digits is refused, naming the field.
  v1::ListMembersRequest bad = req;
  bad.set_citizen_id("3809500");
  v1::ListMembersResponse resp;
  st = Stub().ListMembers(AdminContext().get(), bad, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("citizen_id"), std::string::npos) << st.error_message();
}

TEST_F(ListFiltersE2E, ListOrganizations_ByParentKindAndState) {
  const v1::Organization upper = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Lọc");
  const v1::Organization grassroots = CreateOrganization(
      upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ cơ sở Công ty Lọc");
  const v1::Organization cell_a =
      CreateOrganization(grassroots.name(), v1::ORGANIZATION_KIND_CELL, "Chi bộ Phân xưởng A");
  const v1::Organization cell_b =
      CreateOrganization(grassroots.name(), v1::ORGANIZATION_KIND_CELL, "Chi bộ Phân xưởng B");
  const v1::Organization direct_cell = CreateOrganization(
      upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ Văn phòng Lọc");

  v1::DissolveOrganizationRequest dissolve;
  dissolve.set_request_id(RequestId());
  dissolve.set_name(cell_b.name());
  *dissolve.mutable_effective_date() = MakeDate(2026, 2, 1);
  dissolve.mutable_decision()->set_number("15-QĐ/ĐU");
  *dissolve.mutable_decision()->mutable_date() = MakeDate(2026, 2, 1);
  v1::Organization dissolved;
  grpc::Status st = Stub().DissolveOrganization(AdminContext().get(), dissolve, &dissolved);
  ASSERT_TRUE(st.ok()) << st.error_message();

  v1::ListOrganizationsRequest children;
  children.set_parent(upper.name());
  EXPECT_EQ(Organizations(children),
            (std::set<std::string>{grassroots.name(), direct_cell.name()}));

  v1::ListOrganizationsRequest cells;
  cells.set_subtree(upper.name());
  cells.add_kinds(v1::ORGANIZATION_KIND_CELL);
  cells.add_kinds(v1::ORGANIZATION_KIND_GRASSROOTS_CELL);
  // Active ones only, unless states are named.
  EXPECT_EQ(Organizations(cells), (std::set<std::string>{cell_a.name(), direct_cell.name()}));
  v1::ListOrganizationsRequest every_cell = cells;
  every_cell.add_states(v1::ORGANIZATION_STATE_ACTIVE);
  every_cell.add_states(v1::ORGANIZATION_STATE_DISSOLVED);
  EXPECT_EQ(Organizations(every_cell),
            (std::set<std::string>{cell_a.name(), cell_b.name(), direct_cell.name()}));
  v1::ListOrganizationsRequest dissolved_ones;
  dissolved_ones.set_subtree(upper.name());
  dissolved_ones.add_states(v1::ORGANIZATION_STATE_DISSOLVED);
  EXPECT_EQ(Organizations(dissolved_ones), std::set<std::string>{cell_b.name()});
}

TEST_F(ListFiltersE2E, ListDueActions_ListsTransferReceiptsAndBadgesByKind) {
  const v1::Organization cell = NewCell("Chi bộ Đến hạn chuyển và huy hiệu");
  const v1::Organization destination = NewCell("Chi bộ Đến hạn nơi nhận");
  // Admitted on 1996-03-01: the 30-year badge fell due on 2026-03-01 and was never awarded.
  const v1::Member veteran = CreateFullMember(cell.name(), "Đoàn Văn Ba Mươi Năm", 1996);
  // A letter issued on 2026-03-02 had to be presented within 30 working days.
  const v1::Member leaving = CreateFullMember(cell.name(), "Đoàn Văn Chuyển", 2010);
  v1::MemberEvent start =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_START, MakeDate(2026, 3, 2));
  start.set_destination_organization(destination.name());
  Accept(leaving.name(), start);

  v1::ListDueActionsRequest req;
  req.set_subtree(cell.name());
  req.set_horizon_days(30);
  req.add_kinds(v1::DueAction::KIND_TRANSFER_RECEIPT);
  v1::ListDueActionsResponse resp;
  grpc::Status st = Stub().ListDueActions(AdminContext().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(resp.due_actions_size(), 1);
  EXPECT_EQ(resp.due_actions(0).member(), leaving.name());
  EXPECT_EQ(resp.due_actions(0).kind(), v1::DueAction::KIND_TRANSFER_RECEIPT);
  EXPECT_EQ(resp.due_actions(0).window_start().month(), 3);
  EXPECT_EQ(resp.due_actions(0).window_start().day(), 2);
  EXPECT_EQ(resp.due_actions(0).due_date().month(), 4);  // 30 working days after 2 March.
  EXPECT_TRUE(resp.due_actions(0).overdue());

  req.clear_kinds();
  req.add_kinds(v1::DueAction::KIND_BADGE);
  st = Stub().ListDueActions(AdminContext().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(resp.due_actions_size(), 1);
  EXPECT_EQ(resp.due_actions(0).member(), veteran.name());
  EXPECT_EQ(resp.due_actions(0).badge_years(), 30);
  EXPECT_EQ(resp.due_actions(0).due_date().year(), 2026);
  // Up to 12 months early for the 30-year badge.
  EXPECT_EQ(resp.due_actions(0).window_start().year(), 2025);
  EXPECT_TRUE(resp.due_actions(0).overdue());

  // Without kinds, both are listed (and nothing else: no one here is on probation).
  req.clear_kinds();
  st = Stub().ListDueActions(AdminContext().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.due_actions_size(), 2);
}

}  // namespace
}  // namespace dangbo::membership::testing
