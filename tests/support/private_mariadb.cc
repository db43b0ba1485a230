#include "tests/support/private_mariadb.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/db/connection_factory.h"
#include "common/db/sql_error.h"

namespace dangbo::testing {
namespace {

// InnoDB sized for tests: small enough to start in well under a second, with the default
// flush-at-every-commit kept so that an acknowledged write survives SIGKILL.
constexpr char kBufferPool[] = "--innodb-buffer-pool-size=128M";
constexpr char kLogFileSize[] = "--innodb-log-file-size=64M";
constexpr absl::Duration kReadyTimeout = absl::Seconds(60);
constexpr int kPortAttempts = 5;

absl::StatusOr<std::string> FindBinary(const std::string& name) {
  std::vector<std::string> dirs;
  if (const char* path = std::getenv("PATH"); path != nullptr) {
    dirs = absl::StrSplit(path, ':', absl::SkipEmpty());
  }
  dirs.push_back("/usr/sbin");
  dirs.push_back("/usr/bin");
  for (const std::string& dir : dirs) {
    std::string candidate = absl::StrCat(dir, "/", name);
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return absl::NotFoundError(absl::StrCat(name, " not found in PATH, /usr/sbin or /usr/bin"));
}

absl::StatusOr<int> FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    const std::string error = std::strerror(errno);
    ::close(fd);
    return absl::InternalError(absl::StrCat("cannot find a free port: ", error));
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool RunningAsRoot() { return ::geteuid() == 0; }

std::string FileTail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  constexpr size_t kTail = 4000;
  return text.size() > kTail ? text.substr(text.size() - kTail) : text;
}

// fork + exec with stdout and stderr appended to `log_file`. Everything the child needs is
// prepared before fork: only async-signal-safe calls may run between fork and exec.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& args, const std::string& log_file) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const int log_fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return absl::InternalError(absl::StrCat("open ", log_file, ": ", std::strerror(errno)));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    // A crashed or killed test must not leave a server behind.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(log_fd);
  return pid;
}

db::Config RootConfig(const std::string& socket) {
  db::Config config;
  config.unix_socket = socket;
  config.user = "root";
  config.connect_timeout = absl::Seconds(2);
  config.read_timeout = absl::Seconds(30);
  config.write_timeout = absl::Seconds(30);
  return config;
}

bool IsPlainName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  }
  return true;
}

// For a single-quoted SQL string literal.
std::string QuoteLiteral(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') quoted.push_back(c);
    quoted.push_back(c);
  }
  quoted.push_back('\'');
  return quoted;
}

absl::Status InstallDatadir(const std::string& datadir, const std::string& log_file) {
  absl::StatusOr<std::string> binary = FindBinary("mariadb-install-db");
  if (!binary.ok()) return binary.status();
  std::vector<std::string> args = {*binary,
                                   "--no-defaults",
                                   absl::StrCat("--datadir=", datadir),
                                   "--auth-root-authentication-method=normal",
                                   "--skip-test-db",
                                   kLogFileSize};
  if (RunningAsRoot()) args.push_back("--user=root");
  absl::StatusOr<pid_t> pid = Spawn(args, log_file);
  if (!pid.ok()) return pid.status();
  int wstatus = 0;
  while (::waitpid(*pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return absl::InternalError(absl::StrCat("mariadb-install-db failed:\n", FileTail(log_file)));
  }
  return absl::OkStatus();
}

// A pristine data directory shared by every PrivateMariaDb of this user on this machine, keyed
// by the server binary so that an upgrade gets a fresh one. Built in a private directory and
// renamed into place, so a concurrent test process sees either nothing or a complete template.
absl::StatusOr<std::string> CachedTemplateDatadir(const std::string& log_file) {
  absl::StatusOr<std::string> server = FindBinary("mariadbd");
  if (!server.ok()) return server.status();
  struct stat binary_stat {};
  if (::stat(server->c_str(), &binary_stat) != 0) {
    return absl::InternalError(absl::StrCat("stat ", *server, ": ", std::strerror(errno)));
  }
  const char* tmp = std::getenv("TMPDIR");
  const std::string cache =
      absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/dangbo-mariadb-template-",
                   ::geteuid(), "-", binary_stat.st_size, "-", binary_stat.st_mtime, "-",
                   &kLogFileSize[std::strlen("--innodb-log-file-size=")]);
  if (::access((cache + "/ready").c_str(), F_OK) == 0) return cache + "/data";

  std::string building = cache + ".XXXXXX";
  if (::mkdtemp(building.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp: ", std::strerror(errno)));
  }
  absl::Status installed = InstallDatadir(building + "/data", log_file);
  if (installed.ok()) std::ofstream(building + "/ready") << "ok\n";
  std::error_code ignored;
  if (!installed.ok() || ::rename(building.c_str(), cache.c_str()) != 0) {
    // Failed, or another process finished first (its template is as good as ours).
    std::filesystem::remove_all(building, ignored);
  }
  if (::access((cache + "/ready").c_str(), F_OK) == 0) return cache + "/data";
  return installed.ok() ? absl::InternalError("cannot publish the template data directory")
                        : installed;
}

}  // namespace

