// imported_records: the source keys ImportInspectionWork wrote.
#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/db/sql_error.h"
#include "common/db/sql_row.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/rows.h"

namespace dangbo::inspection::internal {

std::vector<std::string> LockImportedKeyRows(db::Session& session,
                                             const std::vector<std::string>& source_keys) {
  std::vector<std::string> found;
  if (source_keys.empty()) return found;
  sql::PreparedStatement& select =
      session.Prepare(absl::StrCat("SELECT source_key FROM imported_records WHERE source_key IN ",
                                   InListPlaceholders(source_keys.size()), " FOR UPDATE"));
  // The list is padded to a power of two with the last key (InListPlaceholders).
  for (size_t i = 0; i < InListSize(source_keys.size()); ++i) {
    select.setString(static_cast<unsigned>(i) + 1,
                     source_keys[std::min(i, source_keys.size() - 1)]);
  }
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  while (rs->next()) found.push_back(db::RowReader(*rs).String());
  return found;
}

absl::Status InsertImportedKeyRow(db::Session& session, const ImportedRecordKey& key) {
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO imported_records (source_key, inspection_id, decision_count, request_id,"
      " create_time) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))");
  db::ParamBinder(insert)
      .String(key.source_key)
      .OptionalInt64(key.inspection_id)
      .Int(key.decision_count)
      .String(key.request_id);
  try {
    insert.executeUpdate();
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != db::kErrDuplicateKey) throw;
    return absl::AlreadyExistsError(
        absl::StrCat("source_key: \"", key.source_key, "\" is already imported"));
  }
  return absl::OkStatus();
}

}  // namespace dangbo::inspection::internal
