// Each lifecycle event of domain.md §2 over gRPC, beyond the admission, recognition, receipt
// and expulsion of lifecycle_test.cc: its effect on the member's state, flags and organization,
// read back with GetMember, and its refusal (naming the field) when the state machine forbids it.
#include <string>

#include "gtest/gtest.h"
#include "tests/membership/e2e/lifecycle_fixture.h"

namespace dangbo::membership::testing {
namespace {

class LifecycleEventsE2E : public LifecycleE2E {
 protected:
  static v1::Member Get(const std::string& member) {
    v1::GetMemberRequest req;
    req.set_name(member);
    v1::Member out;
    grpc::Status st = Stub().GetMember(AdminContext().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  // Records `event`, fails the test if it is refused, and returns the member as read back.
  static v1::Member Accepted(const std::string& member, const v1::MemberEvent& event) {
    v1::RecordMemberEventResponse out;
    grpc::Status st = Record(member, event, &out);
    EXPECT_TRUE(st.ok()) << v1::MemberEventType_Name(event.type()) << ": " << st.error_message();
    v1::Member read_back = Get(member);
    EXPECT_EQ(read_back.state(), out.member().state());
    return read_back;
  }

  // Records `event` and expects it refused with `code`, the message naming `field`.
  static void ExpectRefused(const std::string& member, const v1::MemberEvent& event,
                            grpc::StatusCode code, const std::string& field) {
    v1::RecordMemberEventResponse out;
    grpc::Status st = Record(member, event, &out);
    EXPECT_EQ(st.error_code(), code)
        << v1::MemberEventType_Name(event.type()) << ": " << st.error_message();
    EXPECT_NE(st.error_message().find(field), std::string::npos) << st.error_message();
  }

  static std::vector<v1::MemberEventType> History(const std::string& member) {
    v1::ListMemberEventsRequest req;
    req.set_member(member);
    v1::ListMemberEventsResponse resp;
    grpc::Status st = Stub().ListMemberEvents(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::vector<v1::MemberEventType> types;
    for (const v1::MemberEvent& e : resp.events()) types.push_back(e.type());
    return types;
  }
};

TEST_F(LifecycleEventsE2E, ProbationNotPassed_StrikesOffOnlyAProbationaryMember) {
  const v1::Organization cell = NewCell("Chi bộ Phân bón 1");
  v1::Member m = Admitted(cell, "Lò Thị Mai");
  m = Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_PROBATION_NOT_PASSED, MakeDate(2026, 2, 2)));
  EXPECT_EQ(m.state(), v1::MEMBER_STATE_STRUCK_OFF);

  const v1::Member full = CreateFullMember(cell.name(), "Cầm Văn Thái", 2005);
  ExpectRefused(full.name(),
                Event(v1::MEMBER_EVENT_TYPE_PROBATION_NOT_PASSED, MakeDate(2026, 2, 2)),
                grpc::StatusCode::FAILED_PRECONDITION, "state");
  EXPECT_EQ(Get(full.name()).state(), v1::MEMBER_STATE_FULL);
}

TEST_F(LifecycleEventsE2E, OfficialTransfer_EachHopIsAcknowledgedOnTheWay) {
  const v1::Organization origin = NewCell("Chi bộ Phân bón nơi đi");
  const v1::Organization destination = NewCell("Chi bộ Phân bón nơi đến");
  const v1::Member m = CreateFullMember(origin.name(), "Hoàng Văn Thụ", 2004);
  ExpectRefused(m.name(),
                Event(v1::MEMBER_EVENT_TYPE_TRANSFER_HOP_ACKNOWLEDGE, MakeDate(2026, 3, 1)),
                grpc::StatusCode::FAILED_PRECONDITION, "transfer_in_transit");

  v1::MemberEvent start =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_START, MakeDate(2026, 3, 2));
  start.set_destination_organization(destination.name());
  Accepted(m.name(), start);
  for (int day : {4, 6}) {  // Two intermediate levels acknowledge the letter.
    const v1::Member on_the_way = Accepted(
        m.name(), Event(v1::MEMBER_EVENT_TYPE_TRANSFER_HOP_ACKNOWLEDGE, MakeDate(2026, 3, day)));
    EXPECT_TRUE(on_the_way.transfer_in_transit());
    EXPECT_EQ(on_the_way.organization(), origin.name());
  }
  const v1::Member received = Accepted(
      m.name(), Event(v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_RECEIVE, MakeDate(2026, 3, 9)));
  EXPECT_FALSE(received.transfer_in_transit());
  EXPECT_EQ(received.organization(), destination.name());
  EXPECT_EQ(History(m.name()),
            (std::vector<v1::MemberEventType>{v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_START,
                                              v1::MEMBER_EVENT_TYPE_TRANSFER_HOP_ACKNOWLEDGE,
                                              v1::MEMBER_EVENT_TYPE_TRANSFER_HOP_ACKNOWLEDGE,
                                              v1::MEMBER_EVENT_TYPE_TRANSFER_OFFICIAL_RECEIVE}));
}

TEST_F(LifecycleEventsE2E, TemporaryTransfer_KeepsTheMemberAtTheOriginUntilItEnds) {
  const v1::Organization origin = NewCell("Chi bộ Phân bón 2");
  const v1::Organization host = NewCell("Chi bộ Phân bón 3");
  const v1::Member m = CreateFullMember(origin.name(), "Nguyễn Thị Định", 2003);

  v1::MemberEvent start =
      Event(v1::MEMBER_EVENT_TYPE_TRANSFER_TEMPORARY_START, MakeDate(2026, 4, 1));
  start.set_destination_organization(host.name());
  start.set_temporary_purpose(v1::TEMPORARY_TRANSFER_PURPOSE_WORK);
  ExpectRefused(m.name(), start, grpc::StatusCode::INVALID_ARGUMENT, "temporary_until");
  *start.mutable_temporary_until() = MakeDate(2027, 4, 1);  // A year: only for study.
  ExpectRefused(m.name(), start, grpc::StatusCode::FAILED_PRECONDITION, "temporary_until");

  *start.mutable_temporary_until() = MakeDate(2026, 10, 1);
  const v1::Member attached = Accepted(m.name(), start);
  EXPECT_TRUE(attached.temporarily_attached());
  EXPECT_EQ(attached.temporary_host_organization(), host.name());
  EXPECT_EQ(attached.organization(), origin.name());

  const v1::Member back =
      Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_TRANSFER_TEMPORARY_END, MakeDate(2026, 9, 1)));
  EXPECT_FALSE(back.temporarily_attached());
  EXPECT_TRUE(back.temporary_host_organization().empty());
  EXPECT_EQ(back.organization(), origin.name());
  ExpectRefused(m.name(), Event(v1::MEMBER_EVENT_TYPE_TRANSFER_TEMPORARY_END, MakeDate(2026, 9, 2)),
                grpc::StatusCode::FAILED_PRECONDITION, "temporarily_attached");
}

