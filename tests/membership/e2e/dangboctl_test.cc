// dangboctl against the real service: what an administrator types, what comes back.
#include "tools/dangboctl/dangboctl.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

class DangboctlE2E : public MembershipE2E {
 protected:
  struct Result {
    int exit_code;
    std::string out;
    std::string err;
  };

  static Result Run(std::vector<std::string> args) {
    args.insert(args.begin(), {absl::StrCat("--membership=", Service().target()),
                               absl::StrCat("--token=", AdminToken())});
    std::ostringstream out, err;
    const int code = ctl::RunDangboctl(args, out, err);
    return {code, out.str(), err.str()};
  }
};

TEST_F(DangboctlE2E, CreateAndTree_ShowTheNewOrganizationUnderItsParent) {
  Result upper = Run({"--output=json", "organizations", "create", "--parent", Root().name(),
                      "--kind=upper_level_committee", "--code", absl::StrCat("CLI-", RequestId()),
                      "--display_name=Đảng bộ Tổng công ty Dòng lệnh"});
  ASSERT_EQ(upper.exit_code, 0) << upper.err;
  const size_t at = upper.out.find("organizations/");
  ASSERT_NE(at, std::string::npos) << upper.out;
  const std::string name = upper.out.substr(at, upper.out.find('"', at) - at);
  Result cell =
      Run({"organizations", "create", "--parent", name, "--kind=grassroots_cell", "--code",
           absl::StrCat("CLI-", RequestId()), "--display_name=Chi bộ Dòng lệnh"});
  ASSERT_EQ(cell.exit_code, 0) << cell.err;

  Result tree = Run({"organizations", "tree", name});
  ASSERT_EQ(tree.exit_code, 0) << tree.err;
  EXPECT_NE(tree.out.find("Đảng bộ Tổng công ty Dòng lệnh"), std::string::npos) << tree.out;
  EXPECT_NE(tree.out.find("Chi bộ Dòng lệnh"), std::string::npos) << tree.out;
}

TEST_F(DangboctlE2E, MembersImport_ReportsRefusedRowsByLineAndExitsThree) {
  v1::Organization cell = CreateOrganization(
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE,
                         "Đảng bộ Nhập CSV")
          .name(),
      v1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ Nhập CSV");
  char path[] = "/tmp/dangbo-import-XXXXXX.csv";
  const int fd = mkstemps(path, 4);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    std::ofstream csv(path);
    csv << "citizen_id,organization,full_name,gender,initial_state,admission_decision_date,"
           "admission_ceremony_date,full_member_date\n";
    csv << "001188000001," << cell.name()
        << ",\"Nguyễn Thị Hoa\",female,full,2001-03-02,2001-03-19,2002-03-19\n";
    csv << "001188000002," << cell.name() << ",\"Trần Văn Bình\",male,applicant,,,\n";
    csv << "12345," << cell.name() << ",\"Sai Số Căn Cước\",male,applicant,,,\n";
  }
  Result imported = Run({"members", "import", path});
  EXPECT_EQ(imported.exit_code, 3) << imported.out << imported.err;
  EXPECT_NE(imported.out.find("created 2"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("row 4"), std::string::npos) << imported.err;
  EXPECT_NE(imported.err.find("citizen_id"), std::string::npos) << imported.err;

  Result listed = Run({"--output=csv", "members", "list", "--subtree", cell.name()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("Nguyễn Thị Hoa"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("Trần Văn Bình"), std::string::npos) << listed.out;
  std::remove(path);
}

TEST_F(DangboctlE2E, SplitMovesTheNamedMembersToTheNewCell) {
  const v1::Organization upper = CreateOrganization(
      Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE, "Đảng bộ Tách dòng lệnh");
  const v1::Organization source = CreateOrganization(
      upper.name(), v1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ cơ sở Tách");
  const v1::Organization cell =
      CreateOrganization(source.name(), v1::ORGANIZATION_KIND_CELL, "Chi bộ Phân xưởng Tách");
  const v1::Member staying = CreateFullMember(cell.name(), "Lê Văn Ở Lại", 2001);
  const v1::Member moving = CreateFullMember(cell.name(), "Lê Văn Sang Mới", 2002);
  char path[] = "/tmp/dangbo-split-XXXXXX.json";
  const int fd = mkstemps(path, 5);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    std::ofstream json(path);
    // Bare ids are accepted for the parent and the members, as everywhere in dangboctl.
    json << absl::StrFormat(
        R"({"parts": [{"organization": {"code": "%s", "displayName": "Chi bộ Tách mới",
            "kind": "ORGANIZATION_KIND_CELL", "parent": "%d"}, "members": ["%d"]}]})",
        absl::StrCat("CLI-", RequestId()), IdOf(source.name()), IdOf(moving.name()));
  }
  Result split = Run({"--output=csv", "organizations", "split", cell.name(), "--parts_file", path,
                      "--effective_date=2026-04-01", "--decision_number=31-QĐ/ĐU",
                      "--decision_date=2026-04-01"});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  EXPECT_NE(split.out.find("Chi bộ Tách mới"), std::string::npos) << split.out;
  const size_t at = split.out.find("organizations/");
  ASSERT_NE(at, std::string::npos) << split.out;
  const std::string created = split.out.substr(at, split.out.find(',', at) - at);

  v1::GetMemberRequest get;
  v1::Member read;
  get.set_name(moving.name());
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &read).ok());
  EXPECT_EQ(read.organization(), created);
  get.set_name(staying.name());
  ASSERT_TRUE(Stub().GetMember(AdminContext().get(), get, &read).ok());
  EXPECT_EQ(read.organization(), cell.name());

  Result no_parts = Run({"organizations", "split", cell.name()});
  EXPECT_EQ(no_parts.exit_code, 2);  // A usage error, found before any call.
  EXPECT_NE(no_parts.err.find("--parts_file"), std::string::npos) << no_parts.err;
  std::remove(path);
}

