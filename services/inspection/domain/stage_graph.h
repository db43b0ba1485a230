// The stage machine of an inspection or supervision (domain.md §3, seed 002):
//
//   PLANNED → DECIDED → IN_PROGRESS → REPORTED → CONCLUDED → NOTICE_ISSUED → FOLLOW_UP → CLOSED
//      └─────────┴───────────┴────────────┴──→ CANCELLED          └── (no tasks) ──→ CLOSED
//
// and what each stage requires of the record. Unplanned inspections (violation signs,
// denunciations) are created directly at DECIDED.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_STAGE_GRAPH_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_STAGE_GRAPH_H_

#include <vector>

#include "absl/status/status.h"
#include "services/inspection/domain/inspection_rules.h"
#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

// The stages `from` may move to, in the order drawn above.
std::vector<InspectionStage> NextStages(InspectionStage from);

bool IsTransitionAllowed(InspectionStage from, InspectionStage to);

// CLOSED and CANCELLED lead nowhere.
bool IsTerminal(InspectionStage stage);

// Whether the inspection works with a team established by decision (đoàn kiểm tra, giám sát):
// every type but regular supervision and self-inspection.
bool NeedsTeam(InspectionType type);

// Everything `inspection` must hold to stand at `stage`, cumulatively along the path above
// (CONCLUDED also needs what DECIDED needed). FAILED_PRECONDITION names the field (an
// unspecified type or conducting body is INVALID_ARGUMENT):
//   PLANNED        a type and a conducting body that may conduct it (type_rules.h)
//   DECIDED        as PLANNED; decision.number and
//                  decision.date (not after today); content; period_from <= period_to; at least
//                  one subject, each with a kind and an id, no duplicates, committee_member only
//                  on members; with a team: team members with roles and exactly one leader,
//                  conducting_level, a planned duration within the rules (durations.h)
//   IN_PROGRESS    started_date, not before the decision, not after today
//   REPORTED       reported_date, not before the start, not after today
//   CONCLUDED      concluded_date, not before the report, not after today; an outcome for every
//                  subject; every finding about one of the subjects
//   NOTICE_ISSUED  an issued notice (conclusion_notice.h CheckIssue)
//   FOLLOW_UP      the notice has required tasks to follow
//   CLOSED         closed_date, not before the notice, not after today; every task completed
//   CANCELLED      cancelled_date (not after today) and cancellation_reason
// `rules` are those in force at the decision date; `today` is injected.
absl::Status CheckStageRequirements(const Inspection& inspection, InspectionStage stage,
                                    const InspectionRules& rules, Date today);

// Moving `inspection` from its current stage to `to`. `inspection` carries the values the move
// brings (dates, outcomes, the notice) with `stage` still the current one. FAILED_PRECONDITION
// "stage: ..." for a move the graph does not allow, else CheckStageRequirements(to).
absl::Status CheckAdvance(const Inspection& inspection, InspectionStage to,
                          const InspectionRules& rules, Date today);

// A new inspection: created at PLANNED (from the programme) or DECIDED (its requirements met).
absl::Status CheckNewInspection(const Inspection& inspection, const InspectionRules& rules,
                                Date today);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_STAGE_GRAPH_H_
