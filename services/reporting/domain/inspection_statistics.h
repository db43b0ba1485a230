// The inspection and discipline figures of a scope and period (domain.md §5), from the read
// model and the organization tree as it stood, and the subjects behind any one of them.
//
// - Inspection subjects: subjects of inspections decided in the period (the decision date in
//   it; cancelled and merely planned ones left out), counted when the organization they
//   belonged to at the decision was inside the scope on the decision date. Which figures a
//   subject counts in is SubjectFigureMask's table (committees' section, UBKT's section).
// - Discipline: decisions decided in the period by an organization inside the scope on the
//   decision date, in force at the period's end (not annulled by an appeal resolved by then),
//   by the form standing then.
// - Appeals: received when filed in the period, resolved (and by outcome) when resolved in it,
//   by a resolving organization inside the scope on that day.
//
// Each figure has `distinct` (each organization or member once) and `occurrences` (lượt: each
// subject row, decision or appeal). A child's figures are the part of the scope's that came
// through that child, as the tree stood on each record's day; records of the scope itself
// belong to no child, so children may sum to less than the scope.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_STATISTICS_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_STATISTICS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/inspection/domain/model.h"
#include "services/reporting/domain/inspection_figures.h"
#include "services/reporting/domain/inspection_model.h"
#include "services/reporting/domain/membership_figures.h"
#include "services/reporting/domain/organization_tree.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting {

// Shared by every catalogue: membership figures are found by Statistics::figure's
// MembershipFigureId overload and leave `id` at its default.
struct FigureValue {
  FigureId id{};
  std::string_view key;    // the catalogue's, static
  std::string_view label;  // the catalogue's, static
  int64_t distinct = 0;
  int64_t occurrences = 0;
};

struct Statistics {
  int64_t scope_id = 0;
  DateRange range;
  std::vector<FigureValue> figures;  // every figure of the catalogue, in its order
  std::vector<Statistics> children;  // with breakdown_by_children: each direct child, by id

  const FigureValue& figure(FigureId id) const { return figures[static_cast<int>(id)]; }
  // For membership statistics, whose figures are the membership catalogue in its order.
  const FigureValue& figure(MembershipFigureId id) const {
    return figures[static_cast<int>(id)];
  }
};

struct StatisticsRequest {
  int64_t scope_id = 0;
  DateRange range;
  bool breakdown_by_children = false;
};

// INVALID_ARGUMENT "period: ..." for a range ending before it starts or outside the report
// years; NOT_FOUND "scope: ..." for a scope the tree has never held; FAILED_PRECONDITION when
// the tree's history has a cycle.
absl::StatusOr<Statistics> ComputeInspectionStatistics(const OrganizationTree& tree,
                                                       const InspectionModel& model,
                                                       const StatisticsRequest& request);

// A record that put a subject behind a figure.
enum class SourceKind {
  kInspection,            // inspections/{id}
  kDisciplinaryDecision,  // disciplinaryDecisions/{id}
  kAppeal,                // disciplinaryDecisions/{decision_id}/appeals/{id}
  kMember,                // members/{id}: counted in a stock as of a day, or a movement its row dates
  kOrganization,          // organizations/{id}: counted as existing or established
  kMemberEvent,           // members/{member_id}/events/{id}
  kMemberRating,          // members/{id}/ratings/{year}
  kOrganizationRating,    // organizations/{id}/ratings/{year}
  kMemberBadge,           // members/{id}/badges/{badge_years}
};
struct SourceRecord {
  SourceKind kind;
  int64_t id = 0;
  int64_t decision_id = 0;  // appeals only
  int64_t member_id = 0;    // member events only
  int year = 0;             // ratings only
  int badge_years = 0;      // badges only
  friend bool operator==(const SourceRecord&, const SourceRecord&) = default;
};

// One subject behind a figure: `distinct` is the number of these, `occurrences` the number of
// their sources.
struct FigureSubject {
  inspection::SubjectRef subject;
  // The organization it was counted under (at its earliest record): the organization at the
  // decision for inspection subjects, the deciding organization for discipline, the resolving
  // organization for appeals.
  int64_t organization_id = 0;
  std::vector<SourceRecord> sources;  // by day, then id
};

// The subjects behind figure `key` for the scope and range, by kind (organizations first) and
// id. INVALID_ARGUMENT "key: ..." for a key not in the catalogue; otherwise as
// ComputeInspectionStatistics.
absl::StatusOr<std::vector<FigureSubject>> ListFigureSubjects(const OrganizationTree& tree,
                                                              const InspectionModel& model,
                                                              int64_t scope_id,
                                                              const DateRange& range,
                                                              std::string_view key);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_STATISTICS_H_