TEST_F(LifecycleEventsE2E, ExemptThenUnexempt_ToggleTheFlagOnce) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Phân bón 4").name(), "Bế Văn Đàn", 1985);
  EXPECT_TRUE(
      Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_EXEMPT, MakeDate(2026, 1, 5))).exempted());
  ExpectRefused(m.name(), Event(v1::MEMBER_EVENT_TYPE_EXEMPT, MakeDate(2026, 1, 6)),
                grpc::StatusCode::FAILED_PRECONDITION, "exempted");
  EXPECT_FALSE(
      Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_UNEXEMPT, MakeDate(2026, 6, 1))).exempted());
  ExpectRefused(m.name(), Event(v1::MEMBER_EVENT_TYPE_UNEXEMPT, MakeDate(2026, 6, 2)),
                grpc::StatusCode::FAILED_PRECONDITION, "exempted");
}

TEST_F(LifecycleEventsE2E, LostContactThenRegained_ToggleTheFlagOnce) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Phân bón 5").name(), "Kim Đồng", 2008);
  ExpectRefused(m.name(), Event(v1::MEMBER_EVENT_TYPE_REGAIN_CONTACT, MakeDate(2026, 2, 1)),
                grpc::StatusCode::FAILED_PRECONDITION, "lost_contact");
  EXPECT_TRUE(Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_LOST_CONTACT, MakeDate(2026, 2, 2)))
                  .lost_contact());
  EXPECT_FALSE(Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_REGAIN_CONTACT, MakeDate(2026, 8, 3)))
                   .lost_contact());
}

TEST_F(LifecycleEventsE2E, StrikeOffWithAGround_ClearsTheFlagsAndReadmitStartsAProbation) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Phân bón 6").name(), "Lý Tự Trọng", 2000);
  Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_EXEMPT, MakeDate(2025, 3, 2)));
  v1::MemberEvent strike = Event(v1::MEMBER_EVENT_TYPE_STRIKE_OFF, MakeDate(2025, 4, 1));
  strike.set_strike_off_ground(v1::STRIKE_OFF_GROUND_STOPPED_ACTIVITY_OR_DUES);
  const v1::Member struck = Accepted(m.name(), strike);
  EXPECT_EQ(struck.state(), v1::MEMBER_STATE_STRUCK_OFF);
  EXPECT_FALSE(struck.exempted());

  // Out of the party, no membership event applies until re-admission.
  ExpectRefused(m.name(), Event(v1::MEMBER_EVENT_TYPE_EXEMPT, MakeDate(2025, 5, 1)),
                grpc::StatusCode::FAILED_PRECONDITION, "state");
  v1::MemberEvent readmit = Event(v1::MEMBER_EVENT_TYPE_READMIT, MakeDate(2026, 5, 4));
  ExpectRefused(m.name(), readmit, grpc::StatusCode::INVALID_ARGUMENT, "ceremony_date");
  *readmit.mutable_ceremony_date() = MakeDate(2026, 5, 15);
  const v1::Member readmitted = Accepted(m.name(), readmit);
  EXPECT_EQ(readmitted.state(), v1::MEMBER_STATE_PROBATIONARY);
  EXPECT_EQ(readmitted.admission_ceremony_date().month(), 5);
  EXPECT_EQ(readmitted.admission_ceremony_date().day(), 15);
}

