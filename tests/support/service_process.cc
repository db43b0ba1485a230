#include "tests/support/service_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace dangbo::testing {
namespace {

absl::StatusOr<int> WaitExit(pid_t pid, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError(absl::StrCat("process ", pid, " did not exit in time"));
}

}  // namespace

int PickFreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

ServiceProcess::ServiceProcess(std::string binary, std::vector<std::string> args,
                               std::string log_dir)
    : binary_(std::move(binary)),
      args_(std::move(args)),
      log_file_(absl::StrCat(log_dir, "/", binary_.substr(binary_.rfind('/') + 1), "-", getpid(),
                             "-", PickFreePort(), ".log")),
      port_(PickFreePort()) {}

ServiceProcess::~ServiceProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string ServiceProcess::target() const { return absl::StrCat("127.0.0.1:", port_); }

std::shared_ptr<grpc::Channel> ServiceProcess::channel() const {
  return grpc::CreateChannel(target(), grpc::InsecureChannelCredentials());
}

absl::StatusOr<pid_t> ServiceProcess::Spawn(const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv_storage = {binary_};
  argv_storage.insert(argv_storage.end(), args_.begin(), args_.end());
  argv_storage.push_back(absl::StrCat("--listen=127.0.0.1:", port_));
  argv_storage.insert(argv_storage.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    // The service must not outlive the test that started it, even when the test crashes.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) _exit(127);  // the test died between fork and prctl
    int fd = open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDERR_FILENO);
      dup2(fd, STDOUT_FILENO);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

absl::Status ServiceProcess::WaitServing(absl::Duration timeout) {
  auto stub = grpc::health::v1::Health::NewStub(channel());
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(absl::StrCat(binary_, " exited while starting:\n", LogTail()));
    }
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    if (stub->Check(&ctx, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return absl::OkStatus();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(binary_, " did not become SERVING:\n", LogTail()));
}

absl::Status ServiceProcess::Start(absl::Duration timeout) {
  if (pid_ > 0) return absl::FailedPreconditionError("already running");
  absl::StatusOr<pid_t> pid = Spawn({});
  if (!pid.ok()) return pid.status();
  pid_ = *pid;
  return WaitServing(timeout);
}

absl::Status ServiceProcess::Kill() {
  if (pid_ <= 0) return absl::FailedPreconditionError("not running");
  kill(pid_, SIGKILL);
  absl::StatusOr<int> code = WaitExit(pid_, absl::Seconds(10));
  pid_ = -1;
  return code.status();
}

absl::StatusOr<int> ServiceProcess::Terminate(absl::Duration timeout) {
  if (pid_ <= 0) return absl::FailedPreconditionError("not running");
  kill(pid_, SIGTERM);
  absl::StatusOr<int> code = WaitExit(pid_, timeout);
  if (code.ok()) pid_ = -1;
  return code;
}

absl::StatusOr<int> ServiceProcess::RunToExit(const std::vector<std::string>& extra_args,
                                              absl::Duration timeout) {
  absl::StatusOr<pid_t> pid = Spawn(extra_args);
  if (!pid.ok()) return pid.status();
  return WaitExit(*pid, timeout);
}

std::string ServiceProcess::Log() const {
  std::ifstream in(log_file_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ServiceProcess::LogTail(size_t bytes) const {
  std::string log = Log();
  return log.size() > bytes ? log.substr(log.size() - bytes) : log;
}

}  // namespace dangbo::testing
