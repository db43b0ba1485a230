#include "common/server/propagate.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>

#include "common/server/trace_context.h"

namespace dangbo::server {

void PropagateToClient(const grpc::ServerContext& incoming, grpc::ClientContext& outgoing,
                       absl::Duration max) {
  const auto now = std::chrono::system_clock::now();
  auto deadline = now + absl::ToChronoNanoseconds(max);
  const auto incoming_deadline = incoming.deadline();
  // An incoming call without deadline reports time_point::max(); subtracting would overflow.
  if (incoming_deadline != std::chrono::system_clock::time_point::max()) {
    deadline = std::min(deadline, incoming_deadline - absl::ToChronoNanoseconds(kDeadlineMargin));
  }
  outgoing.set_deadline(std::max(deadline, now));

  std::optional<TraceParent> trace;
  const auto& metadata = incoming.client_metadata();
  if (auto it = metadata.find(kTraceParentHeader); it != metadata.end()) {
    trace = ParseTraceParent(std::string_view(it->second.data(), it->second.size()));
  }
  if (!trace.has_value()) trace = TraceParent{RandomTraceHex(32), "", "00"};
  trace->parent_id = RandomTraceHex(16);
  outgoing.AddMetadata(kTraceParentHeader, FormatTraceParent(*trace));
}

}  // namespace dangbo::server
