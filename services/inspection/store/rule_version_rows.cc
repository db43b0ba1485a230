// rule_versions: the dated rule book as data.
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "nlohmann/json.hpp"
#include "services/inspection/store/rows.h"
#include "common/db/sql_row.h"

namespace dangbo::inspection::internal {
namespace {

std::string VersionName(Date effective_from) {
  return absl::StrCat("ruleVersions/", absl::FormatCivilTime(effective_from));
}

// The stored versions with `changed` put in (replacing the one of its date) must still make a
// rule book, so that a bad edit is refused when made, not when the service next loads.
absl::Status CheckBookWith(db::Session& session, const RuleVersionRecord& changed) {
  std::vector<RuleVersionRecord> versions = LoadRuleVersions(session, Lock::kForUpdate);
  bool replaced = false;
  for (RuleVersionRecord& v : versions) {
    if (v.effective_from == changed.effective_from) {
      v.rules_json = changed.rules_json;
      replaced = true;
    }
  }
  if (!replaced) versions.push_back(changed);
  return internal::RuleBookOf(versions).status();
}

}  // namespace

std::vector<RuleVersionRecord> LoadRuleVersions(db::Session& session, Lock lock) {
  sql::PreparedStatement& statement = session.Prepare(
      absl::StrCat("SELECT effective_from, rules_json, version, update_time FROM rule_versions"
                   " ORDER BY effective_from",
                   lock == Lock::kForUpdate ? " FOR UPDATE" : ""));
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  std::vector<RuleVersionRecord> versions;
  while (rs->next()) {
    db::RowReader row(*rs);
    RuleVersionRecord v;
    v.effective_from = row.Date();
    v.rules_json = row.String();
    v.version = row.Int64();
    v.update_time = row.Time();
    versions.push_back(std::move(v));
  }
  return versions;
}

absl::StatusOr<InspectionRuleBook> RuleBookOf(const std::vector<RuleVersionRecord>& versions) {
  nlohmann::json book = {{"versions", nlohmann::json::array()}};
  for (const RuleVersionRecord& v : versions) {
    nlohmann::json rules = nlohmann::json::parse(v.rules_json, nullptr, false);
    if (!rules.is_object()) {
      return absl::InvalidArgumentError(
          absl::StrCat(VersionName(v.effective_from), ": rules are not a JSON object"));
    }
    rules["effective_from"] = absl::FormatCivilTime(v.effective_from);
    book["versions"].push_back(std::move(rules));
  }
  absl::StatusOr<InspectionRuleBook> parsed = InspectionRuleBook::FromJson(book.dump());
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("rules: ", parsed.status().message()));
  }
  return parsed;
}

absl::StatusOr<RuleVersionRecord> InsertRuleVersionRow(db::Session& session,
                                                       const RuleVersionRecord& record) {
  if (absl::Status s = CheckBookWith(session, record); !s.ok()) return s;
  RuleVersionRecord stored = record;
  stored.version = 1;
  stored.update_time = db::NowMicros();
  sql::PreparedStatement& insert = session.Prepare(
      "INSERT INTO rule_versions (effective_from, rules_json, version, update_time)"
      " VALUES (?, ?, ?, ?)");
  db::ParamBinder(insert)
      .Date(stored.effective_from)
      .String(stored.rules_json)
      .Int64(stored.version)
      .Time(stored.update_time);
  try {
    insert.executeUpdate();
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != db::kErrDuplicateKey) throw;
    return absl::AlreadyExistsError(
        absl::StrCat(VersionName(record.effective_from), " already exists"));
  }
  return stored;
}

absl::StatusOr<RuleVersionRecord> UpdateRuleVersionRow(db::Session& session,
                                                       const RuleVersionRecord& record) {
  const std::string name = VersionName(record.effective_from);
  sql::PreparedStatement& lock =
      session.Prepare("SELECT version FROM rule_versions WHERE effective_from = ? FOR UPDATE");
  db::ParamBinder(lock).Date(record.effective_from);
  int64_t stored_version = 0;
  {
    std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat(name, " not found"));
    stored_version = rs->getInt64(1);
  }
  if (stored_version != record.version) {
    return StaleVersionError(name, stored_version, record.version);
  }
  if (absl::Status s = CheckBookWith(session, record); !s.ok()) return s;
  RuleVersionRecord stored = record;
  stored.version = stored_version + 1;
  stored.update_time = db::NowMicros();
  sql::PreparedStatement& update = session.Prepare(
      "UPDATE rule_versions SET rules_json = ?, version = ?, update_time = ?"
      " WHERE effective_from = ?");
  db::ParamBinder(update)
      .String(stored.rules_json)
      .Int64(stored.version)
      .Time(stored.update_time)
      .Date(stored.effective_from);
  update.executeUpdate();
  return stored;
}

}  // namespace dangbo::inspection::internal
