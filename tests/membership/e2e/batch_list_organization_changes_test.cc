// BatchListOrganizationChanges: many organizations' histories in one paged call, equal to what
// ListOrganizationChanges gives for each; same scope rules.
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class BatchListOrganizationChangesE2E : public MembershipE2E {
 protected:
  static grpc::Status Page(const std::string& token, const std::vector<std::string>& names,
                           int page_size, const std::string& page_token,
                           v1::BatchListOrganizationChangesResponse* resp) {
    v1::BatchListOrganizationChangesRequest req;
    for (const std::string& name : names) req.add_names(name);
    req.set_page_size(page_size);
    req.set_page_token(page_token);
    return Stub().BatchListOrganizationChanges(Context(token).get(), req, resp);
  }

  // Every page, as (organization, kind) in the order returned; counts the pages.
  static std::vector<std::pair<std::string, v1::OrganizationChange::Kind>> All(
      const std::vector<std::string>& names, int page_size, int* pages) {
    std::vector<std::pair<std::string, v1::OrganizationChange::Kind>> out;
    std::string token;
    *pages = 0;
    do {
      v1::BatchListOrganizationChangesResponse resp;
      grpc::Status st = Page(AdminToken(), names, page_size, token, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      ++*pages;
      for (const v1::OrganizationChange& c : resp.changes()) {
        out.emplace_back(c.organization(), c.kind());
      }
      token = resp.next_page_token();
    } while (!token.empty());
    return out;
  }

  static std::vector<v1::OrganizationChange::Kind> OneByOne(const std::string& name) {
    v1::ListOrganizationChangesRequest req;
    req.set_name(name);
    v1::ListOrganizationChangesResponse resp;
    grpc::Status st = Stub().ListOrganizationChanges(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<v1::OrganizationChange::Kind> kinds;
    for (const v1::OrganizationChange& c : resp.changes()) kinds.push_back(c.kind());
    return kinds;
  }
};

TEST_F(BatchListOrganizationChangesE2E, PagesThroughEveryHistoryAsListOrganizationChangesGivesIt) {
  v1::Organization from = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Gạo");
  v1::Organization to = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Cà phê");
  v1::Organization cell = CreateOrganization(from.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                             "Chi bộ Công ty Lương thực Sông Hậu");
  v1::MoveOrganizationRequest move;
  move.set_request_id(RequestId());
  move.set_name(cell.name());
  move.set_new_parent(to.name());
  move.set_etag(cell.etag());
  *move.mutable_effective_date() = MakeDate(2024, 4, 1);
  move.mutable_decision()->set_number("31-QĐ/ĐUK");
  v1::Organization moved;
  ASSERT_TRUE(Stub().MoveOrganization(AdminContext().get(), move, &moved).ok());
  v1::DissolveOrganizationRequest dissolve;
  dissolve.set_request_id(RequestId());
  dissolve.set_name(cell.name());
  dissolve.set_etag(moved.etag());
  v1::Organization dissolved;
  ASSERT_TRUE(Stub().DissolveOrganization(AdminContext().get(), dissolve, &dissolved).ok());

  int pages = 0;
  const auto changes = All({cell.name(), to.name(), from.name(), cell.name()}, 2, &pages);
  EXPECT_EQ(pages, 3);  // 5 changes, 2 a page
  std::map<std::string, std::vector<v1::OrganizationChange::Kind>> by_organization;
  for (const auto& [organization, kind] : changes) by_organization[organization].push_back(kind);
  ASSERT_EQ(by_organization.size(), 3u);
  for (const v1::Organization& org : {from, to, cell}) {
    EXPECT_EQ(by_organization[org.name()], OneByOne(org.name())) << org.name();
  }
  EXPECT_EQ(by_organization[cell.name()],
            (std::vector<v1::OrganizationChange::Kind>{v1::OrganizationChange::KIND_ESTABLISHED,
                                                       v1::OrganizationChange::KIND_MOVED,
                                                       v1::OrganizationChange::KIND_DISSOLVED}));
  // Recorded order: the cell's move comes after the three establishments.
  EXPECT_EQ(changes[3], std::make_pair(cell.name(), v1::OrganizationChange::KIND_MOVED));

  // One call when the page is large enough (the default).
  EXPECT_EQ(All({cell.name(), to.name(), from.name()}, 0, &pages).size(), 5u);
  EXPECT_EQ(pages, 1);
}

TEST_F(BatchListOrganizationChangesE2E, APageTokenServesOnlyTheNamesItCameWith) {
  v1::Organization a = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Giấy");
  v1::BatchListOrganizationChangesResponse first;
  ASSERT_TRUE(Page(AdminToken(), {Root().name(), a.name()}, 1, "", &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  v1::BatchListOrganizationChangesResponse other;
  grpc::Status st = Page(AdminToken(), {a.name()}, 1, first.next_page_token(), &other);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_token"), std::string::npos) << st.error_message();
}

TEST_F(BatchListOrganizationChangesE2E, BadNamesAreRefusedNamingTheirIndex) {
  v1::BatchListOrganizationChangesResponse resp;
  grpc::Status st = Page(AdminToken(), {Root().name(), "members/1"}, 0, "", &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("names[1]"), std::string::npos) << st.error_message();

  st = Page(AdminToken(), {"organizations/987654321"}, 0, "", &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("names[0]"), std::string::npos) << st.error_message();

  st = Page(AdminToken(), std::vector<std::string>(1001, Root().name()), 0, "", &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("names"), std::string::npos) << st.error_message();

  st = Page(AdminToken(), {Root().name()}, -1, "", &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_size"), std::string::npos) << st.error_message();

  ASSERT_TRUE(Page(AdminToken(), {}, 0, "", &resp).ok());
  EXPECT_EQ(resp.changes_size(), 0);
}

TEST_F(BatchListOrganizationChangesE2E, AScopedCallerIsDeniedAnyOrganizationOutsideItsScopes) {
  v1::Organization mine = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Muối");
  v1::Organization other = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tổng công ty Rượu");
  const std::string token = Token({"reader"}, {IdOf(mine.name())});
  v1::BatchListOrganizationChangesResponse resp;
  EXPECT_TRUE(Page(token, {mine.name()}, 0, "", &resp).ok());
  resp.Clear();
  EXPECT_EQ(Page(token, {mine.name(), other.name()}, 0, "", &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(resp.changes_size(), 0);
}

}  // namespace
}  // namespace dangbo::membership::testing
