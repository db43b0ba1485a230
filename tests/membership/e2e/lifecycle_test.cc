// The member lifecycle over gRPC: the state machine and its dates, transfers, expulsion.
#include "gtest/gtest.h"
#include "tests/membership/e2e/lifecycle_fixture.h"

namespace dangbo::membership::testing {
namespace {

TEST_F(LifecycleE2E, Admit_MakesAnApplicantProbationary) {
  v1::Member m = Admitted(NewCell("Chi bộ Hóa chất 1"), "Ngô Thị Hồng");
  EXPECT_EQ(m.state(), v1::MEMBER_STATE_PROBATIONARY);
  EXPECT_EQ(m.admission_ceremony_date().year(), 2025);
}

TEST_F(LifecycleE2E, RecognizeFull_BeforeTwelveMonths_IsFailedPrecondition) {
  v1::Member m = Admitted(NewCell("Chi bộ Hóa chất 2"), "Đỗ Văn Hùng");
  v1::RecordMemberEventResponse out;
  grpc::Status st =
      Record(m.name(), Event(v1::MEMBER_EVENT_TYPE_RECOGNIZE_FULL, MakeDate(2025, 6, 1)), &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
}

TEST_F(LifecycleE2E, RecognizeFull_LateDecision_IsFullAsOfTheEndOfProbation) {
  v1::Member m = Admitted(NewCell("Chi bộ Hóa chất 3"), "Mai Thị Lan");
  v1::RecordMemberEventResponse out;
  grpc::Status st =
      Record(m.name(), Event(v1::MEMBER_EVENT_TYPE_RECOGNIZE_FULL, MakeDate(2026, 2, 10)), &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.member().state(), v1::MEMBER_STATE_FULL);
  EXPECT_EQ(out.member().full_member_date().year(), 2026);
  EXPECT_EQ(out.member().full_member_date().month(), 1);
  EXPECT_EQ(out.member().full_member_date().day(), 20);
  EXPECT_EQ(out.event().state_before(), v1::MEMBER_STATE_PROBATIONARY);
  EXPECT_EQ(out.event().state_after(), v1::MEMBER_STATE_FULL);
}

TEST_F(LifecycleE2E, OfficialTransfer_CountsAtTheDestinationOnlyWhenReceived) {
  v1::Organization origin = NewCell("Chi bộ Hóa chất 4");
  v1::Organization destination = NewCell("Chi bộ Hóa chất 5");
  v1::Member m = CreateFullMember(origin.name(), "Tạ Quang Bửu", 2001);
  v1::MemberEvent start =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_START, MakeDate(2026, 3, 2));
  start.set_destination_organization(destination.name());
  *start.mutable_moved_date() = MakeDate(2026, 2, 20);
  v1::RecordMemberEventResponse out;
  ASSERT_TRUE(Record(m.name(), start, &out).ok());
  EXPECT_TRUE(out.member().transfer_in_transit());
  EXPECT_EQ(out.member().organization(), origin.name());

  v1::MemberEvent receive =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_RECEIVE, MakeDate(2026, 3, 16));
  receive.set_destination_organization(destination.name());
  grpc::Status st = Record(m.name(), receive, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_FALSE(out.member().transfer_in_transit());
  EXPECT_EQ(out.member().organization(), destination.name());
  EXPECT_EQ(out.event().organization_before(), origin.name());
  EXPECT_EQ(out.event().organization_after(), destination.name());
}

TEST_F(LifecycleE2E, OfficialTransfer_ReceiptIsRecordedByTheReceivingSide) {
  v1::Organization origin = NewCell("Chi bộ Hóa chất nơi đi");
  v1::Organization destination = NewCell("Chi bộ Hóa chất nơi đến");
  v1::Member m = CreateFullMember(origin.name(), "Đinh Bộ Lĩnh", 2002);
  const std::string origin_side = Token({"organizer"}, {IdOf(origin.name())}, "origin");
  const std::string receiving_side =
      Token({"organizer"}, {IdOf(destination.name())}, "destination");
  v1::MemberEvent start =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_START, MakeDate(2026, 4, 1));
  start.set_destination_organization(destination.name());
  v1::RecordMemberEventResponse out;
  ASSERT_TRUE(Record(m.name(), start, &out, origin_side).ok());

  v1::MemberEvent receive =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_RECEIVE, MakeDate(2026, 4, 10));
  EXPECT_EQ(Record(m.name(), receive, &out, Token({"organizer"}, {IdOf(Root().name()) + 100000}))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status st = Record(m.name(), receive, &out, receiving_side);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.member().organization(), destination.name());
}

