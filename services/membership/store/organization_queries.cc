// Reads of organizations and their history outside mutations.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "common/db/session.h"
#include "cppconn/resultset.h"
#include "services/membership/store/id_batches.h"
#include "services/membership/store/organization_rows.h"
#include "services/membership/store/path_filters.h"
#include "services/membership/store/sql_values.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {
namespace {

using internal::BoundValues;
using internal::RowReader;

template <typename Enum>
void AppendInList(const std::string& column, const std::vector<Enum>& values, std::string& where,
                  BoundValues& bound) {
  if (values.empty()) return;
  absl::StrAppend(&where, " AND ", column, " IN (", internal::Placeholders(values.size()), ")");
  for (Enum v : values) bound.Add(static_cast<int64_t>(v));
}

absl::StatusOr<std::vector<Organization>> ListCurrent(db::Pool& pool,
                                                      const OrganizationFilter& filter) {
  std::string where = " WHERE o.id > ?";
  BoundValues values;
  values.Add(filter.after_id);
  if (filter.parent_id.has_value()) {
    where += " AND o.parent_id = ?";
    values.Add(*filter.parent_id);
  }
  absl::Status paths = internal::AppendPathFilters("o.path", filter.subtree_path, "o.path",
                                                   filter.scope_paths, where, values);
  if (!paths.ok()) return paths;
  AppendInList("o.kind", filter.kinds, where, values);
  AppendInList("o.state", filter.states, where, values);
  values.Add(int64_t{internal::EffectivePageSize(filter.page_size)});
  const std::string sql = absl::StrCat("SELECT ", internal::OrganizationColumns("o"),
                                       " FROM organizations o", where, " ORDER BY o.id LIMIT ?");

  std::vector<Organization> page;
  absl::Status status = pool.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(sql);
    values.BindTo(statement);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      page.push_back(internal::ReadOrganization(row));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

// The tree as it stood on `as_of`. Parent and subtree filters apply to the tree of that day;
// the caller's scopes to today's tree, since scopes are granted on the tree as it stands now
// (design.md §6).
absl::StatusOr<std::vector<Organization>> ListAsOf(db::Pool& pool,
                                                   const OrganizationFilter& filter) {
  std::string from = " FROM organization_versions v";
  if (!filter.scope_paths.empty()) from += " JOIN organizations o ON o.id = v.organization_id";
  std::string where =
      " WHERE v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)"
      " AND v.organization_id > ?";
  BoundValues values;
  values.Add(*filter.as_of);
  values.Add(*filter.as_of);
  values.Add(filter.after_id);
  if (filter.parent_id.has_value()) {
    where += " AND v.parent_id = ?";
    values.Add(*filter.parent_id);
  }
  absl::Status paths = internal::AppendPathFilters("v.path", filter.subtree_path, "o.path",
                                                   filter.scope_paths, where, values);
  if (!paths.ok()) return paths;
  AppendInList("v.kind", filter.kinds, where, values);
  AppendInList("v.state", filter.states, where, values);
  values.Add(int64_t{internal::EffectivePageSize(filter.page_size)});
  const std::string sql = absl::StrCat("SELECT ", internal::OrganizationVersionColumns("v"), from,
                                       where, " ORDER BY v.organization_id LIMIT ?");

  std::vector<Organization> page;
  absl::Status status = pool.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(sql);
    values.BindTo(statement);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      page.push_back(internal::ReadOrganizationVersion(row).organization);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

}  // namespace

absl::StatusOr<Organization> MembershipStore::GetOrganization(int64_t id) {
  static const std::string sql = absl::StrCat("SELECT ", internal::OrganizationColumns("o"),
                                              " FROM organizations o WHERE o.id = ?");
  std::optional<Organization> org;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& statement = session.Prepare(sql);
    statement.setInt64(1, id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    org.reset();
    if (rs->next()) {
      RowReader row(*rs);
      org = internal::ReadOrganization(row);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!org.has_value())
    return absl::NotFoundError(absl::StrCat("organizations/", id, " not found"));
  return *std::move(org);
}

absl::StatusOr<OrganizationVersion> MembershipStore::GetOrganizationAsOf(int64_t id, Date as_of) {
  static const std::string sql =
      absl::StrCat("SELECT ", internal::OrganizationVersionColumns("v"),
                   " FROM organization_versions v WHERE v.organization_id = ? AND v.valid_from <= ?"
                   " AND (v.valid_to IS NULL OR v.valid_to > ?) ORDER BY v.id DESC LIMIT 1");
  std::optional<OrganizationVersion> version;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& statement = session.Prepare(sql);
    internal::ParamBinder(statement).Int64(id).Date(as_of).Date(as_of);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    version.reset();
    if (rs->next()) {
      RowReader row(*rs);
      version = internal::ReadOrganizationVersion(row);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!version.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("organizations/", id, " did not exist on ", absl::FormatCivilTime(as_of)));
  }
  return *std::move(version);
}

absl::StatusOr<std::vector<Organization>> MembershipStore::ListOrganizations(
    const OrganizationFilter& filter) {
  return filter.as_of.has_value() ? ListAsOf(pool_, filter) : ListCurrent(pool_, filter);
}

absl::StatusOr<std::vector<OrganizationVersion>> MembershipStore::ListOrganizationHistories(
    const std::vector<int64_t>& ids, int page_size, int64_t after_seq) {
  std::vector<int64_t> distinct = ids;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<OrganizationVersion> page;
  if (distinct.empty()) return page;
  // One statement for the whole set, since the page runs across it in version order, padded as
  // ForEachIdBatch pads its chunks.
  const size_t padded = internal::PaddedIdCount(distinct.size());
  distinct.resize(padded, distinct.back());
  const std::string sql = absl::StrCat(
      "SELECT ", internal::OrganizationVersionColumns("v"),
      " FROM organization_versions v WHERE v.organization_id IN (", internal::Placeholders(padded),
      ") AND v.id > ? ORDER BY v.id LIMIT ?");
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(sql);
    internal::ParamBinder binder(statement);
    for (int64_t id : distinct) binder.Int64(id);
    binder.Int64(after_seq).Int64(internal::EffectivePageSize(page_size));
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      page.push_back(internal::ReadOrganizationVersion(row));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<std::vector<std::pair<int64_t, std::string>>> MembershipStore::OrganizationPaths(
    const std::vector<int64_t>& ids) {
  std::vector<int64_t> distinct = ids;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::pair<int64_t, std::string>> paths;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    paths.clear();
    internal::ForEachIdBatch(
        distinct, [&](const std::string& placeholders, const std::vector<int64_t>& batch) {
          sql::PreparedStatement& statement = session.Prepare(
              absl::StrCat("SELECT id, path FROM organizations WHERE id IN (", placeholders, ")"));
          for (size_t i = 0; i < batch.size(); ++i) statement.setInt64(i + 1, batch[i]);
          std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
          while (rs->next()) paths.emplace_back(rs->getInt64(1), rs->getString(2).asStdString());
        });
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return paths;
}

absl::StatusOr<std::vector<OrganizationPathAndState>> MembershipStore::OrganizationPathsAndStates(
    const std::vector<int64_t>& ids) {
  std::vector<int64_t> distinct = ids;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<OrganizationPathAndState> found;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    found.clear();
    internal::ForEachIdBatch(
        distinct, [&](const std::string& placeholders, const std::vector<int64_t>& batch) {
          sql::PreparedStatement& statement = session.Prepare(absl::StrCat(
              "SELECT id, path, state FROM organizations WHERE id IN (", placeholders, ")"));
          for (size_t i = 0; i < batch.size(); ++i) statement.setInt64(i + 1, batch[i]);
          std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
          while (rs->next()) {
            internal::RowReader row(*rs);
            OrganizationPathAndState org;
            org.id = row.Int64();
            org.path = row.String();
            org.state = row.EnumValue<OrganizationState>();
            found.push_back(std::move(org));
          }
        });
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return found;
}

}  // namespace dangbo::membership
