#include "common/auth/token_file.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace dangbo::auth {
namespace {

std::string WriteTemp(const std::string& text) {
  char path[] = "/tmp/dangbo-token-XXXXXX";
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << text;
  return path;
}

TEST(ReadTokenFile, NamedFile_IsReadWithWhiteSpaceTrimmed) {
  const std::string path = WriteTemp("  eyJ.token.sig\n");
  absl::StatusOr<std::string> token = ReadTokenFile(path);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "eyJ.token.sig");
  std::remove(path.c_str());
}

TEST(ReadTokenFile, NoPath_FallsBackToTheEnvironment) {
  const std::string path = WriteTemp("from-env\n");
  setenv("DANGBO_TOKEN_FILE", path.c_str(), 1);
  absl::StatusOr<std::string> token = ReadTokenFile("");
  unsetenv("DANGBO_TOKEN_FILE");
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "from-env");
  std::remove(path.c_str());
}

TEST(ReadTokenFile, NothingNamed_IsEmpty) {
  unsetenv("DANGBO_TOKEN_FILE");
  absl::StatusOr<std::string> token = ReadTokenFile("");
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(token->empty());
}

TEST(ReadTokenFile, MissingFile_IsInvalidArgumentNamingIt) {
  absl::StatusOr<std::string> token = ReadTokenFile("/nonexistent/dangbo.token");
  EXPECT_TRUE(absl::IsInvalidArgument(token.status()));
  EXPECT_NE(token.status().message().find("/nonexistent/dangbo.token"), absl::string_view::npos);
}

}  // namespace
}  // namespace dangbo::auth
