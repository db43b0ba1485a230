// Organizations over gRPC: creation rules, updates with etags, moves, merges, dissolution,
// and the tree as it stood on past dates.
#include "absl/strings/str_cat.h"
#include "google/protobuf/field_mask.pb.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class OrganizationsE2E : public MembershipE2E {};

TEST_F(OrganizationsE2E, CreateThenGet_ReturnsTheOrganizationWithItsAncestors) {
  v1::Organization upper =
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE,
                         "Đảng bộ Tập đoàn Điện lực Việt Nam");
  v1::GetOrganizationRequest req;
  req.set_name(upper.name());
  v1::Organization got;
  ASSERT_TRUE(Stub().GetOrganization(AdminContext().get(), req, &got).ok());
  EXPECT_EQ(got.display_name(), "Đảng bộ Tập đoàn Điện lực Việt Nam");
  EXPECT_EQ(got.parent(), Root().name());
  ASSERT_EQ(got.ancestors_size(), 2);
  EXPECT_EQ(got.ancestors(0), Root().name());
  EXPECT_EQ(got.ancestors(1), upper.name());
  EXPECT_EQ(got.state(), v1::ORGANIZATION_STATE_ACTIVE);
  EXPECT_FALSE(got.etag().empty());
}

TEST_F(OrganizationsE2E, Create_CellDirectlyUnderBloc_IsFailedPrecondition) {
  v1::CreateOrganizationRequest req;
  req.set_request_id(RequestId());
  req.mutable_organization()->set_parent(Root().name());
  req.mutable_organization()->set_code(absl::StrCat("C-", RequestId()));
  req.mutable_organization()->set_display_name("Chi bộ 1");
  req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_CELL);
  v1::Organization out;
  grpc::Status st = Stub().CreateOrganization(AdminContext().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("organization.parent"), std::string::npos)
      << st.error_message();
}