PrivateMariaDb::PrivateMariaDb(std::string root_dir, int port)
    : root_dir_(std::move(root_dir)),
      datadir_(root_dir_ + "/data"),
      socket_(root_dir_ + "/mariadbd.sock"),
      log_file_(root_dir_ + "/mariadbd.log"),
      port_(port) {}

absl::StatusOr<std::unique_ptr<PrivateMariaDb>> PrivateMariaDb::Launch() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/dangbo-mariadb-XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp: ", std::strerror(errno)));
  }
  absl::StatusOr<int> port = FreeLoopbackPort();
  if (!port.ok()) return port.status();
  std::unique_ptr<PrivateMariaDb> server(new PrivateMariaDb(pattern, *port));
  const absl::Time begin = absl::Now();
  if (absl::Status installed = server->Install(); !installed.ok()) return installed;
  // The port was free a moment ago; another process may take it before the server binds.
  absl::Status started;
  for (int attempt = 0; attempt < kPortAttempts; ++attempt) {
    started = server->StartOnce();
    if (started.ok() || !absl::StrContains(server->LogTail(), "Address already in use")) break;
    port = FreeLoopbackPort();
    if (!port.ok()) return port.status();
    server->port_ = *port;
  }
  if (!started.ok()) return started;
  server->last_start_duration_ = absl::Now() - begin;
  return server;
}

PrivateMariaDb::~PrivateMariaDb() {
  // The data is thrown away, so there is nothing for a clean shutdown to protect.
  if (running()) Kill().IgnoreError();
  std::error_code ignored;
  std::filesystem::remove_all(root_dir_, ignored);
}

absl::Status PrivateMariaDb::Install() {
  // Bootstrapping system tables costs seconds of CPU (much more on a loaded CI machine), and
  // every test process needs a server: initialise once per machine and copy the result.
  absl::StatusOr<std::string> cached = CachedTemplateDatadir(log_file_);
  if (cached.ok()) {
    std::error_code error;
    std::filesystem::copy(*cached, datadir_, std::filesystem::copy_options::recursive, error);
    if (!error) return absl::OkStatus();
    std::filesystem::remove_all(datadir_, error);
  }
  return InstallDatadir(datadir_, log_file_);
}

absl::Status PrivateMariaDb::Start() {
  if (running()) return absl::FailedPreconditionError("the server is already running");
  const absl::Time begin = absl::Now();
  absl::Status started = StartOnce();
  if (started.ok()) last_start_duration_ = absl::Now() - begin;
  return started;
}

absl::Status PrivateMariaDb::StartOnce() {
  absl::StatusOr<std::string> binary = FindBinary("mariadbd");
  if (!binary.ok()) return binary.status();
  std::vector<std::string> args = {
      *binary, "--no-defaults", absl::StrCat("--datadir=", datadir_),
      absl::StrCat("--socket=", socket_), absl::StrCat("--port=", port_),
      "--bind-address=127.0.0.1", absl::StrCat("--pid-file=", root_dir_, "/mariadbd.pid"),
      absl::StrCat("--tmpdir=", root_dir_), kBufferPool, kLogFileSize,
      // Many servers on one machine exhaust the kernel's AIO
      // contexts; tests do not need native AIO.
      "--innodb-use-native-aio=OFF", "--skip-name-resolve", "--max-connections=500"};
  // mariadbd refuses to run as root unless told to, and warns about --user otherwise.
  if (RunningAsRoot()) args.push_back("--user=root");
  absl::StatusOr<pid_t> pid = Spawn(args, log_file_);
  if (!pid.ok()) return pid.status();
  pid_ = *pid;
  return WaitUntilReady(kReadyTimeout);
}

