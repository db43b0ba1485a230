// Seed 001's headline paragraph reproduced exactly: an upper-level committee with 1,160
// organizations and 7,124 members built through membership's API, a year's thematic
// inspections and supervisions and its discipline recorded through inspection's, followed by
// the reporting service, and the report printed by `dangboctl report`.
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/reporting/e2e/reporting_fixture.h"
#include "tools/dangboctl/dangboctl.h"

namespace dangbo::reporting::testing {
namespace {

using inspection::testing::DaysFromToday;
using inspection::testing::MakeDate;

constexpr int kGrassroots = 40;
constexpr int kCellsPerGrassroots = 28;
constexpr int kMembers = 7124;

class Seed001Test : public ReportingE2E {
 protected:
  // Imports `count` full members spread over `cells`, and returns their names.
  static std::vector<std::string> ImportMembers(const std::vector<mv1::Organization>& cells,
                                                int count, const mv1::Organization& subtree) {
    mv1::ImportMembersResponse response;
    auto ctx = AdminContext();
    auto writer = Membership().ImportMembers(ctx.get(), &response);
    mv1::ImportMembersRequest message;
    message.set_request_id(RequestId());
    for (int i = 0; i < count; ++i) {
      mv1::ImportRow* row = message.add_rows();
      row->set_row_number(i + 1);
      row->set_initial_state(mv1::MEMBER_STATE_FULL);
      mv1::Member* m = row->mutable_member();
      m->set_organization(cells[i % cells.size()].name());
      m->set_full_name(absl::StrCat("Đảng Viên Số ", i + 1));
      m->set_gender(i % 3 == 0 ? mv1::GENDER_FEMALE : mv1::GENDER_MALE);
      m->mutable_personal_data()->set_citizen_id(absl::StrFormat("0019%08d", i));
      *m->mutable_personal_data()->mutable_birth_date() = MakeDate(1975 + i % 25, 1 + i % 12, 5);
      *m->mutable_admission_decision_date() = MakeDate(2010, 4, 1);
      *m->mutable_admission_ceremony_date() = MakeDate(2010, 4, 15);
      *m->mutable_full_member_date() = MakeDate(2011, 4, 15);
      if (message.rows_size() == 1000) {
        EXPECT_TRUE(writer->Write(message));
        message = mv1::ImportMembersRequest();
      }
    }
    if (message.rows_size() > 0) {
      EXPECT_TRUE(writer->Write(message));
    }
    writer->WritesDone();
    grpc::Status st = writer->Finish();
    EXPECT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(response.created(), count) << response.ShortDebugString().substr(0, 2000);

    std::vector<std::string> names;
    mv1::ListMembersRequest list;
    list.set_subtree(subtree.name());
    list.set_page_size(1000);
    for (;;) {
      mv1::ListMembersResponse page;
      st = Membership().ListMembers(AdminContext().get(), list, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      for (const mv1::Member& m : page.members()) names.push_back(m.name());
      if (page.next_page_token().empty()) break;
      list.set_page_token(page.next_page_token());
    }
    return names;
  }

  // Inspections of `type` by the standing committee, of these subjects, at most 1,000 each.
  static std::vector<iv1::Inspection> InspectAll(const std::vector<std::string>& subjects,
                                                 iv1::InspectionType type) {
    std::vector<iv1::Inspection> out;
    for (size_t start = 0; start < subjects.size(); start += 1000) {
      const size_t end = std::min(subjects.size(), start + 1000);
      out.push_back(DecidedInspection(
          std::vector<std::string>(subjects.begin() + start, subjects.begin() + end), type,
          iv1::CONDUCTING_BODY_STANDING_COMMITTEE));
    }
    return out;
  }

  static void Decide(const std::string& subject, const std::string& deciding,
                     iv1::DecidingBody body) {
    iv1::CreateDisciplinaryDecisionRequest req;
    req.set_request_id(RequestId());
    iv1::DisciplinaryDecision* d = req.mutable_disciplinary_decision();
    d->set_subject(subject);
    d->set_form(iv1::DISCIPLINE_FORM_REPRIMAND);
    d->set_deciding_organization(deciding);
    d->set_deciding_body(body);
    d->set_number(absl::StrCat(RequestId(), "-QĐ/KL"));
    *d->mutable_decision_date() = DaysFromToday(-10);
    *d->add_violation_dates() = DaysFromToday(-300);
    d->set_violation_category(iv1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
    d->set_reasons("Vi phạm quy định về quản lý tài chính");
    iv1::DisciplinaryDecision out;
    grpc::Status st = Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &out);
    ASSERT_TRUE(st.ok()) << subject << ": " << st.error_message();
  }
};

TEST_F(Seed001Test, TheHeadlineParagraphIsReproducedExactly) {
  const mv1::Organization group = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng ủy Tập đoàn Số Liệu Mẫu");
  std::vector<mv1::Organization> grassroots;
  std::vector<mv1::Organization> cells;
  for (int g = 0; g < kGrassroots; ++g) {
    grassroots.push_back(CreateOrganization(group.name(),
                                            mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE,
                                            absl::StrCat("Đảng bộ Công ty Thành viên ", g + 1)));
    for (int c = 0; c < kCellsPerGrassroots; ++c) {
      cells.push_back(CreateOrganization(grassroots.back().name(), mv1::ORGANIZATION_KIND_CELL,
                                         absl::StrCat("Chi bộ ", g + 1, ".", c + 1)));
    }
  }
  const std::vector<std::string> members = ImportMembers(cells, kMembers, group);
  ASSERT_EQ(members.size(), static_cast<size_t>(kMembers));
  std::vector<std::string> organizations;
  for (const auto& g : grassroots) organizations.push_back(g.name());
  for (const auto& c : cells) organizations.push_back(c.name());  // 40 + 1,120 = 1,160

  // Thematic inspections of 1,126 organizations and 7,124 members.
  std::vector<std::string> inspected(organizations.begin(), organizations.begin() + 1126);
  inspected.insert(inspected.end(), members.begin(), members.end());
  std::vector<iv1::Inspection> inspections =
      InspectAll(inspected, iv1::INSPECTION_TYPE_THEMATIC_INSPECTION);
  // Found with shortcomings: two organizations and one member, all in the first inspection.
  iv1::Inspection first = Advance(inspections[0], iv1::INSPECTION_STAGE_IN_PROGRESS);
  Outcomes(first, {{inspected[0], iv1::SUBJECT_OUTCOME_SHORTCOMINGS},
                   {inspected[1], iv1::SUBJECT_OUTCOME_SHORTCOMINGS},
                   {inspected[2], iv1::SUBJECT_OUTCOME_GOOD}});
  iv1::Inspection last = Advance(inspections.back(), iv1::INSPECTION_STAGE_IN_PROGRESS);
  Outcomes(last, {{members.back(), iv1::SUBJECT_OUTCOME_SHORTCOMINGS}});

  // Thematic supervisions of 1,096 organizations and 5,627 members.
  std::vector<std::string> supervised(organizations.end() - 1096, organizations.end());
  supervised.insert(supervised.end(), members.begin(), members.begin() + 5627);
  InspectAll(supervised, iv1::INSPECTION_TYPE_THEMATIC_SUPERVISION);

  // Discipline: 15 cells reprimanded by their grassroots committee, 296 members by their cell.
  for (int i = 0; i < 15; ++i) {
    Decide(cells[i * kCellsPerGrassroots].name(), grassroots[i].name(),
           iv1::DECIDING_BODY_GRASSROOTS_EXECUTIVE);
  }
  for (int i = 0; i < 296; ++i) {
    // Members were spread over the cells in turn, so member i sits in cells[i % cells].
    mv1::GetMemberRequest get;
    get.set_name(members[i]);
    mv1::Member member;
    ASSERT_TRUE(Membership().GetMember(AdminContext().get(), get, &member).ok());
    Decide(member.name(), member.organization(), iv1::DECIDING_BODY_CELL);
  }
  WaitCaughtUp();

  const std::string kHeadline =
      "Cấp ủy các cấp đã tiến hành kiểm tra 1.126 tổ chức Đảng, 7.124 đảng viên; giám sát "
      "chuyên đề đối với 1.096 tổ chức Đảng, 5.627 đảng viên. Trong đó, phát hiện 2 tổ chức "
      "Đảng, 1 đảng viên thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra; thi hành kỷ luật "
      "với 15 tổ chức Đảng, 296 đảng viên.";
  const rv1::Period period = LastDays(60);
  std::ostringstream out, err;
  const int code = ctl::RunDangboctl(
      {absl::StrCat("--membership=", MembershipTarget()),
       absl::StrCat("--inspection=", InspectionTarget()), absl::StrCat("--token=", AdminToken()),
       "report", absl::StrCat("--reporting=", ReportingService().target()),
       absl::StrCat("--scope=", group.name()),
       absl::StrFormat("--period=range:%04d-%02d-%02d..%04d-%02d-%02d", period.start_date().year(),
                       period.start_date().month(), period.start_date().day(),
                       period.end_date().year(), period.end_date().month(),
                       period.end_date().day()),
       "--format=markdown", "--wait_for_sources"},
      out, err);
  ASSERT_EQ(code, 0) << err.str();
  EXPECT_NE(out.str().find(kHeadline), std::string::npos) << out.str().substr(0, 3000);
  EXPECT_NE(out.str().find("Đảng ủy Tập đoàn Số Liệu Mẫu"), std::string::npos);
}

}  // namespace
}  // namespace dangbo::reporting::testing
