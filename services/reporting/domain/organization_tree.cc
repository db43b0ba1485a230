#include "services/reporting/domain/organization_tree.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace dangbo::reporting {
namespace {

bool InReportYears(Date day) {
  return day.year() >= kFirstReportYear && day.year() <= kLastReportYear;
}

absl::Status InvalidVersion(size_t index, absl::string_view field, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("versions[", index, "].", field, ": ", message));
}

}  // namespace

absl::StatusOr<OrganizationTree> OrganizationTree::Build(
    const std::vector<OrganizationVersion>& rows) {
  // Group by organization in the order they first appear (so the first bad row reported is
  // the same on every run), remembering each row's position so errors name it.
  absl::flat_hash_map<int64_t, size_t> group_of;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto [it, inserted] = group_of.try_emplace(rows[i].organization_id, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  OrganizationTree tree;
  for (const std::vector<size_t>& indexes : groups) {
    std::vector<OrganizationVersion> versions;
    versions.reserve(indexes.size());
    for (size_t i : indexes) versions.push_back(rows[i]);
    absl::Status status =
        tree.ReplaceHistory(rows[indexes.front()].organization_id, std::move(versions), &indexes);
    if (!status.ok()) return status;
  }
  return tree;
}

absl::Status OrganizationTree::SetHistory(int64_t organization_id,
                                          std::vector<OrganizationVersion> versions) {
  return ReplaceHistory(organization_id, std::move(versions), nullptr);
}

absl::Status OrganizationTree::ReplaceHistory(int64_t organization_id,
                                              std::vector<OrganizationVersion> versions,
                                              const std::vector<size_t>* row_numbers) {
  const auto InvalidRow = [row_numbers](size_t i, absl::string_view field,
                                        absl::string_view message) {
    return InvalidVersion(row_numbers == nullptr ? i : (*row_numbers)[i], field, message);
  };
  if (organization_id <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("organization_id: ", organization_id, " is not an organization id"));
  }
  struct Indexed {
    size_t index;
    DayNumber from;
    DayNumber to;
  };
  std::vector<Indexed> order;
  order.reserve(versions.size());
  for (size_t i = 0; i < versions.size(); ++i) {
    const OrganizationVersion& v = versions[i];
    if (v.organization_id != organization_id) {
      return InvalidRow(i, "organization_id",
                        absl::StrCat(v.organization_id, " is not ", organization_id));
    }
    if (v.parent_id.has_value() && *v.parent_id <= 0) {
      return InvalidRow(i, "parent_id", absl::StrCat(*v.parent_id, " is not an organization id"));
    }
    if (v.parent_id == organization_id) {
      return InvalidRow(i, "parent_id", "an organization is not its own parent");
    }
    if (!InReportYears(v.valid_from)) {
      return InvalidRow(i, "valid_from",
                        absl::StrCat("year ", v.valid_from.year(), " is outside the report years"));
    }
    if (v.valid_to.has_value() && !InReportYears(*v.valid_to)) {
      return InvalidRow(i, "valid_to",
                        absl::StrCat("year ", v.valid_to->year(), " is outside the report years"));
    }
    if (v.valid_to.has_value() && *v.valid_to <= v.valid_from) {
      return InvalidRow(i, "valid_to", "not after valid_from");
    }
    order.push_back({i, ToDayNumber(v.valid_from),
                     v.valid_to.has_value() ? ToDayNumber(*v.valid_to) : kOpenEnd});
  }
  std::sort(order.begin(), order.end(),
            [](const Indexed& a, const Indexed& b) { return a.from < b.from; });
  for (size_t k = 1; k < order.size(); ++k) {
    if (order[k].from < order[k - 1].to) {
      return InvalidRow(order[k].index, "valid_from",
                        absl::StrCat("overlaps versions[",
                                     row_numbers == nullptr ? order[k - 1].index
                                                            : (*row_numbers)[order[k - 1].index],
                                     "]"));
    }
  }

  const uint32_t slot = SlotOf(organization_id);
  Unlink(slot);
  std::vector<Version>& kept = history_[slot];
  if (!kept.empty()) --organization_count_;
  version_count_ -= kept.size();
  kept.clear();
  kept.reserve(order.size());
  for (const Indexed& o : order) {
    const OrganizationVersion& v = versions[o.index];
    // SlotOf may grow history_, so `kept` is looked up again after it.
    const uint32_t parent = v.parent_id.has_value() ? SlotOf(*v.parent_id) : kNoSlot;
    history_[slot].push_back(
        {.from = o.from, .to = o.to, .parent = parent, .kind = v.kind, .ownership = v.ownership});
  }
  history_[slot].shrink_to_fit();
  if (!history_[slot].empty()) ++organization_count_;
  version_count_ += history_[slot].size();
  Link(slot);
  return absl::OkStatus();
}

