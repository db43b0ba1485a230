// Lifecycle end-to-end tests share this: an upper committee under the suite's root, cells
// under it, and helpers that record one event through RecordMemberEvent.
#ifndef DANGBO_TESTS_MEMBERSHIP_E2E_LIFECYCLE_FIXTURE_H_
#define DANGBO_TESTS_MEMBERSHIP_E2E_LIFECYCLE_FIXTURE_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {

class LifecycleE2E : public MembershipE2E {
 protected:
  static const v1::Organization& Upper() {
    static v1::Organization upper = CreateOrganization(
        Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tập đoàn Hóa chất");
    return upper;
  }
  static v1::Organization NewCell(const std::string& name) {
    return CreateOrganization(Upper().name(), v1::ORGANIZATION_KIND_GRASSROOTS_CELL, name);
  }

  static grpc::Status Record(const std::string& member, const v1::MemberEvent& event,
                             v1::RecordMemberEventResponse* out,
                             const std::string& token = AdminToken()) {
    v1::RecordMemberEventRequest req;
    req.set_request_id(RequestId());
    req.set_member(member);
    *req.mutable_event() = event;
    return Stub().RecordMemberEvent(Context(token).get(), req, out);
  }

  static v1::MemberEvent Event(v1::MemberEventType type, google::type::Date effective) {
    v1::MemberEvent e;
    e.set_type(type);
    *e.mutable_effective_date() = effective;
    e.mutable_decision()->set_number(absl::StrCat(RequestId(), "-QĐ/ĐU"));
    *e.mutable_decision()->mutable_date() = effective;
    return e;
  }

  static v1::Member Admitted(const v1::Organization& cell, const std::string& name) {
    v1::Member m = CreateApplicant(cell.name(), name);
    v1::MemberEvent admit = Event(v1::MEMBER_EVENT_TYPE_ADMIT, MakeDate(2025, 1, 10));
    *admit.mutable_ceremony_date() = MakeDate(2025, 1, 20);
    v1::RecordMemberEventResponse out;
    grpc::Status st = Record(m.name(), admit, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out.member();
  }
};

}  // namespace dangbo::membership::testing

#endif  // DANGBO_TESTS_MEMBERSHIP_E2E_LIFECYCLE_FIXTURE_H_
