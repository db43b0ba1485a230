// ImportInspectionWork end to end: past work read back as it ended, idempotent on source keys,
// bad records reported by number and field while the rest is written, dry runs, and nothing
// sent to membership for an imported expulsion.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

class ImportTest : public InspectionE2E {
 protected:
  struct People {
    mv1::Organization cell;
    mv1::Member leader;
    mv1::Member member;
  };

  static People MakePeople(const std::string& label) {
    const mv1::Organization company =
        CreateOrganization(Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE,
                           "Đảng bộ Công ty nhập " + label);
    People p;
    p.cell =
        CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ nhập " + label);
    p.leader = CreateFullMember(Bloc().name(), "Trần Văn Trưởng Đoàn " + label);
    p.member = CreateFullMember(p.cell.name(), "Đỗ Văn Được Kiểm Tra " + label);
    return p;
  }

  // A thematic inspection of the cell and one of its members, decided 200 days ago and closed
  // after its notice's one task was done.
  static v1::Inspection ClosedInspection(const People& p) {
    v1::Inspection in;
    in.set_type(v1::INSPECTION_TYPE_THEMATIC_INSPECTION);
    in.set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
    in.set_conducting_organization(Bloc().name());
    in.set_conducting_level(v1::LEVEL_PROVINCIAL);
    in.set_stage(v1::INSPECTION_STAGE_CLOSED);
    in.mutable_decision()->set_number(absl::StrCat(RequestId(), "-QĐ/ĐUK"));
    *in.mutable_decision()->mutable_date() = DaysFromToday(-200);
    in.set_content("Kiểm tra việc thực hiện Quy định số 144-QĐ/TW");
    *in.mutable_period_start() = MakeDate(2023, 1, 1);
    *in.mutable_period_end() = MakeDate(2024, 6, 30);
    in.set_planned_duration_working_days(30);
    v1::TeamMember* lead = in.add_team_members();
    lead->set_member(p.leader.name());
    lead->set_role(v1::TEAM_ROLE_LEADER);
    v1::InspectionSubject* cell = in.add_subjects();
    cell->set_subject(p.cell.name());
    cell->set_outcome(v1::SUBJECT_OUTCOME_GOOD);
    v1::InspectionSubject* member = in.add_subjects();
    member->set_subject(p.member.name());
    member->set_committee_member(true);
    member->set_outcome(v1::SUBJECT_OUTCOME_SHORTCOMINGS);
    v1::Finding* finding = in.add_findings();
    finding->set_subject(p.member.name());
    finding->set_text("Chưa gương mẫu trong kê khai tài sản");
    *in.mutable_started_date() = DaysFromToday(-190);
    *in.mutable_reported_date() = DaysFromToday(-170);
    *in.mutable_concluded_date() = DaysFromToday(-160);
    v1::ConclusionNotice* notice = in.mutable_conclusion_notice();
    notice->set_number(absl::StrCat(RequestId(), "-TB/ĐUK"));
    *notice->mutable_issued_date() = DaysFromToday(-155);
    notice->add_shortcomings("Kê khai tài sản chưa đầy đủ");
    v1::RequiredTask* task = notice->add_required_tasks();
    task->set_text("Kiểm điểm, báo cáo kết quả khắc phục");
    task->set_assignee(p.member.name());
    *task->mutable_due_date() = DaysFromToday(-100);
    notice->add_distribution("Như trên");
    notice->set_signed_by("T/M Ban Thường vụ");
    v1::TaskCompletion* done = in.add_task_completions();
    done->set_task_number(1);
    *done->mutable_completed_date() = DaysFromToday(-120);
    *in.mutable_closed_date() = DaysFromToday(-110);
    return in;
  }

