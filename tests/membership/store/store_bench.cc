// Run by hand: the store's hot read (GetMember) and a full Mutate with idempotency, audit and
// outbox, against a private MariaDB on this machine. Not a test; nothing is asserted.
//
//   build/tests/membership/store/membership_store_bench --benchmark_min_time=2
#include <atomic>
#include <cstdio>
#include <memory>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "common/db/migrate.h"
#include "common/db/pool.h"
#include "services/membership/store/migrations.h"
#include "services/membership/store/store.h"
#include "tests/support/private_mariadb.h"

namespace dangbo::membership {
namespace {

constexpr int kMembers = 2000;

std::unique_ptr<testing::PrivateMariaDb> server;
std::unique_ptr<db::Pool> pool;
std::unique_ptr<MembershipStore> store;
int64_t first_member_id = 0;
int64_t organization_id = 0;
std::atomic<int64_t> request_counter{0};

absl::StatusOr<std::string> CreateMember(int64_t organization_id, int i) {
  const MutationContext context{"CreateMember", absl::StrCat("bench-", ++request_counter), "fp",
                                "bench"};
  return store->Mutate(context, [&](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
    Member m;
    m.full_name = absl::StrCat("Nguyễn Văn Bình ", i);
    m.state = MemberState::kFull;
    m.organization_id = organization_id;
    m.personal.address = "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội";
    absl::StatusOr<Member> inserted = tx.InsertMember(m);
    if (!inserted.ok()) return inserted.status();
    const std::string resource = absl::StrCat("members/", inserted->id);
    return MutationOutcome{absl::StrCat(inserted->id),
                           {{resource, "dangbo.membership.v1.Member.created", "payload"}},
                           resource,
                           "created"};
  });
}

absl::Status SetUp() {
  absl::StatusOr<std::unique_ptr<testing::PrivateMariaDb>> launched =
      testing::PrivateMariaDb::Launch();
  if (!launched.ok()) return launched.status();
  server = *std::move(launched);
  if (absl::Status s = server->CreateSchemaWithUser("bench", "bench", "bench-pw"); !s.ok()) {
    return s;
  }
  absl::StatusOr<std::unique_ptr<db::Pool>> created =
      db::Pool::Create(server->ConfigFor("bench", "bench", "bench-pw", /*pool_size=*/8));
  if (!created.ok()) return created.status();
  pool = *std::move(created);
  if (absl::Status s = db::Migrate(*pool, EmbeddedMigrations()); !s.ok()) return s;
  store = std::make_unique<MembershipStore>(*pool);

  absl::StatusOr<std::string> org =
      store->Mutate({"CreateOrganization", "bench-org", "fp", "bench"},
                    [](MembershipTx& tx) -> absl::StatusOr<MutationOutcome> {
                      Organization o;
                      o.display_name = "Chi bộ Kiểm thử";
                      o.kind = OrganizationKind::kCell;
                      absl::StatusOr<Organization> inserted = tx.InsertOrganization(o);
                      if (!inserted.ok()) return inserted.status();
                      return MutationOutcome{absl::StrCat(inserted->id), {}, "", ""};
                    });
  if (!org.ok()) return org.status();
  organization_id = std::stoll(*org);
  for (int i = 0; i < kMembers; ++i) {
    absl::StatusOr<std::string> id = CreateMember(organization_id, i);
    if (!id.ok()) return id.status();
    if (i == 0) first_member_id = std::stoll(*id);
  }
  return absl::OkStatus();
}

void BM_GetMember(benchmark::State& state) {
  std::mt19937_64 random(state.thread_index());
  std::uniform_int_distribution<int64_t> pick(first_member_id, first_member_id + kMembers - 1);
  for (auto _ : state) {
    absl::StatusOr<Member> m = store->GetMember(pick(random));
    if (!m.ok()) state.SkipWithError(std::string(m.status().message()).c_str());
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetMember)->Threads(1)->Threads(2)->Threads(4)->Threads(8)->UseRealTime();

void BM_MutateCreateMember(benchmark::State& state) {
  int i = 0;
  for (auto _ : state) {
    absl::StatusOr<std::string> id =
        CreateMember(organization_id, kMembers + state.thread_index() * 1000000 + ++i);
    if (!id.ok()) state.SkipWithError(std::string(id.status().message()).c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MutateCreateMember)->Threads(1)->Threads(4)->UseRealTime();

}  // namespace
}  // namespace dangbo::membership

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (absl::Status s = dangbo::membership::SetUp(); !s.ok()) {
    std::fprintf(stderr, "setup failed: %s\n", s.ToString().c_str());
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  dangbo::membership::store.reset();
  dangbo::membership::pool.reset();
  return 0;
}
