// Runs a real service binary as a child process for end-to-end tests: start it with flags,
// wait until its health check says SERVING, crash it (SIGKILL) or stop it (SIGTERM), restart.
#ifndef DANGBO_TESTS_SUPPORT_SERVICE_PROCESS_H_
#define DANGBO_TESTS_SUPPORT_SERVICE_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace dangbo::testing {

// A free TCP port on 127.0.0.1 at the time of the call.
int PickFreePort();

class ServiceProcess {
 public:
  // `args` excludes argv[0]; `--listen=127.0.0.1:<port>` is added. stderr (the JSON log) goes
  // to `<log_dir>/<name>.log`.
  ServiceProcess(std::string binary, std::vector<std::string> args, std::string log_dir);
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // Starts the binary and waits until the health check reports SERVING.
  absl::Status Start(absl::Duration timeout = absl::Seconds(60));
  // SIGKILL: a crash, nothing flushed.
  absl::Status Kill();
  // SIGTERM and wait for a clean exit; returns the exit code.
  absl::StatusOr<int> Terminate(absl::Duration timeout = absl::Seconds(30));
  // Runs the binary to completion with extra args (e.g. --migrate_only); returns the exit code.
  absl::StatusOr<int> RunToExit(const std::vector<std::string>& extra_args,
                                absl::Duration timeout = absl::Seconds(60));

  int port() const { return port_; }
  std::string target() const;
  std::shared_ptr<grpc::Channel> channel() const;
  std::string LogTail(size_t bytes = 4000) const;
  // The whole log written so far.
  std::string Log() const;

 private:
  absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& extra_args);
  absl::Status WaitServing(absl::Duration timeout);

  const std::string binary_;
  const std::vector<std::string> args_;
  const std::string log_file_;
  const int port_;
  pid_t pid_ = -1;
};

}  // namespace dangbo::testing

#endif  // DANGBO_TESTS_SUPPORT_SERVICE_PROCESS_H_
