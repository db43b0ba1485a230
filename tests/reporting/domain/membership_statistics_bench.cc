// Run by hand: membership statistics on a synthetic national-size read model (60,051
// organizations; 5,600,000 members, each admitted by an event, a tenth recognized and one in a
// hundred transferred between cells in 2015–2024), for the whole tree as of a recent day (the
// members' rows alone), as of a day in the past (history read from events), and a year with the
// breakdown by upper-level committees. Not a test; nothing is asserted. Prints how long the
// model took to load and how much memory it holds.
//
//   build-x/tests/reporting/domain/membership_statistics_bench --benchmark_min_time=2
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "benchmark/benchmark.h"
#include "services/reporting/domain/membership_statistics.h"
#include "tests/reporting/domain/builders.h"

namespace dangbo::reporting {
namespace {

using namespace testing;  // NOLINT: the builders
using membership::Gender;
using membership::MemberEventType;
using membership::MemberState;

constexpr int64_t kRoot = 1;
constexpr int kUpper = 50;
constexpr int kGrassroots = kUpper * 60;
constexpr int kCells = kGrassroots * 19;
constexpr int64_t kMembers = 5600000;
const Date kStart(2015, 1, 1);
constexpr int kDays = 3652;  // 2015–2024

int64_t Upper(int u) { return 2 + u; }
int64_t Grassroots(int g) { return 100 + g; }
int64_t Cell(int c) { return 10000 + c; }

struct National {
  OrganizationTree tree;
  MembershipModel model;
};
National* national = nullptr;

void Load() {
  const auto started = std::chrono::steady_clock::now();
  national = new National;
  std::vector<OrganizationVersion> rows;
  rows.push_back(Version(kRoot, std::nullopt, Date(2007, 1, 1), std::nullopt,
                         OrganizationKind::kBlocCommittee));
  for (int u = 0; u < kUpper; ++u) {
    rows.push_back(Version(Upper(u), kRoot, Date(2007, 1, 1), std::nullopt,
                           OrganizationKind::kUpperLevelCommittee));
  }
  for (int g = 0; g < kGrassroots; ++g) {
    rows.push_back(Version(Grassroots(g), Upper(g / 60), Date(2007, 1, 1), std::nullopt,
                           OrganizationKind::kGrassrootsCommittee));
  }
  for (int c = 0; c < kCells; ++c) {
    rows.push_back(Version(Cell(c), Grassroots(c / 19), Date(2007, 1, 1)));
  }
  national->tree = *OrganizationTree::Build(rows);

  std::mt19937_64 random(7);
  MembershipModel& model = national->model;
  model.Reserve(kMembers, kMembers * 13 / 10, rows.size());
  int64_t event = 0;
  for (int64_t id = 1; id <= kMembers; ++id) {
    const int64_t cell = Cell(static_cast<int>(random() % kCells));
    const Date admitted = Date(1975, 1, 1) + static_cast<int>(random() % 18000);
    int64_t now_in = cell;
    const bool transferred = id % 100 == 0;
    if (transferred) now_in = Cell(static_cast<int>(random() % kCells));
    membership::Member m =
        MakeMember(id, now_in, MemberState::kFull,
                   Date(1950, 1, 1) + static_cast<int>(random() % 20000),
                   random() % 3 == 0 ? Gender::kFemale : Gender::kMale);
    if (random() % 20 == 0) m.personal.ethnicity = "Tày";
    m.admission_decision_date = admitted;
    (void)model.UpsertMember(m);
    (void)model.UpsertMemberEvent(MakeMemberEvent(++event, id, MemberEventType::kAdmit, admitted,
                                                  MemberState::kApplicant,
                                                  MemberState::kProbationary, cell, cell));
    if (id % 10 == 0 || admitted >= kStart) {
      (void)model.UpsertMemberEvent(MakeMemberEvent(
          ++event, id, MemberEventType::kRecognizeFull, admitted + 365,
          MemberState::kProbationary, MemberState::kFull, cell, cell));
    }
    if (transferred) {
      (void)model.UpsertMemberEvent(MakeMemberEvent(
          ++event, id, MemberEventType::kTransferOfficialReceive,
          kStart + static_cast<int>(random() % kDays), MemberState::kFull, MemberState::kFull, cell,
          now_in));
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("loaded %zu organizations, %zu members, %zu events in %.1f s; model holds %.0f MiB\n",
              national->tree.organization_count(), model.member_slots(), model.event_count(),
              seconds, static_cast<double>(model.MemoryBytes()) / (1 << 20));
}

void Run(benchmark::State& state, const DateRange& range, bool by_children) {
  int64_t members = 0;
  for (auto _ : state) {
    absl::StatusOr<Statistics> s = ComputeMembershipStatistics(
        national->tree, national->model,
        {.scope_id = kRoot, .range = range, .breakdown_by_children = by_children});
    members = s->figure(MembershipFigureId::kMembersTotal).distinct;
    benchmark::DoNotOptimize(members);
  }
  state.counters["members"] = static_cast<double>(members);
}

void BM_WholeTreeAsOfRecentDay(benchmark::State& state) {
  Run(state, {Date(2024, 12, 31), Date(2024, 12, 31)}, false);
}
void BM_WholeTreeAsOfPastDay(benchmark::State& state) {
  Run(state, {Date(2018, 6, 30), Date(2018, 6, 30)}, false);
}
void BM_WholeTreeYearByChildren(benchmark::State& state) {
  Run(state, {Date(2024, 1, 1), Date(2024, 12, 31)}, true);
}
BENCHMARK(BM_WholeTreeAsOfRecentDay)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WholeTreeAsOfPastDay)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WholeTreeYearByChildren)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dangbo::reporting

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  dangbo::reporting::Load();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