TEST_F(LifecycleE2E, StrikeOff_WithoutGround_NamesTheField) {
  v1::Member m = CreateFullMember(NewCell("Chi bộ Hóa chất 6").name(), "Hà Văn Tấn", 2003);
  v1::RecordMemberEventResponse out;
  grpc::Status st =
      Record(m.name(), Event(v1::MEMBER_EVENT_TYPE_STRIKE_OFF, MakeDate(2026, 5, 4)), &out);
  EXPECT_TRUE(st.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
              st.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("strike_off_ground"), std::string::npos) << st.error_message();
}

TEST_F(LifecycleE2E, Expel_OnlyThroughTheServiceIdentity) {
  v1::Member m = CreateFullMember(NewCell("Chi bộ Hóa chất 7").name(), "Lưu Hữu Phước", 1999);
  v1::RecordMemberEventResponse out;
  v1::MemberEvent expel = Event(v1::MEMBER_EVENT_TYPE_EXPEL, MakeDate(2026, 6, 1));
  EXPECT_EQ(Record(m.name(), expel, &out, Token({"organizer"})).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status st = Record(m.name(), expel, &out, Token({"service"}, {}, "inspection"));
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.member().state(), v1::MEMBER_STATE_EXPELLED);
  EXPECT_EQ(out.event().recorded_by(), "inspection");
}

TEST_F(LifecycleE2E, ListMemberEvents_ReturnsTheHistoryOldestFirst) {
  v1::Member m = Admitted(NewCell("Chi bộ Hóa chất 8"), "Tô Hiến Thành");
  v1::RecordMemberEventResponse out;
  ASSERT_TRUE(
      Record(m.name(), Event(v1::MEMBER_EVENT_TYPE_RECOGNIZE_FULL, MakeDate(2026, 1, 22)), &out)
          .ok());
  v1::ListMemberEventsRequest req;
  req.set_member(m.name());
  v1::ListMemberEventsResponse resp;
  ASSERT_TRUE(Stub().ListMemberEvents(AdminContext().get(), req, &resp).ok());
  ASSERT_EQ(resp.events_size(), 2);
  EXPECT_EQ(resp.events(0).type(), v1::MEMBER_EVENT_TYPE_ADMIT);
  EXPECT_EQ(resp.events(1).type(), v1::MEMBER_EVENT_TYPE_RECOGNIZE_FULL);
}

TEST_F(LifecycleE2E, GetMemberFull_DerivesPartyAgeAndTheNextBadge) {
  v1::Member m = CreateFullMember(NewCell("Chi bộ Hóa chất 9").name(), "Nguyễn Lương Bằng", 1990);
  v1::GetMemberRequest get;
  get.set_name(m.name());
  get.set_view(v1::MEMBER_VIEW_FULL);
  v1::Member got;
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &got).ok());
  // Admitted by decision on 1990-03-01: 36 full years from 2026-03-01 on.
  EXPECT_GE(got.derived().party_age_years(), 36);
  // The 30-year badge was due on 2020-03-01 and never awarded: it is still the one due.
  EXPECT_EQ(got.derived().next_badge_years(), 30);
  EXPECT_EQ(got.derived().next_badge_due_date().year(), 2020);

  v1::RecordBadgeRequest badge;
  badge.set_request_id(RequestId());
  badge.mutable_badge()->set_member(m.name());
  badge.mutable_badge()->set_years(30);
  *badge.mutable_badge()->mutable_award_date() = MakeDate(2020, 9, 2);
  badge.mutable_badge()->mutable_decision()->set_number("1-QĐ/TW");
  v1::Badge awarded;
  grpc::Status st = Stub().RecordBadge(AdminContext().get(), badge, &awarded);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &got).ok());
  EXPECT_EQ(got.derived().next_badge_years(), 40);
  EXPECT_EQ(got.derived().next_badge_due_date().year(), 2030);
}

TEST_F(LifecycleE2E, GetMemberBasic_ReadsNoHistory) {
  v1::Member m = CreateFullMember(NewCell("Chi bộ Hóa chất 10").name(), "Trường Chinh", 1990);
  v1::GetMemberRequest get;
  get.set_name(m.name());
  v1::Member got;
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &got).ok());
  EXPECT_FALSE(got.has_derived());
}

TEST_F(LifecycleE2E, RecordBadge_BeforeTheMilestone_IsFailedPrecondition) {
  v1::Member m = CreateFullMember(NewCell("Chi bộ Hóa chất 11").name(), "Võ Văn Kiệt", 2000);
  v1::RecordBadgeRequest badge;
  badge.set_request_id(RequestId());
  badge.mutable_badge()->set_member(m.name());
  badge.mutable_badge()->set_years(30);
  *badge.mutable_badge()->mutable_award_date() = MakeDate(2026, 1, 5);
  v1::Badge awarded;
  grpc::Status st = Stub().RecordBadge(AdminContext().get(), badge, &awarded);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_NE(st.error_message().find("badge.years"), std::string::npos) << st.error_message();
}

}  // namespace
}  // namespace dangbo::membership::testing
