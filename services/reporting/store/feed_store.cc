#include "services/reporting/store/feed_store.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/session.h"
#include "common/db/sql_row.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/resultset.h"

namespace dangbo::reporting {
namespace {

using db::ParamBinder;
using db::RowReader;
using db::Session;

// Rows per INSERT. A batch is written in statements of these sizes, largest first, so that at
// most this many distinct statement texts are ever prepared (Session caches them by text).
constexpr size_t kChunkSizes[] = {256, 64, 16, 4, 1};
constexpr int kLoadPageSize = 5000;

std::string UpsertSql(size_t rows) {
  std::string sql = "INSERT INTO feed_resources (source, resource, sequence, payload) VALUES ";
  for (size_t i = 0; i < rows; ++i) absl::StrAppend(&sql, i == 0 ? "" : ", ", "(?, ?, ?, ?)");
  // Assignments run left to right and later ones see earlier results: `sequence` goes last so
  // that the comparisons before it still see the row's old sequence.
  absl::StrAppend(&sql,
                  " ON DUPLICATE KEY UPDATE"
                  " payload = IF(VALUES(sequence) > sequence, VALUES(payload), payload),"
                  " sequence = GREATEST(sequence, VALUES(sequence))");
  return sql;
}

}  // namespace

absl::StatusOr<FeedPositions> FeedStore::ReadPositions() {
  FeedPositions positions;
  absl::Status status = pool_.Read([&](Session& session) -> absl::Status {
    positions = FeedPositions{};
    std::unique_ptr<sql::ResultSet> rs(
        session.Prepare("SELECT source, last_sequence, newest_event_time FROM feed_positions")
            .executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      const int source = row.Int();
      if (source != static_cast<int>(Source::kMembership) &&
          source != static_cast<int>(Source::kInspection)) {
        continue;
      }
      FeedPosition& p = positions.of(static_cast<Source>(source));
      p.last_sequence = row.Int64();
      const std::string time = row.String();
      if (!time.empty()) p.newest_event_time = db::ParseSqlTime(time);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return positions;
}

absl::Status FeedStore::CommitBatch(Source source, const std::vector<FeedResource>& resources,
                                    const FeedPosition& after) {
  return pool_.InTransaction([&](Session& session) -> absl::Status {
    size_t next = 0;
    for (size_t chunk : kChunkSizes) {
      if (resources.size() - next < chunk) continue;
      sql::PreparedStatement& insert = session.Prepare(UpsertSql(chunk));
      while (resources.size() - next >= chunk) {
        ParamBinder bind(insert);
        for (size_t i = 0; i < chunk; ++i, ++next) {
          const FeedResource& r = resources[next];
          bind.Int(static_cast<int>(source)).String(r.resource).Int64(r.sequence).String(r.payload);
        }
        insert.executeUpdate();
      }
    }
    // newest_event_time first: it compares against the old last_sequence.
    sql::PreparedStatement& advance = session.Prepare(
        "UPDATE feed_positions SET"
        " newest_event_time = IF(? > last_sequence, COALESCE(?, newest_event_time),"
        " newest_event_time),"
        " last_sequence = GREATEST(last_sequence, ?) WHERE source = ?");
    const std::string time =
        after.newest_event_time ? db::FormatSqlTime(*after.newest_event_time) : std::string();
    ParamBinder(advance)
        .Int64(after.last_sequence)
        .StringOrNull(time)
        .Int64(after.last_sequence)
        .Int(static_cast<int>(source));
    advance.executeUpdate();
    return absl::OkStatus();
  });
}

absl::Status FeedStore::ForEachResource(
    Source source, absl::FunctionRef<absl::Status(const FeedResource&)> visit) {
  // Keyset pages: the connector buffers a whole result set, and a national read model holds
  // millions of rows.
  std::string after;
  for (;;) {
    std::vector<FeedResource> page;
    absl::Status status = pool_.Read([&](Session& session) -> absl::Status {
      page.clear();
      sql::PreparedStatement& select = session.Prepare(
          "SELECT resource, sequence, payload FROM feed_resources"
          " WHERE source = ? AND resource > ? ORDER BY resource LIMIT ?");
      ParamBinder(select).Int(static_cast<int>(source)).String(after).Int(kLoadPageSize);
      std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
      while (rs->next()) {
        RowReader row(*rs);
        FeedResource r;
        r.resource = row.String();
        r.sequence = row.Int64();
        r.payload = row.String();
        page.push_back(std::move(r));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    for (const FeedResource& r : page) {
      if (absl::Status s = visit(r); !s.ok()) return s;
    }
    if (page.size() < static_cast<size_t>(kLoadPageSize)) return absl::OkStatus();
    after = page.back().resource;
  }
}

absl::Status FeedStore::Reset() {
  // Positions first, then the rows: a crash in between leaves rows to be overwritten by the
  // same states on the next follow from 0, never rows without the changes that made them.
  // TRUNCATE rather than DELETE: a national read model is millions of rows, too many for one
  // transaction within the connection's timeouts.
  absl::Status status = pool_.InTransaction([&](Session& session) -> absl::Status {
    session.Execute("UPDATE feed_positions SET last_sequence = 0, newest_event_time = NULL");
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return pool_.WithSession([&](Session& session) -> absl::Status {
    session.Execute("TRUNCATE TABLE feed_resources");
    return absl::OkStatus();
  });
}

}  // namespace dangbo::reporting
