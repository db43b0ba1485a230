// One mutation = one transaction holding the change, its idempotency record, its audit row and
// its change-feed rows (design.md §5, outbox), over any schema that has the tables
// idempotency_keys, audit_log, outbox and outbox_head as the services' V001 migrations define
// them. All three services write through it (membership's MembershipStore::Mutate adds its
// member cache's invalidation around it).
#ifndef DANGBO_COMMON_DB_OUTBOX_MUTATION_H_
#define DANGBO_COMMON_DB_OUTBOX_MUTATION_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "common/db/pool.h"
#include "common/db/session.h"

namespace dangbo::db {

// Who asks for a mutation, and under which idempotency key.
struct MutationContext {
  std::string method;       // e.g. "CreateInspection"; part of the idempotency key's scope
  std::string request_id;   // required, at most 128 bytes
  std::string fingerprint;  // hash of the request: a reused request_id with another request
                            // is refused with INVALID_ARGUMENT
  std::string caller;       // principal subject, for the audit trail
};

// One change-feed entry to append to the outbox in the mutation's transaction.
struct ChangeRecord {
  std::string resource;     // e.g. "inspections/42"
  std::string change_type;  // e.g. "dangbo.inspection.v1.Inspection.created"
  std::string payload;      // serialized google.protobuf.Any
};

// What a mutation body produces: the serialized response returned now and on every replay,
// the change events, and a line for the audit trail.
struct MutationOutcome {
  std::string response;
  std::vector<ChangeRecord> changes;
  std::string resource;      // the main resource touched, for the audit row
  std::string audit_detail;  // short human-readable summary
};

// Runs `body` in one transaction together with the idempotency record, the audit row and the
// outbox rows. A replayed request_id returns the first response without running `body` (or
// INVALID_ARGUMENT when the fingerprint differs); a concurrent twin waits on the key's row
// lock and then replays; a COMMIT with unknown outcome is resolved by looking the request_id
// up. `body` may run more than once (deadlock retries) and must start from scratch each time.
// `before_commit`, when set, runs after the last statement and before COMMIT (test hook).
absl::StatusOr<std::string> RunOutboxMutation(
    Pool& pool, const MutationContext& context,
    absl::FunctionRef<absl::StatusOr<MutationOutcome>(Session&)> body,
    const std::function<void(Session&)>& before_commit = nullptr);

// The response of the mutation that committed under context's request_id, if one did. A handler
// asks first, because a replay needs none of the checks that let the first request through, and
// they may no longer hold (the member the first request expelled is no longer a member).
// INVALID_ARGUMENT when the request_id was used with another request.
absl::StatusOr<std::optional<std::string>> FindCommittedResponse(Pool& pool,
                                                                 const MutationContext& context);

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_OUTBOX_MUTATION_H_