TEST_F(DangboctlE2E, EventsRecordAndList_ThenDueActionsOfTheSubtree) {
  const v1::Organization cell = CreateOrganization(
      CreateOrganization(Root().name(), v1::ORGANIZATION_KIND_UPPER_LEVEL_COMMITTEE,
                         "Đảng bộ Sự kiện dòng lệnh")
          .name(),
      v1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ Sự kiện dòng lệnh");
  const v1::Member applicant = CreateApplicant(cell.name(), "Phùng Thị Kết Nạp");
  Result admit = Run({"events", "record", applicant.name(), "--type=admit",
                      "--effective_date=2025-02-03", "--ceremony_date=2025-02-10",
                      "--decision_number=12-QĐ/ĐU", "--decision_date=2025-02-03"});
  ASSERT_EQ(admit.exit_code, 0) << admit.err;
  EXPECT_NE(admit.out.find("PROBATIONARY"), std::string::npos) << admit.out;

  Result refused = Run({"events", "record", applicant.name(), "--type=recognize_full",
                        "--effective_date=2025-06-01", "--decision_number=13-QĐ/ĐU"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("FAILED_PRECONDITION"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("effective_date"), std::string::npos) << refused.err;

  Result history = Run({"--output=csv", "events", "list", applicant.name()});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("ADMIT"), std::string::npos) << history.out;
  EXPECT_EQ(history.out.find("RECOGNIZE_FULL"), std::string::npos) << history.out;

  // Probation ended on 2026-02-10: the recognition is overdue.
  Result due = Run({"--output=json", "due", "list", "--subtree", cell.name(), "--horizon=30"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_NE(due.out.find(applicant.name()), std::string::npos) << due.out;
  EXPECT_NE(due.out.find("KIND_RECOGNITION"), std::string::npos) << due.out;
  EXPECT_NE(due.out.find("\"overdue\":true"), std::string::npos) << due.out;
}

TEST_F(DangboctlE2E, BadInput_ExitsOneWithTheFieldNamed) {
  Result bad = Run({"members", "get", "members/0"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("INVALID_ARGUMENT"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("name"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace dangbo::membership::testing
