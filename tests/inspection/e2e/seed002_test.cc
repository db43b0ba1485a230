// Seed 002 through the API: the bloc standing committee's 2019 thematic supervision of the
// working rules (quy chế làm việc) of grassroots committees for the 2015-2020 term and of their
// observance of Party activity, from the programme item to the closed follow-up of the
// conclusion notice.
//
// Every date of the seed (decision 251-QĐ/ĐUK of 01-04-2019, the standing committee's meeting
// of 6-6-2019) is in the past, so the dates are the seed's own, unshifted. Where the seed is
// silent (the programme's decision, the stage dates between decision and meeting, the notice's
// number and date, the tasks' due dates, which subjects were supervised) the values are
// realistic ones chosen for the test and say so where they are set.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

constexpr char kDecisionNumber[] = "251-QĐ/ĐUK";
constexpr char kContent[] =
    "Giám sát việc lãnh đạo, chỉ đạo triển khai, thực hiện quy chế làm việc của cấp ủy cơ sở "
    "nhiệm kỳ 2015-2020 và việc chấp hành nguyên tắc tổ chức, chế độ sinh hoạt đảng tại một số "
    "tổ chức đảng trực thuộc Đảng ủy khối";

class Seed002Test : public InspectionE2E {
 protected:
  static grpc::Status Advance(v1::Inspection& in, v1::InspectionStage stage,
                              const google::type::Date& date) {
    v1::AdvanceInspectionStageRequest req;
    req.set_inspection(in.name());
    req.set_stage(stage);
    *req.mutable_date() = date;
    req.set_etag(in.etag());
    req.set_request_id(RequestId());
    return Inspection().AdvanceInspectionStage(AdminContext().get(), req, &in);
  }

