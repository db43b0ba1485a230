#include "echo_service.h"

#include <chrono>
#include <string>

#include "common/server/propagate.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"

namespace dangbo::testing {
namespace {

void DescribeContext(const grpc::ServerContext& context, EchoResponse* response) {
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find("traceparent"); it != metadata.end()) {
    response->set_traceparent(std::string(it->second.data(), it->second.size()));
  }
  if (context.deadline() == std::chrono::system_clock::time_point::max()) {
    response->set_deadline_remaining_ms(-1);
  } else {
    response->set_deadline_remaining_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            context.deadline() - std::chrono::system_clock::now())
                                            .count());
  }
}

}  // namespace

grpc::Status EchoServiceImpl::Echo(grpc::ServerContext* context, const EchoRequest* request,
                                   EchoResponse* response) {
  if (request->text().empty()) {
    return status::ToGrpcStatus(status::InvalidField("text", "is required"));
  }
  response->set_text(request->text());
  DescribeContext(*context, response);
  return grpc::Status::OK;
}

grpc::Status EchoServiceImpl::Hold(grpc::ServerContext* context, const EchoRequest* request,
                                   EchoResponse* response) {
  absl::MutexLock lock(&mu_);
  ++holding_;
  // Like a well-behaved handler, it gives up when the call is cancelled (the server cancels
  // calls still running when the shutdown grace ends). Bounded so a failing test cannot hang.
  const absl::Time give_up = absl::Now() + absl::Seconds(20);
  while (!released_ && !context->IsCancelled() && absl::Now() < give_up) {
    mu_.AwaitWithTimeout(absl::Condition(&released_), absl::Milliseconds(10));
  }
  --holding_;
  if (!released_) return grpc::Status(grpc::StatusCode::CANCELLED, "hold abandoned");
  response->set_text(request->text());
  return grpc::Status::OK;
}

grpc::Status EchoServiceImpl::Relay(grpc::ServerContext* context, const RelayRequest* request,
                                    EchoResponse* response) {
  grpc::ClientContext outgoing;
  const auto now = std::chrono::system_clock::now();
  server::PropagateToClient(*context, outgoing, absl::Milliseconds(request->max_ms()));
  EchoRequest downstream_request;
  downstream_request.set_text(request->text());
  grpc::Status status = downstream_->Echo(&outgoing, downstream_request, response);
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  if (context->deadline() != std::chrono::system_clock::time_point::max()) {
    response->set_relay_margin_ms(
        duration_cast<milliseconds>(context->deadline() - outgoing.deadline()).count());
  }
  response->set_relay_outgoing_ms(duration_cast<milliseconds>(outgoing.deadline() - now).count());
  response->set_downstream_code(status.error_code());
  return grpc::Status::OK;
}

void EchoServiceImpl::SetDownstream(std::shared_ptr<grpc::ChannelInterface> channel) {
  downstream_ = EchoService::NewStub(std::move(channel));
}

bool EchoServiceImpl::WaitUntilHolding(int count, absl::Duration timeout) {
  auto enough = [this, count]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return holding_ >= count; };
  absl::MutexLock lock(&mu_);
  return mu_.AwaitWithTimeout(absl::Condition(&enough), timeout);
}

void EchoServiceImpl::ReleaseHeld() {
  absl::MutexLock lock(&mu_);
  released_ = true;
}

}  // namespace dangbo::testing
