// Disciplinary decisions, appeals and the rule book end to end: forms that do not fit the
// subject, authority, the statute of limitations, expulsions and dissolutions carried into
// membership, appeal deadlines and outcomes, and a rule change made as data.
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

class DisciplineTest : public InspectionE2E {
 protected:
  static v1::DisciplinaryDecision Decision(const std::string& subject, v1::DisciplineForm form,
                                           v1::DecidingBody body = v1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE,
                                           const std::string& deciding = "") {
    v1::DisciplinaryDecision d;
    d.set_subject(subject);
    d.set_form(form);
    d.set_deciding_organization(deciding.empty() ? Bloc().name() : deciding);
    d.set_deciding_body(body);
    d.set_number(absl::StrCat(RequestId(), "-QĐ/UBKTĐUK"));
    *d.mutable_decision_date() = DaysFromToday(-10);
    *d.add_violation_dates() = DaysFromToday(-400);
    d.set_violation_category(v1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
    d.set_reasons("Vi phạm quy định về quản lý tài chính, gây thất thoát");
    return d;
  }

  static grpc::Status Create(const v1::DisciplinaryDecision& d, v1::DisciplinaryDecision* out,
                             const std::string& token = "") {
    v1::CreateDisciplinaryDecisionRequest req;
    *req.mutable_disciplinary_decision() = d;
    req.set_request_id(RequestId());
    return Inspection().CreateDisciplinaryDecision(
        Context(token.empty() ? AdminToken() : token).get(), req, out);
  }

  static mv1::Organization Cell(const std::string& label) {
    const mv1::Organization company = CreateOrganization(
        Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Tổng công ty " + label);
    return CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ " + label);
  }
};

TEST_F(DisciplineTest, FormsThatDoNotFitTheSubjectAreRefused) {
  const mv1::Organization cell = Cell("H");
  const mv1::Member probationary = CreateProbationaryMember(cell.name(), "Lê Văn Dự Bị");
  const mv1::Member plain = CreateFullMember(cell.name(), "Phạm Văn Thường");
  v1::DisciplinaryDecision out;

  grpc::Status st = Create(Decision(probationary.name(), v1::DISCIPLINE_FORM_EXPULSION), &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("form"), std::string::npos) << st.error_message();
  EXPECT_TRUE(Create(Decision(probationary.name(), v1::DISCIPLINE_FORM_WARNING), &out).ok());
  EXPECT_EQ(out.member_standing(), v1::MEMBER_STANDING_PROBATIONARY);
  EXPECT_EQ(out.subject_organization(), cell.name());

  st = Create(Decision(plain.name(), v1::DISCIPLINE_FORM_REMOVAL_FROM_POST), &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "holds no post";
  st = Create(Decision(plain.name(), v1::DISCIPLINE_FORM_DISSOLUTION), &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "dissolution of a member";
  st = Create(Decision(cell.name(), v1::DISCIPLINE_FORM_EXPULSION,
                       v1::DECIDING_BODY_UPPER_EXECUTIVE),
              &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "expulsion of an org";

  const mv1::Member director = CreateFullMember(cell.name(), "Hoàng Văn Giám Đốc", "Giám đốc");
  st = Create(Decision(director.name(), v1::DISCIPLINE_FORM_REMOVAL_FROM_POST), &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(out.holds_post());
}

TEST_F(DisciplineTest, TheDecidingBodyMustHaveTheAuthority) {
  const mv1::Organization cell = Cell("I");
  const mv1::Member member = CreateFullMember(cell.name(), "Vũ Văn Quyền");
  v1::DisciplinaryDecision out;
  // A cell reprimands or warns its own members; it does not expel.
  grpc::Status st = Create(
      Decision(member.name(), v1::DISCIPLINE_FORM_EXPULSION, v1::DECIDING_BODY_CELL, cell.name()),
      &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("deciding_body"), std::string::npos) << st.error_message();
  st = Create(
      Decision(member.name(), v1::DISCIPLINE_FORM_REPRIMAND, v1::DECIDING_BODY_CELL, cell.name()),
      &out);
  EXPECT_TRUE(st.ok()) << st.error_message();

  // A deciding organization that is not above the subject decides nothing about it.
  const mv1::Organization elsewhere = Cell("I2");
  st = Create(Decision(member.name(), v1::DISCIPLINE_FORM_REPRIMAND, v1::DECIDING_BODY_CELL,
                       elsewhere.name()),
              &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DisciplineTest, ViolationsPastTheStatuteOfLimitationsAreRefused) {
  const mv1::Organization cell = Cell("J");
  const mv1::Member member = CreateFullMember(cell.name(), "Đỗ Văn Cũ");
  v1::DisciplinaryDecision d = Decision(member.name(), v1::DISCIPLINE_FORM_REPRIMAND);
  d.clear_violation_dates();
  *d.add_violation_dates() = MakeDate(2015, 5, 1);  // reprimand: five years
  v1::DisciplinaryDecision out;
  grpc::Status st = Create(d, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("violation_dates[0]"), std::string::npos)
      << st.error_message();
  // Internal politics is never time-barred.
  d.set_violation_category(v1::VIOLATION_CATEGORY_INTERNAL_POLITICS);
  EXPECT_TRUE(Create(d, &out).ok());
}

TEST_F(DisciplineTest, AnExpulsionIsRecordedInMembershipOnce) {
  const mv1::Organization cell = Cell("K");
  const mv1::Member member = CreateFullMember(cell.name(), "Ngô Văn Khai Trừ");
  v1::DisciplinaryDecision out;
  ASSERT_TRUE(Create(Decision(member.name(), v1::DISCIPLINE_FORM_EXPULSION), &out).ok());
  EXPECT_EQ(out.membership_sync().state(), v1::MembershipSync::STATE_PENDING);

  mv1::Member after;
  v1::DisciplinaryDecision reread;
  for (int i = 0; i < 100; ++i) {
    mv1::GetMemberRequest get;
    get.set_name(member.name());
    ASSERT_TRUE(Membership().GetMember(AdminContext().get(), get, &after).ok());
    v1::GetDisciplinaryDecisionRequest get_decision;
    get_decision.set_name(out.name());
    ASSERT_TRUE(
        Inspection().GetDisciplinaryDecision(AdminContext().get(), get_decision, &reread).ok());
    if (after.state() == mv1::MEMBER_STATE_EXPELLED &&
        reread.membership_sync().state() == v1::MembershipSync::STATE_DONE) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(after.state(), mv1::MEMBER_STATE_EXPELLED);
  EXPECT_EQ(reread.membership_sync().state(), v1::MembershipSync::STATE_DONE);

  mv1::ListMemberEventsRequest events;
  events.set_member(member.name());
  mv1::ListMemberEventsResponse listed;
  ASSERT_TRUE(Membership().ListMemberEvents(AdminContext().get(), events, &listed).ok());
  int expulsions = 0;
  for (const mv1::MemberEvent& e : listed.events()) {
    if (e.type() == mv1::MEMBER_EVENT_TYPE_EXPEL) {
      ++expulsions;
      EXPECT_EQ(e.decision().number(), out.number());
    }
  }
  EXPECT_EQ(expulsions, 1);

  // Replaying the request returns the decision, though its subject is no longer a member.
  v1::CreateDisciplinaryDecisionRequest replay;
  *replay.mutable_disciplinary_decision() = Decision(member.name(), v1::DISCIPLINE_FORM_EXPULSION);
  replay.set_request_id(RequestId());
  v1::DisciplinaryDecision first;
  v1::DisciplinaryDecision replayed;
  grpc::Status st =
      Inspection().CreateDisciplinaryDecision(AdminContext().get(), replay, &first);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "already expelled";
  replay = v1::CreateDisciplinaryDecisionRequest();
  const mv1::Member other = CreateFullMember(cell.name(), "Ngô Văn Lặp Lại");
  *replay.mutable_disciplinary_decision() = Decision(other.name(), v1::DISCIPLINE_FORM_EXPULSION);
  replay.set_request_id(RequestId());
  ASSERT_TRUE(Inspection().CreateDisciplinaryDecision(AdminContext().get(), replay, &first).ok());
  for (int i = 0; i < 100; ++i) {
    mv1::GetMemberRequest get;
    get.set_name(other.name());
    mv1::Member m;
    ASSERT_TRUE(Membership().GetMember(AdminContext().get(), get, &m).ok());
    if (m.state() == mv1::MEMBER_STATE_EXPELLED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  st = Inspection().CreateDisciplinaryDecision(AdminContext().get(), replay, &replayed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(replayed.name(), first.name());

  // An expelled member cannot be disciplined again.
  v1::DisciplinaryDecision again;
  EXPECT_EQ(Create(Decision(member.name(), v1::DISCIPLINE_FORM_WARNING), &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DisciplineTest, ADissolutionWaitsInTheQueueUntilMembershipCanApplyIt) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Giải Tán");
  const mv1::Organization cell =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Giải Tán");
  const mv1::Member last = CreateFullMember(cell.name(), "Tạ Văn Cuối");
  v1::DisciplinaryDecision dissolution;
  grpc::Status st = Create(Decision(cell.name(), v1::DISCIPLINE_FORM_DISSOLUTION,
                                    v1::DECIDING_BODY_UPPER_EXECUTIVE),
                           &dissolution);
  ASSERT_TRUE(st.ok()) << st.error_message();

  auto sync = [&] {
    v1::GetDisciplinaryDecisionRequest get;
    get.set_name(dissolution.name());
    v1::DisciplinaryDecision d;
    EXPECT_TRUE(Inspection().GetDisciplinaryDecision(AdminContext().get(), get, &d).ok());
    return d.membership_sync();
  };
  // Membership refuses while the cell still has a member: the call stays queued with the reason.
  v1::MembershipSync pending;
  for (int i = 0; i < 100 && pending.last_error().empty(); ++i) {
    pending = sync();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(pending.state(), v1::MembershipSync::STATE_PENDING);
  EXPECT_GE(pending.attempts(), 1);
  EXPECT_NE(pending.last_error().find("members"), std::string::npos) << pending.last_error();

  // Once the last member is expelled, a retry dissolves the cell.
  v1::DisciplinaryDecision expulsion;
  ASSERT_TRUE(Create(Decision(last.name(), v1::DISCIPLINE_FORM_EXPULSION), &expulsion).ok());
  mv1::Organization after;
  for (int i = 0; i < 300; ++i) {
    mv1::GetOrganizationRequest get;
    get.set_name(cell.name());
    ASSERT_TRUE(Membership().GetOrganization(AdminContext().get(), get, &after).ok());
    if (after.state() == mv1::ORGANIZATION_STATE_DISSOLVED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(after.state(), mv1::ORGANIZATION_STATE_DISSOLVED);
  EXPECT_EQ(sync().state(), v1::MembershipSync::STATE_DONE);
}

TEST_F(DisciplineTest, AppealsAreFiledInTimeAndChangeTheDecisionsStanding) {
  const mv1::Organization cell = Cell("L");
  const mv1::Member member = CreateFullMember(cell.name(), "Bùi Văn Khiếu Nại");
  v1::DisciplinaryDecision decision;
  ASSERT_TRUE(Create(Decision(member.name(), v1::DISCIPLINE_FORM_WARNING), &decision).ok());

  v1::CreateAppealRequest late;
  late.set_parent(decision.name());
  late.set_request_id(RequestId());
  v1::Appeal* a = late.mutable_appeal();
  *a->mutable_received_date() = DaysFromToday(-9);
  *a->mutable_filed_date() = DaysFromToday(0);
  a->set_resolving_organization(Bloc().name());
  a->set_resolving_level(v1::LEVEL_PROVINCIAL);
  v1::Appeal appeal;
  grpc::Status st = Inspection().CreateAppeal(AdminContext().get(), late, &appeal);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_GT(appeal.resolution_due_date().year(), 0);

  // A second appeal while one is pending is refused.
  late.set_request_id(RequestId());
  v1::Appeal second;
  EXPECT_EQ(Inspection().CreateAppeal(AdminContext().get(), late, &second).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::ResolveAppealRequest resolve;
  resolve.set_name(appeal.name());
  resolve.set_etag(appeal.etag());
  resolve.set_request_id(RequestId());
  v1::AppealResolution* r = resolve.mutable_resolution();
  r->set_outcome(v1::APPEAL_OUTCOME_REDUCED);
  *r->mutable_date() = Today();
  r->set_number("12-QĐ/ĐUK");
  r->set_new_form(v1::DISCIPLINE_FORM_WARNING);  // not lighter than the warning in force
  r->set_reasons("Có tình tiết giảm nhẹ");
  v1::Appeal resolved;
  st = Inspection().ResolveAppeal(AdminContext().get(), resolve, &resolved);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  r->set_new_form(v1::DISCIPLINE_FORM_REPRIMAND);
  resolve.set_request_id(RequestId());
  st = Inspection().ResolveAppeal(AdminContext().get(), resolve, &resolved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resolved.resolution().outcome(), v1::APPEAL_OUTCOME_REDUCED);

  // An appeal filed past the deadline is refused.
  v1::DisciplinaryDecision old;
  v1::DisciplinaryDecision d = Decision(member.name(), v1::DISCIPLINE_FORM_REPRIMAND);
  *d.mutable_decision_date() = DaysFromToday(-200);
  ASSERT_TRUE(Create(d, &old).ok());
  v1::CreateAppealRequest too_late;
  too_late.set_parent(old.name());
  too_late.set_request_id(RequestId());
  *too_late.mutable_appeal() = *a;
  *too_late.mutable_appeal()->mutable_received_date() = DaysFromToday(-190);
  st = Inspection().CreateAppeal(AdminContext().get(), too_late, &second);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("filed_date"), std::string::npos) << st.error_message();
}

TEST_F(DisciplineTest, ARuleChangeIsAChangeOfData) {
  v1::GetRuleVersionRequest get;
  get.set_name("ruleVersions/1930-02-03");
  v1::RuleVersion base;
  ASSERT_TRUE(Inspection().GetRuleVersion(AdminContext().get(), get, &base).ok());
  EXPECT_EQ(base.reprimand_limitation_years(), 5);
  EXPECT_GT(base.authority_size(), 0);

  // Only an administrator changes the rules.
  v1::CreateRuleVersionRequest create;
  create.set_request_id(RequestId());
  *create.mutable_rule_version()->mutable_effective_date() = DaysFromToday(-1000);
  create.mutable_rule_version()->set_reprimand_limitation_years(20);
  v1::RuleVersion created;
  EXPECT_EQ(Inspection().CreateRuleVersion(InspectorContext().get(), create, &created).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status st = Inspection().CreateRuleVersion(AdminContext().get(), create, &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(created.reprimand_limitation_years(), 20);
  EXPECT_EQ(created.warning_limitation_years(), base.warning_limitation_years());

  // A violation of 2015 may now be reprimanded.
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Quy Tắc");
  const mv1::Member member = CreateFullMember(company.name(), "Đinh Văn Thời Hiệu");
  v1::CreateDisciplinaryDecisionRequest req;
  req.set_request_id(RequestId());
  v1::DisciplinaryDecision* d = req.mutable_disciplinary_decision();
  d->set_subject(member.name());
  d->set_form(v1::DISCIPLINE_FORM_REPRIMAND);
  d->set_deciding_organization(Bloc().name());
  d->set_deciding_body(v1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE);
  d->set_number("77-QĐ/UBKTĐUK");
  *d->mutable_decision_date() = DaysFromToday(-5);
  *d->add_violation_dates() = MakeDate(2015, 5, 1);
  d->set_violation_category(v1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
  d->set_reasons("Vi phạm cũ");
  v1::DisciplinaryDecision out;
  st = Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &out);
  EXPECT_TRUE(st.ok()) << st.error_message();

  // Changing it back is an update with a field mask.
  v1::UpdateRuleVersionRequest update;
  update.set_request_id(RequestId());
  *update.mutable_rule_version() = created;
  update.mutable_rule_version()->set_reprimand_limitation_years(5);
  update.mutable_update_mask()->add_paths("reprimand_limitation_years");
  v1::RuleVersion updated;
  st = Inspection().UpdateRuleVersion(AdminContext().get(), update, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.reprimand_limitation_years(), 5);
  EXPECT_NE(updated.etag(), created.etag());

  v1::ListRuleVersionsRequest list;
  v1::ListRuleVersionsResponse versions;
  ASSERT_TRUE(Inspection().ListRuleVersions(AdminContext().get(), list, &versions).ok());
  EXPECT_EQ(versions.rule_versions_size(), 2);
}

}  // namespace
}  // namespace dangbo::inspection::testing
