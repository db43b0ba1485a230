// Inspections and supervisions end to end: the stage graph with what each stage requires,
// subjects checked through membership, findings and outcomes, conclusion notices and their
// revisions, task follow-up, overdue lists, authorization and the change feed.
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

class InspectionsTest : public InspectionE2E {
 protected:
  struct Tree {
    mv1::Organization company;  // a grassroots committee under the bloc
    mv1::Organization cell;     // a cell under it
    mv1::Member member;
  };
  static Tree MakeTree(const std::string& label) {
    Tree t;
    t.company = CreateOrganization(Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE,
                                   "Đảng bộ Công ty " + label);
    t.cell = CreateOrganization(t.company.name(), mv1::ORGANIZATION_KIND_CELL,
                                "Chi bộ Phòng Kế toán " + label);
    t.member = CreateFullMember(t.cell.name(), "Trần Thị Lan " + label);
    return t;
  }

  static v1::ConclusionNotice NoticeWithTask(int due_in_days) {
    v1::ConclusionNotice n;
    n.set_number(absl::StrCat(RequestId(), "-TB/ĐUK"));
    *n.mutable_issued_date() = Today();
    n.add_strengths("Chấp hành nghiêm các quy định của Đảng");
    n.add_shortcomings("Việc lập hồ sơ đảng viên còn chậm");
    n.add_causes("Chưa phân công rõ trách nhiệm");
    v1::RequiredTask* task = n.add_required_tasks();
    task->set_text("Rà soát, bổ sung hồ sơ đảng viên");
    task->set_assignee("Chi ủy");
    *task->mutable_due_date() = DaysFromToday(due_in_days);
    n.add_distribution("Ban Thường vụ Đảng ủy Khối");
    n.add_distribution("Lưu Văn phòng");
    n.set_signed_by("Phó Bí thư Thường trực");
    return n;
  }

  // DECIDED → IN_PROGRESS → outcomes → REPORTED → CONCLUDED.
  static v1::Inspection Concluded(const std::vector<std::string>& subjects) {
    v1::Inspection in = DecidedInspection(subjects);
    in = Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS);
    std::vector<std::pair<std::string, v1::SubjectOutcome>> outcomes;
    for (const std::string& s : subjects) outcomes.emplace_back(s, v1::SUBJECT_OUTCOME_GOOD);
    in = Outcomes(in, outcomes);
    in = Advance(in, v1::INSPECTION_STAGE_REPORTED);
    return Advance(in, v1::INSPECTION_STAGE_CONCLUDED);
  }
};

TEST_F(InspectionsTest, FullLifecycleRecordsEveryStageAndTheSubjectsOrganization) {
  const Tree t = MakeTree("A");
  v1::Inspection in = DecidedInspection({t.cell.name(), t.member.name()});
  ASSERT_EQ(in.stage(), v1::INSPECTION_STAGE_DECIDED);
  ASSERT_EQ(in.subjects_size(), 2);
  EXPECT_EQ(in.subjects(0).organization_at_decision(), t.cell.name());
  EXPECT_EQ(in.subjects(1).organization_at_decision(), t.cell.name());
  EXPECT_FALSE(in.team_members(0).full_name().empty());  // filled from membership
  EXPECT_EQ(in.decision().issuer(), "Ban Thường vụ Đảng ủy Khối");

  in = Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS);
  EXPECT_EQ(in.started_date().year(), Today().year());

  v1::RecordFindingsRequest findings;
  findings.set_inspection(in.name());
  findings.set_etag(in.etag());
  findings.set_request_id(RequestId());
  v1::Finding* f = findings.add_findings();
  f->set_subject(t.member.name());
  f->set_text("Chưa kê khai đầy đủ tài sản, thu nhập");
  f->set_violation_category(v1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
  ASSERT_TRUE(Inspection().RecordFindings(AdminContext().get(), findings, &in).ok());
  ASSERT_EQ(in.findings_size(), 1);

  in = Outcomes(in, {{t.cell.name(), v1::SUBJECT_OUTCOME_GOOD},
                     {t.member.name(), v1::SUBJECT_OUTCOME_SHORTCOMINGS}});
  in = Advance(in, v1::INSPECTION_STAGE_REPORTED);
  in = Advance(in, v1::INSPECTION_STAGE_CONCLUDED);
  ASSERT_EQ(in.stage(), v1::INSPECTION_STAGE_CONCLUDED);

  v1::IssueConclusionNoticeRequest issue;
  issue.set_inspection(in.name());
  issue.set_etag(in.etag());
  issue.set_request_id(RequestId());
  *issue.mutable_notice() = NoticeWithTask(30);
  v1::ConclusionNotice notice;
  grpc::Status st = Inspection().IssueConclusionNotice(AdminContext().get(), issue, &notice);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(notice.revision(), 1);
  EXPECT_EQ(notice.name(), in.name() + "/conclusionNotices/1");

  v1::GetInspectionRequest get;
  get.set_name(in.name());
  ASSERT_TRUE(Inspection().GetInspection(AdminContext().get(), get, &in).ok());
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_NOTICE_ISSUED);
  in = Advance(in, v1::INSPECTION_STAGE_FOLLOW_UP);

  // Closing needs every task done.
  grpc::Status refused;
  Advance(in, v1::INSPECTION_STAGE_CLOSED, &refused);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  v1::RecordTaskCompletionRequest done;
  done.set_inspection(in.name());
  done.set_etag(in.etag());
  done.set_request_id(RequestId());
  done.mutable_completion()->set_task_number(1);
  *done.mutable_completion()->mutable_completed_date() = Today();
  ASSERT_TRUE(Inspection().RecordTaskCompletion(AdminContext().get(), done, &in).ok());
  in = Advance(in, v1::INSPECTION_STAGE_CLOSED);
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_CLOSED);
}

