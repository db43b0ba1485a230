// BatchGetOrganizations: several organizations in one call, for another service checking the
// organizations its records name; same scope rules as GetOrganization.
#include <string>

#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class BatchGetOrganizationsE2E : public MembershipE2E {
 protected:
  grpc::Status BatchGet(const std::string& token, const std::vector<std::string>& names,
                        v1::BatchGetOrganizationsResponse* resp) {
    v1::BatchGetOrganizationsRequest req;
    for (const std::string& name : names) req.add_names(name);
    return Stub().BatchGetOrganizations(Context(token).get(), req, resp);
  }
};

TEST_F(BatchGetOrganizationsE2E, ReturnsEveryStateInRequestOrderWithAncestors) {
  v1::Organization upper = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Thép");
  v1::Organization cell = CreateOrganization(upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                             "Chi bộ Nhà máy Cán thép Thái Nguyên");
  v1::DissolveOrganizationRequest dissolve;
  dissolve.set_request_id(RequestId());
  dissolve.set_name(cell.name());
  dissolve.set_etag(cell.etag());
  v1::Organization dissolved;
  ASSERT_TRUE(Stub().DissolveOrganization(AdminContext().get(), dissolve, &dissolved).ok());

  v1::BatchGetOrganizationsResponse resp;
  grpc::Status st = BatchGet(AdminToken(), {cell.name(), upper.name(), cell.name()}, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(resp.organizations_size(), 3);
  EXPECT_EQ(resp.organizations(0).name(), cell.name());
  EXPECT_EQ(resp.organizations(0).state(), v1::ORGANIZATION_STATE_DISSOLVED);
  ASSERT_EQ(resp.organizations(0).ancestors_size(), 3);
  EXPECT_EQ(resp.organizations(0).ancestors(0), Root().name());
  EXPECT_EQ(resp.organizations(0).ancestors(1), upper.name());
  EXPECT_EQ(resp.organizations(0).ancestors(2), cell.name());
  EXPECT_EQ(resp.organizations(1).name(), upper.name());
  EXPECT_EQ(resp.organizations(1).display_name(), "Đảng bộ Tổng công ty Thép");
  EXPECT_EQ(resp.organizations(1).state(), v1::ORGANIZATION_STATE_ACTIVE);
  EXPECT_EQ(resp.organizations(2).name(), cell.name());
}

TEST_F(BatchGetOrganizationsE2E, EmptyRequest_ReturnsNothing) {
  v1::BatchGetOrganizationsResponse resp;
  ASSERT_TRUE(BatchGet(AdminToken(), {}, &resp).ok());
  EXPECT_EQ(resp.organizations_size(), 0);
}

TEST_F(BatchGetOrganizationsE2E, UnknownName_IsNotFoundNamingItsIndexAndResource) {
  v1::BatchGetOrganizationsResponse resp;
  grpc::Status st = BatchGet(AdminToken(), {Root().name(), "organizations/987654321"}, &resp);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("names[1]"), std::string::npos) << st.error_message();
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(st.error_details()));
  bool named = false;
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::ResourceInfo info;
    if (any.UnpackTo(&info)) named = info.resource_name() == "organizations/987654321";
  }
  EXPECT_TRUE(named) << details.DebugString();
}

TEST_F(BatchGetOrganizationsE2E, MalformedOrTooManyNames_IsInvalidArgument) {
  v1::BatchGetOrganizationsResponse resp;
  grpc::Status st = BatchGet(AdminToken(), {Root().name(), "members/1"}, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("names[1]"), std::string::npos) << st.error_message();

  std::vector<std::string> many(1001, Root().name());
  st = BatchGet(AdminToken(), many, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("names"), std::string::npos) << st.error_message();
}

TEST_F(BatchGetOrganizationsE2E, ScopedCaller_ReadsInsideAndIsDeniedOutside) {
  v1::Organization mine = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn Dệt May");
  v1::Organization child = CreateOrganization(mine.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                              "Chi bộ Công ty May 10");
  v1::Organization other = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn Hóa chất");
  const std::string token = Token({"reader"}, {IdOf(mine.name())});

  v1::BatchGetOrganizationsResponse resp;
  grpc::Status st = BatchGet(token, {child.name(), mine.name()}, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.organizations_size(), 2);

  resp.Clear();
  EXPECT_EQ(BatchGet(token, {child.name(), other.name()}, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(resp.organizations_size(), 0);
}

TEST_F(BatchGetOrganizationsE2E, ServiceIdentity_MayRead_ReporterMayNot) {
  v1::BatchGetOrganizationsResponse resp;
  EXPECT_TRUE(BatchGet(Token({"service"}, {}, "inspection"), {Root().name()}, &resp).ok());
  EXPECT_EQ(BatchGet(Token({"reporter"}), {Root().name()}, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(BatchGet("not-a-token", {Root().name()}, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace dangbo::membership::testing
