// Authentication, subtree authorization, and the change feed.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class AccessE2E : public MembershipE2E {};

TEST_F(AccessE2E, NoToken_IsUnauthenticated) {
  grpc::ClientContext ctx;
  v1::GetOrganizationRequest req;
  req.set_name(Root().name());
  v1::Organization out;
  EXPECT_EQ(Stub().GetOrganization(&ctx, req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AccessE2E, ForgedToken_IsUnauthenticated) {
  std::string token = AdminToken();
  token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
  v1::GetOrganizationRequest req;
  req.set_name(Root().name());
  v1::Organization out;
  EXPECT_EQ(Stub().GetOrganization(Context(token).get(), req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AccessE2E, ScopedOrganizer_ActsInsideItsSubtreeOnly) {
  v1::Organization mine =
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Của tôi");
  v1::Organization other =
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Khác");
  v1::Organization my_cell =
      CreateOrganization(mine.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ của tôi");
  v1::Member outsider = CreateApplicant(other.name(), "Người ngoài");
  const std::string token = Token({"organizer"}, {IdOf(mine.name())}, "organizer-mine");

  v1::GetOrganizationRequest get;
  get.set_name(my_cell.name());
  v1::Organization org;
  EXPECT_TRUE(Stub().GetOrganization(Context(token).get(), get, &org).ok());
  get.set_name(other.name());
  EXPECT_EQ(Stub().GetOrganization(Context(token).get(), get, &org).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::GetMemberRequest get_member;
  get_member.set_name(outsider.name());
  v1::Member m;
  EXPECT_EQ(Stub().GetMember(Context(token).get(), get_member, &m).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::CreateMemberRequest create;
  create.set_request_id(RequestId());
  create.mutable_member()->set_organization(other.name());
  create.mutable_member()->set_full_name("Không được tạo");
  EXPECT_EQ(Stub().CreateMember(Context(token).get(), create, &m).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Listing without a subtree returns only what lies inside the caller's scopes.
  v1::ListMembersRequest list;
  list.set_page_size(1000);
  v1::ListMembersResponse listed;
  ASSERT_TRUE(Stub().ListMembers(Context(token).get(), list, &listed).ok());
  for (const auto& member : listed.members()) EXPECT_NE(member.name(), outsider.name());
}

TEST_F(AccessE2E, Reader_CannotWrite) {
  v1::CreateMemberRequest create;
  create.set_request_id(RequestId());
  create.mutable_member()->set_organization(Root().name());
  create.mutable_member()->set_full_name("Chỉ đọc");
  v1::Member m;
  EXPECT_EQ(Stub().CreateMember(Context(Token({"reader"})).get(), create, &m).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

class FeedE2E : public MembershipE2E {};

TEST_F(FeedE2E, ListChanges_ReturnsEveryWriteInOrderAndResumes) {
  v1::ListChangesRequest head_req;
  head_req.set_after_sequence(0);
  head_req.set_page_size(1);
  v1::ListChangesResponse head;
  const std::string service_token = Token({"service"}, {}, "reporting");
  ASSERT_TRUE(Stub().ListChanges(Context(service_token).get(), head_req, &head).ok());
  const int64_t start = head.head_sequence();

  v1::Organization org = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Thép");
  v1::Member m = CreateApplicant(org.name(), "Phan Bội Châu");

  v1::ListChangesRequest req;
  req.set_after_sequence(start);
  v1::ListChangesResponse resp;
  ASSERT_TRUE(Stub().ListChanges(Context(service_token).get(), req, &resp).ok());
  ASSERT_EQ(resp.changes_size(), 2);
  EXPECT_EQ(resp.changes(0).resource(), org.name());
  EXPECT_EQ(resp.changes(0).change_type(), "dangbo.membership.v1.Organization.created");
  EXPECT_EQ(resp.changes(1).resource(), m.name());
  EXPECT_EQ(resp.changes(1).sequence(), resp.changes(0).sequence() + 1);
  v1::Member payload;
  ASSERT_TRUE(resp.changes(1).payload().UnpackTo(&payload));
  EXPECT_EQ(payload.full_name(), "Phan Bội Châu");

  req.set_after_sequence(resp.changes(0).sequence());
  ASSERT_TRUE(Stub().ListChanges(Context(service_token).get(), req, &resp).ok());
  ASSERT_EQ(resp.changes_size(), 1);
  EXPECT_EQ(resp.changes(0).resource(), m.name());
}

TEST_F(FeedE2E, ListChanges_ScopedCaller_IsPermissionDenied) {
  v1::ListChangesRequest req;
  v1::ListChangesResponse resp;
  EXPECT_EQ(Stub()
                .ListChanges(Context(Token({"admin"}, {IdOf(Root().name())})).get(), req, &resp)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace dangbo::membership::testing
