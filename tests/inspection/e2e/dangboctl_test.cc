// dangboctl against the real inspection service: an inspection created with its subjects from a
// CSV, outcomes recorded in bulk from a CSV, the stages, a decision, the rules, the overdue list,
// past work imported from a JSON-lines file.
#include "tools/dangboctl/dangboctl.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

class DangboctlInspectionTest : public InspectionE2E {
 protected:
  struct Result {
    int exit_code;
    std::string out;
    std::string err;
  };

  static Result Run(std::vector<std::string> args) {
    args.insert(args.begin(), {absl::StrCat("--inspection=", InspectionTarget()),
                               absl::StrCat("--membership=", MembershipTarget()),
                               absl::StrCat("--token=", AdminToken())});
    std::ostringstream out, err;
    const int code = ctl::RunDangboctl(args, out, err);
    return {code, out.str(), err.str()};
  }

  static std::string WriteCsv(const std::string& text) {
    char path[] = "/tmp/dangbo-inspection-XXXXXX.csv";
    const int fd = mkstemps(path, 4);
    EXPECT_GE(fd, 0);
    close(fd);
    std::ofstream(path) << text;
    return path;
  }

  // The first "inspections/N" in a JSON line.
  static std::string InspectionName(const std::string& json) {
    const size_t at = json.find("inspections/");
    if (at == std::string::npos) return "";
    size_t end = at + 12;
    while (end < json.size() && isdigit(static_cast<unsigned char>(json[end]))) ++end;
    return json.substr(at, end - at);
  }

  static std::string Date(const google::type::Date& d) {
    return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
  }
};

TEST_F(DangboctlInspectionTest, AnInspectionFromACsvOfSubjectsThroughItsStages) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Dòng Lệnh");
  const mv1::Member a = CreateFullMember(company.name(), "Nguyễn Văn Một");
  const mv1::Member b = CreateFullMember(company.name(), "Nguyễn Thị Hai");
  const mv1::Member leader = CreateFullMember(Bloc().name(), "Trần Văn Trưởng Đoàn");

  const std::string subjects =
      WriteCsv(absl::StrCat("subject,committee_member\n", company.name(), ",false\n", a.name(),
                            ",true\n", b.name(), ",false\n"));
  Result created =
      Run({"--output=json", "inspections", "create", "--type=thematic_inspection",
           "--conducting_body=standing_committee", "--conducting_level=provincial",
           absl::StrCat("--conducting_organization=", Bloc().name()),
           "--content=Kiểm tra việc thực hiện Nghị quyết Đại hội", "--period_start=2024-01-01",
           "--period_end=2025-06-30", "--planned_duration_working_days=30",
           absl::StrCat("--team=", leader.name(), "|Trần Văn Trưởng Đoàn|leader"),
           absl::StrCat("--subjects_csv=", subjects), "--decision_number=88-QĐ/ĐUK",
           absl::StrCat("--decision_date=", Date(DaysFromToday(-20)))});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string name = InspectionName(created.out);
  ASSERT_FALSE(name.empty()) << created.out;
  EXPECT_NE(created.out.find("INSPECTION_STAGE_DECIDED"), std::string::npos) << created.out;

  ASSERT_EQ(Run({"inspections", "advance", name, "--stage=in_progress"}).exit_code, 0);
  const std::string outcomes = WriteCsv(absl::StrCat(company.name(), ",good\n", a.name(),
                                                     ",shortcomings\n", b.name(), ",violation\n"));
  Result recorded = Run({"inspections", "outcomes", name, outcomes});
  ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
  ASSERT_EQ(Run({"inspections", "advance", name, "--stage=reported"}).exit_code, 0);
  Result concluded = Run({"inspections", "advance", name, "--stage=concluded"});
  ASSERT_EQ(concluded.exit_code, 0) << concluded.err;

  v1::GetInspectionRequest get;
  get.set_name(name);
  v1::Inspection in;
  ASSERT_TRUE(Inspection().GetInspection(AdminContext().get(), get, &in).ok());
  EXPECT_EQ(in.stage(), v1::INSPECTION_STAGE_CONCLUDED);
  ASSERT_EQ(in.subjects_size(), 3);
  EXPECT_TRUE(in.subjects(1).committee_member());
  EXPECT_EQ(in.subjects(1).outcome(), v1::SUBJECT_OUTCOME_SHORTCOMINGS);
  EXPECT_EQ(in.subjects(2).outcome(), v1::SUBJECT_OUTCOME_VIOLATION);

  // A bad row is refused before anything is sent, naming its line.
  const std::string bad = WriteCsv(absl::StrCat(a.name(), ",excellent\n"));
  Result refused = Run({"inspections", "outcomes", name, bad});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("excellent"), std::string::npos) << refused.err;

  Result listed =
      Run({"--output=csv", "inspections", "list", absl::StrCat("--subject=", a.name())});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(name), std::string::npos) << listed.out;
}

