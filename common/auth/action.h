#ifndef DANGBO_COMMON_AUTH_ACTION_H_
#define DANGBO_COMMON_AUTH_ACTION_H_

#include "absl/strings/string_view.h"

namespace dangbo::auth {

// What an RPC does, in the terms the role table of design.md §6 is written in. Each RPC
// handler names exactly one action.
enum class Action {
  kReadOrganization,
  kWriteOrganization,  // also lifecycle events, ratings, badges, imports
  kReadMember,
  kWriteMember,
  kReadPersonalData,  // citizen id, birth date, address, religion, ethnicity
  kReadInspection,    // programmes, inspections, findings, decisions, appeals
  kWriteInspection,
  kReadStatistics,  // statistics, drill-downs, snapshots
  kWriteSnapshot,
  kAdminister,           // rules, targets, rebuilds
  kReadChanges,          // change feeds
  kRecordExpulsion,      // inspection -> membership when a decision expels a member
  kRecordDissolution,    // inspection -> membership when a decision dissolves an organization
  kRecordViolationCase,  // inspection -> membership when a case naming a member opens or settles
};

absl::string_view ActionName(Action action);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_ACTION_H_
