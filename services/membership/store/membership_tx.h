// MembershipTx over one leased Session inside the transaction Mutate opened.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBERSHIP_TX_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBERSHIP_TX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/db/session.h"
#include "common/db/sql_error.h"
#include "services/membership/store/store.h"

namespace dangbo::membership::internal {

// Connector exceptions end here: every method returns a status (design.md §3, style.md).
template <typename F>
auto Guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const sql::SQLException& e) {
    return db::FromSqlException(e);
  }
}

class SqlMembershipTx final : public MembershipTx {
 public:
  // `caller` fills MemberEvent::recorded_by when the body leaves it empty.
  SqlMembershipTx(db::Session& session, std::string caller)
      : session_(session), caller_(std::move(caller)) {}

  absl::StatusOr<Organization> LockOrganization(int64_t id) override;
  absl::StatusOr<Organization> InsertOrganization(const Organization& org) override;
  absl::StatusOr<Organization> UpdateOrganization(const Organization& org) override;
  absl::Status AppendOrganizationVersion(const OrganizationVersion& version) override;
  absl::StatusOr<std::vector<int64_t>> ChildOrganizationIds(int64_t id) override;
  absl::StatusOr<std::vector<Organization>> LockDescendants(const std::string& path) override;
  absl::StatusOr<int64_t> CountActiveMembers(int64_t organization_id) override;

  absl::StatusOr<Member> LockMember(int64_t id) override;
  absl::StatusOr<Member> InsertMember(const Member& member) override;
  absl::StatusOr<Member> UpdateMember(const Member& member) override;
  absl::StatusOr<std::vector<MemberEvent>> MemberEvents(int64_t member_id) override;
  absl::StatusOr<MemberEvent> InsertMemberEvent(const MemberEvent& event) override;
  absl::StatusOr<std::vector<int64_t>> MemberIdsAt(int64_t organization_id) override;
  // In bulk_members.cc.
  absl::StatusOr<std::vector<Member>> InsertMembers(const std::vector<Member>& members) override;
  absl::StatusOr<absl::flat_hash_map<std::string, Member>> LockMembersByCitizenId(
      const std::vector<std::string>& citizen_ids) override;
  // In ratings_and_badges.cc.
  absl::Status UpsertRating(const Rating& rating) override;
  absl::Status InsertBadge(const Badge& badge) override;
  absl::StatusOr<std::vector<ViolationCase>> ViolationCasesOf(int64_t member_id) override;
  absl::StatusOr<ViolationCase> WriteViolationCase(const ViolationCase& c) override;

 private:
  int64_t LastInsertId();
  std::vector<int64_t> QueryIds(const std::string& sql, int64_t id);
  // In bulk_members.cc.
  struct NameWordRow {
    std::string word;
    int64_t member_id = 0;
  };
  void WriteNameWords(int64_t member_id, const std::string& name_key);
  void InsertNameWords(const std::vector<NameWordRow>& rows);
  // Whether the ids of one multi-row INSERT are first, first + increment, …; sets increment.
  bool AutoIncrementIsConsecutive(int64_t& increment);
  // A duplicate-key error on members or organizations as ALREADY_EXISTS naming the field and,
  // when it can be found, the record that already holds the value.
  absl::Status DuplicateMemberError(const std::string& server_message, const Member& member);
  absl::Status DuplicateOrganizationError(const std::string& server_message,
                                          const Organization& org);

  db::Session& session_;
  const std::string caller_;
};

}  // namespace dangbo::membership::internal

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBERSHIP_TX_H_
