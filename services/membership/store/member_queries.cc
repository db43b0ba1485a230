// Reads of members and their events outside mutations, and the personal-data read audit.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "common/db/session.h"
#include "cppconn/resultset.h"
#include "services/membership/store/id_batches.h"
#include "services/membership/store/member_cache.h"
#include "services/membership/store/member_rows.h"
#include "services/membership/store/name_words.h"
#include "services/membership/store/path_filters.h"
#include "services/membership/store/sql_values.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {
namespace {

using internal::BoundValues;
using internal::RowReader;

// Each query word is one join; more than this is not a name.
constexpr size_t kMaxSearchWords = 8;

// The SELECT for a MemberFilter and its values. With name words, the first join drives the
// query: its (word, member_id) primary key yields matching ids in order, so the keyset
// condition and ORDER BY use w0.member_id and LIMIT stops the scan early.
absl::Status BuildListMembers(const MemberFilter& filter, std::string& sql, BoundValues& values) {
  std::vector<std::string> words = internal::NameWords(filter.name_key);
  if (words.size() > kMaxSearchWords) {
    return absl::InvalidArgumentError(
        absl::StrCat("name: at most ", kMaxSearchWords, " words are searched"));
  }
  // Longer words are rarer; the rarest should drive.
  std::stable_sort(words.begin(), words.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });

  std::string from = " FROM members m";
  const bool by_path = filter.subtree_path.has_value() || !filter.scope_paths.empty();
  for (size_t i = 0; i < words.size(); ++i) {
    absl::StrAppend(&from, " JOIN member_name_words w", i, " ON w", i, ".member_id = m.id AND w", i,
                    ".word = ?");
    values.Add(words[i]);
  }
  if (by_path) from += " JOIN organizations o ON o.id = m.organization_id";

