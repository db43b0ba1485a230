// Annual quality ratings and party badges: their writes inside a mutation and their reads.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/db/pool.h"
#include "common/db/session.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "services/membership/store/id_batches.h"
#include "services/membership/store/member_rows.h"
#include "services/membership/store/membership_tx.h"
#include "services/membership/store/path_filters.h"
#include "services/membership/store/sql_values.h"
#include "services/membership/store/store.h"

namespace dangbo::membership {
namespace {

using internal::BoundValues;
using internal::ParamBinder;
using internal::RowReader;

constexpr const char* kRatingColumns =
    "r.subject_kind, r.subject_id, r.year, r.level, r.score, r.rated_in_organization_id, r.note";
constexpr const char* kBadgeColumns =
    "b.member_id, b.years, b.award_date, b.decision_number, b.decision_date, b.decision_issuer,"
    " b.posthumous, b.early";

Rating ReadRating(RowReader& row) {
  Rating r;
  r.subject_kind = row.EnumValue<Rating::SubjectKind>();
  r.subject_id = row.Int64();
  r.year = row.Int();
  r.level = row.EnumValue<RatingLevel>();
  if (std::optional<int64_t> score = row.OptionalInt64()) r.score = static_cast<int>(*score);
  r.rated_in_organization_id = row.Int64();
  r.note = row.String();
  return r;
}

Badge ReadBadge(RowReader& row) {
  Badge b;
  b.member_id = row.Int64();
  b.years = row.Int();
  b.award_date = row.Date();
  b.decision.number = row.String();
  b.decision.date = row.OptionalDate();
  b.decision.issuer = row.String();
  b.posthumous = row.Bool();
  b.early = row.Bool();
  return b;
}

}  // namespace

namespace internal {

absl::Status SqlMembershipTx::UpsertRating(const Rating& rating) {
  try {
    sql::PreparedStatement& statement = session_.Prepare(
        "INSERT INTO ratings (subject_kind, subject_id, year, level, score,"
        " rated_in_organization_id, note, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE level = VALUES(level), score = VALUES(score),"
        " rated_in_organization_id = VALUES(rated_in_organization_id), note = VALUES(note),"
        " update_time = VALUES(update_time)");
    std::optional<int64_t> score;
    if (rating.score.has_value()) score = *rating.score;
    ParamBinder(statement)
        .EnumValue(rating.subject_kind)
        .Int64(rating.subject_id)
        .Int(rating.year)
        .EnumValue(rating.level)
        .OptionalInt64(score)
        .Int64(rating.rated_in_organization_id)
        .String(rating.note)
        .Time(NowMicros());
    statement.executeUpdate();
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return db::FromSqlException(e);
  }
}

absl::Status SqlMembershipTx::InsertBadge(const Badge& badge) {
  try {
    sql::PreparedStatement& statement = session_.Prepare(
        "INSERT INTO badges (member_id, years, award_date, decision_number, decision_date,"
        " decision_issuer, posthumous, early, record_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ParamBinder(statement)
        .Int64(badge.member_id)
        .Int(badge.years)
        .Date(badge.award_date)
        .String(badge.decision.number)
        .OptionalDate(badge.decision.date)
        .String(badge.decision.issuer)
        .Bool(badge.posthumous)
        .Bool(badge.early)
        .Time(NowMicros());
    try {
      statement.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErrDuplicateKey) throw;
      return absl::AlreadyExistsError(absl::StrCat("badge.years: members/", badge.member_id,
                                                   " already has the ", badge.years,
                                                   "-year badge"));
    }
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return db::FromSqlException(e);
  }
}

}  // namespace internal

absl::StatusOr<std::vector<Rating>> MembershipStore::ListRatings(const RatingFilter& filter) {
  std::string from = " FROM ratings r";
  std::string where = " WHERE TRUE";
  BoundValues values;
  if (filter.subject.has_value()) {
    where += " AND r.subject_kind = ? AND r.subject_id = ?";
    values.Add(static_cast<int64_t>(filter.subject->first));
    values.Add(filter.subject->second);
  }
  if (filter.subtree_path.has_value()) {
    from += " JOIN organizations o ON o.id = r.rated_in_organization_id";
  }
  absl::Status paths =
      internal::AppendPathFilters("o.path", filter.subtree_path, "o.path", {}, where, values);
  if (!paths.ok()) return paths;
  if (filter.year != 0) {
    where += " AND r.year = ?";
    values.Add(int64_t{filter.year});
  }
  values.Add(int64_t{internal::EffectivePageSize(filter.page_size)});
  values.Add(filter.offset < 0 ? int64_t{0} : filter.offset);
  const std::string sql =
      absl::StrCat("SELECT ", kRatingColumns, from, where,
                   " ORDER BY r.subject_kind, r.subject_id, r.year LIMIT ? OFFSET ?");

  std::vector<Rating> page;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    page.clear();
    sql::PreparedStatement& statement = session.Prepare(sql);
    values.BindTo(statement);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      page.push_back(ReadRating(row));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<std::vector<Badge>> MembershipStore::ListBadges(int64_t member_id) {
  static const std::string sql = absl::StrCat(
      "SELECT ", kBadgeColumns, " FROM badges b WHERE b.member_id = ? ORDER BY b.years");
  std::vector<Badge> badges;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    badges.clear();
    sql::PreparedStatement& statement = session.Prepare(sql);
    statement.setInt64(1, member_id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      badges.push_back(ReadBadge(row));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return badges;
}

absl::StatusOr<absl::flat_hash_map<int64_t, MemberHistory>> MembershipStore::MemberHistories(
    const std::vector<int64_t>& member_ids) {
  std::vector<int64_t> distinct = member_ids;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

  absl::flat_hash_map<int64_t, MemberHistory> histories;
  absl::Status status = pool_.Read([&](db::Session& session) -> absl::Status {
    histories.clear();
    for (int64_t id : distinct) histories[id];
    internal::ForEachIdBatch(
        distinct, [&](const std::string& placeholders, const std::vector<int64_t>& batch) {
          sql::PreparedStatement& events =
              session.Prepare(absl::StrCat("SELECT ", internal::MemberEventColumns("e"),
                                           " FROM member_events e WHERE e.member_id IN (",
                                           placeholders, ") ORDER BY e.member_id, e.id"));
          for (size_t i = 0; i < batch.size(); ++i) events.setInt64(i + 1, batch[i]);
          std::unique_ptr<sql::ResultSet> event_rows(events.executeQuery());
          while (event_rows->next()) {
            RowReader row(*event_rows);
            MemberEvent event = internal::ReadMemberEvent(row);
            histories[event.member_id].events.push_back(std::move(event));
          }

          sql::PreparedStatement& badges = session.Prepare(
              absl::StrCat("SELECT ", kBadgeColumns, " FROM badges b WHERE b.member_id IN (",
                           placeholders, ") ORDER BY b.member_id, b.years"));
          for (size_t i = 0; i < batch.size(); ++i) badges.setInt64(i + 1, batch[i]);
          std::unique_ptr<sql::ResultSet> badge_rows(badges.executeQuery());
          while (badge_rows->next()) {
            RowReader row(*badge_rows);
            Badge badge = ReadBadge(row);
            histories[badge.member_id].badges.push_back(std::move(badge));
          }
        });
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return histories;
}

}  // namespace dangbo::membership