absl::Status OrganizationTree::ApplyChange(const OrganizationVersion& version) {
  std::vector<OrganizationVersion> versions;
  if (const std::optional<uint32_t> slot = FindSlot(version.organization_id)) {
    const DayNumber from = ToDayNumber(version.valid_from);
    for (const Version& v : history_[*slot]) {
      if (v.from >= from) continue;
      OrganizationVersion kept{
          .organization_id = version.organization_id,
          .parent_id = v.parent == kNoSlot ? std::nullopt : std::optional(id_of_[v.parent]),
          .kind = v.kind,
          .ownership = v.ownership,
          .valid_from = FromDayNumber(v.from),
          .valid_to = v.to == kOpenEnd ? std::nullopt : std::optional(FromDayNumber(v.to))};
      if (v.to > from) kept.valid_to = version.valid_from;
      versions.push_back(kept);
    }
  }
  versions.push_back(version);
  return SetHistory(version.organization_id, std::move(versions));
}

std::optional<OrganizationVersion> OrganizationTree::VersionAt(int64_t organization_id,
                                                               Date day) const {
  const std::optional<uint32_t> slot = FindSlot(organization_id);
  if (!slot.has_value()) return std::nullopt;
  const Version* v = VersionOn(*slot, ToDayNumber(day));
  if (v == nullptr) return std::nullopt;
  return OrganizationVersion{
      .organization_id = organization_id,
      .parent_id = v->parent == kNoSlot ? std::nullopt : std::optional(id_of_[v->parent]),
      .kind = v->kind,
      .ownership = v->ownership,
      .valid_from = FromDayNumber(v->from),
      .valid_to = v->to == kOpenEnd ? std::nullopt : std::optional(FromDayNumber(v->to))};
}

EnterpriseOwnership OrganizationTree::OwnershipOn(int64_t organization_id, Date day) const {
  std::optional<uint32_t> slot = FindSlot(organization_id);
  if (!slot.has_value()) return EnterpriseOwnership::kUnspecified;
  const DayNumber d = ToDayNumber(day);
  uint32_t current = *slot;
  // Bounded: a cycle in bad history stops here instead of looping.
  for (int depth = 0; depth <= kMaxDepth; ++depth) {
    const Version* v = VersionOn(current, d);
    if (v == nullptr) return EnterpriseOwnership::kUnspecified;
    if (v->ownership != EnterpriseOwnership::kUnspecified) return v->ownership;
    if (v->parent == kNoSlot) return EnterpriseOwnership::kUnspecified;
    current = v->parent;
  }
  return EnterpriseOwnership::kUnspecified;
}

bool OrganizationTree::Contains(int64_t scope_id, int64_t organization_id, Date day) const {
  const std::optional<uint32_t> scope = FindSlot(scope_id);
  std::optional<uint32_t> slot = FindSlot(organization_id);
  if (!scope.has_value() || !slot.has_value()) return false;
  const DayNumber d = ToDayNumber(day);
  uint32_t current = *slot;
  for (int depth = 0; depth <= kMaxDepth; ++depth) {
    const Version* v = VersionOn(current, d);
    if (v == nullptr) return false;
    if (current == *scope) return true;
    if (v->parent == kNoSlot) return false;
    current = v->parent;
  }
  return false;
}

std::vector<int64_t> OrganizationTree::ChildrenAt(int64_t scope_id, Date day) const {
  std::vector<int64_t> children;
  const std::optional<uint32_t> scope = FindSlot(scope_id);
  if (!scope.has_value()) return children;
  const DayNumber d = ToDayNumber(day);
  if (VersionOn(*scope, d) == nullptr) return children;
  for (const ChildLink& link : children_[*scope]) {
    if (link.from <= d && d < link.to) children.push_back(id_of_[link.child]);
  }
  std::sort(children.begin(), children.end());
  return children;
}