  static v1::Inspection Get(const std::string& name) {
    v1::GetInspectionRequest get;
    get.set_name(name);
    v1::Inspection out;
    grpc::Status st = Inspection().GetInspection(AdminContext().get(), get, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  static int64_t FeedHead() {
    v1::ListChangesRequest req;
    req.set_page_size(1);
    v1::ListChangesResponse resp;
    EXPECT_TRUE(Inspection().ListChanges(AdminContext().get(), req, &resp).ok());
    return resp.head_sequence();
  }

  // The changes about `resource` committed after `after`, in feed order.
  static std::vector<dangbo::type::v1::Change> ChangesOf(const std::string& resource,
                                                         int64_t after) {
    std::vector<dangbo::type::v1::Change> out;
    while (true) {
      v1::ListChangesRequest req;
      req.set_after_sequence(after);
      req.set_page_size(500);
      v1::ListChangesResponse resp;
      grpc::Status st = Inspection().ListChanges(AdminContext().get(), req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok() || resp.changes().empty()) return out;
      for (const dangbo::type::v1::Change& c : resp.changes()) {
        after = c.sequence();
        if (c.resource() == resource) out.push_back(c);
      }
    }
  }
};

void ExpectDate(const google::type::Date& got, const google::type::Date& want,
                const std::string& what) {
  EXPECT_EQ(got.year(), want.year()) << what;
  EXPECT_EQ(got.month(), want.month()) << what;
  EXPECT_EQ(got.day(), want.day()) << what;
}

// The conclusion notice of the seed, its four sections and its distribution list. The seed
// gives neither a number nor a date for it: 140-TB/ĐUK of 14-6-2019, a week after the meeting.
v1::ConclusionNotice SeedNotice() {
  v1::ConclusionNotice n;
  n.set_number("140-TB/ĐUK");
  *n.mutable_issued_date() = MakeDate(2019, 6, 14);
  n.add_strengths(
      "Việc lãnh đạo, chỉ đạo quán triệt, triển khai thực hiện:\n"
      "+ Đảng ủy, chỉ bộ cơ sở được giám sát đã xây dựng kế hoạch triển khai, quán triệt, tổ "
      "chức thực hiện nghiêm túc các văn bản của Trung ương, của tỉnh, của Đảng ủy Khối về việc "
      "xây dựng, ban hành quy chế làm việc của cấp ủy, chấp hành nguyên tắc chế độ sinh hoạt "
      "đảng và nâng cao chất lượng sinh hoạt chi bộ đến các tổ chức đảng và đảng viên trong toàn "
      "Đảng bộ.\n"
      "+ Vai trò lãnh đạo chỉ đạo của các tổ chức cơ sở đảng đã thực sự là hạt nhân chính trị ở "
      "cơ sở giúp cho Hội đồng quản trị, Ban Giám đốc và chủ các doanh nghiệp trong thực hiện "
      "nhiệm vụ chính trị và sản xuất kinh doanh.");
  n.add_strengths(
      "Kết quả thực hiện Quy chế làm việc của cấp ủy cơ sở:\n"
      "+ Cơ bản đã xây dựng, ban hành quy chế quản lý tài chính, quy chế quản lý đảng viên, quy "
      "chế dân chủ ở cơ sở... đặc biệt xây dựng được quy chế phối hợp giữa đảng ủy với Hội đồng "
      "quản trị, Ban Giám đốc và các tổ chức đoàn thể trong các doanh nghiệp.");
  n.add_strengths(
      "Kết quả chấp hành nguyên tắc, chế độ sinh hoạt đảng:\n"
      "+ Trong sinh hoạt đã chuẩn bị tốt nội dung, gắn với nhiệm vụ chính trị của đơn vị, đề cao "
      "tự phê bình và phê bình, việc thực hiện Nghị quyết Trung ương 4 (khóa XII) \"về tăng "
      "cường xây dựng, chỉnh đốn Đảng\" gắn với Chỉ thị số 05-CT/TW của Bộ Chính trị.");
  n.add_shortcomings(
      "Việc lãnh đạo, chỉ đạo của một số cấp ủy, tổ chức Đảng đối với công tác xây dựng Quy chế "
      "làm việc và Chương trình công tác, nhiệm kỳ 2015-2020 còn hạn chế, nhất là người đứng đầu "
      "cấp ủy chưa quan tâm, sâu sát; việc lấy ý kiến đóng góp cho dự thảo còn hình thức.");
  n.add_shortcomings(
      "Còn Đảng ủy xây dựng Quy chế làm việc nội dung chưa sâu, còn sao chép từ Quy chế làm việc "
      "của nhiệm kỳ trước. Một số đơn vị chưa xây dựng được nghị quyết chuyên đề.");
  n.add_shortcomings(
      "Chế độ sinh hoạt chi bộ định kỳ cá biệt có chi bộ chưa được duy trì nền nếp. Nội dung sinh "
      "hoạt chi bộ nghèo nàn, đơn điệu, thiếu hấp dẫn nặng về thông báo tình hình.");
  n.add_shortcomings(
      "Vai trò lãnh đạo và tính chiến đấu của đảng viên còn hạn chế, công tác phát triển đảng "
      "viên ở một số tổ chức đảng chưa được quan tâm đúng mức.");
  n.add_causes(
      "Một số quy định về chức năng, nhiệm vụ của Đảng bộ, Chi bộ cơ sở trong các doanh nghiệp "
      "đã có sự thay đổi; một số nội dung trong hướng dẫn không còn phù hợp với tình hình thực "
      "tế.");
  n.add_causes(
      "Đội ngũ cán bộ cấp ủy cơ sở chưa có kinh nghiệm, trình độ chuyên môn chưa sâu, chủ yếu là "
      "kiêm nhiệm.");
  n.add_causes(
      "Do đặc thù doanh nghiệp tập trung nhiều cho sản xuất kinh doanh nên một số cấp ủy chưa "
      "sâu sát, thiếu giải pháp cụ thể trong lãnh đạo, chỉ đạo để nâng cao chất lượng sinh hoạt "
      "chi bộ.");
  n.add_causes(
      "Một số cấp ủy và đảng viên chưa nhận thức đầy đủ ý nghĩa, tầm quan trọng của sinh hoạt chi "
      "bộ.");
  // The seed assigns the tasks but dates none: the review before the 2020-2025 congresses is
  // due at the end of 2019, the bodies' own tasks by the third quarter.
  struct Task {
    const char* text;
    const char* assignee;
    google::type::Date due;
  };
  const std::vector<Task> tasks = {
      {"Rà soát, bổ sung, hoàn thiện Quy chế làm việc, Chương trình công tác của cấp ủy, tổ chức "
       "đảng nhiệm kỳ 2015-2020, làm tiền đề cho nhiệm kỳ 2020 – 2025.",
       "Các cấp ủy, tổ chức đảng trực thuộc", MakeDate(2019, 12, 31)},
      {"Chi ủy chi bộ thường xuyên đổi mới nội dung sinh hoạt, nhất là sinh hoạt chuyên đề; "
       "tập trung lãnh đạo công tác phát triển đảng viên.",
       "Chi ủy các chi bộ", MakeDate(2019, 12, 31)},
      {"Chủ trì xây dựng, hướng dẫn mẫu Quy chế làm việc cho các cấp ủy và tổ chức cơ sở đảng "
       "trực thuộc Đảng ủy khối; tham mưu tổ chức tập huấn nghiệp vụ công tác quản lý đảng viên.",
       "Ban Tổ chức Đảng ủy khối", MakeDate(2019, 9, 30)},
      {"Chủ trì tham mưu xây dựng hướng dẫn về tổ chức mở lớp tìm hiểu về đảng phù hợp với thực "
       "tiễn.",
       "Ban Tuyên giáo Đảng ủy khối", MakeDate(2019, 9, 30)},
      {"Chủ trì, phối hợp với các Ban xây dựng Đảng, Văn phòng Đảng ủy Khối đôn đốc việc thực "
       "hiện Thông báo này, thường xuyên báo cáo kết quả về Ban Thường vụ Đảng ủy Khối.",
       "Ủy ban Kiểm tra Đảng ủy khối", MakeDate(2019, 12, 31)},
      {"Chủ động đôn đốc các cấp ủy, tổ chức đảng được phân công phụ trách rà soát, điều chỉnh, "
       "sửa đổi, bổ sung Quy chế làm việc và Chương trình công tác.",
       "Các đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành Đảng bộ Khối",
       MakeDate(2019, 12, 31)},
  };
  for (const Task& t : tasks) {
    v1::RequiredTask* task = n.add_required_tasks();
    task->set_text(t.text);
    task->set_assignee(t.assignee);
    *task->mutable_due_date() = t.due;
  }
  for (const char* to : {"Ban Thường vụ Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "BCH Đảng bộ Khối",
                         "Các tổ chức cơ sở đảng trực thuộc", "Lưu: VPĐUK, Hồ sơ cuộc giám sát"}) {
    n.add_distribution(to);
  }
  n.set_signed_by("T/M Ban Thường vụ, Bí thư Trần Hữu Nam");
  return n;
}

TEST_F(Seed002Test, TheWholeSupervisionFromProgrammeToClosing) {
  const int64_t head = FeedHead();

  // The organizations supervised: "một số tổ chức đảng trực thuộc Đảng ủy khối". The seed does
  // not name them; two grassroots committees and a grassroots cell stand for them.
  const mv1::Organization water = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE,
      "Đảng bộ Công ty Cổ phần Cấp thoát nước");
  const mv1::Organization power = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Điện lực");
  const mv1::Organization builder = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_CELL,
      "Chi bộ Công ty TNHH Xây dựng Bình Minh");
  const std::vector<std::string> subjects = {water.name(), power.name(), builder.name()};

