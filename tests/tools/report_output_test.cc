#include "tools/dangboctl/report_output.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class WriteFileAtomicallyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = absl::StrCat(::testing::TempDir(), "/report_output_", info->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }

  std::string Path(const std::string& name) const { return absl::StrCat(directory_, "/", name); }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
  }

  static mode_t Mode(const std::string& path) {
    struct stat st;
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
  }

  // Every entry of the directory, hidden ones included.
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    DIR* dir = ::opendir(directory_.c_str());
    if (dir == nullptr) return names;
    while (const dirent* entry = ::readdir(dir)) {
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string directory_;
};

TEST_F(WriteFileAtomicallyTest, NewFile_HoldsTheWholeReportAndIsReadableByAll) {
  const std::string report =
      "# Báo cáo\n\nCấp ủy các cấp đã tiến hành kiểm tra 1.126 tổ chức Đảng\n";
  ASSERT_TRUE(WriteFileAtomically(Path("2022.md"), report).ok());
  EXPECT_EQ(Read(Path("2022.md")), report);
  EXPECT_EQ(Mode(Path("2022.md")), 0644u);
  EXPECT_THAT(Entries(), ElementsAre("2022.md"));
}

TEST_F(WriteFileAtomicallyTest, ExistingFile_IsReplacedWholeAndKeepsItsPermissions) {
  std::ofstream(Path("2022.csv")) << "an older, much longer report that must not leave a tail\n";
  ASSERT_EQ(::chmod(Path("2022.csv").c_str(), 0600), 0);
  ASSERT_TRUE(WriteFileAtomically(Path("2022.csv"), "section,key\n").ok());
  EXPECT_EQ(Read(Path("2022.csv")), "section,key\n");
  EXPECT_EQ(Mode(Path("2022.csv")), 0600u);
  EXPECT_THAT(Entries(), ElementsAre("2022.csv"));
}

TEST_F(WriteFileAtomicallyTest, LargeReport_IsWrittenInFull) {
  const std::string report(5 << 20, 'x');
  ASSERT_TRUE(WriteFileAtomically(Path("big.json"), report).ok());
  EXPECT_EQ(Read(Path("big.json")).size(), report.size());
}

TEST_F(WriteFileAtomicallyTest, MissingDirectory_FailsNamingTheFileAndCreatesNothing) {
  const std::string path = Path("no_such_directory/2022.md");
  absl::Status status = WriteFileAtomically(path, "report");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("--output=" + path));
  EXPECT_THAT(std::string(status.message()), HasSubstr("No such file or directory"));
  EXPECT_TRUE(Entries().empty());
}

TEST_F(WriteFileAtomicallyTest, ADirectoryInTheWay_LeavesItAndNoTemporaryFile) {
  ASSERT_EQ(::mkdir(Path("2022.md").c_str(), 0755), 0);
  EXPECT_FALSE(WriteFileAtomically(Path("2022.md"), "report").ok());
  EXPECT_THAT(Entries(), ElementsAre("2022.md"));
  struct stat st;
  ASSERT_EQ(::stat(Path("2022.md").c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
}

TEST_F(WriteFileAtomicallyTest, NameEndingInASlash_IsNotAFile) {
  EXPECT_EQ(WriteFileAtomically(Path("reports/"), "x").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteFileAtomically("", "x").code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dangbo::ctl
