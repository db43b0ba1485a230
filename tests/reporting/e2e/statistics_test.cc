// The inspection and discipline statistics end to end: records written through membership's
// and inspection's APIs, followed by the reporting service, checked number by number; the
// subjects behind each number; the tree as it stood after a move; an annulled appeal; the
// caller's scopes; bad input.
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/reporting/e2e/reporting_fixture.h"

namespace dangbo::reporting::testing {
namespace {

using inspection::testing::DaysFromToday;
using inspection::testing::Today;

class StatisticsTest : public ReportingE2E {
 protected:
  static iv1::InspectionSubject Subject(const std::string& name, bool committee_member = false) {
    iv1::InspectionSubject s;
    s.set_subject(name);
    s.set_committee_member(committee_member);
    return s;
  }

  // A decision of `cell` (a cell may reprimand or warn its own members) dated 10 days ago.
  static iv1::DisciplinaryDecision Decide(const std::string& cell, const std::string& member,
                                          iv1::DisciplineForm form) {
    iv1::CreateDisciplinaryDecisionRequest req;
    req.set_request_id(RequestId());
    iv1::DisciplinaryDecision* d = req.mutable_disciplinary_decision();
    d->set_subject(member);
    d->set_form(form);
    d->set_deciding_organization(cell);
    d->set_deciding_body(iv1::DECIDING_BODY_CELL);
    d->set_number(absl::StrCat(RequestId(), "-QĐ/CB"));
    *d->mutable_decision_date() = DaysFromToday(-10);
    *d->add_violation_dates() = DaysFromToday(-200);
    d->set_violation_category(iv1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
    d->set_reasons("Vi phạm quy định về quản lý tài chính");
    iv1::DisciplinaryDecision out;
    grpc::Status st = Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  // Appeals `decision` to `resolving` and resolves it with `outcome` today.
  static void AppealAndResolve(const iv1::DisciplinaryDecision& decision,
                               const std::string& resolving, iv1::AppealOutcome outcome) {
    iv1::CreateAppealRequest create;
    create.set_parent(decision.name());
    create.set_request_id(RequestId());
    *create.mutable_appeal()->mutable_received_date() = DaysFromToday(-9);
    *create.mutable_appeal()->mutable_filed_date() = DaysFromToday(-5);
    create.mutable_appeal()->set_resolving_organization(resolving);
    create.mutable_appeal()->set_resolving_level(iv1::LEVEL_GRASSROOTS);
    iv1::Appeal appeal;
    grpc::Status st = Inspection().CreateAppeal(AdminContext().get(), create, &appeal);
    ASSERT_TRUE(st.ok()) << st.error_message();
    iv1::ResolveAppealRequest resolve;
    resolve.set_name(appeal.name());
    resolve.set_etag(appeal.etag());
    resolve.set_request_id(RequestId());
    resolve.mutable_resolution()->set_outcome(outcome);
    *resolve.mutable_resolution()->mutable_date() = Today();
    resolve.mutable_resolution()->set_number(absl::StrCat(RequestId(), "-QĐ/ĐU"));
    resolve.mutable_resolution()->set_reasons("Quyết định kỷ luật không đúng thẩm quyền");
    iv1::Appeal resolved;
    st = Inspection().ResolveAppeal(AdminContext().get(), resolve, &resolved);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // Every subject behind `key`, all pages.
  static std::vector<rv1::FigureSubject> SubjectsOf(const std::string& scope,
                                                    const rv1::Period& period,
                                                    const std::string& key) {
    std::vector<rv1::FigureSubject> out;
    rv1::ListFigureSubjectsRequest req;
    req.set_scope(scope);
    *req.mutable_period() = period;
    req.set_key(key);
    req.set_page_size(2);
    for (;;) {
      rv1::ListFigureSubjectsResponse page;
      grpc::Status st = Reporting().ListFigureSubjects(AdminContext().get(), req, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) return out;
      out.insert(out.end(), page.subjects().begin(), page.subjects().end());
      if (page.next_page_token().empty()) return out;
      req.set_page_token(page.next_page_token());
    }
  }

  static void ExpectFigure(const rv1::Statistics& s, const std::string& key, int64_t distinct,
                           int64_t occurrences) {
    const rv1::Figure& f = FigureOf(s, key);
    EXPECT_EQ(f.distinct(), distinct) << key;
    EXPECT_EQ(f.occurrences(), occurrences) << key;
  }
};

TEST_F(StatisticsTest, AYearBuiltThroughTheApisIsCountedNumberByNumber) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Tổng công ty Số liệu");
  const mv1::Organization cell_a =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Phòng Kế toán");
  const mv1::Organization cell_b =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Phân xưởng");
  const mv1::Member a1 = CreateFullMember(cell_a.name(), "Nguyễn Văn An", "Bí thư chi bộ");
  const mv1::Member a2 = CreateFullMember(cell_a.name(), "Trần Thị Bình");
  const mv1::Member b1 = CreateFullMember(cell_b.name(), "Lê Văn Cường");
  const mv1::Member b2 = CreateFullMember(cell_b.name(), "Phạm Thị Dung");

  // Thematic inspection of cell A and two of its members; one member found with shortcomings.
  iv1::Inspection first = DecidedInspection(
      {Subject(cell_a.name()), Subject(a1.name(), true), Subject(a2.name())},
      iv1::INSPECTION_TYPE_THEMATIC_INSPECTION, iv1::CONDUCTING_BODY_STANDING_COMMITTEE);
  first = Advance(first, iv1::INSPECTION_STAGE_IN_PROGRESS);
  Outcomes(first, {{cell_a.name(), iv1::SUBJECT_OUTCOME_GOOD},
                   {a1.name(), iv1::SUBJECT_OUTCOME_SHORTCOMINGS},
                   {a2.name(), iv1::SUBJECT_OUTCOME_GOOD}});
  // A second thematic inspection of a1 (a second occurrence) and of cell B.
  DecidedInspection({Subject(a1.name(), true), Subject(cell_b.name())},
                    iv1::INSPECTION_TYPE_THEMATIC_INSPECTION,
                    iv1::CONDUCTING_BODY_STANDING_COMMITTEE);
  // A thematic supervision by the standing committee.
  DecidedInspection({Subject(cell_b.name()), Subject(b1.name())},
                    iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION,
                    iv1::CONDUCTING_BODY_STANDING_COMMITTEE);
  // The inspection committee on signs of violation: b2 is to be disciplined.
  iv1::Inspection signs =
      DecidedInspection({Subject(b2.name())}, iv1::INSPECTION_TYPE_VIOLATION_SIGNS_INSPECTION,
                        iv1::CONDUCTING_BODY_INSPECTION_COMMITTEE);
  signs = Advance(signs, iv1::INSPECTION_STAGE_IN_PROGRESS);
  Outcomes(signs, {{b2.name(), iv1::SUBJECT_OUTCOME_VIOLATION_REQUIRES_DISCIPLINE}});
  // A cancelled inspection counts nowhere.
  Advance(DecidedInspection({b1.name()}), iv1::INSPECTION_STAGE_CANCELLED);
  // Discipline by cell B: a reprimand that stands, a warning annulled on appeal.
  Decide(cell_b.name(), b2.name(), iv1::DISCIPLINE_FORM_REPRIMAND);
  const iv1::DisciplinaryDecision annulled =
      Decide(cell_b.name(), b1.name(), iv1::DISCIPLINE_FORM_WARNING);
  AppealAndResolve(annulled, company.name(), iv1::APPEAL_OUTCOME_ANNULLED);

  WaitCaughtUp();
  const rv1::Period period = LastDays(60);
  const rv1::Statistics s = InspectionStatistics(company.name(), period, /*breakdown=*/true);
  EXPECT_EQ(s.scope(), company.name());
  ExpectFigure(s, "committee.thematic_inspection.organizations", 2, 2);
  ExpectFigure(s, "committee.thematic_inspection.members", 2, 3);
  ExpectFigure(s, "committee.thematic_inspection.committee_members", 1, 2);
  ExpectFigure(s, "committee.thematic_inspection.organizations_shortcomings", 0, 0);
  ExpectFigure(s, "committee.thematic_inspection.members_shortcomings", 1, 1);
  ExpectFigure(s, "committee.thematic_supervision.organizations", 1, 1);
  ExpectFigure(s, "committee.thematic_supervision.members", 1, 1);
  ExpectFigure(s, "ubkt.violation_signs.members", 1, 1);
  ExpectFigure(s, "ubkt.violation_signs.members_violation", 1, 1);
  ExpectFigure(s, "ubkt.violation_signs.members_to_discipline", 1, 1);
  ExpectFigure(s, "ubkt.violation_signs.organizations", 0, 0);
  ExpectFigure(s, "ubkt.appeals.received", 1, 1);
  ExpectFigure(s, "ubkt.appeals.resolved", 1, 1);
  ExpectFigure(s, "ubkt.appeals.annulled", 1, 1);
  ExpectFigure(s, "ubkt.appeals.upheld", 0, 0);
  // The annulled warning is not counted; the reprimand is.
  ExpectFigure(s, "discipline.members.total", 1, 1);
  ExpectFigure(s, "discipline.members.reprimand", 1, 1);
  ExpectFigure(s, "discipline.members.warning", 0, 0);
  ExpectFigure(s, "discipline.organizations.total", 0, 0);
  EXPECT_EQ(FigureOf(s, "committee.thematic_inspection.members").label().empty(), false);
  EXPECT_GT(s.freshness().inspection_sequence(), 0);
  EXPECT_TRUE(s.freshness().has_newest_event_time());

  // The breakdown: cell A holds the thematic-inspection members, cell B the discipline.
  ASSERT_EQ(s.children_size(), 2);
  for (const rv1::Statistics& child : s.children()) {
    if (child.scope() == cell_a.name()) {
      ExpectFigure(child, "committee.thematic_inspection.members", 2, 3);
      ExpectFigure(child, "discipline.members.total", 0, 0);
    } else {
      EXPECT_EQ(child.scope(), cell_b.name());
      ExpectFigure(child, "committee.thematic_inspection.members", 0, 0);
      ExpectFigure(child, "discipline.members.total", 1, 1);
    }
  }

  // Drill-down: the subjects behind each number, as many as it says, with their records.
  for (const rv1::Figure& f : s.figures()) {
    const std::vector<rv1::FigureSubject> subjects = SubjectsOf(company.name(), period, f.key());
    EXPECT_EQ(static_cast<int64_t>(subjects.size()), f.distinct()) << f.key();
    int64_t sources = 0;
    for (const rv1::FigureSubject& subject : subjects) sources += subject.sources_size();
    EXPECT_EQ(sources, f.occurrences()) << f.key();
  }
  const std::vector<rv1::FigureSubject> with_shortcomings =
      SubjectsOf(company.name(), period, "committee.thematic_inspection.members_shortcomings");
  ASSERT_EQ(with_shortcomings.size(), 1u);
  EXPECT_EQ(with_shortcomings[0].subject(), a1.name());
  EXPECT_EQ(with_shortcomings[0].organization(), cell_a.name());
  ASSERT_EQ(with_shortcomings[0].sources_size(), 1);
  EXPECT_EQ(with_shortcomings[0].sources(0), first.name());

  // A period that ended before any of it counts nothing.
  rv1::Period before;
  before.set_kind(rv1::Period::KIND_YEAR);
  before.set_year(2015);
  ExpectFigure(InspectionStatistics(company.name(), before),
               "committee.thematic_inspection.members", 0, 0);
}

// Membership figures over the APIs: members imported with their dates (admitted within the
// period by their own admission date), a political theory level, education levels read from
// the record's text, and a badge recorded through membership, each checked and drilled into.
TEST_F(StatisticsTest, MembershipFiguresOfMembersImportedWithTheirDatesAndABadge) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Hồ sơ");
  CreateFullMember(company.name(), "Phan Văn Cường");
  const mv1::Member admitted = CreateProbationaryMember(company.name(), "Võ Thị Mới");
  // A veteran of 32 years' standing, with advanced political theory and a master's degree.
  mv1::CreateMemberRequest create;
  create.set_request_id(RequestId());
  create.set_initial_state(mv1::MEMBER_STATE_FULL);
  mv1::Member* m = create.mutable_member();
  m->set_organization(company.name());
  m->set_full_name("Đặng Văn Lâu");
  m->set_gender(mv1::GENDER_MALE);
  m->set_political_theory_level(mv1::POLITICAL_THEORY_LEVEL_ADVANCED);
  m->set_general_education("10/10");
  m->set_professional_qualification("Thạc sĩ Quản trị kinh doanh");
  *m->mutable_personal_data()->mutable_birth_date() = inspection::testing::MakeDate(1965, 2, 1);
  *m->mutable_admission_decision_date() = inspection::testing::MakeDate(1994, 1, 5);
  *m->mutable_admission_ceremony_date() = inspection::testing::MakeDate(1994, 1, 20);
  *m->mutable_full_member_date() = inspection::testing::MakeDate(1995, 1, 20);
  mv1::Member veteran;
  grpc::Status st = Membership().CreateMember(AdminContext().get(), create, &veteran);
  ASSERT_TRUE(st.ok()) << st.error_message();
  mv1::RecordBadgeRequest badge;
  badge.set_request_id(RequestId());
  badge.mutable_badge()->set_member(veteran.name());
  badge.mutable_badge()->set_years(30);
  *badge.mutable_badge()->mutable_award_date() = DaysFromToday(-10);
  mv1::Badge recorded;
  st = Membership().RecordBadge(AdminContext().get(), badge, &recorded);
  ASSERT_TRUE(st.ok()) << st.error_message();
  WaitCaughtUp();

  rv1::GetMembershipStatisticsRequest req;
  req.set_scope(company.name());
  *req.mutable_period() = LastDays(200);
  rv1::Statistics s;
  st = Reporting().GetMembershipStatistics(AdminContext().get(), req, &s);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ExpectFigure(s, "members.total", 3, 3);
  ExpectFigure(s, "members.probationary", 1, 1);
  ExpectFigure(s, "members.theory.advanced", 1, 1);
  ExpectFigure(s, "members.education.upper_secondary", 1, 1);
  ExpectFigure(s, "members.qualification.master", 1, 1);
  ExpectFigure(s, "members.qualification.university", 0, 0);
  ExpectFigure(s, "members.movement.admitted", 1, 1);
  ExpectFigure(s, "members.movement.admitted_female", 1, 1);
  ExpectFigure(s, "members.movement.admitted_private_enterprise", 0, 0);
  ExpectFigure(s, "members.movement.recognized_full", 0, 0);
  ExpectFigure(s, "members.badges.awarded", 1, 1);

  const std::vector<rv1::FigureSubject> admissions =
      SubjectsOf(company.name(), LastDays(200), "members.movement.admitted");
  ASSERT_EQ(admissions.size(), 1u);
  EXPECT_EQ(admissions[0].subject(), admitted.name());
  ASSERT_EQ(admissions[0].sources_size(), 1);
  EXPECT_EQ(admissions[0].sources(0), admitted.name());
  const std::vector<rv1::FigureSubject> badges =
      SubjectsOf(company.name(), LastDays(200), "members.badges.awarded");
  ASSERT_EQ(badges.size(), 1u);
  EXPECT_EQ(badges[0].subject(), veteran.name());
  ASSERT_EQ(badges[0].sources_size(), 1);
  EXPECT_EQ(badges[0].sources(0), absl::StrCat(veteran.name(), "/badges/30"));
  // The badge did not take the member's own row: the veteran is still counted.
  EXPECT_EQ(SubjectsOf(company.name(), LastDays(200), "members.theory.advanced").size(), 1u);
  const std::vector<rv1::FigureSubject> masters =
      SubjectsOf(company.name(), LastDays(200), "members.qualification.master");
  ASSERT_EQ(masters.size(), 1u);
  EXPECT_EQ(masters[0].subject(), veteran.name());
}

TEST_F(StatisticsTest, AMemberWhoMovesLaterStaysCountedWhereTheDecisionFoundThem) {
  const mv1::Organization old_home = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Cũ");
  const mv1::Organization new_home = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Mới");
  const mv1::Organization cell =
      CreateOrganization(old_home.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Kỹ thuật");
  const mv1::Member member = CreateFullMember(cell.name(), "Đỗ Văn Chuyển");
  DecidedInspection({Subject(member.name())}, iv1::INSPECTION_TYPE_THEMATIC_INSPECTION,
                    iv1::CONDUCTING_BODY_STANDING_COMMITTEE);

  // The cell moves to the other company today, after the decision 30 days ago.
  mv1::MoveOrganizationRequest move;
  move.set_name(cell.name());
  move.set_new_parent(new_home.name());
  move.set_etag(cell.etag());
  move.set_request_id(RequestId());
  *move.mutable_effective_date() = Today();
  move.mutable_decision()->set_number("77-QĐ/ĐUK");
  *move.mutable_decision()->mutable_date() = Today();
  mv1::Organization moved;
  grpc::Status st = Membership().MoveOrganization(AdminContext().get(), move, &moved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  WaitCaughtUp();

  // Counted under the company the cell belonged to on the decision date, not the new one.
  const rv1::Period period = LastDays(60);
  ExpectFigure(InspectionStatistics(old_home.name(), period),
               "committee.thematic_inspection.members", 1, 1);
  ExpectFigure(InspectionStatistics(new_home.name(), period),
               "committee.thematic_inspection.members", 0, 0);
}

// Past work brought in with ImportInspectionWork counts as the same work done step by step,
// each subject under the organization the record gives for the decision date.
TEST_F(StatisticsTest, PastWorkImportedInBulkIsCountedLikeWorkDoneStepByStep) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Chuyển Đổi");
  const mv1::Organization cell_a =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Lưu Trữ");
  const mv1::Organization cell_b =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Hồ Sơ");
  const mv1::Member leader = CreateFullMember(Bloc().name(), "Vương Văn Trưởng Đoàn");
  const mv1::Member a1 = CreateFullMember(cell_a.name(), "Kiều Văn Một", "Bí thư chi bộ");
  const mv1::Member a2 = CreateFullMember(cell_a.name(), "Kiều Thị Hai");

  iv1::InspectionWorkRecord inspected;
  inspected.set_source_key(absl::StrCat(RequestId(), "/ktcd"));
  iv1::Inspection& in = *inspected.mutable_inspection();
  in.set_type(iv1::INSPECTION_TYPE_THEMATIC_INSPECTION);
  in.set_conducting_body(iv1::CONDUCTING_BODY_STANDING_COMMITTEE);
  in.set_conducting_organization(Bloc().name());
  in.set_conducting_level(iv1::LEVEL_PROVINCIAL);
  in.set_stage(iv1::INSPECTION_STAGE_CONCLUDED);
  in.mutable_decision()->set_number(absl::StrCat(RequestId(), "-QĐ/ĐUK"));
  *in.mutable_decision()->mutable_date() = DaysFromToday(-150);
  in.set_content("Kiểm tra việc chấp hành Điều lệ Đảng");
  *in.mutable_period_start() = inspection::testing::MakeDate(2023, 1, 1);
  *in.mutable_period_end() = inspection::testing::MakeDate(2023, 12, 31);
  in.set_planned_duration_working_days(30);
  iv1::TeamMember* lead = in.add_team_members();
  lead->set_member(leader.name());
  lead->set_role(iv1::TEAM_ROLE_LEADER);
  auto subject = [&](const std::string& name, bool committee, iv1::SubjectOutcome outcome) {
    iv1::InspectionSubject* s = in.add_subjects();
    s->set_subject(name);
    s->set_committee_member(committee);
    s->set_outcome(outcome);
    return s;
  };
  subject(cell_a.name(), false, iv1::SUBJECT_OUTCOME_GOOD);
  // On the decision date a1 was registered in cell B, as the earlier system recorded.
  subject(a1.name(), true, iv1::SUBJECT_OUTCOME_SHORTCOMINGS)
      ->set_organization_at_decision(cell_b.name());
  subject(a2.name(), false, iv1::SUBJECT_OUTCOME_GOOD);
  *in.mutable_started_date() = DaysFromToday(-140);
  *in.mutable_reported_date() = DaysFromToday(-120);
  *in.mutable_concluded_date() = DaysFromToday(-110);
  // Decisions of cell A: a reprimand of a1 annulled on appeal, a warning of a2 that stands.
  auto decision = [&](iv1::InspectionWorkRecord& record, const std::string& member,
                      iv1::DisciplineForm form) {
    iv1::ImportedDecision* imported = record.add_disciplinary_decisions();
    iv1::DisciplinaryDecision* d = imported->mutable_disciplinary_decision();
    d->set_subject(member);
    d->set_form(form);
    d->set_deciding_organization(cell_a.name());
    d->set_deciding_body(iv1::DECIDING_BODY_CELL);
    d->set_number(absl::StrCat(RequestId(), "-QĐ/CB"));
    *d->mutable_decision_date() = DaysFromToday(-100);
    *d->add_violation_dates() = DaysFromToday(-300);
    d->set_violation_category(iv1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
    d->set_reasons("Vi phạm quy định về quản lý tài chính");
    return imported;
  };
  iv1::Appeal* appeal =
      decision(inspected, a1.name(), iv1::DISCIPLINE_FORM_REPRIMAND)->add_appeals();
  *appeal->mutable_received_date() = DaysFromToday(-99);
  *appeal->mutable_filed_date() = DaysFromToday(-95);
  appeal->set_resolving_organization(company.name());
  appeal->set_resolving_level(iv1::LEVEL_GRASSROOTS);
  appeal->mutable_resolution()->set_outcome(iv1::APPEAL_OUTCOME_ANNULLED);
  *appeal->mutable_resolution()->mutable_date() = DaysFromToday(-60);
  appeal->mutable_resolution()->set_number(absl::StrCat(RequestId(), "-QĐ/ĐU"));
  iv1::InspectionWorkRecord alone;
  alone.set_source_key(absl::StrCat(RequestId(), "/kl"));
  decision(alone, a2.name(), iv1::DISCIPLINE_FORM_WARNING);

  iv1::ImportInspectionWorkResponse imported;
  {
    auto ctx = AdminContext();
    auto writer = Inspection().ImportInspectionWork(ctx.get(), &imported);
    iv1::ImportInspectionWorkRequest req;
    req.set_request_id(RequestId());
    *req.add_records() = inspected;
    *req.add_records() = alone;
    ASSERT_TRUE(writer->Write(req));
    writer->WritesDone();
    const grpc::Status st = writer->Finish();
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  ASSERT_EQ(imported.imported(), 2) << imported.DebugString();

  WaitCaughtUp();
  const rv1::Period period = LastDays(365);
  const rv1::Statistics s = InspectionStatistics(company.name(), period, /*breakdown=*/true);
  ExpectFigure(s, "committee.thematic_inspection.organizations", 1, 1);
  ExpectFigure(s, "committee.thematic_inspection.members", 2, 2);
  ExpectFigure(s, "committee.thematic_inspection.committee_members", 1, 1);
  ExpectFigure(s, "committee.thematic_inspection.members_shortcomings", 1, 1);
  ExpectFigure(s, "ubkt.appeals.received", 1, 1);
  ExpectFigure(s, "ubkt.appeals.annulled", 1, 1);
  ExpectFigure(s, "discipline.members.total", 1, 1);
  ExpectFigure(s, "discipline.members.warning", 1, 1);
  ExpectFigure(s, "discipline.members.reprimand", 0, 0);
  ASSERT_EQ(s.children_size(), 2);
  for (const rv1::Statistics& child : s.children()) {
    // a1 under cell B, where the record placed them; a2 (and the discipline) under cell A.
    const bool a = child.scope() == cell_a.name();
    ExpectFigure(child, "committee.thematic_inspection.members", 1, 1);
    ExpectFigure(child, "committee.thematic_inspection.members_shortcomings", a ? 0 : 1, a ? 0 : 1);
    ExpectFigure(child, "discipline.members.total", a ? 1 : 0, a ? 1 : 0);
  }
}

TEST_F(StatisticsTest, ACallerSeesOnlyItsSubtreesStatistics) {
  const mv1::Organization mine = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Của Tôi");
  const mv1::Organization child =
      CreateOrganization(mine.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Con");
  const mv1::Organization theirs = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Khác");
  WaitCaughtUp();
  const std::string token = ReporterToken({IdOf(mine.name())});

  rv1::GetInspectionStatisticsRequest req;
  *req.mutable_period() = LastDays(30);
  rv1::Statistics out;
  for (const std::string& allowed : {mine.name(), child.name()}) {
    req.set_scope(allowed);
    grpc::Status st = Reporting().GetInspectionStatistics(Context(token).get(), req, &out);
    EXPECT_TRUE(st.ok()) << allowed << ": " << st.error_message();
  }
  for (const std::string& refused : {theirs.name(), Bloc().name()}) {
    req.set_scope(refused);
    grpc::Status st = Reporting().GetInspectionStatistics(Context(token).get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << refused;
    EXPECT_NE(st.error_message().find("scope"), std::string::npos) << st.error_message();
  }
  // Drill-down follows the same rule.
  rv1::ListFigureSubjectsRequest drill;
  drill.set_scope(theirs.name());
  *drill.mutable_period() = LastDays(30);
  drill.set_key("committee.thematic_inspection.members");
  rv1::ListFigureSubjectsResponse subjects;
  EXPECT_EQ(Reporting().ListFigureSubjects(Context(token).get(), drill, &subjects).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // No credential at all, and a role without statistics.
  grpc::ClientContext anonymous;
  req.set_scope(mine.name());
  EXPECT_EQ(Reporting().GetInspectionStatistics(&anonymous, req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reporting()
                .GetInspectionStatistics(Context(Token({"organizer"}, {IdOf(mine.name())})).get(),
                                         req, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(StatisticsTest, BadInputIsRefusedNamingTheField) {
  WaitCaughtUp();
  struct Case {
    std::string scope;
    rv1::Period period;
    grpc::StatusCode code;
    std::string field;
  };
  rv1::Period quarter5;
  quarter5.set_kind(rv1::Period::KIND_QUARTER);
  quarter5.set_year(2025);
  quarter5.set_number(5);
  rv1::Period unspecified;
  rv1::Period backwards;
  backwards.set_kind(rv1::Period::KIND_RANGE);
  *backwards.mutable_start_date() = Today();
  *backwards.mutable_end_date() = DaysFromToday(-3);
  rv1::Period impossible_day = LastDays(3);
  impossible_day.mutable_start_date()->set_day(31);
  impossible_day.mutable_start_date()->set_month(2);
  const std::vector<Case> cases = {
      {"", LastDays(3), grpc::StatusCode::INVALID_ARGUMENT, "scope"},
      {"members/1", LastDays(3), grpc::StatusCode::INVALID_ARGUMENT, "scope"},
      {"organizations/999999", LastDays(3), grpc::StatusCode::NOT_FOUND, "scope"},
      {Bloc().name(), quarter5, grpc::StatusCode::INVALID_ARGUMENT, "period.number"},
      {Bloc().name(), unspecified, grpc::StatusCode::INVALID_ARGUMENT, "period.kind"},
      {Bloc().name(), backwards, grpc::StatusCode::INVALID_ARGUMENT, "period"},
      {Bloc().name(), impossible_day, grpc::StatusCode::INVALID_ARGUMENT, "period.start_date"},
  };
  for (const Case& c : cases) {
    rv1::GetInspectionStatisticsRequest req;
    req.set_scope(c.scope);
    *req.mutable_period() = c.period;
    rv1::Statistics out;
    grpc::Status st = Reporting().GetInspectionStatistics(AdminContext().get(), req, &out);
    EXPECT_EQ(st.error_code(), c.code)
        << c.scope << " " << c.period.ShortDebugString() << ": " << st.error_message();
    EXPECT_NE(st.error_message().find(c.field), std::string::npos) << st.error_message();
  }
  rv1::ListFigureSubjectsRequest drill;
  drill.set_scope(Bloc().name());
  *drill.mutable_period() = LastDays(3);
  drill.set_key("committee.no_such_figure");
  rv1::ListFigureSubjectsResponse subjects;
  grpc::Status st = Reporting().ListFigureSubjects(AdminContext().get(), drill, &subjects);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("key"), std::string::npos) << st.error_message();
  drill.set_key("committee.thematic_inspection.members");
  drill.set_page_token("not-a-token");
  st = Reporting().ListFigureSubjects(AdminContext().get(), drill, &subjects);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_token"), std::string::npos) << st.error_message();
}

}  // namespace
}  // namespace dangbo::reporting::testing
