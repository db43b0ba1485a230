// MembershipStore::Mutate: one transaction holding the change, its idempotency record, its
// audit row and its change-feed rows (common/db/outbox_mutation.h), and the member cache told
// what the transaction wrote.
#include <string>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "common/db/outbox_mutation.h"
#include "services/membership/store/member_cache.h"
#include "services/membership/store/membership_tx.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {

MembershipStore::MembershipStore(db::Pool& pool) : pool_(pool) {}

absl::StatusOr<std::string> MembershipStore::Mutate(
    const MutationContext& context,
    absl::FunctionRef<absl::StatusOr<MutationOutcome>(MembershipTx&)> body) {
  // Resources this mutation wrote, whatever became of its COMMIT: the member cache drops them
  // once the transaction is over, so this replica's next read sees the write.
  std::vector<std::string> touched;
  absl::Cleanup invalidate = [&] {
    if (member_cache_ == nullptr) return;
    for (const std::string& resource : touched) member_cache_->Invalidate(resource);
  };
  return db::RunOutboxMutation(
      pool_, context,
      [&](db::Session& session) -> absl::StatusOr<MutationOutcome> {
        internal::SqlMembershipTx tx(session, context.caller);
        absl::StatusOr<MutationOutcome> outcome = body(tx);
        if (outcome.ok() && member_cache_ != nullptr) {
          for (const ChangeRecord& change : outcome->changes) touched.push_back(change.resource);
        }
        return outcome;
      },
      before_commit_);
}

}  // namespace dangbo::membership
