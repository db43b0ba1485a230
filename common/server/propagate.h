#ifndef DANGBO_COMMON_SERVER_PROPAGATE_H_
#define DANGBO_COMMON_SERVER_PROPAGATE_H_

// What a handler must carry into the calls it makes to other services (design.md §5).

#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server_context.h"

namespace dangbo::server {

// Leaves this much of the caller's deadline for the handler to answer after the outgoing call.
inline constexpr absl::Duration kDeadlineMargin = absl::Milliseconds(10);

// Sets on `outgoing`:
//   - the deadline: the earlier of (incoming deadline - kDeadlineMargin) and (now + `max`); an
//     incoming deadline already (nearly) spent gives a deadline of now, so the call fails fast
//     with DEADLINE_EXCEEDED instead of working for a caller that has gone;
//   - `traceparent`: the incoming trace id with a new span id, or a new trace when the incoming
//     header is missing or malformed.
// Call it before starting the call; `outgoing` must be fresh (metadata cannot be replaced).
// The deadline is enforced exactly on this side; the downstream server sees it rounded up
// (grpc-timeout carries at most a few significant digits), so it may work a little longer than
// this call waits for it.
void PropagateToClient(const grpc::ServerContext& incoming, grpc::ClientContext& outgoing,
                       absl::Duration max);

}  // namespace dangbo::server

#endif  // DANGBO_COMMON_SERVER_PROPAGATE_H_
