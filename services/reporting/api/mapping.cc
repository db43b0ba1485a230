#include "services/reporting/api/mapping.h"

#include <algorithm>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/dates.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"

namespace dangbo::reporting {

absl::StatusOr<DateRange> RangeFromProto(std::string_view field, const pb::Period& in) {
  Period period{.kind = static_cast<PeriodKind>(in.kind()),
                .year = in.year(),
                .number = in.number(),
                .end_year = in.end_year()};
  if (!pb::Period::Kind_IsValid(in.kind())) {
    return status::InvalidField(absl::StrCat(ToAbsl(field), ".kind"), "unknown period kind");
  }
  absl::StatusOr<std::optional<Date>> start =
      api::ParseOptionalDate(absl::StrCat(ToAbsl(field), ".start_date"), in.start_date());
  if (!start.ok()) return start.status();
  absl::StatusOr<std::optional<Date>> end =
      api::ParseOptionalDate(absl::StrCat(ToAbsl(field), ".end_date"), in.end_date());
  if (!end.ok()) return end.status();
  period.start_date = *start;
  period.end_date = *end;
  // ResolvePeriod names fields as "period.<field>"; callers always pass "period".
  return ResolvePeriod(period);
}

void StatisticsToProto(const Statistics& in, const pb::Period& period, pb::Statistics* out) {
  out->set_scope(api::ResourceName("organizations", in.scope_id));
  *out->mutable_period() = period;
  *out->mutable_as_of() = api::ToProtoDate(in.range.last);
  for (const FigureValue& f : in.figures) {
    pb::Figure* figure = out->add_figures();
    figure->set_key(std::string(f.key));
    figure->set_label(std::string(f.label));
    figure->set_distinct(f.distinct);
    figure->set_occurrences(f.occurrences);
  }
  for (const Statistics& child : in.children) {
    StatisticsToProto(child, period, out->add_children());
  }
}

pb::Freshness FreshnessOf(const ReadView& view) {
  pb::Freshness out;
  out.set_membership_sequence(view.positions.membership.last_sequence);
  out.set_inspection_sequence(view.positions.inspection.last_sequence);
  std::optional<absl::Time> newest = view.positions.membership.newest_event_time;
  if (const auto& t = view.positions.inspection.newest_event_time; t && (!newest || *t > *newest)) {
    newest = t;
  }
  if (newest) *out.mutable_newest_event_time() = api::ToProtoTimestamp(*newest);
  out.set_membership_head(std::max(view.membership_head, out.membership_sequence()));
  out.set_inspection_head(std::max(view.inspection_head, out.inspection_sequence()));
  return out;
}

std::string SnapshotName(int64_t scope_id, int64_t snapshot_id) {
  return absl::StrCat("organizations/", scope_id, "/snapshots/", snapshot_id);
}

absl::StatusOr<std::pair<int64_t, int64_t>> ParseSnapshotName(std::string_view field,
                                                              std::string_view name) {
  std::vector<std::string> parts = absl::StrSplit(ToAbsl(name), '/');
  int64_t scope = 0;
  int64_t id = 0;
  if (parts.size() != 4 || parts[0] != "organizations" || parts[2] != "snapshots" ||
      !absl::SimpleAtoi(parts[1], &scope) || scope <= 0 || !absl::SimpleAtoi(parts[3], &id) ||
      id <= 0) {
    return status::InvalidField(field, "must be organizations/{id}/snapshots/{id}");
  }
  return std::make_pair(scope, id);
}

std::optional<std::string> PathAt(const OrganizationTree& tree, int64_t organization_id, Date day) {
  std::vector<int64_t> chain;
  std::optional<int64_t> at = organization_id;
  while (at.has_value()) {
    if (chain.size() > OrganizationTree::kMaxDepth) return std::nullopt;  // a cycle
    std::optional<OrganizationVersion> v = tree.VersionAt(*at, day);
    if (!v.has_value()) return std::nullopt;
    chain.push_back(*at);
    at = v->parent_id;
  }
  std::string path = "/";
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) absl::StrAppend(&path, *it, "/");
  return path;
}

}  // namespace dangbo::reporting
