// ImportMembers over gRPC: counts, per-row errors, idempotency on citizen id, dry runs.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class ImportE2E : public MembershipE2E {
 protected:
  static v1::ImportRow Row(int64_t number, const std::string& organization, int citizen) {
    v1::ImportRow row;
    row.set_row_number(number);
    row.set_initial_state(v1::MEMBER_STATE_FULL);
    v1::Member* m = row.mutable_member();
    m->set_organization(organization);
    m->set_full_name(absl::StrCat("Nhập Khẩu Số ", number));
    m->mutable_personal_data()->set_citizen_id(absl::StrFormat("0011%08d", citizen));
    *m->mutable_admission_decision_date() = MakeDate(2005, 4, 1);
    *m->mutable_admission_ceremony_date() = MakeDate(2005, 4, 15);
    *m->mutable_full_member_date() = MakeDate(2006, 4, 15);
    return row;
  }

  static grpc::Status Import(const std::vector<v1::ImportMembersRequest>& messages,
                             v1::ImportMembersResponse* out) {
    auto ctx = AdminContext();
    auto writer = Stub().ImportMembers(ctx.get(), out);
    for (const auto& m : messages) EXPECT_TRUE(writer->Write(m));
    writer->WritesDone();
    return writer->Finish();
  }
};

TEST_F(ImportE2E, Import_CountsRowsReportsBadOnesAndIsIdempotentOnCitizenId) {
  v1::Organization cell = CreateOrganization(
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE,
                         "Đảng bộ Tổng công ty Nhập liệu")
          .name(),
      v1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ Nhập liệu");
  const std::string request_id = RequestId();
  std::vector<v1::ImportMembersRequest> messages(2);
  messages[0].set_request_id(request_id);
  for (int i = 0; i < 1100; ++i) {
    *messages[i < 600 ? 0 : 1].add_rows() = Row(i + 2, cell.name(), 500000 + i);
  }
  // Two bad rows: a short citizen id and a full member without admission dates.
  messages[0].mutable_rows(10)->mutable_member()->mutable_personal_data()->set_citizen_id("123");
  messages[1].mutable_rows(5)->mutable_member()->clear_admission_decision_date();

  v1::ImportMembersResponse dry;
  std::vector<v1::ImportMembersRequest> dry_messages = messages;
  dry_messages[0].set_request_id(RequestId());
  dry_messages[0].set_dry_run(true);
  ASSERT_TRUE(Import(dry_messages, &dry).ok());
  EXPECT_TRUE(dry.dry_run());
  EXPECT_EQ(dry.created(), 0);
  EXPECT_EQ(dry.error_count(), 2);

  v1::ImportMembersResponse first;
  grpc::Status st = Import(messages, &first);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(first.rows_received(), 1100);
  EXPECT_EQ(first.created(), 1098);
  ASSERT_EQ(first.error_count(), 2);
  EXPECT_EQ(first.errors(0).row_number(), 12);
  EXPECT_EQ(first.errors(0).field(), "member.personal_data.citizen_id");
  EXPECT_EQ(first.errors(1).row_number(), 607);
  EXPECT_EQ(first.errors(1).field(), "member.admission_decision_date");

  // The same stream again under a new request id: every person is already known.
  messages[0].set_request_id(RequestId());
  v1::ImportMembersResponse again;
  ASSERT_TRUE(Import(messages, &again).ok());
  EXPECT_EQ(again.created(), 0);
  EXPECT_EQ(again.unchanged(), 1098);

  // A changed name updates the member found by citizen id.
  messages[0].set_request_id(RequestId());
  messages[0].mutable_rows(0)->mutable_member()->set_full_name("Đổi Tên Khi Nhập");
  v1::ImportMembersResponse changed;
  ASSERT_TRUE(Import(messages, &changed).ok());
  EXPECT_EQ(changed.updated(), 1);
  EXPECT_EQ(changed.unchanged(), 1097);

  // More than one full page: the 1000-member page says that another one follows.
  v1::ListMembersRequest list;
  list.set_subtree(cell.name());
  list.set_page_size(1000);
  v1::ListMembersResponse page;
  ASSERT_TRUE(Stub().ListMembers(AdminContext().get(), list, &page).ok());
  EXPECT_EQ(page.members_size(), 1000);
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(Stub().ListMembers(AdminContext().get(), list, &page).ok());
  EXPECT_EQ(page.members_size(), 98);
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_F(ImportE2E, Import_RowOutsideTheCallersScope_IsRefusedPerRow) {
  v1::Organization mine =
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Mình");
  v1::Organization theirs =
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Họ");
  v1::ImportMembersRequest message;
  message.set_request_id(RequestId());
  *message.add_rows() = Row(2, mine.name(), 900001);
  *message.add_rows() = Row(3, theirs.name(), 900002);
  v1::ImportMembersResponse out;
  auto ctx = Context(Token({"organizer"}, {IdOf(mine.name())}));
  auto writer = Stub().ImportMembers(ctx.get(), &out);
  ASSERT_TRUE(writer->Write(message));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(out.created(), 1);
  ASSERT_EQ(out.error_count(), 1);
  EXPECT_EQ(out.errors(0).row_number(), 3);
  EXPECT_EQ(out.errors(0).field(), "member.organization");
}

}  // namespace
}  // namespace dangbo::membership::testing
