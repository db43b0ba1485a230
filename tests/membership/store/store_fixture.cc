#include "tests/membership/store/store_fixture.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/migrate.h"
#include "cppconn/resultset.h"
#include "services/membership/domain/organization_rules.h"
#include "services/membership/store/migrations.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::membership {
namespace {

const auto* const kMariaDb =
    ::testing::AddGlobalTestEnvironment(new dangbo::testing::MariaDbEnvironment);

ChangeRecord OrganizationChange(const Organization& org, const std::string& verb) {
  return ChangeRecord{absl::StrCat("organizations/", org.id),
                      absl::StrCat("dangbo.membership.v1.Organization.", verb),
                      absl::StrCat(org.id, ":", org.version)};
}

}  // namespace

void StoreTest::SetUp() {
  absl::StatusOr<db::Config> config = dangbo::testing::CreateTestSchema("store", 8);
  ASSERT_TRUE(config.ok()) << config.status();
  config_ = *config;
  absl::StatusOr<std::unique_ptr<db::Pool>> pool = db::Pool::Create(config_);
  ASSERT_TRUE(pool.ok()) << pool.status();
  pool_ = *std::move(pool);
  absl::Status migrated = db::Migrate(*pool_, EmbeddedMigrations());
  ASSERT_TRUE(migrated.ok()) << migrated;
  store_ = std::make_unique<MembershipStore>(*pool_);
}

MutationContext StoreTest::NewContext(const std::string& method, const std::string& fingerprint) {
  return MutationContext{method, absl::StrCat("req-", ++request_counter_), fingerprint,
                         "users/tester"};
}

absl::StatusOr<Organization> StoreTest::CreateOrganization(const std::string& name,
                                                           std::optional<int64_t> parent,
                                                           Date established) {
  Organization created;
  absl::StatusOr<std::string> response = store_->Mutate(
      NewContext("CreateOrganization"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        Organization org;
        org.display_name = name;
        org.kind = OrganizationKind::kCell;
        org.parent_id = parent;
        org.ownership = EnterpriseOwnership::kStateOver50;
        org.established_date = established;
        absl::StatusOr<Organization> inserted = tx.InsertOrganization(org);
        if (!inserted.ok()) return inserted.status();
        OrganizationVersion version{*inserted,
                                    established,
                                    std::nullopt,
                                    kChangeEstablished,
                                    Decision{"1-QĐ/ĐUK", established, "Đảng ủy Khối"},
                                    {}};
        if (absl::Status s = tx.AppendOrganizationVersion(version); !s.ok()) return s;
        created = *inserted;
        return MutationOutcome{absl::StrCat(inserted->id),
                               {OrganizationChange(*inserted, "created")},
                               absl::StrCat("organizations/", inserted->id),
                               "created"};
      });
  if (!response.ok()) return response.status();
  return created;
}

absl::Status StoreTest::MoveOrganization(int64_t id, int64_t new_parent, Date effective) {
  return store_
      ->Mutate(NewContext("MoveOrganization"),
               [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
                 absl::StatusOr<Organization> moved = tx.LockOrganization(id);
                 if (!moved.ok()) return moved.status();
                 absl::StatusOr<Organization> parent = tx.LockOrganization(new_parent);
                 if (!parent.ok()) return parent.status();
                 const std::string old_path = moved->path;
                 const std::string new_path = ChildPath(parent->path, id);
                 absl::StatusOr<std::vector<Organization>> descendants =
                     tx.LockDescendants(old_path);
                 if (!descendants.ok()) return descendants.status();

                 MutationOutcome outcome;
                 const Decision decision{"7-QĐ/ĐUK", effective, "Đảng ủy Khối"};
                 Organization changed = *moved;
                 changed.parent_id = new_parent;
                 changed.path = new_path;
                 std::vector<Organization> to_update = {changed};
                 for (Organization d : *descendants) {
                   d.path = absl::StrCat(new_path, d.path.substr(old_path.size()));
                   to_update.push_back(d);
                 }
                 for (const Organization& org : to_update) {
                   absl::StatusOr<Organization> updated = tx.UpdateOrganization(org);
                   if (!updated.ok()) return updated.status();
                   OrganizationVersion version{*updated,     effective, std::nullopt,
                                               kChangeMoved, decision,  {}};
                   if (absl::Status s = tx.AppendOrganizationVersion(version); !s.ok()) return s;
                   outcome.changes.push_back(OrganizationChange(*updated, "moved"));
                 }
                 outcome.response = "moved";
                 outcome.resource = absl::StrCat("organizations/", id);
                 return outcome;
               })
      .status();
}

Member StoreTest::NewMember(const std::string& full_name, int64_t organization_id) {
  Member m;
  m.full_name = full_name;
  m.gender = Gender::kFemale;
  m.state = MemberState::kProbationary;
  m.organization_id = organization_id;
  return m;
}

absl::StatusOr<Member> StoreTest::CreateMember(const Member& member) {
  Member created;
  absl::StatusOr<std::string> response = store_->Mutate(
      NewContext("CreateMember"), [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
        absl::StatusOr<Member> inserted = tx.InsertMember(member);
        if (!inserted.ok()) return inserted.status();
        created = *inserted;
        const std::string resource = absl::StrCat("members/", inserted->id);
        return MutationOutcome{absl::StrCat(inserted->id),
                               {{resource, "dangbo.membership.v1.Member.created", "m"}},
                               resource,
                               "created"};
      });
  if (!response.ok()) return response.status();
  return created;
}

int64_t StoreTest::CountRows(const std::string& table) {
  int64_t count = -1;
  absl::Status status = pool_->Read([&](db::Session& session) -> absl::Status {
    // `table` comes from the test itself, never from input.
    std::unique_ptr<sql::ResultSet> rs(
        session.PlainStatement().executeQuery(absl::StrCat("SELECT COUNT(*) FROM ", table)));
    rs->next();
    count = rs->getInt64(1);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return count;
}

}  // namespace dangbo::membership