  const std::string key = words.empty() ? "m.id" : "w0.member_id";
  std::string where = absl::StrCat(" WHERE ", key, " > ?");
  values.Add(filter.after_id);
  if (!filter.states.empty()) {
    absl::StrAppend(&where, " AND m.state IN (", internal::Placeholders(filter.states.size()), ")");
    for (MemberState state : filter.states) values.Add(static_cast<int64_t>(state));
  }
  if (!filter.party_card_number.empty()) {
    where += " AND m.party_card_number = ?";
    values.Add(filter.party_card_number);
  }
  if (!filter.citizen_id.empty()) {
    where += " AND m.citizen_id = ?";
    values.Add(filter.citizen_id);
  }
  if (filter.exempted_only) where += " AND m.exempted";
  if (filter.lost_contact_only) where += " AND m.lost_contact";
  if (filter.in_transit_only) where += " AND m.transfer_in_transit";
  absl::Status paths = internal::AppendPathFilters("o.path", filter.subtree_path, "o.path",
                                                   filter.scope_paths, where, values);
  if (!paths.ok()) return paths;
  values.Add(int64_t{internal::EffectivePageSize(filter.page_size)});
  sql = absl::StrCat("SELECT ", internal::MemberColumns("m"), from, where, " ORDER BY ", key,
                     " LIMIT ?");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Member> MembershipStore::GetMember(int64_t id) {
  // The hot path: one prepared point select on the primary key, prepared once per connection.
  static const std::string sql =
      absl::StrCat("SELECT ", internal::MemberColumns("m"), " FROM members m WHERE m.id = ?");
  std::optional<Member> member;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& statement = session.Prepare(sql);
    statement.setInt64(1, id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    member.reset();
    if (rs->next()) {
      RowReader row(*rs);
      member = internal::ReadMember(row);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!member.has_value()) return absl::NotFoundError(absl::StrCat("members/", id, " not found"));
  return *std::move(member);
}

absl::StatusOr<MemberWithPath> MembershipStore::GetMemberWithPath(int64_t id) {
  // GetMember's RPC needs the member and, to authorize, its organization's path: one round
  // trip instead of two on the service's busiest call.
  static const std::string sql =
      absl::StrCat("SELECT ", internal::MemberColumns("m"),
                   ", o.path FROM members m JOIN organizations o ON o.id = m.organization_id"
                   " WHERE m.id = ?");
  std::optional<MemberCache::Ticket> ticket;
  if (member_cache_ != nullptr) {
    if (std::optional<MemberWithPath> cached = member_cache_->Find(id, absl::Now())) {
      return *std::move(cached);
    }
    ticket = member_cache_->BeginFill(id);
  }
  std::optional<MemberWithPath> found;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& statement = session.Prepare(sql);
    statement.setInt64(1, id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    found.reset();
    if (rs->next()) {
      RowReader row(*rs);
      Member member = internal::ReadMember(row);
      found = MemberWithPath{.member = std::move(member), .organization_path = row.String()};
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found.has_value()) return absl::NotFoundError(absl::StrCat("members/", id, " not found"));
  if (ticket.has_value()) member_cache_->Fill(*ticket, *found);
  return *std::move(found);
}

absl::StatusOr<std::vector<Member>> MembershipStore::BatchGetMembers(
    const std::vector<int64_t>& ids) {
  std::vector<int64_t> distinct = ids;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

  absl::flat_hash_map<int64_t, Member> found;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    found.clear();
    internal::ForEachIdBatch(
        distinct, [&](const std::string& placeholders, const std::vector<int64_t>& batch) {
          sql::PreparedStatement& statement =
              session.Prepare(absl::StrCat("SELECT ", internal::MemberColumns("m"),
                                           " FROM members m WHERE m.id IN (", placeholders, ")"));
          for (size_t i = 0; i < batch.size(); ++i) statement.setInt64(i + 1, batch[i]);
          std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
          while (rs->next()) {
            RowReader row(*rs);
            Member member = internal::ReadMember(row);
            found.emplace(member.id, std::move(member));
          }
        });
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  std::vector<Member> members;
  members.reserve(ids.size());
  for (int64_t id : ids) {
    auto it = found.find(id);
    if (it == found.end()) return absl::NotFoundError(absl::StrCat("members/", id, " not found"));
    members.push_back(it->second);
  }
  return members;
}

absl::StatusOr<std::vector<Member>> MembershipStore::ListMembers(const MemberFilter& filter) {
  std::string sql;
  BoundValues values;
  absl::Status built = BuildListMembers(filter, sql, values);
  if (!built.ok()) return built;

  std::vector<Member> page;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(sql);
    values.BindTo(statement);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      page.push_back(internal::ReadMember(row));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<std::vector<MemberEvent>> MembershipStore::ListMemberEvents(int64_t member_id,
                                                                           int page_size,
                                                                           int64_t after_id) {
  static const std::string sql =
      absl::StrCat("SELECT ", internal::MemberEventColumns("e"),
                   " FROM member_events e WHERE e.member_id = ? AND e.id > ?"
                   " ORDER BY e.id LIMIT ?");
  std::vector<MemberEvent> page;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(sql);
    internal::ParamBinder(statement).Int64(member_id).Int64(after_id).Int64(
        internal::EffectivePageSize(page_size));
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      page.push_back(internal::ReadMemberEvent(row));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::Status MembershipStore::AuditPersonalDataRead(const std::string& caller,
                                                    const std::string& method,
                                                    const std::vector<int64_t>& member_ids) {
  if (member_ids.empty()) return absl::OkStatus();
  return pool_.InTransaction([&](db::Session& session) -> absl::Status {
    sql::PreparedStatement& statement = session.Prepare(
        "INSERT INTO audit_log (time, caller, method, request_id, resource, action, detail)"
        " VALUES (?, ?, ?, '', ?, 'READ_PERSONAL_DATA', '')");
    const absl::Time now = internal::NowMicros();
    for (int64_t id : member_ids) {
      internal::ParamBinder(statement).Time(now).String(caller).String(method).String(
          absl::StrCat("members/", id));
      statement.executeUpdate();
    }
    return absl::OkStatus();
  });
}

}  // namespace dangbo::membership