  static v1::DisciplinaryDecision Warning(const std::string& subject) {
    v1::DisciplinaryDecision d;
    d.set_subject(subject);
    d.set_form(v1::DISCIPLINE_FORM_WARNING);
    d.set_deciding_organization(Bloc().name());
    d.set_deciding_body(v1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE);
    d.set_number(absl::StrCat(RequestId(), "-QĐ/UBKTĐUK"));
    *d.mutable_decision_date() = DaysFromToday(-150);
    *d.add_violation_dates() = DaysFromToday(-400);
    d.set_violation_category(v1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
    d.set_reasons("Vi phạm quy định về kê khai tài sản");
    return d;
  }

  static v1::Appeal UpheldAppeal() {
    v1::Appeal a;
    *a.mutable_received_date() = DaysFromToday(-148);
    *a.mutable_filed_date() = DaysFromToday(-145);
    a.set_resolving_organization(Bloc().name());
    a.set_resolving_level(v1::LEVEL_CENTRAL);
    v1::AppealResolution* r = a.mutable_resolution();
    r->set_outcome(v1::APPEAL_OUTCOME_UPHELD);
    *r->mutable_date() = DaysFromToday(-100);
    r->set_number("05-QĐ/UBKTTW");
    r->set_reasons("Giữ nguyên hình thức kỷ luật");
    return a;
  }

  // Sends `messages` as one import; each inner vector is one message.
  static grpc::Status Import(const std::vector<std::vector<v1::InspectionWorkRecord>>& messages,
                             const std::string& request_id, v1::ImportInspectionWorkResponse* out,
                             bool dry_run = false, const std::string& token = "") {
    auto ctx = Context(token.empty() ? AdminToken() : token);
    auto writer = Inspection().ImportInspectionWork(ctx.get(), out);
    bool first = true;
    for (const auto& records : messages) {
      v1::ImportInspectionWorkRequest req;
      if (first) {
        req.set_request_id(request_id);
        req.set_dry_run(dry_run);
      }
      first = false;
      for (const v1::InspectionWorkRecord& r : records) *req.add_records() = r;
      if (!writer->Write(req)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  static v1::InspectionWorkRecord Record(const std::string& key) {
    v1::InspectionWorkRecord r;
    r.set_source_key(key);
    return r;
  }

  static std::vector<v1::Inspection> InspectionsOf(const std::string& subject) {
    v1::ListInspectionsRequest req;
    req.set_subject(subject);
    v1::ListInspectionsResponse resp;
    grpc::Status st = Inspection().ListInspections(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return {resp.inspections().begin(), resp.inspections().end()};
  }

  static std::vector<v1::DisciplinaryDecision> DecisionsOf(const std::string& subject) {
    v1::ListDisciplinaryDecisionsRequest req;
    req.set_subject(subject);
    v1::ListDisciplinaryDecisionsResponse resp;
    grpc::Status st = Inspection().ListDisciplinaryDecisions(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return {resp.disciplinary_decisions().begin(), resp.disciplinary_decisions().end()};
  }
};

TEST_F(ImportTest, ImportedWorkReadsBackAsItEnded) {
  const People p = MakePeople("A");
  v1::InspectionWorkRecord with_inspection = Record(absl::StrCat(RequestId(), "/ktcd-1"));
  *with_inspection.mutable_inspection() = ClosedInspection(p);
  v1::ImportedDecision* decided = with_inspection.add_disciplinary_decisions();
  *decided->mutable_disciplinary_decision() = Warning(p.member.name());
  *decided->add_appeals() = UpheldAppeal();
  // A decision taken without an inspection, in a record of its own.
  v1::InspectionWorkRecord alone = Record(absl::StrCat(RequestId(), "/kl-2"));
  v1::DisciplinaryDecision reprimand = Warning(p.cell.name());
  reprimand.set_form(v1::DISCIPLINE_FORM_REPRIMAND);
  reprimand.set_deciding_body(v1::DECIDING_BODY_UPPER_EXECUTIVE);
  *alone.add_disciplinary_decisions()->mutable_disciplinary_decision() = reprimand;

  v1::ImportInspectionWorkResponse resp;
  grpc::Status st = Import({{with_inspection}, {alone}}, RequestId(), &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.error_count(), 0) << resp.DebugString();
  EXPECT_EQ(resp.records_received(), 2);
  EXPECT_EQ(resp.imported(), 2);
  EXPECT_EQ(resp.inspections(), 1);
  EXPECT_EQ(resp.disciplinary_decisions(), 2);
  EXPECT_EQ(resp.appeals(), 1);

  const std::vector<v1::Inspection> found = InspectionsOf(p.member.name());
  ASSERT_EQ(found.size(), 1u);
  const v1::Inspection& in = found.front();
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_CLOSED);
  EXPECT_EQ(in.closed_date().day(), DaysFromToday(-110).day());
  EXPECT_EQ(in.concluded_date().month(), DaysFromToday(-160).month());
  ASSERT_EQ(in.subjects_size(), 2);
  EXPECT_EQ(in.subjects(1).organization_at_decision(), p.cell.name())
      << "a member is counted where membership has them when the record does not say";
  EXPECT_EQ(in.subjects(1).outcome(), v1::SUBJECT_OUTCOME_SHORTCOMINGS);
  EXPECT_TRUE(in.subjects(1).committee_member());
  EXPECT_EQ(in.conclusion_notice().revision(), 1);
  EXPECT_EQ(in.conclusion_notice().required_tasks_size(), 1);
  ASSERT_EQ(in.task_completions_size(), 1);
  EXPECT_EQ(in.team_members(0).full_name(), p.leader.full_name()) << "filled from membership";

  const std::vector<v1::DisciplinaryDecision> decisions = DecisionsOf(p.member.name());
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].source_inspection(), in.name());
  EXPECT_EQ(decisions[0].member_standing(), v1::MEMBER_STANDING_FULL);
  EXPECT_EQ(decisions[0].subject_organization(), p.cell.name());
  EXPECT_EQ(decisions[0].membership_sync().state(), v1::MembershipSync::STATE_NOT_REQUIRED);
  v1::ListAppealsRequest appeals_req;
  appeals_req.set_parent(decisions[0].name());
  v1::ListAppealsResponse appeals;
  ASSERT_TRUE(Inspection().ListAppeals(AdminContext().get(), appeals_req, &appeals).ok());
  ASSERT_EQ(appeals.appeals_size(), 1);
  EXPECT_EQ(appeals.appeals(0).resolution().outcome(), v1::APPEAL_OUTCOME_UPHELD);

  const std::vector<v1::DisciplinaryDecision> of_cell = DecisionsOf(p.cell.name());
  ASSERT_EQ(of_cell.size(), 1u);
  EXPECT_TRUE(of_cell[0].source_inspection().empty());

  // The feed carries each imported resource as it stands, for reporting to follow.
  v1::ListChangesRequest changes_req;
  changes_req.set_page_size(10000);
  v1::ListChangesResponse changes;
  ASSERT_TRUE(Inspection().ListChanges(AdminContext().get(), changes_req, &changes).ok());
  int imported = 0;
  for (const auto& c : changes.changes()) {
    if (c.resource() == in.name() || c.resource() == decisions[0].name() ||
        c.resource() == appeals.appeals(0).name() || c.resource() == of_cell[0].name()) {
      EXPECT_TRUE(c.change_type().ends_with(".imported")) << c.change_type();
      ++imported;
    }
  }
  EXPECT_EQ(imported, 4);
}

TEST_F(ImportTest, SendingTheSameRecordsAgainWritesNothing) {
  const People p = MakePeople("B");
  v1::InspectionWorkRecord record = Record(absl::StrCat(RequestId(), "/ktcd"));
  *record.mutable_inspection() = ClosedInspection(p);
  const std::string request_id = RequestId();
  v1::ImportInspectionWorkResponse first;
  ASSERT_TRUE(Import({{record}}, request_id, &first).ok());
  EXPECT_EQ(first.imported(), 1);

  // The same stream replayed: the message's first answer comes back.
  v1::ImportInspectionWorkResponse replay;
  ASSERT_TRUE(Import({{record}}, request_id, &replay).ok());
  EXPECT_EQ(replay.imported(), 1);
  // A new import of the same source key: recognised and skipped.
  v1::ImportInspectionWorkResponse again;
  ASSERT_TRUE(Import({{record}}, RequestId(), &again).ok());
  EXPECT_EQ(again.imported(), 0);
  EXPECT_EQ(again.already_imported(), 1);
  EXPECT_EQ(InspectionsOf(p.member.name()).size(), 1u);
}

TEST_F(ImportTest, ABadRecordIsReportedByNumberAndFieldAndTheOthersAreWritten) {
  const People p = MakePeople("C");
  const mv1::Member probationary = CreateProbationaryMember(p.cell.name(), "Lê Văn Dự Bị Nhập");
  const std::string prefix = RequestId();
  v1::InspectionWorkRecord good = Record(prefix + "/good");
  *good.mutable_inspection() = ClosedInspection(p);
  v1::InspectionWorkRecord not_closed = Record(prefix + "/no-close-date");
  *not_closed.mutable_inspection() = ClosedInspection(p);
  not_closed.mutable_inspection()->clear_closed_date();
  v1::InspectionWorkRecord unknown = Record(prefix + "/unknown-member");
  *unknown.mutable_inspection() = ClosedInspection(p);
  unknown.mutable_inspection()->mutable_subjects(1)->set_subject("members/987654321");
  unknown.mutable_inspection()->mutable_findings(0)->set_subject("members/987654321");
  v1::InspectionWorkRecord expel_probationary = Record(prefix + "/expel");
  v1::DisciplinaryDecision expulsion = Warning(probationary.name());
  expulsion.set_form(v1::DISCIPLINE_FORM_EXPULSION);
  *expel_probationary.add_disciplinary_decisions()->mutable_disciplinary_decision() = expulsion;
  v1::InspectionWorkRecord twice = Record(prefix + "/good");
  *twice.mutable_inspection() = ClosedInspection(p);
  v1::InspectionWorkRecord empty = Record(prefix + "/empty");

  v1::ImportInspectionWorkResponse resp;
  grpc::Status st =
      Import({{good, not_closed, unknown}, {expel_probationary, twice, empty}}, RequestId(), &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.records_received(), 6);
  EXPECT_EQ(resp.imported(), 1);
  ASSERT_EQ(resp.error_count(), 5) << resp.DebugString();
  ASSERT_EQ(resp.errors_size(), 5);
  EXPECT_EQ(resp.errors(0).record_number(), 2);
  EXPECT_EQ(resp.errors(0).source_key(), prefix + "/no-close-date");
  EXPECT_EQ(resp.errors(0).field(), "inspection.closed_date") << resp.errors(0).message();
  EXPECT_EQ(resp.errors(1).record_number(), 3);
  EXPECT_EQ(resp.errors(1).field(), "inspection.subjects[1].subject") << resp.errors(1).message();
  EXPECT_EQ(resp.errors(2).record_number(), 4);
  EXPECT_EQ(resp.errors(2).field(), "disciplinary_decisions[0].disciplinary_decision.form")
      << resp.errors(2).message();
  EXPECT_EQ(resp.errors(3).record_number(), 5);
  EXPECT_EQ(resp.errors(3).field(), "source_key");
  EXPECT_EQ(resp.errors(4).record_number(), 6);
  EXPECT_EQ(resp.errors(4).field(), "inspection");
  EXPECT_EQ(InspectionsOf(p.member.name()).size(), 1u);
  EXPECT_TRUE(DecisionsOf(probationary.name()).empty());
}

TEST_F(ImportTest, ADryRunChecksAndWritesNothing) {
  const People p = MakePeople("D");
  v1::InspectionWorkRecord record = Record(absl::StrCat(RequestId(), "/dry"));
  *record.mutable_inspection() = ClosedInspection(p);
  v1::InspectionWorkRecord bad = Record(absl::StrCat(RequestId(), "/dry-bad"));
  *bad.mutable_inspection() = ClosedInspection(p);
  bad.mutable_inspection()->set_stage(v1::INSPECTION_STAGE_REPORTED);
  v1::ImportInspectionWorkResponse resp;
  ASSERT_TRUE(Import({{record, bad}}, RequestId(), &resp, /*dry_run=*/true).ok());
  EXPECT_TRUE(resp.dry_run());
  EXPECT_EQ(resp.imported(), 0);
  ASSERT_EQ(resp.error_count(), 1);
  EXPECT_EQ(resp.errors(0).field(), "inspection.concluded_date")
      << "a REPORTED inspection has no conclusion date: " << resp.errors(0).message();
  EXPECT_TRUE(InspectionsOf(p.member.name()).empty());
}

TEST_F(ImportTest, TheRecordsOwnHistoryOfTheSubjectIsKept) {
  const People p = MakePeople("E");
  const People elsewhere = MakePeople("E2");
  v1::InspectionWorkRecord record = Record(absl::StrCat(RequestId(), "/history"));
  *record.mutable_inspection() = ClosedInspection(p);
  // On the decision date the member was registered in another cell, as a probationary member.
  record.mutable_inspection()->mutable_subjects(1)->set_organization_at_decision(
      elsewhere.cell.name());
  v1::DisciplinaryDecision reprimand = Warning(p.member.name());
  reprimand.set_form(v1::DISCIPLINE_FORM_REPRIMAND);
  reprimand.set_subject_organization(elsewhere.cell.name());
  reprimand.set_member_standing(v1::MEMBER_STANDING_PROBATIONARY);
  *record.add_disciplinary_decisions()->mutable_disciplinary_decision() = reprimand;
  v1::ImportInspectionWorkResponse resp;
  ASSERT_TRUE(Import({{record}}, RequestId(), &resp).ok());
  ASSERT_EQ(resp.imported(), 1) << resp.DebugString();
  const std::vector<v1::Inspection> found = InspectionsOf(p.member.name());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subjects(1).organization_at_decision(), elsewhere.cell.name());
  const std::vector<v1::DisciplinaryDecision> decisions = DecisionsOf(p.member.name());
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].subject_organization(), elsewhere.cell.name());
  EXPECT_EQ(decisions[0].member_standing(), v1::MEMBER_STANDING_PROBATIONARY);
}

