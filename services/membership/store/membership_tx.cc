#include "services/membership/store/membership_tx.h"

#include <memory>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/db/sql_error.h"
#include "cppconn/resultset.h"
#include "services/membership/domain/names.h"
#include "services/membership/domain/organization_rules.h"
#include "services/membership/store/member_rows.h"
#include "services/membership/store/organization_rows.h"
#include "services/membership/store/sql_values.h"

namespace dangbo::membership::internal {
namespace {

const std::string& LockOrganizationSql() {
  static const std::string sql = absl::StrCat("SELECT ", OrganizationColumns("o"),
                                              " FROM organizations o WHERE o.id = ? FOR UPDATE");
  return sql;
}

const std::string& InsertOrganizationSql() {
  static const std::string sql =
      absl::StrCat("INSERT INTO organizations (", ColumnList(kOrganizationDataColumns),
                   ", version, create_time, update_time) VALUES (",
                   Placeholders(std::size(kOrganizationDataColumns)), ", 1, ?, ?)");
  return sql;
}

const std::string& UpdateOrganizationSql() {
  static const std::string sql =
      absl::StrCat("UPDATE organizations SET ", AssignmentList(kOrganizationDataColumns),
                   ", version = version + 1, update_time = ? WHERE id = ?");
  return sql;
}

const std::string& InsertOrganizationVersionSql() {
  static const std::string sql = absl::StrCat(
      "INSERT INTO organization_versions (organization_id, valid_from, valid_to, change_kind, "
      "decision_number, decision_date, decision_issuer, related_ids, ",
      ColumnList(kOrganizationDataColumns),
      ", version, create_time, update_time, record_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ",
      Placeholders(std::size(kOrganizationDataColumns)), ", ?, ?, ?, ?)");
  return sql;
}

const std::string& LockDescendantsSql() {
  static const std::string sql =
      absl::StrCat("SELECT ", OrganizationColumns("o"),
                   " FROM organizations o WHERE o.path LIKE CONCAT(?, '%') AND o.path <> ?"
                   " ORDER BY o.path FOR UPDATE");
  return sql;
}

const std::string& LockMemberSql() {
  static const std::string sql =
      absl::StrCat("SELECT ", MemberColumns("m"), " FROM members m WHERE m.id = ? FOR UPDATE");
  return sql;
}

const std::string& InsertMemberSql() {
  static const std::string sql =
      absl::StrCat("INSERT INTO members (", ColumnList(kMemberDataColumns),
                   ", version, create_time, update_time) VALUES (",
                   Placeholders(std::size(kMemberDataColumns)), ", 1, ?, ?)");
  return sql;
}

const std::string& UpdateMemberSql() {
  static const std::string sql =
      absl::StrCat("UPDATE members SET ", AssignmentList(kMemberDataColumns),
                   ", version = version + 1, update_time = ? WHERE id = ?");
  return sql;
}

const std::string& MemberEventsSql() {
  static const std::string sql =
      absl::StrCat("SELECT ", MemberEventColumns("e"),
                   " FROM member_events e WHERE e.member_id = ? ORDER BY e.id");
  return sql;
}

const std::string& InsertMemberEventSql() {
  static const std::string sql =
      absl::StrCat("INSERT INTO member_events (", ColumnList(kMemberEventDataColumns), ") VALUES (",
                   Placeholders(std::size(kMemberEventDataColumns)), ")");
  return sql;
}

absl::Status StaleVersionError(const std::string& resource, int64_t stored, int64_t given) {
  return absl::AbortedError(absl::StrCat("etag: ", resource, " has changed (now version ", stored,
                                         ", request was made against ", given, ")"));
}

absl::Status MalformedPathError(const std::string& path) {
  // Paths are computed by the service, never taken from callers: a bad one is a bug.
  return absl::InternalError(absl::StrCat("path: \"", path, "\" is not of the form /id/.../"));
}

}  // namespace

int64_t SqlMembershipTx::LastInsertId() {
  std::unique_ptr<sql::ResultSet> rs(session_.Prepare("SELECT LAST_INSERT_ID()").executeQuery());
  rs->next();
  return rs->getInt64(1);
}

std::vector<int64_t> SqlMembershipTx::QueryIds(const std::string& sql, int64_t id) {
  sql::PreparedStatement& statement = session_.Prepare(sql);
  statement.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
  std::vector<int64_t> ids;
  while (rs->next()) ids.push_back(rs->getInt64(1));
  return ids;
}

absl::StatusOr<Organization> SqlMembershipTx::LockOrganization(int64_t id) {
  return Guarded([&]() -> absl::StatusOr<Organization> {
    sql::PreparedStatement& statement = session_.Prepare(LockOrganizationSql());
    statement.setInt64(1, id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat("organizations/", id, " not found"));
    RowReader row(*rs);
    return ReadOrganization(row);
  });
}

absl::StatusOr<Organization> SqlMembershipTx::InsertOrganization(const Organization& org) {
  return Guarded([&]() -> absl::StatusOr<Organization> {
    std::string parent_path;
    if (org.parent_id.has_value()) {
      // A shared lock on the parent: a concurrent move of the parent (which locks it, or locks
      // it as a descendant, exclusively) either sees this child or runs before we read its path.
      sql::PreparedStatement& parent =
          session_.Prepare("SELECT path FROM organizations WHERE id = ? LOCK IN SHARE MODE");
      parent.setInt64(1, *org.parent_id);
      std::unique_ptr<sql::ResultSet> rs(parent.executeQuery());
      if (!rs->next()) {
        return absl::NotFoundError(
            absl::StrCat("parent: organizations/", *org.parent_id, " not found"));
      }
      parent_path = rs->getString(1).asStdString();
    }

    Organization stored = org;
    stored.version = 1;
    stored.create_time = stored.update_time = NowMicros();
    // The path holds the id, known only after the insert: a placeholder first, then the path.
    stored.path = "";
    sql::PreparedStatement& insert = session_.Prepare(InsertOrganizationSql());
    ParamBinder binder(insert);
    BindOrganizationData(binder, stored);
    binder.Time(stored.create_time).Time(stored.update_time);
    try {
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErrDuplicateKey) throw;
      return DuplicateOrganizationError(e.what(), org);
    }
    stored.id = LastInsertId();
    stored.path = ChildPath(parent_path, stored.id);
    if (!IsWellFormedPath(stored.path)) return MalformedPathError(stored.path);
    sql::PreparedStatement& set_path =
        session_.Prepare("UPDATE organizations SET path = ? WHERE id = ?");
    set_path.setString(1, stored.path);
    set_path.setInt64(2, stored.id);
    set_path.executeUpdate();
    return stored;
  });
}