  // The team: the bloc's UBKT leads, with the Ban Tổ chức and the Văn phòng (the seed names the
  // UBKT's summary report; the members are realistic).
  const mv1::Member leader =
      CreateFullMember(Bloc().name(), "Nguyễn Thị Hồng Hạnh", "Phó Chủ nhiệm Ủy ban Kiểm tra");
  const mv1::Member deputy =
      CreateFullMember(Bloc().name(), "Lê Quang Vinh", "Phó Trưởng Ban Tổ chức");
  const mv1::Member member = CreateFullMember(Bloc().name(), "Phạm Đức Thắng", "Ủy viên UBKT");
  const mv1::Member secretary =
      CreateFullMember(Bloc().name(), "Đoàn Thị Mai", "Chuyên viên Văn phòng");

  // "Thực hiện Chương trình kiểm tra, giám sát năm 2019 của Ban Chấp hành Đảng bộ Khối": the
  // programme holds the supervision as a planned item. Its own decision is not in the seed.
  v1::CreateProgrammeRequest create_programme;
  create_programme.set_request_id(RequestId());
  v1::Programme* p = create_programme.mutable_programme();
  p->set_organization(Bloc().name());
  p->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
  p->set_year(2019);
  p->mutable_decision()->set_number("05-CTr/ĐUK");
  *p->mutable_decision()->mutable_date() = MakeDate(2019, 1, 15);
  v1::PlannedItem* item = p->add_planned_items();
  item->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
  item->set_content(kContent);
  for (const std::string& s : subjects) item->add_subjects(s);
  *item->mutable_planned_start() = MakeDate(2019, 4, 1);  // quý II
  v1::Programme programme;
  grpc::Status st =
      Inspection().CreateProgramme(AdminContext().get(), create_programme, &programme);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(programme.planned_items_size(), 1);
  EXPECT_TRUE(programme.planned_items(0).inspection().empty());