TEST_F(LifecycleEventsE2E, Resign_LeavesThePartyAsAStrikeOff) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Phân bón 7").name(), "Phan Bội Châu", 1998);
  const v1::Member resigned =
      Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_RESIGN, MakeDate(2026, 3, 3)));
  EXPECT_EQ(resigned.state(), v1::MEMBER_STATE_STRUCK_OFF);
  EXPECT_EQ(History(m.name()), (std::vector<v1::MemberEventType>{v1::MEMBER_EVENT_TYPE_RESIGN}));
}

TEST_F(LifecycleEventsE2E, Decease_EndsTheLifecycle) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Phân bón 8").name(), "Trần Phú", 1980);
  EXPECT_EQ(Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_DECEASE, MakeDate(2026, 4, 4))).state(),
            v1::MEMBER_STATE_DECEASED);
  ExpectRefused(m.name(), Event(v1::MEMBER_EVENT_TYPE_LOST_CONTACT, MakeDate(2026, 4, 5)),
                grpc::StatusCode::FAILED_PRECONDITION, "state");
}

TEST_F(LifecycleEventsE2E, WithdrawApplication_EndsTheApplication) {
  const v1::Member m = CreateApplicant(NewCell("Chi bộ Phân bón 9").name(), "Hà Thị Hoa");
  EXPECT_EQ(
      Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_WITHDRAW_APPLICATION, MakeDate(2026, 2, 9)))
          .state(),
      v1::MEMBER_STATE_WITHDRAWN);
  v1::MemberEvent admit = Event(v1::MEMBER_EVENT_TYPE_ADMIT, MakeDate(2026, 3, 9));
  *admit.mutable_ceremony_date() = MakeDate(2026, 3, 20);
  ExpectRefused(m.name(), admit, grpc::StatusCode::FAILED_PRECONDITION, "state");
}

TEST_F(LifecycleEventsE2E, ReplayedRequestId_RecordsTheEventOnce) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Phân bón 10").name(), "Võ Thị Sáu", 2001);
  v1::RecordMemberEventRequest req;
  req.set_request_id(RequestId());
  req.set_member(m.name());
  *req.mutable_event() = Event(v1::MEMBER_EVENT_TYPE_EXEMPT, MakeDate(2026, 5, 5));
  v1::RecordMemberEventResponse first, replay;
  ASSERT_TRUE(Stub().RecordMemberEvent(AdminContext().get(), req, &first).ok());
  // Without the request id this would be refused: the member is already exempted.
  grpc::Status st = Stub().RecordMemberEvent(AdminContext().get(), req, &replay);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(replay.event().name(), first.event().name());
  EXPECT_EQ(History(m.name()), (std::vector<v1::MemberEventType>{v1::MEMBER_EVENT_TYPE_EXEMPT}));
}

TEST_F(LifecycleEventsE2E, StaleEtag_IsAbortedAndRecordsNothing) {
  const v1::Member m =
      CreateFullMember(NewCell("Chi bộ Phân bón 11").name(), "Nguyễn Văn Trỗi", 2002);
  Accepted(m.name(), Event(v1::MEMBER_EVENT_TYPE_LOST_CONTACT, MakeDate(2026, 6, 1)));
  v1::RecordMemberEventRequest req;
  req.set_request_id(RequestId());
  req.set_member(m.name());
  req.set_etag(m.etag());  // Read before the lost-contact event.
  *req.mutable_event() = Event(v1::MEMBER_EVENT_TYPE_EXEMPT, MakeDate(2026, 6, 2));
  v1::RecordMemberEventResponse out;
  grpc::Status st = Stub().RecordMemberEvent(AdminContext().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ABORTED) << st.error_message();
  EXPECT_FALSE(Get(m.name()).exempted());

  req.set_request_id(RequestId());
  req.set_etag(Get(m.name()).etag());
  st = Stub().RecordMemberEvent(AdminContext().get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(out.member().exempted());
}

}  // namespace
}  // namespace dangbo::membership::testing