TEST_F(DangboctlInspectionTest, DecisionsRulesAndTheirRefusals) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Kỷ Luật CLI");
  const mv1::Member probationary = CreateProbationaryMember(company.name(), "Lê Thị Dự Bị");
  std::vector<std::string> args = {"decisions",
                                   "create",
                                   absl::StrCat("--subject=", probationary.name()),
                                   absl::StrCat("--deciding_organization=", Bloc().name()),
                                   "--deciding_body=upper_inspection_committee",
                                   "--number=15-QĐ/UBKT",
                                   absl::StrCat("--decision_date=", Date(DaysFromToday(-2))),
                                   absl::StrCat("--violation_date=", Date(DaysFromToday(-60))),
                                   "--violation_category=party_activity",
                                   "--reasons=Không đóng đảng phí 3 tháng liền",
                                   "--form=expulsion"};
  Result refused = Run(args);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("FAILED_PRECONDITION"), std::string::npos) << refused.err;
  args.back() = "--form=warning";
  Result created = Run(args);
  ASSERT_EQ(created.exit_code, 0) << created.err;

  Result listed =
      Run({"--output=json", "decisions", "list", absl::StrCat("--subject=", probationary.name())});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("DISCIPLINE_FORM_WARNING"), std::string::npos) << listed.out;

  Result rules = Run({"--output=json", "rules", "get", "1930-02-03"});
  ASSERT_EQ(rules.exit_code, 0) << rules.err;
  EXPECT_NE(rules.out.find("\"reprimandLimitationYears\":5"), std::string::npos) << rules.out;

  Result overdue = Run({"overdue", "list", absl::StrCat("--subtree=", Bloc().name())});
  EXPECT_EQ(overdue.exit_code, 0) << overdue.err;
}

TEST_F(DangboctlInspectionTest, PastWorkImportedFromAJsonLinesFile) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Nhập Liệu");
  const mv1::Organization cell =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Nhập Liệu");
  const mv1::Member full = CreateFullMember(cell.name(), "Phan Văn Chính Thức");
  const mv1::Member probationary = CreateProbationaryMember(cell.name(), "Phan Văn Dự Bị");
  auto line = [&](const std::string& key, const std::string& member, v1::DisciplineForm form) {
    v1::InspectionWorkRecord record;
    record.set_source_key(key);
    v1::DisciplinaryDecision* d =
        record.add_disciplinary_decisions()->mutable_disciplinary_decision();
    d->set_subject(member);
    d->set_form(form);
    d->set_deciding_organization(Bloc().name());
    d->set_deciding_body(v1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE);
    d->set_number(absl::StrCat(RequestId(), "-QĐ/UBKTĐUK"));
    *d->mutable_decision_date() = DaysFromToday(-100);
    *d->add_violation_dates() = DaysFromToday(-300);
    d->set_violation_category(v1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
    d->set_reasons("Vi phạm quy định về quản lý tài chính");
    std::string json;
    EXPECT_TRUE(google::protobuf::util::MessageToJsonString(record, &json).ok());
    return json + "\n";
  };
  const std::string prefix = RequestId();
  const std::string good = line(prefix + "/1", full.name(), v1::DISCIPLINE_FORM_WARNING);
  const std::string refused =
      line(prefix + "/2", probationary.name(), v1::DISCIPLINE_FORM_EXPULSION);

  // A line that does not parse stops the import before anything is sent.
  Result typo = Run({"inspections", "import", WriteCsv(good + "\n{\"sourceKey\": 7,\n")});
  EXPECT_EQ(typo.exit_code, 3) << typo.err;
  EXPECT_NE(typo.err.find("row 3"), std::string::npos) << typo.err;
  EXPECT_NE(typo.err.find("nothing was sent"), std::string::npos) << typo.err;

  const std::string file = WriteCsv(good + refused);
  Result first = Run({"inspections", "import", file});
  EXPECT_EQ(first.exit_code, 3) << first.err;
  EXPECT_NE(first.err.find(absl::StrCat(
                "row 2, ", prefix, "/2 disciplinary_decisions[0].disciplinary_decision.form: ")),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.out.find("imported 1 (0 inspections, 1 decisions, 0 appeals)"), std::string::npos)
      << first.out;
  Result again = Run({"inspections", "import", WriteCsv(good)});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(
      again.out.find("imported 0 (0 inspections, 0 decisions, 0 appeals), already imported 1"),
      std::string::npos)
      << again.out;
}

}  // namespace
}  // namespace dangbo::inspection::testing
