#include "common/server/server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <exception>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/server/flags.h"
#include "common/server/log.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "prometheus/collectable.h"

namespace dangbo::server {
namespace {

// The sync server's pool always keeps one thread polling for new calls. When a call arrives and
// every other thread is busy in a handler, that poller cannot hand over its polling and answers
// RESOURCE_EXHAUSTED at once (gRPC's ThreadManager), so the quota is the handler count plus it.
constexpr int kPollerThreads = 1;

// Where the SIGTERM/SIGINT handler of the server in Run() writes; -1 when none runs.
std::atomic<int> g_signal_wake_fd{-1};

extern "C" void OnStopSignal(int) {
  const int saved_errno = errno;
  const int fd = g_signal_wake_fd.load();
  if (fd >= 0) {
    const char byte = 's';
    [[maybe_unused]] const ssize_t n = ::write(fd, &byte, 1);
  }
  errno = saved_errno;
}

int ClampToMillis(absl::Duration d) {
  return static_cast<int>(std::clamp<int64_t>(absl::ToInt64Milliseconds(d), 1, INT_MAX));
}

}  // namespace

// Runs the service's hooks at scrape time; it is registered ahead of the registry, so the
// values it refreshes are the ones the same scrape serializes.
class Server::ScrapeHooks : public prometheus::Collectable {
 public:
  void Add(std::function<void()> hook) {
    absl::MutexLock lock(&mu_);
    hooks_.push_back(std::move(hook));
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    absl::MutexLock lock(&mu_);
    for (const auto& hook : hooks_) hook();
    return {};
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<std::function<void()>> hooks_ ABSL_GUARDED_BY(mu_);
};

ServerOptions ServerOptions::FromFlags() {
  ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.workers = absl::GetFlag(FLAGS_workers);
  options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  options.readiness_interval = absl::GetFlag(FLAGS_readiness_interval);
  options.health_listen = absl::GetFlag(FLAGS_health_listen);
  options.max_connection_age = absl::GetFlag(FLAGS_max_connection_age);
  options.max_connection_age_grace = absl::GetFlag(FLAGS_max_connection_age_grace);
  return options;
}

Server::Server(ServerOptions options)
    : options_(std::move(options)),
      registry_(std::make_shared<prometheus::Registry>()),
      scrape_hooks_(std::make_shared<ScrapeHooks>()),
      rpc_metrics_(std::make_unique<RpcMetrics>(*registry_)) {
  // Debian's Abseil is built with mutex deadlock detection on, which keeps a lock graph on
  // every acquisition: a few percent of a busy server's CPU, for a check our tests already run
  // under the sanitizers.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

Server::~Server() {
  if (server_ != nullptr) {
    RequestShutdown();
    Wait();
  }
  exposer_.reset();
  if (wake_read_fd_ >= 0) ::close(wake_read_fd_);
  if (wake_write_fd_ >= 0) ::close(wake_write_fd_);
}

void Server::AddService(grpc::Service* service, std::string_view full_name) {
  services_.emplace_back(service, std::string(full_name));
}

void Server::SetReadinessProbe(std::function<absl::Status()> probe) { probe_ = std::move(probe); }

void Server::SetCallerFunction(CallerFunction caller) { caller_ = std::move(caller); }

void Server::OnScrape(std::function<void()> hook) { scrape_hooks_->Add(std::move(hook)); }

absl::Status Server::Start() {
  if (server_ != nullptr) return absl::FailedPreconditionError("server already started");
  if (options_.listen.empty()) return absl::InvalidArgumentError("listen address is empty");
  if (options_.workers < 1) return absl::InvalidArgumentError("workers must be at least 1");
  if (options_.max_connection_age < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("max_connection_age must not be negative");
  }

  // Metrics first: a clash on that port is reported before the gRPC port is taken.
  if (!options_.metrics_listen.empty()) {
    try {
      exposer_ = std::make_unique<prometheus::Exposer>(options_.metrics_listen);
    } catch (const std::exception& e) {
      return absl::UnavailableError(
          absl::StrCat("cannot listen for metrics on ", options_.metrics_listen, ": ", e.what()));
    }
    exposer_->RegisterCollectable(scrape_hooks_);
    exposer_->RegisterCollectable(registry_);
    const std::vector<int> ports = exposer_->GetListeningPorts();
    metrics_port_ = ports.empty() ? 0 : ports.front();
  }

  // Before the API port too, and for the same reason.
  if (!options_.health_listen.empty()) {
    absl::StatusOr<std::unique_ptr<HealthPort>> health_port =
        HealthPort::Start(options_.health_listen);
    if (!health_port.ok()) return health_port.status();
    health_port_ = *std::move(health_port);
  }

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    return absl::InternalError(absl::StrCat("pipe2: ", std::strerror(errno)));
  }
  wake_read_fd_ = pipe_fds[0];
  wake_write_fd_ = pipe_fds[1];

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(
      options_.listen,
      options_.credentials != nullptr ? options_.credentials : grpc::InsecureServerCredentials(),
      &selected_port_);
  for (const auto& [service, name] : services_) builder.RegisterService(service);
  // gRPC sets SO_REUSEPORT by default, so a second process on the same port would start and
  // silently take half the connections; a port clash must fail Start() instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  if (options_.max_connection_age > absl::ZeroDuration()) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                               ClampToMillis(options_.max_connection_age));
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                               ClampToMillis(options_.max_connection_age_grace));
  }
  builder.SetMaxReceiveMessageSize(options_.max_message_bytes);
  builder.SetMaxSendMessageSize(options_.max_message_bytes);
  grpc::ResourceQuota quota("dangbo-server-threads");
  quota.SetMaxThreads(options_.workers + kPollerThreads);
  builder.SetResourceQuota(quota);
  // One completion queue: the thread quota is then one pool, not split across queues.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::NUM_CQS, 1);
  // Up to `workers` threads may wait for calls: with a small cap, gRPC ends a thread whenever
  // more than the cap are idle and starts another on the next call — thousands of thread
  // creations a second under load, which halved GetMember's throughput.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              options_.workers);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(MakeLoggingInterceptorFactory(caller_));
  interceptors.push_back(MakeMetricsInterceptorFactory(rpc_metrics_.get()));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  server_ = builder.BuildAndStart();
  if (server_ == nullptr || selected_port_ == 0) {
    server_.reset();
    if (health_port_ != nullptr) health_port_->Shutdown();
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.listen));
  }
  health_.AddPublisher(server_->GetHealthCheckService());
  if (health_port_ != nullptr) health_.AddPublisher(health_port_->health());
  for (const auto& [service, name] : services_) health_.AddServiceName(name);
  ProbeReadiness();
  lifecycle_thread_ = std::thread(&Server::RunLifecycle, this);
  log::Info("serving", {{"listen", options_.listen},
                        {"port", selected_port_},
                        {"metrics_port", metrics_port_},
                        {"health_port", health_port()},
                        {"workers", options_.workers},
                        {"ready", ready_.load()}});
  return absl::OkStatus();
}