TEST_F(ImportTest, AnImportedExpulsionIsNotSentToMembership) {
  const People p = MakePeople("F");
  v1::InspectionWorkRecord record = Record(absl::StrCat(RequestId(), "/expel"));
  v1::DisciplinaryDecision expulsion = Warning(p.member.name());
  expulsion.set_form(v1::DISCIPLINE_FORM_EXPULSION);
  *record.add_disciplinary_decisions()->mutable_disciplinary_decision() = expulsion;
  v1::ImportInspectionWorkResponse resp;
  ASSERT_TRUE(Import({{record}}, RequestId(), &resp).ok());
  ASSERT_EQ(resp.imported(), 1) << resp.DebugString();
  // A live expulsion reaches membership within a second (DisciplineTest); give it longer.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  mv1::GetMemberRequest get;
  get.set_name(p.member.name());
  mv1::Member member;
  ASSERT_TRUE(Membership().GetMember(AdminContext().get(), get, &member).ok());
  EXPECT_EQ(member.state(), mv1::MEMBER_STATE_FULL);
  const std::vector<v1::DisciplinaryDecision> decisions = DecisionsOf(p.member.name());
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].membership_sync().state(), v1::MembershipSync::STATE_NOT_REQUIRED);
}

TEST_F(ImportTest, ACallerImportsOnlyWithinItsSubtree) {
  const People mine = MakePeople("G");
  const People other = MakePeople("G2");
  const std::string token = Token({"inspector"}, {IdOf(mine.cell.name())});
  // Conducted by the cell itself (its own self-inspection) so the conducting body is in scope.
  v1::InspectionWorkRecord outside = Record(absl::StrCat(RequestId(), "/outside"));
  v1::DisciplinaryDecision d = Warning(other.member.name());
  d.set_deciding_organization(other.cell.name());
  d.set_deciding_body(v1::DECIDING_BODY_CELL);
  *outside.add_disciplinary_decisions()->mutable_disciplinary_decision() = d;
  v1::ImportInspectionWorkResponse resp;
  ASSERT_TRUE(Import({{outside}}, RequestId(), &resp, false, token).ok());
  EXPECT_EQ(resp.imported(), 0);
  ASSERT_EQ(resp.error_count(), 1);
  EXPECT_EQ(resp.errors(0).field(),
            "disciplinary_decisions[0].disciplinary_decision.deciding_organization")
      << resp.errors(0).message();
  EXPECT_NE(resp.errors(0).message().find("scope"), std::string::npos) << resp.errors(0).message();
}

TEST_F(ImportTest, AStreamWithoutARequestIdIsRefused) {
  v1::ImportInspectionWorkResponse resp;
  grpc::Status st = Import({{Record("x")}}, "", &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("request_id"), std::string::npos) << st.error_message();
}

}  // namespace
}  // namespace dangbo::inspection::testing