TEST_F(InspectionsTest, StagesMoveOnlyAlongTheGraph) {
  const Tree t = MakeTree("B");
  v1::Inspection in = DecidedInspection({t.member.name()});
  grpc::Status st;
  Advance(in, v1::INSPECTION_STAGE_CONCLUDED, &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("stage"), std::string::npos) << st.error_message();

  // REPORTED → CONCLUDED needs an outcome for every subject.
  in = Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS);
  in = Advance(in, v1::INSPECTION_STAGE_REPORTED);
  Advance(in, v1::INSPECTION_STAGE_CONCLUDED, &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();

  // Cancelling is allowed before the conclusion, and is the end.
  in = Advance(in, v1::INSPECTION_STAGE_CANCELLED);
  Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS, &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(InspectionsTest, SubjectsAreCheckedThroughMembership) {
  v1::CreateInspectionRequest req;
  req.set_request_id(RequestId());
  v1::Inspection* in = req.mutable_inspection();
  in->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
  in->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
  in->set_conducting_organization(Bloc().name());
  in->add_subjects()->set_subject("members/987654321");
  v1::Inspection out;
  grpc::Status st = Inspection().CreateInspection(AdminContext().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("inspection.subjects[0].subject"), std::string::npos)
      << st.error_message();

  in->mutable_subjects(0)->set_subject("inspections/3");
  st = Inspection().CreateInspection(AdminContext().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("inspection.subjects[0].subject"), std::string::npos);

  in->mutable_subjects(0)->set_subject(Bloc().name());
  in->set_conducting_organization("organizations/555555");
  st = Inspection().CreateInspection(AdminContext().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("inspection.conducting_organization"), std::string::npos);

  // The body must be one that may conduct the type.
  in->set_conducting_organization(Bloc().name());
  in->set_type(v1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION);
  st = Inspection().CreateInspection(AdminContext().get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_NE(st.error_message().find("conducting_body"), std::string::npos);
}

TEST_F(InspectionsTest, ACallerActsOnlyWithinItsSubtree) {
  const Tree mine = MakeTree("C1");
  const Tree other = MakeTree("C2");
  const std::string scoped = Token({"inspector"}, {IdOf(mine.company.name())}, "company-ubkt");

  v1::CreateInspectionRequest req;
  req.set_request_id(RequestId());
  v1::Inspection* in = req.mutable_inspection();
  in->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
  in->set_conducting_body(v1::CONDUCTING_BODY_INSPECTION_COMMITTEE);
  in->set_conducting_organization(mine.company.name());
  in->add_subjects()->set_subject(other.member.name());
  v1::Inspection out;
  grpc::Status st = Inspection().CreateInspection(Context(scoped).get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();

  in->mutable_subjects(0)->set_subject(mine.member.name());
  st = Inspection().CreateInspection(Context(scoped).get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(out.stage(), v1::INSPECTION_STAGE_PLANNED);

  // Another company's inspection is invisible to the scoped caller.
  v1::Inspection theirs = DecidedInspection({other.member.name()});
  v1::GetInspectionRequest get;
  get.set_name(theirs.name());
  v1::Inspection read;
  EXPECT_EQ(Inspection().GetInspection(Context(scoped).get(), get, &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListInspectionsRequest list;
  v1::ListInspectionsResponse listed;
  ASSERT_TRUE(Inspection().ListInspections(Context(scoped).get(), list, &listed).ok());
  for (const v1::Inspection& i : listed.inspections()) {
    EXPECT_EQ(i.conducting_organization(), mine.company.name());
  }
  EXPECT_EQ(listed.inspections_size(), 1);
}

TEST_F(InspectionsTest, AnIssuedNoticeNeverChangesACorrectionIsANewRevision) {
  const Tree t = MakeTree("D");
  v1::Inspection in = Concluded({t.member.name()});
  v1::IssueConclusionNoticeRequest issue;
  issue.set_inspection(in.name());
  issue.set_etag(in.etag());
  issue.set_request_id(RequestId());
  *issue.mutable_notice() = NoticeWithTask(60);
  v1::ConclusionNotice first;
  ASSERT_TRUE(Inspection().IssueConclusionNotice(AdminContext().get(), issue, &first).ok());

  // Issuing again is refused: the notice is issued; a change is a correction.
  v1::GetInspectionRequest get;
  get.set_name(in.name());
  ASSERT_TRUE(Inspection().GetInspection(AdminContext().get(), get, &in).ok());
  issue.set_etag(in.etag());
  issue.set_request_id(RequestId());
  v1::ConclusionNotice again;
  EXPECT_EQ(Inspection().IssueConclusionNotice(AdminContext().get(), issue, &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::CorrectConclusionNoticeRequest correct;
  correct.set_inspection(in.name());
  correct.set_etag(in.etag());
  correct.set_request_id(RequestId());
  *correct.mutable_notice() = NoticeWithTask(60);
  correct.mutable_notice()->set_shortcomings(0, "Việc lập hồ sơ đảng viên còn chậm, thiếu sót");
  v1::ConclusionNotice second;
  grpc::Status st = Inspection().CorrectConclusionNotice(AdminContext().get(), correct, &second);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "needs a reason";
  correct.mutable_notice()->set_correction_reason("Đính chính nội dung hạn chế");
  st = Inspection().CorrectConclusionNotice(AdminContext().get(), correct, &second);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(second.revision(), 2);
  EXPECT_EQ(second.supersedes_revision(), 1);

  v1::ListConclusionNoticesRequest list;
  list.set_parent(in.name());
  v1::ListConclusionNoticesResponse revisions;
  ASSERT_TRUE(Inspection().ListConclusionNotices(AdminContext().get(), list, &revisions).ok());
  ASSERT_EQ(revisions.conclusion_notices_size(), 2);
  EXPECT_EQ(revisions.conclusion_notices(0).shortcomings(0), first.shortcomings(0));
  EXPECT_EQ(revisions.conclusion_notices(1).shortcomings(0),
            "Việc lập hồ sơ đảng viên còn chậm, thiếu sót");
  v1::GetConclusionNoticeRequest get_first;
  get_first.set_name(first.name());
  v1::ConclusionNotice reread;
  ASSERT_TRUE(Inspection().GetConclusionNotice(AdminContext().get(), get_first, &reread).ok());
  EXPECT_EQ(reread.SerializeAsString(), first.SerializeAsString());
  ASSERT_TRUE(Inspection().GetInspection(AdminContext().get(), get, &in).ok());
  EXPECT_EQ(in.conclusion_notice().revision(), 2);
}

TEST_F(InspectionsTest, ReplayingARequestIdReturnsTheFirstResult) {
  const Tree t = MakeTree("E");
  v1::CreateInspectionRequest req;
  req.set_request_id(RequestId());
  v1::Inspection* in = req.mutable_inspection();
  in->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
  in->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
  in->set_conducting_organization(Bloc().name());
  in->add_subjects()->set_subject(t.cell.name());
  v1::Inspection first;
  v1::Inspection second;
  ASSERT_TRUE(Inspection().CreateInspection(AdminContext().get(), req, &first).ok());
  ASSERT_TRUE(Inspection().CreateInspection(AdminContext().get(), req, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  in->set_content("another request under the same id");
  EXPECT_EQ(Inspection().CreateInspection(AdminContext().get(), req, &second).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(InspectionsTest, OverdueListsLateInspectionsAndTasks) {
  const Tree t = MakeTree("F");
  // Decided and started 30 days ago with a 5-working-day plan: late by now.
  v1::Inspection in = DecidedInspection({t.member.name()});
  v1::UpdateInspectionRequest update;
  *update.mutable_inspection() = in;
  update.mutable_inspection()->set_planned_duration_working_days(5);
  update.mutable_update_mask()->add_paths("planned_duration_working_days");
  update.set_request_id(RequestId());
  ASSERT_TRUE(Inspection().UpdateInspection(AdminContext().get(), update, &in).ok());

  v1::ListOverdueRequest req;
  req.set_subtree(t.company.name());
  v1::ListOverdueResponse none;
  ASSERT_TRUE(Inspection().ListOverdue(AdminContext().get(), req, &none).ok());
  EXPECT_EQ(none.overdue_items_size(), 0) << "conducted by the bloc, not in the company's subtree";

  req.set_subtree(Bloc().name());
  v1::ListOverdueResponse late;
  ASSERT_TRUE(Inspection().ListOverdue(AdminContext().get(), req, &late).ok());
  bool found = false;
  for (const v1::OverdueItem& item : late.overdue_items()) {
    if (item.resource() == in.name()) {
      found = true;
      EXPECT_EQ(item.kind(), v1::OverdueItem::KIND_INSPECTION_DURATION);
      EXPECT_GT(item.days_past_due(), 0);
    }
  }
  EXPECT_TRUE(found);

  v1::ListInspectionsRequest overdue_only;
  overdue_only.set_overdue_only(true);
  v1::ListInspectionsResponse listed;
  ASSERT_TRUE(Inspection().ListInspections(AdminContext().get(), overdue_only, &listed).ok());
  bool listed_late = false;
  for (const v1::Inspection& i : listed.inspections()) listed_late |= i.name() == in.name();
  EXPECT_TRUE(listed_late);
}

TEST_F(InspectionsTest, BadInputGetsAStatusNamingTheField) {
  v1::GetInspectionRequest get;
  get.set_name("inspections/abc");
  v1::Inspection out;
  grpc::Status st = Inspection().GetInspection(AdminContext().get(), get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("name"), std::string::npos);
  get.set_name("inspections/99999999");
  EXPECT_EQ(Inspection().GetInspection(AdminContext().get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::AdvanceInspectionStageRequest advance;
  advance.set_inspection("inspections/1");
  advance.set_stage(static_cast<v1::InspectionStage>(77));
  advance.set_request_id(RequestId());
  st = Inspection().AdvanceInspectionStage(AdminContext().get(), advance, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  v1::ListInspectionsRequest list;
  list.set_page_token("garbage");
  v1::ListInspectionsResponse listed;
  st = Inspection().ListInspections(AdminContext().get(), list, &listed);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_token"), std::string::npos);

  // Without a token nothing is answered.
  grpc::ClientContext anonymous;
  EXPECT_EQ(Inspection().ListInspections(&anonymous, list, &listed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(InspectionsTest, EveryWriteAppearsInTheChangeFeed) {
  v1::ListChangesRequest head_req;
  head_req.set_page_size(1);
  v1::ListChangesResponse head;
  ASSERT_TRUE(Inspection().ListChanges(AdminContext().get(), head_req, &head).ok());
  const Tree t = MakeTree("G");
  v1::Inspection in = DecidedInspection({t.member.name()});
  in = Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS);
  v1::ListChangesRequest req;
  req.set_after_sequence(head.head_sequence());
  v1::ListChangesResponse changes;
  ASSERT_TRUE(Inspection().ListChanges(AdminContext().get(), req, &changes).ok());
  ASSERT_EQ(changes.changes_size(), 2);
  EXPECT_EQ(changes.changes(0).change_type(), "dangbo.inspection.v1.Inspection.created");
  EXPECT_EQ(changes.changes(1).change_type(), "dangbo.inspection.v1.Inspection.stage_changed");
  EXPECT_EQ(changes.changes(1).sequence(), changes.changes(0).sequence() + 1);
  v1::Inspection payload;
  ASSERT_TRUE(changes.changes(1).payload().UnpackTo(&payload));
  EXPECT_EQ(payload.stage(), v1::INSPECTION_STAGE_IN_PROGRESS);

  // The feed covers the whole tree: a scoped caller may not read it.
  const std::string scoped = Token({"service"}, {IdOf(t.company.name())});
  EXPECT_EQ(Inspection().ListChanges(Context(scoped).get(), req, &changes).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace dangbo::inspection::testing
