// RecordViolationCase and ListViolationCases over gRPC: only the inspection service's identity
// reports cases, an open one refuses RESIGN naming it, and a settled case stays settled whatever
// order the reports arrive in.
#include <string>

#include "gtest/gtest.h"
#include "tests/membership/e2e/lifecycle_fixture.h"

namespace dangbo::membership::testing {
namespace {

class ViolationCasesE2E : public LifecycleE2E {
 protected:
  static std::string ServiceToken() { return Token({"service"}, {}, "inspection"); }

  static grpc::Status Report(const std::string& member, const std::string& source,
                             v1::ViolationCase::State state, v1::ViolationCase* out,
                             const std::string& token = ServiceToken()) {
    v1::RecordViolationCaseRequest req;
    req.set_request_id(RequestId());
    v1::ViolationCase& c = *req.mutable_violation_case();
    c.set_member(member);
    c.set_source(source);
    c.set_state(state);
    if (state == v1::ViolationCase::STATE_OPEN) {
      *c.mutable_opened_date() = MakeDate(2026, 3, 2);
    } else {
      *c.mutable_settled_date() = MakeDate(2026, 5, 4);
    }
    return Stub().RecordViolationCase(Context(token).get(), req, out);
  }

  static grpc::Status Resign(const std::string& member) {
    v1::RecordMemberEventResponse out;
    return Record(member, Event(v1::MEMBER_EVENT_TYPE_RESIGN, MakeDate(2026, 6, 1)), &out);
  }
};

TEST_F(ViolationCasesE2E, AnOpenCaseRefusesResignationUntilItIsSettled) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Vụ việc 1").name(), "Đào Văn Vụ", 1999);
  v1::ViolationCase out;
  grpc::Status st = Report(m.name(), "inspections/12", v1::ViolationCase::STATE_OPEN, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.state(), v1::ViolationCase::STATE_OPEN);
  EXPECT_EQ(out.recorded_by(), "inspection");

  st = Resign(m.name());
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("inspections/12"), std::string::npos) << st.error_message();

  ASSERT_TRUE(Report(m.name(), "inspections/12", v1::ViolationCase::STATE_SETTLED, &out).ok());
  EXPECT_EQ(out.state(), v1::ViolationCase::STATE_SETTLED);
  EXPECT_EQ(out.opened_date().month(), 3);
  st = Resign(m.name());
  EXPECT_TRUE(st.ok()) << st.error_message();

  v1::ListViolationCasesRequest list;
  list.set_member(m.name());
  v1::ListViolationCasesResponse cases;
  ASSERT_TRUE(Stub().ListViolationCases(AdminContext().get(), list, &cases).ok());
  ASSERT_EQ(cases.violation_cases_size(), 1);
  EXPECT_EQ(cases.violation_cases(0).source(), "inspections/12");
  EXPECT_EQ(cases.violation_cases(0).state(), v1::ViolationCase::STATE_SETTLED);
  EXPECT_EQ(cases.violation_cases(0).settled_date().month(), 5);
}

TEST_F(ViolationCasesE2E, AnOpeningThatArrivesAfterItsSettlementDoesNotReopen) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Vụ việc 2").name(), "Đào Văn Muộn", 1998);
  v1::ViolationCase out;
  ASSERT_TRUE(Report(m.name(), "inspections/40", v1::ViolationCase::STATE_SETTLED, &out).ok());
  ASSERT_TRUE(Report(m.name(), "inspections/40", v1::ViolationCase::STATE_OPEN, &out).ok());
  EXPECT_EQ(out.state(), v1::ViolationCase::STATE_SETTLED);
  EXPECT_EQ(out.opened_date().month(), 3);  // What the late opening knew is kept.
  grpc::Status st = Resign(m.name());
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(ViolationCasesE2E, OnlyTheServiceIdentityReportsAndBadInputNamesTheField) {
  const v1::Member m = CreateFullMember(NewCell("Chi bộ Vụ việc 3").name(), "Đào Văn Sai", 1997);
  v1::ViolationCase out;
  EXPECT_EQ(
      Report(m.name(), "inspections/7", v1::ViolationCase::STATE_OPEN, &out, Token({"organizer"}))
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  struct Bad {
    std::string source;
    v1::ViolationCase::State state;
    std::string field;
  };
  for (const Bad& bad :
       {Bad{"12", v1::ViolationCase::STATE_OPEN, "violation_case.source"},
        Bad{"inspections/x", v1::ViolationCase::STATE_OPEN, "violation_case.source"},
        Bad{"inspections/7", v1::ViolationCase::STATE_UNSPECIFIED, "violation_case.state"}}) {
    grpc::Status st = Report(m.name(), bad.source, bad.state, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.source;
    EXPECT_NE(st.error_message().find(bad.field), std::string::npos) << st.error_message();
  }
  v1::RecordViolationCaseRequest no_date;
  no_date.set_request_id(RequestId());
  no_date.mutable_violation_case()->set_member(m.name());
  no_date.mutable_violation_case()->set_source("inspections/7");
  no_date.mutable_violation_case()->set_state(v1::ViolationCase::STATE_OPEN);
  grpc::Status st = Stub().RecordViolationCase(Context(ServiceToken()).get(), no_date, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("violation_case.opened_date"), std::string::npos)
      << st.error_message();
  no_date.mutable_violation_case()->set_member("members/987654321");
  *no_date.mutable_violation_case()->mutable_opened_date() = MakeDate(2026, 3, 2);
  EXPECT_EQ(Stub().RecordViolationCase(Context(ServiceToken()).get(), no_date, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace dangbo::membership::testing