absl::StatusOr<std::vector<SubtreeSegment>> OrganizationTree::Subtree(
    int64_t scope_id, const DateRange& range) const {
  const std::optional<uint32_t> scope = FindSlot(scope_id);
  if (!scope.has_value() || history_[*scope].empty()) {
    return absl::NotFoundError(
        absl::StrCat("scope: organization ", scope_id, " is not in the organization tree"));
  }
  struct Pending {
    uint32_t slot;
    uint32_t child;  // the scope's direct child above it; kNoSlot for the scope itself
    DayNumber from;
    DayNumber to;  // excluded
    int depth;
  };
  const DayNumber first = ToDayNumber(range.first);
  const DayNumber end = ToDayNumber(range.last) + 1;
  std::vector<Pending> pending;
  for (const Version& v : history_[*scope]) {
    const DayNumber from = std::max(first, v.from);
    const DayNumber to = std::min(end, v.to);
    if (from < to) pending.push_back({*scope, kNoSlot, from, to, 0});
  }
  std::vector<SubtreeSegment> segments;
  while (!pending.empty()) {
    const Pending p = pending.back();
    pending.pop_back();
    segments.push_back({.organization_id = id_of_[p.slot],
                        .child_id = p.child == kNoSlot ? 0 : id_of_[p.child],
                        .from = FromDayNumber(p.from),
                        .to = FromDayNumber(p.to - 1)});
    for (const ChildLink& link : children_[p.slot]) {
      const DayNumber from = std::max(p.from, link.from);
      const DayNumber to = std::min(p.to, link.to);
      if (from >= to) continue;
      if (p.depth + 1 > kMaxDepth) {
        return absl::FailedPreconditionError(absl::StrCat(
            "organization tree: the history below organization ", scope_id, " nests deeper than ",
            kMaxDepth, " levels (a cycle through organization ", id_of_[link.child], ")"));
      }
      pending.push_back({link.child, p.depth == 0 ? link.child : p.child, from, to, p.depth + 1});
    }
  }
  return segments;
}

std::optional<Date> OrganizationTree::EstablishedOn(int64_t organization_id) const {
  const std::optional<uint32_t> slot = FindSlot(organization_id);
  if (!slot.has_value() || history_[*slot].empty()) return std::nullopt;
  return FromDayNumber(history_[*slot].front().from);
}

bool OrganizationTree::Knows(int64_t organization_id) const {
  const std::optional<uint32_t> slot = FindSlot(organization_id);
  return slot.has_value() && !history_[*slot].empty();
}

uint32_t OrganizationTree::SlotOf(int64_t organization_id) {
  auto [it, inserted] = slot_of_.try_emplace(organization_id, static_cast<uint32_t>(id_of_.size()));
  if (inserted) {
    id_of_.push_back(organization_id);
    history_.emplace_back();
    children_.emplace_back();
  }
  return it->second;
}

std::optional<uint32_t> OrganizationTree::FindSlot(int64_t organization_id) const {
  auto it = slot_of_.find(organization_id);
  if (it == slot_of_.end()) return std::nullopt;
  return it->second;
}

const OrganizationTree::Version* OrganizationTree::VersionOn(uint32_t slot, DayNumber day) const {
  const std::vector<Version>& versions = history_[slot];
  // Versions are sorted and disjoint: the last one starting on or before `day` is the only
  // candidate.
  auto it = std::upper_bound(versions.begin(), versions.end(), day,
                             [](DayNumber d, const Version& v) { return d < v.from; });
  if (it == versions.begin()) return nullptr;
  --it;
  return day < it->to ? &*it : nullptr;
}

void OrganizationTree::Unlink(uint32_t slot) {
  for (const Version& v : history_[slot]) {
    if (v.parent == kNoSlot) continue;
    std::vector<ChildLink>& links = children_[v.parent];
    std::erase_if(links, [slot](const ChildLink& link) { return link.child == slot; });
  }
}

void OrganizationTree::Link(uint32_t slot) {
  for (const Version& v : history_[slot]) {
    if (v.parent == kNoSlot) continue;
    children_[v.parent].push_back({.child = slot, .from = v.from, .to = v.to});
  }
}

}  // namespace dangbo::reporting
