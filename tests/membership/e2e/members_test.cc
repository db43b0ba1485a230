// Members over gRPC: creation, reads with and without personal data, search, updates.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class MembersE2E : public MembershipE2E {
 protected:
  static v1::Organization& Cell() {
    static v1::Organization cell = [] {
      v1::Organization upper = CreateOrganization(
          Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn Than");
      return CreateOrganization(upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL,
                                "Chi bộ Công ty Than Hà Lầm");
    }();
    return cell;
  }
};

TEST_F(MembersE2E, CreateMember_NormalizesTheNameToNfc) {
  // "Nguyễn" spelled with combining marks (NFD) must be stored as NFC.
  v1::Member m = CreateApplicant(Cell().name(), "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An");
  EXPECT_EQ(m.full_name(), "Nguyễn Văn An");
  EXPECT_EQ(m.state(), v1::MEMBER_STATE_APPLICANT);
}

TEST_F(MembersE2E, GetMember_PersonalDataOnlyWithThePersonalDataRole) {
  v1::CreateMemberRequest req;
  req.set_request_id(RequestId());
  req.mutable_member()->set_organization(Cell().name());
  req.mutable_member()->set_full_name("Phạm Minh Đức");
  req.mutable_member()->mutable_personal_data()->set_citizen_id("001090012345");
  req.mutable_member()->mutable_personal_data()->set_religion("Không");
  v1::Member created;
  ASSERT_TRUE(Stub().CreateMember(AdminContext().get(), req, &created).ok());

  v1::GetMemberRequest get;
  get.set_name(created.name());
  v1::Member with_pd, without_pd;
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &with_pd).ok());
  EXPECT_EQ(with_pd.personal_data().citizen_id(), "001090012345");
  ASSERT_TRUE(Stub().GetMember(Context(Token({"reader"})).get(), get, &without_pd).ok());
  EXPECT_FALSE(without_pd.has_personal_data());
  EXPECT_EQ(without_pd.full_name(), "Phạm Minh Đức");
}

TEST_F(MembersE2E, CreateMember_DuplicateCitizenId_IsAlreadyExists) {
  auto create = [&](const std::string& name) {
    v1::CreateMemberRequest req;
    req.set_request_id(RequestId());
    req.mutable_member()->set_organization(Cell().name());
    req.mutable_member()->set_full_name(name);
    req.mutable_member()->mutable_personal_data()->set_citizen_id("079200001111");
    v1::Member out;
    return Stub().CreateMember(AdminContext().get(), req, &out);
  };
  ASSERT_TRUE(create("Võ Thị Sáu").ok());
  grpc::Status dup = create("Võ Thị Sáu Hai");
  EXPECT_EQ(dup.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(dup.error_message().find("citizen_id"), std::string::npos) << dup.error_message();
}

TEST_F(MembersE2E, CreateMember_BadInput_NamesTheField) {
  struct Case {
    std::string field;
    std::function<void(v1::CreateMemberRequest&)> spoil;
  };
  const std::vector<Case> cases = {
      {"member.full_name", [](auto& r) { r.mutable_member()->set_full_name(""); }},
      {"member.full_name", [](auto& r) { r.mutable_member()->set_full_name("An\x07"); }},
      {"member.personal_data.citizen_id",
       [](auto& r) { r.mutable_member()->mutable_personal_data()->set_citizen_id("12345"); }},
      {"member.organization", [](auto& r) { r.mutable_member()->clear_organization(); }},
      {"member.gender",
       [](auto& r) { r.mutable_member()->set_gender(static_cast<v1::Gender>(7)); }},
      {"member.admission_decision_date",
       [](auto& r) { r.set_initial_state(v1::MEMBER_STATE_FULL); }},
      {"initial_state", [](auto& r) { r.set_initial_state(v1::MEMBER_STATE_EXPELLED); }},
  };
  for (const Case& c : cases) {
    v1::CreateMemberRequest req;
    req.set_request_id(RequestId());
    req.mutable_member()->set_organization(Cell().name());
    req.mutable_member()->set_full_name("Đặng Thùy Trâm");
    c.spoil(req);
    v1::Member out;
    grpc::Status st = Stub().CreateMember(AdminContext().get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(st.error_message().find(c.field), std::string::npos)
        << c.field << ": " << st.error_message();
  }
}

TEST_F(MembersE2E, GetMember_Unknown_IsNotFound) {
  v1::GetMemberRequest get;
  get.set_name("members/987654321");
  v1::Member out;
  EXPECT_EQ(Stub().GetMember(AdminContext().get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(MembersE2E, ListMembers_NameSearchIgnoresDiacriticsAndCase) {
  v1::Member m = CreateApplicant(Cell().name(), "Hoàng Thị Thanh Xuân");
  v1::ListMembersRequest req;
  req.set_subtree(Cell().name());
  req.set_name_query("hoang thi thanh xuan");
  v1::ListMembersResponse resp;
  ASSERT_TRUE(Stub().ListMembers(AdminContext().get(), req, &resp).ok());
  ASSERT_EQ(resp.members_size(), 1);
  EXPECT_EQ(resp.members(0).name(), m.name());
}

TEST_F(MembersE2E, BatchGetMembers_ReturnsInRequestOrder) {
  v1::Member a = CreateApplicant(Cell().name(), "Lý Thường Kiệt");
  v1::Member b = CreateApplicant(Cell().name(), "Trần Hưng Đạo");
  v1::BatchGetMembersRequest req;
  req.add_names(b.name());
  req.add_names(a.name());
  v1::BatchGetMembersResponse resp;
  ASSERT_TRUE(Stub().BatchGetMembers(AdminContext().get(), req, &resp).ok());
  ASSERT_EQ(resp.members_size(), 2);
  EXPECT_EQ(resp.members(0).name(), b.name());
  EXPECT_EQ(resp.members(1).name(), a.name());
}

TEST_F(MembersE2E, UpdateMember_ChangesProfileAndRefusesState) {
  v1::Member m = CreateApplicant(Cell().name(), "Bùi Thị Xuân");
  v1::UpdateMemberRequest req;
  req.set_request_id(RequestId());
  *req.mutable_member() = m;
  req.mutable_member()->set_position("Phó phòng Kế hoạch");
  req.mutable_member()->set_department_leader(true);
  req.mutable_update_mask()->add_paths("position");
  req.mutable_update_mask()->add_paths("department_leader");
  v1::Member updated;
  ASSERT_TRUE(Stub().UpdateMember(AdminContext().get(), req, &updated).ok());
  EXPECT_EQ(updated.position(), "Phó phòng Kế hoạch");
  EXPECT_TRUE(updated.department_leader());

  req.set_request_id(RequestId());
  *req.mutable_member() = updated;
  req.mutable_update_mask()->Clear();
  req.mutable_update_mask()->add_paths("state");
  EXPECT_EQ(Stub().UpdateMember(AdminContext().get(), req, &updated).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace dangbo::membership::testing
