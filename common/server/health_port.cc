#include "common/server/health_port.h"

#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"

namespace dangbo::server {

grpc::ServerGenericBidiReactor* HealthPort::Unimplemented::CreateReactor(
    grpc::GenericCallbackServerContext* context) {
  class Refusal : public grpc::ServerGenericBidiReactor {
   public:
    explicit Refusal(const std::string& method) {
      Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                          absl::StrCat(method, " is not served on the health port")));
    }
    void OnDone() override { delete this; }
  };
  return new Refusal(context->method());
}

absl::StatusOr<std::unique_ptr<HealthPort>> HealthPort::Start(std::string_view listen) {
  std::unique_ptr<HealthPort> port(new HealthPort());
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(std::string(listen), grpc::InsecureServerCredentials(), &port->port_);
  builder.RegisterCallbackGenericService(&port->unimplemented_);
  // As on the API port: a port clash must fail, not share the port with another process.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  port->server_ = builder.BuildAndStart();
  if (port->server_ == nullptr || port->port_ == 0) {
    port->server_.reset();
    return absl::UnavailableError(
        absl::StrCat("cannot listen for health checks on ", ToAbsl(listen)));
  }
  // gRPC's health service starts with "" SERVING; nothing is known yet.
  port->health()->SetServingStatus("", false);
  return port;
}

void HealthPort::Shutdown() {
  if (stopped_ || server_ == nullptr) return;
  stopped_ = true;
  server_->Shutdown(std::chrono::system_clock::now());
  server_->Wait();
}

}  // namespace dangbo::server
