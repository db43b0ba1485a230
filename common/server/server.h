#ifndef DANGBO_COMMON_SERVER_SERVER_H_
#define DANGBO_COMMON_SERVER_SERVER_H_

// The gRPC server every dangbo service runs in: sync API on a bounded thread pool (a blocking DB
// driver needs threads, and a full pool answers RESOURCE_EXHAUSTED instead of queueing), health
// driven by a readiness probe (plus `liveness`, see common/server/health.h), optionally on a
// plaintext health-only port too, connections closed after a maximum age, reflection, JSON RPC
// logs, Prometheus metrics, and a graceful stop on SIGTERM/SIGINT. A service's main() is:
//
//   dangbo::server::SetListenDefaults("0.0.0.0:50051", "0.0.0.0:9091");
//   dangbo::server::ParseFlagsFromEnvAndArgs(argc, argv);
//   ... open the pool, build the service ...
//   dangbo::server::Server server(dangbo::server::ServerOptions::FromFlags());
//   server.AddService(&service, MembershipService::service_full_name());
//   server.SetReadinessProbe([&pool] { return pool.Ping(); });
//   return server.Run();

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/server/health.h"
#include "common/server/health_port.h"
#include "common/server/interceptors.h"
#include "common/server/rpc_metrics.h"
#include "grpcpp/grpcpp.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace dangbo::server {

struct ServerOptions {
  std::string listen;          // "0.0.0.0:50051"; port 0 picks a free port (tests).
  std::string metrics_listen;  // "0.0.0.0:9091"; empty: no metrics endpoint.
  int max_message_bytes = 8 << 20;
  // Handlers running at once; more concurrent calls get RESOURCE_EXHAUSTED within a
  // millisecond instead of queueing. The limit is not exact: a thread that has just answered
  // counts until it is back in the pool, so at a steady load close to `workers` a few calls are
  // refused (measured: 0.2 % at 3 of 4, 3 % at 4 of 4). Size it above the DB pool.
  int workers = 32;
  absl::Duration shutdown_grace = absl::Seconds(20);
  absl::Duration readiness_interval = absl::Seconds(5);
  // "0.0.0.0:50061": a plaintext port serving only grpc.health.v1 with the same statuses, for
  // probes that cannot speak TLS. Empty: none.
  std::string health_listen;
  // A connection is closed (GOAWAY) after about this age, and its calls get shutdown_grace to
  // finish. Clients of a Kubernetes ClusterIP Service then reconnect and spread over replicas
  // that started after them. Zero: connections live as long as clients keep them.
  absl::Duration max_connection_age = absl::Minutes(5);
  // How long calls already running on an aged-out connection may still take. Long, because a
  // bulk import is one stream that may run for many minutes; new calls move to a new
  // connection at once either way.
  absl::Duration max_connection_age_grace = absl::Hours(1);
  // Insecure when null; grpc::SslServerCredentials for TLS/mTLS.
  std::shared_ptr<grpc::ServerCredentials> credentials;

  // From the flags in common/server/flags.h; credentials stay null.
  static ServerOptions FromFlags();
};

class Server {
 public:
  explicit Server(ServerOptions options);
  // Stops a server still running (as RequestShutdown + Wait).
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // --- Before Start() ---

  // `service` must outlive the server. `full_name` (the generated `service_full_name()`) gets its
  // own health status next to the overall one ("").
  void AddService(grpc::Service* service, std::string_view full_name);

  // Health is SERVING only while `probe` returns OK; it runs once in Start() and then every
  // readiness_interval on a background thread, so it may block, but only briefly (it delays
  // the reaction to a shutdown request). Without a probe the server is always SERVING.
  void SetReadinessProbe(std::function<absl::Status()> probe);

  // Names the caller in RPC log lines (the auth library supplies it).
  void SetCallerFunction(CallerFunction caller);

  // The registry /metrics serves; add the service's own families (pool gauges, ...) here.
  prometheus::Registry& metrics() { return *registry_; }

  // Runs before every scrape of /metrics, to refresh gauges that are read from elsewhere
  // (pool in use/idle/waiting). It runs on the metrics server's thread; keep it fast.
  void OnScrape(std::function<void()> hook);

  // --- Lifecycle ---

  // Binds the ports and starts serving: `liveness` SERVING at once, readiness from a first run
  // of the probe. UNAVAILABLE when a port cannot be bound.
  absl::Status Start();

  // Start() if needed, then blocks until SIGTERM or SIGINT (or RequestShutdown) has stopped the
  // server gracefully. Returns the process exit code: 0 after a clean stop, 1 if Start() failed.
  int Run();

  // Begins the graceful stop from any thread: health NOT_SERVING (`liveness` too), no new calls,
  // in-flight calls get shutdown_grace to finish and are then cancelled. Returns at once. gRPC then
  // still waits for every handler to return, so a handler that may block for long must give up on
  // ServerContext::IsCancelled() or have its own timeouts (DB read timeout).
  void RequestShutdown();

  // Blocks until the server has stopped.
  void Wait();

  int selected_port() const { return selected_port_; }
  int metrics_port() const { return metrics_port_; }  // 0 without metrics endpoint.
  bool ready() const { return ready_.load(); }        // The last readiness probe result.
  // 0 without a health port.
  int health_port() const { return health_port_ != nullptr ? health_port_->port() : 0; }

 private:
  class ScrapeHooks;

  void ProbeReadiness();
  void RunLifecycle();  // Body of lifecycle_thread_.

  const ServerOptions options_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<ScrapeHooks> scrape_hooks_;
  std::unique_ptr<RpcMetrics> rpc_metrics_;
  std::vector<std::pair<grpc::Service*, std::string>> services_;
  std::function<absl::Status()> probe_;
  CallerFunction caller_;

  std::unique_ptr<prometheus::Exposer> exposer_;
  std::unique_ptr<HealthPort> health_port_;  // Stops after server_, so probes see NOT_SERVING.
  std::unique_ptr<grpc::Server> server_;
  HealthStatuses health_;
  int selected_port_ = 0;
  int metrics_port_ = 0;
  std::atomic<bool> ready_{false};
  bool last_probe_logged_ok_ = true;  // Only the lifecycle thread touches it after Start().

  // Written by RequestShutdown() and the signal handler; read by the lifecycle thread, which
  // is the only thread that calls grpc::Server::Shutdown.
  int wake_read_fd_ = -1;
  int wake_write_fd_ = -1;
  std::thread lifecycle_thread_;
  absl::Mutex wait_mu_;
  bool stopped_ ABSL_GUARDED_BY(wait_mu_) = false;
};

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_SERVER_H_
