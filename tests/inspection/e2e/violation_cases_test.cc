// Violation cases carried into membership: an inspection of signs of violation, or a conclusion
// that a member must be disciplined, keeps the member from resigning (domain.md §2) until the
// inspection is concluded without discipline or the decision is taken.
#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

class ViolationCasesTest : public InspectionE2E {
 protected:
  static mv1::Organization Cell(const std::string& label) {
    const mv1::Organization company = CreateOrganization(
        Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty " + label);
    return CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ " + label);
  }

  // Waits (the dispatcher delivers in the background) until membership shows the case of
  // `source` against `member` in `state`; returns the last state seen.
  static mv1::ViolationCase::State AwaitCase(const std::string& member, const std::string& source,
                                             mv1::ViolationCase::State state) {
    mv1::ViolationCase::State seen = mv1::ViolationCase::STATE_UNSPECIFIED;
    for (int i = 0; i < 150 && seen != state; ++i) {
      if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      mv1::ListViolationCasesRequest req;
      req.set_member(member);
      mv1::ListViolationCasesResponse resp;
      grpc::Status st = Membership().ListViolationCases(AdminContext().get(), req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      for (const mv1::ViolationCase& c : resp.violation_cases()) {
        if (c.source() == source) seen = c.state();
      }
    }
    return seen;
  }

  static grpc::Status Resign(const std::string& member) {
    mv1::RecordMemberEventRequest req;
    req.set_request_id(RequestId());
    req.set_member(member);
    req.mutable_event()->set_type(mv1::MEMBER_EVENT_TYPE_RESIGN);
    *req.mutable_event()->mutable_effective_date() = Today();
    req.mutable_event()->mutable_decision()->set_number(absl::StrCat(RequestId(), "-QĐ/ĐU"));
    mv1::RecordMemberEventResponse out;
    return Membership().RecordMemberEvent(AdminContext().get(), req, &out);
  }
};

TEST_F(ViolationCasesTest, SignsOfViolationKeepTheMemberFromResigningUntilTheConclusion) {
  const mv1::Organization cell = Cell("Dấu hiệu vi phạm");
  const mv1::Member suspect = CreateFullMember(cell.name(), "Trịnh Văn Nghi Vấn");
  const mv1::Member bystander = CreateFullMember(cell.name(), "Trịnh Văn Bình Thường");
  v1::Inspection in =
      DecidedInspection({suspect.name()}, v1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION);
  ASSERT_EQ(AwaitCase(suspect.name(), in.name(), mv1::ViolationCase::STATE_OPEN),
            mv1::ViolationCase::STATE_OPEN);

  grpc::Status refused = Resign(suspect.name());
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(absl::StrContains(refused.error_message(), in.name())) << refused.error_message();

  in = Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS);
  in = Outcomes(in, {{suspect.name(), v1::SUBJECT_OUTCOME_SHORTCOMINGS}});
  in = Advance(in, v1::INSPECTION_STAGE_REPORTED);
  in = Advance(in, v1::INSPECTION_STAGE_CONCLUDED);
  ASSERT_EQ(AwaitCase(suspect.name(), in.name(), mv1::ViolationCase::STATE_SETTLED),
            mv1::ViolationCase::STATE_SETTLED);
  grpc::Status resigned = Resign(suspect.name());
  EXPECT_TRUE(resigned.ok()) << resigned.error_message();
  // A member the inspection does not name was never held.
  grpc::Status other = Resign(bystander.name());
  EXPECT_TRUE(other.ok()) << other.error_message();
}

TEST_F(ViolationCasesTest, DisciplineRequiredHoldsTheMemberUntilTheDecision) {
  const mv1::Organization cell = Cell("Phải kỷ luật");
  const mv1::Member member = CreateFullMember(cell.name(), "Lâm Văn Kỷ Luật");
  v1::Inspection in = DecidedInspection({member.name()});  // thematic: no case yet
  in = Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS);
  in = Outcomes(in, {{member.name(), v1::SUBJECT_OUTCOME_VIOLATION_REQUIRES_DISCIPLINE}});
  ASSERT_EQ(AwaitCase(member.name(), in.name(), mv1::ViolationCase::STATE_OPEN),
            mv1::ViolationCase::STATE_OPEN);
  in = Advance(in, v1::INSPECTION_STAGE_REPORTED);
  in = Advance(in, v1::INSPECTION_STAGE_CONCLUDED);
  // Concluded, but the discipline it requires is not decided yet.
  EXPECT_EQ(Resign(member.name()).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  v1::CreateDisciplinaryDecisionRequest req;
  req.set_request_id(RequestId());
  v1::DisciplinaryDecision* d = req.mutable_disciplinary_decision();
  d->set_subject(member.name());
  d->set_form(v1::DISCIPLINE_FORM_REPRIMAND);
  d->set_deciding_organization(Bloc().name());
  d->set_deciding_body(v1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE);
  d->set_number(absl::StrCat(RequestId(), "-QĐ/UBKTĐUK"));
  *d->mutable_decision_date() = DaysFromToday(-1);
  *d->add_violation_dates() = DaysFromToday(-200);
  d->set_violation_category(v1::VIOLATION_CATEGORY_PARTY_ACTIVITY);
  d->set_reasons("Không thực hiện đúng quy định sinh hoạt đảng");
  d->set_source_inspection(in.name());
  v1::DisciplinaryDecision decided;
  grpc::Status st = Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &decided);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(AwaitCase(member.name(), in.name(), mv1::ViolationCase::STATE_SETTLED),
            mv1::ViolationCase::STATE_SETTLED);
  grpc::Status resigned = Resign(member.name());
  EXPECT_TRUE(resigned.ok()) << resigned.error_message();
}

}  // namespace
}  // namespace dangbo::inspection::testing