absl::StatusOr<Organization> SqlMembershipTx::UpdateOrganization(const Organization& org) {
  return Guarded([&]() -> absl::StatusOr<Organization> {
    if (!IsWellFormedPath(org.path)) return MalformedPathError(org.path);
    const std::string resource = absl::StrCat("organizations/", org.id);
    sql::PreparedStatement& lock =
        session_.Prepare("SELECT version, create_time FROM organizations WHERE id = ? FOR UPDATE");
    lock.setInt64(1, org.id);
    std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat(resource, " not found"));
    RowReader current(*rs);
    const int64_t stored_version = current.Int64();
    const absl::Time create_time = current.Time();
    if (stored_version != org.version) {
      return StaleVersionError(resource, stored_version, org.version);
    }

    Organization stored = org;
    stored.version = stored_version + 1;
    stored.create_time = create_time;
    stored.update_time = NowMicros();
    sql::PreparedStatement& update = session_.Prepare(UpdateOrganizationSql());
    ParamBinder binder(update);
    BindOrganizationData(binder, stored);
    binder.Time(stored.update_time).Int64(stored.id);
    try {
      update.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErrDuplicateKey) throw;
      return DuplicateOrganizationError(e.what(), org);
    }
    return stored;
  });
}

absl::Status SqlMembershipTx::AppendOrganizationVersion(const OrganizationVersion& version) {
  return Guarded([&]() -> absl::Status {
    const Organization& org = version.organization;
    sql::PreparedStatement& open = session_.Prepare(
        "SELECT id, valid_from FROM organization_versions"
        " WHERE organization_id = ? AND valid_to IS NULL FOR UPDATE");
    open.setInt64(1, org.id);
    std::unique_ptr<sql::ResultSet> rs(open.executeQuery());
    while (rs->next()) {
      RowReader row(*rs);
      const int64_t open_id = row.Int64();
      const Date open_from = row.Date();
      if (version.valid_from < open_from) {
        return absl::FailedPreconditionError(
            absl::StrCat("effective_date: organizations/", org.id, " has a recorded change on ",
                         absl::FormatCivilTime(open_from), ", later than ",
                         absl::FormatCivilTime(version.valid_from), "; history is not rewritten"));
      }
      sql::PreparedStatement& close =
          session_.Prepare("UPDATE organization_versions SET valid_to = ? WHERE id = ?");
      ParamBinder(close).Date(version.valid_from).Int64(open_id);
      close.executeUpdate();
    }

    sql::PreparedStatement& insert = session_.Prepare(InsertOrganizationVersionSql());
    ParamBinder binder(insert);
    std::optional<Date> valid_to;
    if (version.valid_to.has_value()) valid_to = *version.valid_to;
    binder.Int64(org.id)
        .Date(version.valid_from)
        .OptionalDate(valid_to)
        .Int(version.change_kind)
        .String(version.decision.number)
        .OptionalDate(version.decision.date)
        .String(version.decision.issuer)
        .String(JoinIds(version.related_ids));
    BindOrganizationData(binder, org);
    binder.Int64(org.version).Time(org.create_time).Time(org.update_time).Time(NowMicros());
    insert.executeUpdate();
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<int64_t>> SqlMembershipTx::ChildOrganizationIds(int64_t id) {
  return Guarded([&]() -> absl::StatusOr<std::vector<int64_t>> {
    return QueryIds("SELECT id FROM organizations WHERE parent_id = ? AND state = 1 ORDER BY id",
                    id);
  });
}

absl::StatusOr<std::vector<Organization>> SqlMembershipTx::LockDescendants(
    const std::string& path) {
  return Guarded([&]() -> absl::StatusOr<std::vector<Organization>> {
    // A closed path of digits cannot hold a LIKE wildcard nor match a sibling's prefix.
    if (!IsWellFormedPath(path)) return MalformedPathError(path);
    sql::PreparedStatement& statement = session_.Prepare(LockDescendantsSql());
    statement.setString(1, path);
    statement.setString(2, path);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    std::vector<Organization> descendants;
    while (rs->next()) {
      RowReader row(*rs);
      descendants.push_back(ReadOrganization(row));
    }
    return descendants;
  });
}

absl::StatusOr<int64_t> SqlMembershipTx::CountActiveMembers(int64_t organization_id) {
  return Guarded([&]() -> absl::StatusOr<int64_t> {
    sql::PreparedStatement& statement = session_.Prepare(
        "SELECT COUNT(*) FROM members WHERE organization_id = ? AND state IN (1, 2, 3)");
    statement.setInt64(1, organization_id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    rs->next();
    return rs->getInt64(1);
  });
}

absl::StatusOr<Member> SqlMembershipTx::LockMember(int64_t id) {
  return Guarded([&]() -> absl::StatusOr<Member> {
    sql::PreparedStatement& statement = session_.Prepare(LockMemberSql());
    statement.setInt64(1, id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat("members/", id, " not found"));
    RowReader row(*rs);
    return ReadMember(row);
  });
}

absl::StatusOr<Member> SqlMembershipTx::InsertMember(const Member& member) {
  return Guarded([&]() -> absl::StatusOr<Member> {
    Member stored = member;
    stored.version = 1;
    stored.create_time = stored.update_time = NowMicros();
    const std::string name_key = SearchKey(member.full_name);
    sql::PreparedStatement& insert = session_.Prepare(InsertMemberSql());
    ParamBinder binder(insert);
    BindMemberData(binder, stored, name_key);
    binder.Time(stored.create_time).Time(stored.update_time);
    try {
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErrDuplicateKey) throw;
      return DuplicateMemberError(e.what(), member);
    }
    stored.id = LastInsertId();
    WriteNameWords(stored.id, name_key);
    return stored;
  });
}

absl::StatusOr<Member> SqlMembershipTx::UpdateMember(const Member& member) {
  return Guarded([&]() -> absl::StatusOr<Member> {
    const std::string resource = absl::StrCat("members/", member.id);
    sql::PreparedStatement& lock = session_.Prepare(
        "SELECT version, create_time, name_key FROM members WHERE id = ? FOR UPDATE");
    lock.setInt64(1, member.id);
    std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat(resource, " not found"));
    RowReader current(*rs);
    const int64_t stored_version = current.Int64();
    const absl::Time create_time = current.Time();
    const std::string old_name_key = current.String();
    if (stored_version != member.version) {
      return StaleVersionError(resource, stored_version, member.version);
    }

    Member stored = member;
    stored.version = stored_version + 1;
    stored.create_time = create_time;
    stored.update_time = NowMicros();
    const std::string name_key = SearchKey(member.full_name);
    sql::PreparedStatement& update = session_.Prepare(UpdateMemberSql());
    ParamBinder binder(update);
    BindMemberData(binder, stored, name_key);
    binder.Time(stored.update_time).Int64(stored.id);
    try {
      update.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (e.getErrorCode() != db::kErrDuplicateKey) throw;
      return DuplicateMemberError(e.what(), member);
    }
    if (name_key != old_name_key) {
      sql::PreparedStatement& clear =
          session_.Prepare("DELETE FROM member_name_words WHERE member_id = ?");
      clear.setInt64(1, stored.id);
      clear.executeUpdate();
      WriteNameWords(stored.id, name_key);
    }
    return stored;
  });
}

absl::StatusOr<std::vector<MemberEvent>> SqlMembershipTx::MemberEvents(int64_t member_id) {
  return Guarded([&]() -> absl::StatusOr<std::vector<MemberEvent>> {
    sql::PreparedStatement& statement = session_.Prepare(MemberEventsSql());
    statement.setInt64(1, member_id);
    std::unique_ptr<sql::ResultSet> rs(statement.executeQuery());
    std::vector<MemberEvent> events;
    while (rs->next()) {
      RowReader row(*rs);
      events.push_back(ReadMemberEvent(row));
    }
    return events;
  });
}

absl::StatusOr<MemberEvent> SqlMembershipTx::InsertMemberEvent(const MemberEvent& event) {
  return Guarded([&]() -> absl::StatusOr<MemberEvent> {
    MemberEvent stored = event;
    stored.record_time = NowMicros();
    if (stored.recorded_by.empty()) stored.recorded_by = caller_;
    sql::PreparedStatement& insert = session_.Prepare(InsertMemberEventSql());
    ParamBinder binder(insert);
    BindMemberEventData(binder, stored);
    insert.executeUpdate();
    stored.id = LastInsertId();
    return stored;
  });
}

absl::StatusOr<std::vector<int64_t>> SqlMembershipTx::MemberIdsAt(int64_t organization_id) {
  return Guarded([&]() -> absl::StatusOr<std::vector<int64_t>> {
    return QueryIds(
        "SELECT id FROM members WHERE organization_id = ? AND state IN (1, 2, 3) ORDER BY id",
        organization_id);
  });
}

absl::Status SqlMembershipTx::DuplicateMemberError(const std::string& server_message,
                                                   const Member& member) {
  // The failed statement rolled back alone; the transaction can still look the holder up.
  std::string field;
  std::string value;
  if (absl::StrContains(server_message, "uq_members_citizen_id")) {
    field = "citizen_id";
    value = member.personal.citizen_id;
  } else if (absl::StrContains(server_message, "uq_members_party_card_number")) {
    field = "party_card_number";
    value = member.party_card_number;
  } else {
    return absl::AlreadyExistsError(absl::StrCat("member: ", server_message));
  }
  sql::PreparedStatement& holder = session_.Prepare(
      field == "citizen_id" ? "SELECT id FROM members WHERE citizen_id = ?"
                            : "SELECT id FROM members WHERE party_card_number = ?");
  holder.setString(1, value);
  std::unique_ptr<sql::ResultSet> rs(holder.executeQuery());
  if (!rs->next()) return absl::AlreadyExistsError(absl::StrCat(field, ": already registered"));
  return absl::AlreadyExistsError(
      absl::StrCat(field, ": already registered for members/", rs->getInt64(1)));
}

absl::Status SqlMembershipTx::DuplicateOrganizationError(const std::string& server_message,
                                                         const Organization& org) {
  if (!absl::StrContains(server_message, "uq_organizations_code")) {
    return absl::AlreadyExistsError(absl::StrCat("organization: ", server_message));
  }
  sql::PreparedStatement& holder = session_.Prepare("SELECT id FROM organizations WHERE code = ?");
  holder.setString(1, org.code);
  std::unique_ptr<sql::ResultSet> rs(holder.executeQuery());
  if (!rs->next()) return absl::AlreadyExistsError("code: already used");
  return absl::AlreadyExistsError(
      absl::StrCat("code: already used by organizations/", rs->getInt64(1)));
}

}  // namespace dangbo::membership::internal