absl::Status PrivateMariaDb::WaitUntilReady(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::Status last;
  while (absl::Now() < deadline) {
    int wstatus = 0;
    if (::waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(absl::StrCat("mariadbd exited during start-up:\n", LogTail()));
    }
    if (::access(socket_.c_str(), F_OK) == 0) {
      absl::StatusOr<std::unique_ptr<db::Session>> session = db::OpenSession(RootConfig(socket_));
      if (session.ok()) return absl::OkStatus();
      last = session.status();
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return absl::DeadlineExceededError(absl::StrCat("mariadbd did not accept connections within ",
                                                  absl::FormatDuration(timeout), ": ",
                                                  last.message(), "\n", LogTail()));
}

absl::Status PrivateMariaDb::Kill() {
  if (!running()) return absl::FailedPreconditionError("the server is not running");
  ::kill(pid_, SIGKILL);
  return WaitForExit(absl::Seconds(30));
}

absl::Status PrivateMariaDb::Stop() {
  if (!running()) return absl::FailedPreconditionError("the server is not running");
  ::kill(pid_, SIGTERM);
  absl::Status stopped = WaitForExit(absl::Seconds(60));
  if (!stopped.ok()) {
    ::kill(pid_, SIGKILL);
    WaitForExit(absl::Seconds(30)).IgnoreError();
  }
  return stopped;
}

absl::Status PrivateMariaDb::WaitForExit(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    int wstatus = 0;
    const pid_t reaped = ::waitpid(pid_, &wstatus, WNOHANG);
    if (reaped == pid_ || (reaped < 0 && errno == ECHILD)) {
      pid_ = -1;
      // A killed server leaves its socket file; the next start must not mistake it for ready.
      ::unlink(socket_.c_str());
      return absl::OkStatus();
    }
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "mariadbd (pid ", pid_, ") did not exit within ", absl::FormatDuration(timeout)));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
}

absl::Status PrivateMariaDb::ExecuteAsRoot(const std::string& sql) {
  absl::StatusOr<std::unique_ptr<db::Session>> session = db::OpenSession(RootConfig(socket_));
  if (!session.ok()) return session.status();
  try {
    (*session)->Execute(sql);
  } catch (const sql::SQLException& e) {
    return db::FromSqlException(e);
  }
  return absl::OkStatus();
}

absl::Status PrivateMariaDb::CreateSchemaWithUser(const std::string& schema,
                                                  const std::string& user,
                                                  const std::string& password) {
  if (!IsPlainName(schema) || !IsPlainName(user)) {
    return absl::InvalidArgumentError("schema and user must be [A-Za-z0-9_-]{1,64}");
  }
  for (const std::string& sql : {
           absl::StrCat("CREATE DATABASE `", schema,
                        "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"),
           absl::StrCat("CREATE USER '", user, "'@'%' IDENTIFIED BY ", QuoteLiteral(password)),
           absl::StrCat("GRANT ALL PRIVILEGES ON `", schema, "`.* TO '", user, "'@'%'"),
       }) {
    if (absl::Status status = ExecuteAsRoot(sql); !status.ok()) return status;
  }
  return absl::OkStatus();
}

db::Config PrivateMariaDb::ConfigFor(const std::string& schema, const std::string& user,
                                     const std::string& password, int pool_size) const {
  db::Config config;
  config.host = "127.0.0.1";
  config.port = port_;
  config.user = user;
  config.password = password;
  config.schema = schema;
  config.pool_size = pool_size;
  config.connect_timeout = absl::Seconds(2);
  config.read_timeout = absl::Seconds(10);
  config.write_timeout = absl::Seconds(10);
  config.acquire_timeout = absl::Seconds(5);
  return config;
}

std::string PrivateMariaDb::LogTail() const { return FileTail(log_file_); }

}  // namespace dangbo::testing