  // The supervision enters the record PLANNED, carrying out the programme's item.
  v1::CreateInspectionRequest create;
  create.set_request_id(RequestId());
  create.set_planned_item_number(1);
  v1::Inspection* planned = create.mutable_inspection();
  planned->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
  planned->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
  planned->set_conducting_organization(Bloc().name());
  planned->set_conducting_level(v1::LEVEL_PROVINCIAL);
  planned->set_programme(programme.name());
  planned->set_content(kContent);
  for (const std::string& s : subjects) planned->add_subjects()->set_subject(s);
  v1::Inspection in;
  st = Inspection().CreateInspection(AdminContext().get(), create, &in);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_PLANNED);
  EXPECT_EQ(in.programme(), programme.name());
  ASSERT_EQ(in.subjects_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(in.subjects(i).subject(), subjects[i]);
    // An organization is attributed to itself.
    EXPECT_EQ(in.subjects(i).organization_at_decision(), subjects[i]);
    EXPECT_EQ(in.subjects(i).outcome(), v1::SUBJECT_OUTCOME_UNSPECIFIED);
  }
  const std::string name = in.name();
  {
    v1::GetProgrammeRequest get;
    get.set_name(programme.name());
    v1::Programme linked;
    ASSERT_TRUE(Inspection().GetProgramme(AdminContext().get(), get, &linked).ok());
    EXPECT_EQ(linked.planned_items(0).inspection(), name);
  }

  // Ngày 01-04-2019: Quyết định số 251-QĐ/ĐUK thành lập Đoàn giám sát.
  v1::UpdateInspectionRequest decide;
  decide.set_request_id(RequestId());
  v1::Inspection* d = decide.mutable_inspection();
  d->set_name(name);
  d->set_etag(in.etag());
  d->mutable_decision()->set_number(kDecisionNumber);
  *d->mutable_decision()->mutable_date() = MakeDate(2019, 4, 1);
  // The term under supervision: from the 2015 grassroots congresses to the decision.
  *d->mutable_period_start() = MakeDate(2015, 7, 1);
  *d->mutable_period_end() = MakeDate(2019, 3, 31);
  d->set_planned_duration_working_days(30);  // the provincial limit for a thematic supervision
  const std::vector<std::pair<const mv1::Member*, v1::TeamRole>> team = {
      {&leader, v1::TEAM_ROLE_LEADER},
      {&deputy, v1::TEAM_ROLE_DEPUTY_LEADER},
      {&member, v1::TEAM_ROLE_MEMBER},
      {&secretary, v1::TEAM_ROLE_SECRETARY}};
  for (const auto& [who, role] : team) {
    v1::TeamMember* t = d->add_team_members();
    t->set_member(who->name());
    t->set_role(role);
  }
  for (const char* path : {"decision", "period_start", "period_end",
                           "planned_duration_working_days", "team_members"}) {
    decide.mutable_update_mask()->add_paths(path);
  }
  st = Inspection().UpdateInspection(AdminContext().get(), decide, &in);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_PLANNED);
  ASSERT_TRUE(Advance(in, v1::INSPECTION_STAGE_DECIDED, MakeDate(2019, 4, 1)).ok());
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_DECIDED);
  EXPECT_EQ(in.decision().number(), kDecisionNumber);
  ExpectDate(in.decision().date(), MakeDate(2019, 4, 1), "decision.date");
  ExpectDate(in.period_start(), MakeDate(2015, 7, 1), "period_start");
  ExpectDate(in.period_end(), MakeDate(2019, 3, 31), "period_end");
  EXPECT_EQ(in.planned_duration_working_days(), 30);
  ASSERT_EQ(in.team_members_size(), 4);
  for (size_t i = 0; i < team.size(); ++i) {
    EXPECT_EQ(in.team_members(i).member(), team[i].first->name());
    EXPECT_EQ(in.team_members(i).full_name(), team[i].first->full_name()) << "from membership";
    EXPECT_EQ(in.team_members(i).role(), team[i].second);
  }

  // The team announces the decision and works with the subjects (the seed gives no dates).
  ASSERT_TRUE(Advance(in, v1::INSPECTION_STAGE_IN_PROGRESS, MakeDate(2019, 4, 10)).ok());
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_IN_PROGRESS);
  ExpectDate(in.started_date(), MakeDate(2019, 4, 10), "started_date");

  v1::RecordFindingsRequest findings;
  findings.set_inspection(name);
  findings.set_etag(in.etag());
  findings.set_request_id(RequestId());
  const std::vector<std::pair<std::string, std::string>> found = {
      {water.name(),
       "Quy chế làm việc nhiệm kỳ 2015-2020 đã ban hành, có quy chế phối hợp giữa đảng ủy với Hội "
       "đồng quản trị, Ban Giám đốc; sinh hoạt chi bộ đều đặn hằng tháng."},
      {power.name(),
       "Quy chế làm việc nội dung chưa sâu, còn sao chép từ Quy chế làm việc của nhiệm kỳ trước; "
       "chưa xây dựng được nghị quyết chuyên đề."},
      {builder.name(),
       "Chế độ sinh hoạt chi bộ định kỳ chưa được duy trì nền nếp; nội dung sinh hoạt nặng về "
       "thông báo tình hình."},
  };
  for (const auto& [subject, text] : found) {
    v1::Finding* f = findings.add_findings();
    f->set_subject(subject);
    f->set_text(text);
  }
  st = Inspection().RecordFindings(AdminContext().get(), findings, &in);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(in.findings_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(in.findings(i).subject(), found[i].first);
    EXPECT_EQ(in.findings(i).text(), found[i].second);
    EXPECT_EQ(in.findings(i).violation_category(), v1::VIOLATION_CATEGORY_UNSPECIFIED)
        << "shortcomings, not violations";
  }

  v1::RecordSubjectOutcomesRequest outcomes;
  outcomes.set_inspection(name);
  outcomes.set_etag(in.etag());
  outcomes.set_request_id(RequestId());
  const std::vector<v1::SubjectOutcome> outcome_of = {v1::SUBJECT_OUTCOME_GOOD,
                                                      v1::SUBJECT_OUTCOME_SHORTCOMINGS,
                                                      v1::SUBJECT_OUTCOME_SHORTCOMINGS};
  for (int i = 0; i < 3; ++i) {
    v1::InspectionSubject* o = outcomes.add_outcomes();
    o->set_subject(subjects[i]);
    o->set_outcome(outcome_of[i]);
  }
  st = Inspection().RecordSubjectOutcomes(AdminContext().get(), outcomes, &in);
  ASSERT_TRUE(st.ok()) << st.error_message();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(in.subjects(i).outcome(), outcome_of[i]);

  // The UBKT's summary report, then the standing committee's meeting of 6-6-2019.
  ASSERT_TRUE(Advance(in, v1::INSPECTION_STAGE_REPORTED, MakeDate(2019, 5, 24)).ok());
  ExpectDate(in.reported_date(), MakeDate(2019, 5, 24), "reported_date");
  ASSERT_TRUE(Advance(in, v1::INSPECTION_STAGE_CONCLUDED, MakeDate(2019, 6, 6)).ok());
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_CONCLUDED);
  ExpectDate(in.concluded_date(), MakeDate(2019, 6, 6), "concluded_date");

  // Once concluded, the findings no longer change.
  findings.set_etag(in.etag());
  findings.set_request_id(RequestId());
  v1::Inspection refused;
  EXPECT_EQ(Inspection().RecordFindings(AdminContext().get(), findings, &refused).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // Thông báo kết luận.
  const v1::ConclusionNotice sent = SeedNotice();
  v1::IssueConclusionNoticeRequest issue;
  issue.set_inspection(name);
  issue.set_etag(in.etag());
  issue.set_request_id(RequestId());
  *issue.mutable_notice() = sent;
  v1::ConclusionNotice notice;
  st = Inspection().IssueConclusionNotice(AdminContext().get(), issue, &notice);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(notice.name(), name + "/conclusionNotices/1");
  EXPECT_EQ(notice.revision(), 1);
  EXPECT_EQ(notice.supersedes_revision(), 0);
  {
    v1::GetConclusionNoticeRequest get;
    get.set_name(notice.name());
    v1::ConclusionNotice reread;
    ASSERT_TRUE(Inspection().GetConclusionNotice(AdminContext().get(), get, &reread).ok());
    // Exactly what was sent, every section and task in order, Vietnamese intact.
    v1::ConclusionNotice expected = sent;
    expected.set_name(notice.name());
    expected.set_revision(1);
    EXPECT_EQ(reread.SerializeAsString(), expected.SerializeAsString())
        << reread.DebugString() << "\nexpected\n" << expected.DebugString();
    ASSERT_EQ(reread.strengths_size(), 3);
    ASSERT_EQ(reread.shortcomings_size(), 4);
    ASSERT_EQ(reread.causes_size(), 4);
    ASSERT_EQ(reread.required_tasks_size(), 6);
    EXPECT_EQ(reread.required_tasks(2).assignee(), "Ban Tổ chức Đảng ủy khối");
    ExpectDate(reread.required_tasks(2).due_date(), MakeDate(2019, 9, 30), "task 3 due");
    ASSERT_EQ(reread.distribution_size(), 5);
    EXPECT_EQ(reread.distribution(0), "Ban Thường vụ Tỉnh ủy");
    EXPECT_EQ(reread.distribution(4), "Lưu: VPĐUK, Hồ sơ cuộc giám sát");
  }
  in = Get(name);
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_NOTICE_ISSUED);
  EXPECT_EQ(in.conclusion_notice().number(), "140-TB/ĐUK");

  // Theo dõi thực hiện kết luận: every task, in the order the bodies finished them.
  ASSERT_TRUE(Advance(in, v1::INSPECTION_STAGE_FOLLOW_UP, MakeDate(2019, 6, 14)).ok());
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_FOLLOW_UP);
  const std::vector<std::pair<int, google::type::Date>> completions = {
      {3, MakeDate(2019, 8, 20)}, {4, MakeDate(2019, 9, 25)}, {1, MakeDate(2019, 11, 29)},
      {2, MakeDate(2019, 12, 20)}, {6, MakeDate(2019, 12, 26)}, {5, MakeDate(2019, 12, 30)}};
  for (size_t i = 0; i < completions.size(); ++i) {
    // Closing is refused while a task is open.
    if (i == completions.size() - 1) {
      v1::Inspection early = in;
      st = Advance(early, v1::INSPECTION_STAGE_CLOSED, MakeDate(2019, 12, 30));
      EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
      EXPECT_NE(st.error_message().find("task_completions"), std::string::npos)
          << st.error_message();
    }
    v1::RecordTaskCompletionRequest done;
    done.set_inspection(name);
    done.set_etag(in.etag());
    done.set_request_id(RequestId());
    done.mutable_completion()->set_task_number(completions[i].first);
    *done.mutable_completion()->mutable_completed_date() = completions[i].second;
    done.mutable_completion()->set_note("Đã báo cáo kết quả về Ủy ban Kiểm tra Đảng ủy khối");
    st = Inspection().RecordTaskCompletion(AdminContext().get(), done, &in);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ASSERT_EQ(in.task_completions_size(), static_cast<int>(i + 1));
    EXPECT_EQ(in.task_completions(static_cast<int>(i)).task_number(), completions[i].first);
    ExpectDate(in.task_completions(static_cast<int>(i)).completed_date(), completions[i].second,
               "completed_date");
  }
  // Nothing of the notice is overdue any more.
  v1::ListOverdueRequest overdue;
  overdue.set_subtree(Bloc().name());
  *overdue.mutable_as_of() = MakeDate(2020, 1, 10);
  v1::ListOverdueResponse late;
  ASSERT_TRUE(Inspection().ListOverdue(AdminContext().get(), overdue, &late).ok());
  for (const v1::OverdueItem& o : late.overdue_items()) EXPECT_NE(o.resource(), name);

  ASSERT_TRUE(Advance(in, v1::INSPECTION_STAGE_CLOSED, MakeDate(2020, 1, 10)).ok());
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_CLOSED);
  ExpectDate(in.closed_date(), MakeDate(2020, 1, 10), "closed_date");

  // Read back whole: every stage's date and the notice in force.
  const v1::Inspection closed = Get(name);
  EXPECT_EQ(closed.SerializeAsString(), in.SerializeAsString());
  EXPECT_EQ(closed.conclusion_notice().revision(), 1);
  EXPECT_EQ(closed.task_completions_size(), 6);

  // Found by subject and by decision date.
  v1::ListInspectionsRequest list;
  list.set_subject(power.name());
  *list.mutable_decided_from() = MakeDate(2019, 1, 1);
  *list.mutable_decided_to() = MakeDate(2019, 12, 31);
  v1::ListInspectionsResponse listed;
  ASSERT_TRUE(Inspection().ListInspections(AdminContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.inspections_size(), 1);
  EXPECT_EQ(listed.inspections(0).name(), name);

  // The change feed holds every step, in order, each with the inspection as it then stood.
  struct Step {
    std::string verb;
    v1::InspectionStage stage;
  };
  const std::vector<Step> steps = {
      {"created", v1::INSPECTION_STAGE_PLANNED},
      {"updated", v1::INSPECTION_STAGE_PLANNED},
      {"stage_changed", v1::INSPECTION_STAGE_DECIDED},
      {"stage_changed", v1::INSPECTION_STAGE_IN_PROGRESS},
      {"findings_recorded", v1::INSPECTION_STAGE_IN_PROGRESS},
      {"outcomes_recorded", v1::INSPECTION_STAGE_IN_PROGRESS},
      {"stage_changed", v1::INSPECTION_STAGE_REPORTED},
      {"stage_changed", v1::INSPECTION_STAGE_CONCLUDED},
      {"notice_issued", v1::INSPECTION_STAGE_NOTICE_ISSUED},
      {"stage_changed", v1::INSPECTION_STAGE_FOLLOW_UP},
      {"task_completed", v1::INSPECTION_STAGE_FOLLOW_UP},
      {"task_completed", v1::INSPECTION_STAGE_FOLLOW_UP},
      {"task_completed", v1::INSPECTION_STAGE_FOLLOW_UP},
      {"task_completed", v1::INSPECTION_STAGE_FOLLOW_UP},
      {"task_completed", v1::INSPECTION_STAGE_FOLLOW_UP},
      {"task_completed", v1::INSPECTION_STAGE_FOLLOW_UP},
      {"stage_changed", v1::INSPECTION_STAGE_CLOSED},
  };
  const std::vector<dangbo::type::v1::Change> changes = ChangesOf(name, head);
  ASSERT_EQ(changes.size(), steps.size());
  for (size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(changes[i].change_type(), "dangbo.inspection.v1.Inspection." + steps[i].verb)
        << "change " << i;
    if (i > 0) {
      EXPECT_GT(changes[i].sequence(), changes[i - 1].sequence());
    }
    v1::Inspection payload;
    ASSERT_TRUE(changes[i].payload().UnpackTo(&payload)) << "change " << i;
    EXPECT_EQ(payload.name(), name);
    EXPECT_EQ(payload.stage(), steps[i].stage) << "change " << i;
  }
  v1::Inspection last;
  ASSERT_TRUE(changes.back().payload().UnpackTo(&last));
  EXPECT_EQ(last.SerializeAsString(), closed.SerializeAsString());
  // The programme changed once more: its item now names the supervision.
  const std::vector<dangbo::type::v1::Change> programme_changes =
      ChangesOf(programme.name(), head);
  ASSERT_EQ(programme_changes.size(), 2u);
  EXPECT_EQ(programme_changes[0].change_type(), "dangbo.inspection.v1.Programme.created");
  EXPECT_EQ(programme_changes[1].change_type(), "dangbo.inspection.v1.Programme.updated");
  EXPECT_GT(programme_changes[1].sequence(), changes[0].sequence())
      << "committed with the inspection's creation, after it in the feed";
  EXPECT_LT(programme_changes[1].sequence(), changes[1].sequence());
}

}  // namespace
}  // namespace dangbo::inspection::testing
