// The bulk paths of SqlMembershipTx (ImportMembers): multi-row statements, because one
// statement per row costs a round trip per row and an import sends millions of rows.
#include <memory>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/db/row_chunks.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "services/membership/domain/names.h"
#include "services/membership/store/member_rows.h"
#include "services/membership/store/membership_tx.h"
#include "services/membership/store/name_words.h"
#include "services/membership/store/sql_values.h"

namespace dangbo::membership::internal {
namespace {

// 30 parameters a row; 256 rows keep a statement near 8,000 parameters (the protocol allows
// 65,535) and its packet small, while one round trip carries a quarter of a 1000-row batch.
constexpr size_t kMaxMembersPerInsert = 256;
constexpr size_t kMaxNameWordsPerInsert = 1024;
constexpr size_t kMaxCitizenIdsPerSelect = 256;

std::string InsertMembersSql(size_t rows) {
  return absl::StrCat(
      "INSERT INTO members (", ColumnList(kMemberDataColumns),
      ", version, create_time, update_time) VALUES ",
      db::RepeatedRows(absl::StrCat("(", Placeholders(std::size(kMemberDataColumns)), ", 1, ?, ?)"),
                       rows));
}

std::string LockMembersByCitizenIdSql(size_t ids) {
  return absl::StrCat("SELECT ", MemberColumns("m"), " FROM members m WHERE m.citizen_id IN (",
                      Placeholders(ids), ") FOR UPDATE");
}

std::string InsertNameWordsSql(size_t rows) {
  return absl::StrCat("INSERT INTO member_name_words (word, member_id) VALUES ",
                      db::RepeatedRows("(?, ?)", rows));
}

}  // namespace

void SqlMembershipTx::WriteNameWords(int64_t member_id, const std::string& name_key) {
  std::vector<NameWordRow> rows;
  for (std::string& word : NameWords(name_key)) rows.push_back({std::move(word), member_id});
  InsertNameWords(rows);
}

void SqlMembershipTx::InsertNameWords(const std::vector<NameWordRow>& rows) {
  db::ForEachRowChunk(rows.size(), kMaxNameWordsPerInsert, [&](size_t begin, size_t size) {
    sql::PreparedStatement& insert = session_.Prepare(InsertNameWordsSql(size));
    ParamBinder binder(insert);
    for (size_t i = begin; i < begin + size; ++i) {
      binder.String(rows[i].word).Int64(rows[i].member_id);
    }
    insert.executeUpdate();
    return absl::OkStatus();
  }).IgnoreError();  // the body reports failures by throwing
}

bool SqlMembershipTx::AutoIncrementIsConsecutive(int64_t& increment) {
  // innodb_autoinc_lock_mode 0 and 1 give the rows of one multi-row INSERT consecutive ids
  // (one step of auto_increment_increment apart); 2 ("interleaved") may not.
  std::unique_ptr<sql::ResultSet> rs(
      session_.Prepare("SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment")
          .executeQuery());
  if (!rs->next()) return false;
  increment = rs->getInt64(2);
  return rs->getInt(1) != 2 && increment >= 1;
}

absl::StatusOr<std::vector<Member>> SqlMembershipTx::InsertMembers(
    const std::vector<Member>& members) {
  return Guarded([&]() -> absl::StatusOr<std::vector<Member>> {
    std::vector<Member> stored;
    if (members.empty()) return stored;
    int64_t increment = 1;
    if (!AutoIncrementIsConsecutive(increment)) {
      stored.reserve(members.size());
      for (const Member& member : members) {
        absl::StatusOr<Member> one = InsertMember(member);
        if (!one.ok()) return one.status();
        stored.push_back(*std::move(one));
      }
      return stored;
    }

    stored = members;
    std::vector<std::string> name_keys;
    name_keys.reserve(members.size());
    const absl::Time now = NowMicros();
    const std::string now_text = FormatSqlTime(now);
    for (Member& m : stored) {
      m.version = 1;
      m.create_time = m.update_time = now;
      name_keys.push_back(SearchKey(m.full_name));
    }
    absl::Status inserted =
        db::ForEachRowChunk(stored.size(), kMaxMembersPerInsert, [&](size_t begin, size_t size) {
          sql::PreparedStatement& insert = session_.Prepare(InsertMembersSql(size));
          ParamBinder binder(insert);
          for (size_t i = begin; i < begin + size; ++i) {
            BindMemberData(binder, stored[i], name_keys[i]);
            binder.FormattedTime(now_text).FormattedTime(now_text);
          }
          try {
            insert.executeUpdate();
          } catch (const sql::SQLException& e) {
            if (e.getErrorCode() != db::kErrDuplicateKey) throw;
            // The statement rolled back alone. Row by row, the first offending row reports
            // the field and the holder exactly as InsertMember does.
            for (size_t i = begin; i < begin + size; ++i) {
              absl::StatusOr<Member> one = InsertMember(members[i]);
              if (!one.ok()) return one.status();
            }
            return absl::InternalError(
                absl::StrCat("member: duplicate key in a multi-row insert that no single row "
                             "reproduces: ",
                             e.what()));
          }
          const int64_t first = LastInsertId();
          for (size_t i = begin; i < begin + size; ++i) {
            stored[i].id = first + static_cast<int64_t>(i - begin) * increment;
          }
          return absl::OkStatus();
        });
    if (!inserted.ok()) return inserted;

    std::vector<NameWordRow> words;
    words.reserve(stored.size() * 4);
    for (size_t i = 0; i < stored.size(); ++i) {
      for (std::string& word : NameWords(name_keys[i])) {
        words.push_back({std::move(word), stored[i].id});
      }
    }
    InsertNameWords(words);
    return stored;
  });
}

absl::StatusOr<absl::flat_hash_map<std::string, Member>> SqlMembershipTx::LockMembersByCitizenId(
    const std::vector<std::string>& citizen_ids) {
  return Guarded([&]() -> absl::StatusOr<absl::flat_hash_map<std::string, Member>> {
    absl::flat_hash_map<std::string, Member> found;
    std::vector<std::string> asked;
    asked.reserve(citizen_ids.size());
    absl::flat_hash_set<std::string> seen;
    for (const std::string& id : citizen_ids) {
      if (!id.empty() && seen.insert(id).second) asked.push_back(id);
    }
    // READ COMMITTED (every pooled connection): absent ids take no gap lock, so concurrent
    // imports of different people do not block each other here.
    db::ForEachRowChunk(asked.size(), kMaxCitizenIdsPerSelect, [&](size_t begin, size_t size) {
      sql::PreparedStatement& statement = session_.Prepare(LockMembersByCitizenIdSql(size));
      for (size_t i = 0; i < size; ++i) {
        statement.setString(static_cast<unsigned int>(i + 1), asked[begin + i]);
      }
      std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
      while (rs->next()) {
        RowReader row(*rs);
        Member member = ReadMember(row);
        std::string key = member.personal.citizen_id;
        found.emplace(std::move(key), std::move(member));
      }
      return absl::OkStatus();
    }).IgnoreError();  // the body reports failures by throwing
    return found;
  });
}

}  // namespace dangbo::membership::internal