TEST_F(OrganizationsE2E, Create_BadInput_NamesTheField) {
  struct Case {
    std::string field;
    std::function<void(v1::CreateOrganizationRequest&)> spoil;
  };
  const std::vector<Case> cases = {
      {"organization.kind", [](auto& r) { r.mutable_organization()->clear_kind(); }},
      {"organization.display_name",
       [](auto& r) { r.mutable_organization()->set_display_name(std::string("Chi\0bộ", 8)); }},
      {"organization.parent", [](auto& r) { r.mutable_organization()->set_parent("orgs/1"); }},
      {"organization.established_date",
       [](auto& r) {
         *r.mutable_organization()->mutable_established_date() = MakeDate(2023, 2, 30);
       }},
      {"organization.enterprise_ownership",
       [](auto& r) {
         r.mutable_organization()->set_enterprise_ownership(
             static_cast<v1::EnterpriseOwnership>(99));
       }},
      {"request_id", [](auto& r) { r.clear_request_id(); }},
  };
  for (const Case& c : cases) {
    v1::CreateOrganizationRequest req;
    req.set_request_id(RequestId());
    v1::Organization* org = req.mutable_organization();
    org->set_parent(Root().name());
    org->set_code(absl::StrCat("B-", RequestId()));
    org->set_display_name("Đảng bộ Tổng công ty");
    org->set_kind(v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE);
    c.spoil(req);
    v1::Organization out;
    grpc::Status st = Stub().CreateOrganization(AdminContext().get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(st.error_message().find(c.field), std::string::npos)
        << c.field << ": " << st.error_message();
    EXPECT_FALSE(st.error_details().empty()) << "BadRequest details expected for " << c.field;
  }
}

TEST_F(OrganizationsE2E, Create_ReplayedRequestId_ReturnsTheFirstResultAndCreatesOnce) {
  v1::CreateOrganizationRequest req;
  req.set_request_id(RequestId());
  req.mutable_organization()->set_parent(Root().name());
  req.mutable_organization()->set_code(absl::StrCat("R-", RequestId()));
  req.mutable_organization()->set_display_name("Đảng bộ Tổng công ty Hàng hải");
  req.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE);
  v1::Organization first, second;
  ASSERT_TRUE(Stub().CreateOrganization(AdminContext().get(), req, &first).ok());
  ASSERT_TRUE(Stub().CreateOrganization(AdminContext().get(), req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());

  req.mutable_organization()->set_display_name("Another name under the same request id");
  v1::Organization third;
  EXPECT_EQ(Stub().CreateOrganization(AdminContext().get(), req, &third).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(OrganizationsE2E, Update_WithStaleEtag_IsAborted) {
  v1::Organization org = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn Viễn thông");
  v1::UpdateOrganizationRequest req;
  req.set_request_id(RequestId());
  *req.mutable_organization() = org;
  req.mutable_organization()->set_display_name("Đảng bộ Tập đoàn Công nghiệp Viễn thông");
  req.mutable_update_mask()->add_paths("display_name");
  v1::Organization updated;
  ASSERT_TRUE(Stub().UpdateOrganization(AdminContext().get(), req, &updated).ok());
  EXPECT_EQ(updated.display_name(), "Đảng bộ Tập đoàn Công nghiệp Viễn thông");
  EXPECT_NE(updated.etag(), org.etag());

  req.set_request_id(RequestId());  // same stale etag as before
  req.mutable_organization()->set_display_name("Lost update");
  v1::Organization lost;
  EXPECT_EQ(Stub().UpdateOrganization(AdminContext().get(), req, &lost).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(OrganizationsE2E, ConcurrentUpdatesWithOneEtag_ExactlyOneWins) {
  v1::Organization org = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Đường sắt");
  constexpr int kWriters = 8;
  std::vector<std::thread> writers;
  std::atomic<int> ok{0}, aborted{0};
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      v1::UpdateOrganizationRequest req;
      req.set_request_id(RequestId());
      *req.mutable_organization() = org;
      req.mutable_organization()->set_enterprise_name(absl::StrCat("Writer ", i));
      req.mutable_update_mask()->add_paths("enterprise_name");
      v1::Organization out;
      grpc::Status st = Stub().UpdateOrganization(AdminContext().get(), req, &out);
      if (st.ok()) ++ok;
      if (st.error_code() == grpc::StatusCode::ABORTED) ++aborted;
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(aborted.load(), kWriters - 1);
}

v1::Organization Get(const std::string& name, std::optional<google::type::Date> as_of = {}) {
  v1::GetOrganizationRequest req;
  req.set_name(name);
  if (as_of) *req.mutable_as_of() = *as_of;
  v1::Organization out;
  grpc::Status st =
      MembershipE2E::Stub().GetOrganization(MembershipE2E::AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return out;
}

TEST_F(OrganizationsE2E, AsOf_AfterAMove_ShowsTheOldParentBeforeAndTheNewAfter) {
  v1::Organization a = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn A");
  v1::Organization b = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn B");
  v1::Organization grassroots = CreateOrganization(
      a.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Truyền tải");
  v1::Organization cell =
      CreateOrganization(grassroots.name(), v1::ORGANIZATION_KIND_CELL, "Chi bộ Phòng Kỹ thuật");
  v1::MoveOrganizationRequest move;
  move.set_request_id(RequestId());
  move.set_name(grassroots.name());
  move.set_new_parent(b.name());
  move.set_etag(grassroots.etag());
  *move.mutable_effective_date() = MakeDate(2025, 7, 1);
  move.mutable_decision()->set_number("12-QĐ/ĐUK");
  v1::Organization moved;
  grpc::Status st = Stub().MoveOrganization(AdminContext().get(), move, &moved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(moved.parent(), b.name());

  EXPECT_EQ(Get(grassroots.name(), MakeDate(2025, 6, 30)).parent(), a.name());
  EXPECT_EQ(Get(grassroots.name(), MakeDate(2025, 7, 1)).parent(), b.name());
  // The descendant moved with it: its ancestors change on the same date.
  EXPECT_EQ(Get(cell.name(), MakeDate(2025, 6, 30)).ancestors(1), a.name());
  EXPECT_EQ(Get(cell.name(), MakeDate(2025, 7, 2)).ancestors(1), b.name());
  EXPECT_EQ(Get(cell.name()).ancestors(1), b.name());

  auto subtree = [&](const std::string& root, google::type::Date as_of) {
    v1::ListOrganizationsRequest req;
    req.set_subtree(root);
    *req.mutable_as_of() = as_of;
    v1::ListOrganizationsResponse resp;
    EXPECT_TRUE(Stub().ListOrganizations(AdminContext().get(), req, &resp).ok());
    return resp.organizations_size();
  };
  EXPECT_EQ(subtree(a.name(), MakeDate(2025, 6, 30)), 3);
  EXPECT_EQ(subtree(a.name(), MakeDate(2025, 7, 1)), 1);
  EXPECT_EQ(subtree(b.name(), MakeDate(2025, 7, 1)), 3);
}

TEST_F(OrganizationsE2E, Move_UnderItsOwnDescendant_IsFailedPrecondition) {
  v1::Organization upper =
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Trên");
  v1::Organization grassroots =
      CreateOrganization(upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Cơ sở");
  v1::MoveOrganizationRequest move;
  move.set_request_id(RequestId());
  move.set_name(upper.name());
  move.set_new_parent(grassroots.name());
  move.set_etag(Get(upper.name()).etag());
  v1::Organization out;
  EXPECT_EQ(Stub().MoveOrganization(AdminContext().get(), move, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(OrganizationsE2E, Merge_MovesChildrenAndMembersAndKeepsTheOldTreeReadable) {
  v1::Organization upper =
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE,
                         "Đảng bộ Tổng công ty Lương thực");
  v1::Organization source = CreateOrganization(
      upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Lương thực 1");
  v1::Organization target = CreateOrganization(
      upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Lương thực 2");
  v1::Organization cell =
      CreateOrganization(source.name(), v1::ORGANIZATION_KIND_CELL, "Chi bộ Kho vận");
  v1::Member member = CreateFullMember(source.name(), "Trần Thị Bích", 2010);

  v1::MergeOrganizationsRequest merge;
  merge.set_request_id(RequestId());
  merge.add_sources(source.name());
  merge.set_target(target.name());
  *merge.mutable_effective_date() = MakeDate(2025, 3, 1);
  merge.mutable_decision()->set_number("45-QĐ/ĐUK");
  v1::Organization out;
  grpc::Status st = Stub().MergeOrganizations(AdminContext().get(), merge, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();

  EXPECT_EQ(Get(source.name()).state(), v1::ORGANIZATION_STATE_MERGED);
  EXPECT_EQ(Get(source.name()).merged_into(), target.name());
  EXPECT_EQ(Get(cell.name()).parent(), target.name());
  EXPECT_EQ(Get(cell.name(), MakeDate(2025, 2, 28)).parent(), source.name());
  EXPECT_EQ(Get(source.name(), MakeDate(2025, 2, 28)).state(), v1::ORGANIZATION_STATE_ACTIVE);

  v1::GetMemberRequest get;
  get.set_name(member.name());
  v1::Member moved;
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &moved).ok());
  EXPECT_EQ(moved.organization(), target.name());
  v1::ListMemberEventsRequest events;
  events.set_member(member.name());
  v1::ListMemberEventsResponse history;
  ASSERT_TRUE(Stub().ListMemberEvents(AdminContext().get(), events, &history).ok());
  ASSERT_GE(history.events_size(), 1);
  EXPECT_EQ(history.events(history.events_size() - 1).type(),
            v1::MEMBER_EVENT_TYPE_ORGANIZATION_MERGED);
}

TEST_F(OrganizationsE2E, Split_CreatesThePartsMovesWhatIsNamedAndDissolvesTheSource) {
  v1::Organization upper = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Tách");
  v1::Organization source = CreateOrganization(
      upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Tách");
  v1::Organization cell_a =
      CreateOrganization(source.name(), v1::ORGANIZATION_KIND_CELL, "Chi bộ A");
  v1::Organization cell_b =
      CreateOrganization(source.name(), v1::ORGANIZATION_KIND_CELL, "Chi bộ B");
  v1::Member m1 = CreateFullMember(source.name(), "Thái Văn Một", 2008);
  v1::Member m2 = CreateFullMember(source.name(), "Thái Văn Hai", 2009);

  v1::SplitOrganizationRequest split;
  split.set_request_id(RequestId());
  split.set_name(source.name());
  *split.mutable_effective_date() = MakeDate(2025, 9, 1);
  split.mutable_decision()->set_number("77-QĐ/ĐUK");
  for (int i = 0; i < 2; ++i) {
    auto* part = split.add_parts();
    part->mutable_organization()->set_code(absl::StrCat("SPLIT-", RequestId()));
    part->mutable_organization()->set_display_name(absl::StrCat("Đảng bộ Công ty Tách ", i + 1));
    part->mutable_organization()->set_kind(v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE);
    part->add_children(i == 0 ? cell_a.name() : cell_b.name());
    part->add_members(i == 0 ? m1.name() : m2.name());
  }

  // Leaving a member behind while dissolving the source is refused, and changes nothing.
  v1::SplitOrganizationRequest incomplete = split;
  incomplete.mutable_parts(1)->clear_members();
  incomplete.set_dissolve_source(true);
  v1::SplitOrganizationResponse out;
  grpc::Status st = Stub().SplitOrganization(AdminContext().get(), incomplete, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_NE(st.error_message().find("dissolve_source"), std::string::npos) << st.error_message();
  EXPECT_EQ(Get(cell_a.name()).parent(), source.name());

  split.set_dissolve_source(true);
  st = Stub().SplitOrganization(AdminContext().get(), split, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(out.organizations_size(), 2);
  EXPECT_EQ(out.organizations(0).parent(), upper.name());
  EXPECT_EQ(Get(cell_a.name()).parent(), out.organizations(0).name());
  EXPECT_EQ(Get(cell_b.name()).parent(), out.organizations(1).name());
  EXPECT_EQ(Get(cell_b.name(), MakeDate(2025, 8, 31)).parent(), source.name());
  EXPECT_EQ(Get(source.name()).state(), v1::ORGANIZATION_STATE_DISSOLVED);

  v1::GetMemberRequest get;
  get.set_name(m2.name());
  v1::Member moved;
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &moved).ok());
  EXPECT_EQ(moved.organization(), out.organizations(1).name());
}

TEST_F(OrganizationsE2E, Dissolve_WithMembersLeft_IsFailedPreconditionAndEmptyOneSucceeds) {
  v1::Organization upper = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Cà phê");
  v1::Organization cell = CreateOrganization(upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                             "Chi bộ Công ty Cà phê 1");
  CreateFullMember(cell.name(), "Lê Văn Cường", 2005);
  v1::DissolveOrganizationRequest req;
  req.set_request_id(RequestId());
  req.set_name(cell.name());
  req.set_etag(Get(cell.name()).etag());
  v1::Organization out;
  EXPECT_EQ(Stub().DissolveOrganization(AdminContext().get(), req, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::Organization empty = CreateOrganization(upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                              "Chi bộ Công ty Cà phê 2");
  req.set_request_id(RequestId());
  req.set_name(empty.name());
  req.set_etag(empty.etag());
  *req.mutable_effective_date() = MakeDate(2024, 12, 31);
  ASSERT_TRUE(Stub().DissolveOrganization(AdminContext().get(), req, &out).ok());
  EXPECT_EQ(out.state(), v1::ORGANIZATION_STATE_DISSOLVED);
  EXPECT_EQ(Get(empty.name(), MakeDate(2024, 12, 30)).state(), v1::ORGANIZATION_STATE_ACTIVE);
}

TEST_F(OrganizationsE2E, ListOrganizations_PagesThroughChildrenWithoutRepeats) {
  v1::Organization upper = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn Dầu khí");
  for (int i = 0; i < 7; ++i) {
    CreateOrganization(upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                       absl::StrCat("Chi bộ Công ty ", i));
  }
  std::set<std::string> seen;
  v1::ListOrganizationsRequest req;
  req.set_parent(upper.name());
  req.set_page_size(3);
  int pages = 0;
  do {
    v1::ListOrganizationsResponse resp;
    ASSERT_TRUE(Stub().ListOrganizations(AdminContext().get(), req, &resp).ok());
    for (const auto& org : resp.organizations()) EXPECT_TRUE(seen.insert(org.name()).second);
    req.set_page_token(resp.next_page_token());
    ++pages;
  } while (!req.page_token().empty());
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(pages, 3);

  req.set_page_token("bm90LWEtdG9rZW4");
  v1::ListOrganizationsResponse resp;
  EXPECT_EQ(Stub().ListOrganizations(AdminContext().get(), req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace dangbo::membership::testing
