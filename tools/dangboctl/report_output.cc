#include "tools/dangboctl/report_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"

namespace dangbo::ctl {
namespace {

absl::Status SystemError(absl::string_view what, const std::string& path, int error) {
  return absl::InternalError(
      absl::StrCat("--output=", path, ": ", what, ": ", std::strerror(error)));
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseNameOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

absl::Status WriteAll(int fd, absl::string_view contents, const std::string& path) {
  while (!contents.empty()) {
    const ssize_t written = ::write(fd, contents.data(), contents.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return SystemError("cannot write", path, errno);
    }
    contents.remove_prefix(static_cast<size_t>(written));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, absl::string_view contents) {
  if (path.empty() || path.back() == '/') {
    return absl::InvalidArgumentError(absl::StrCat("--output=", path, ": not a file name"));
  }
  const std::string directory = DirectoryOf(path);
  // In the same directory, so the rename never crosses file systems; hidden, so a job picking up
  // reports by name does not take it for one.
  std::string temporary = absl::StrCat(directory, "/.", BaseNameOf(path), ".XXXXXX");
  std::vector<char> name(temporary.begin(), temporary.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return SystemError("cannot create a file in " + directory, path, errno);
  temporary.assign(name.data());

  auto fail = [&](absl::Status status) {
    ::close(fd);
    ::unlink(temporary.c_str());
    return status;
  };
  struct stat existing;
  const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
  if (::fchmod(fd, mode) != 0) return fail(SystemError("cannot set permissions", path, errno));
  if (absl::Status status = WriteAll(fd, contents, path); !status.ok()) return fail(status);
  if (::fsync(fd) != 0) return fail(SystemError("cannot flush to disk", path, errno));
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return SystemError("cannot close", path, error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return SystemError("cannot replace", path, error);
  }
  // The rename itself survives a crash only once the directory is on disk too.
  const int directory_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (directory_fd >= 0) {
    (void)::fsync(directory_fd);
    ::close(directory_fd);
  }
  return absl::OkStatus();
}

}  // namespace dangbo::ctl