void Server::ProbeReadiness() {
  absl::Status result;
  if (probe_) {
    try {
      result = probe_();
    } catch (const std::exception& e) {
      result = absl::InternalError(absl::StrCat("readiness probe threw: ", e.what()));
    }
  }
  // Log transitions only: a probe failing every few seconds for an hour is one event.
  if (result.ok() != last_probe_logged_ok_) {
    last_probe_logged_ok_ = result.ok();
    if (result.ok()) {
      log::Info("ready again");
    } else {
      log::Warn("not ready", {{"error", result.ToString()}});
    }
  }
  health_.SetReady(result.ok());
  ready_.store(result.ok());
}

void Server::RunLifecycle() {
  const int interval_ms = ClampToMillis(options_.readiness_interval);
  while (true) {
    pollfd wake{wake_read_fd_, POLLIN, 0};
    const int n = ::poll(&wake, 1, interval_ms);
    if (n > 0) break;
    if (n < 0 && errno != EINTR) {
      log::Error("lifecycle poll failed; stopping", {{"error", std::strerror(errno)}});
      break;
    }
    ProbeReadiness();
  }
  log::Info("shutting down", {{"grace_ms", absl::ToInt64Milliseconds(options_.shutdown_grace)}});
  // NOT_SERVING for good, so load balancers and probes stop sending before the port closes.
  health_.Shutdown();
  ready_.store(false);
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoNanoseconds(options_.shutdown_grace));
  // Until here the health port told probes NOT_SERVING rather than refusing connections.
  if (health_port_ != nullptr) health_port_->Shutdown();
  log::Info("stopped");
}

void Server::RequestShutdown() {
  if (wake_write_fd_ < 0) return;
  const char byte = 'q';
  [[maybe_unused]] const ssize_t n = ::write(wake_write_fd_, &byte, 1);
}

void Server::Wait() {
  absl::MutexLock lock(&wait_mu_);
  if (stopped_ || server_ == nullptr) return;
  server_->Wait();
  lifecycle_thread_.join();
  stopped_ = true;
}

int Server::Run() {
  if (server_ == nullptr) {
    if (absl::Status started = Start(); !started.ok()) {
      log::Error("cannot start", {{"error", started.ToString()}});
      return 1;
    }
  }
  g_signal_wake_fd.store(wake_write_fd_);
  struct sigaction action = {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  struct sigaction previous_term = {};
  struct sigaction previous_int = {};
  ::sigaction(SIGTERM, &action, &previous_term);
  ::sigaction(SIGINT, &action, &previous_int);
  Wait();
  ::sigaction(SIGTERM, &previous_term, nullptr);
  ::sigaction(SIGINT, &previous_int, nullptr);
  g_signal_wake_fd.store(-1);
  return 0;
}

}  // namespace dangbo::server
