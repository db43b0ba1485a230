// Run by hand: the annual inspection-and-discipline statistics on a synthetic national-size
// read model (60,051 organizations with moves and merges in their history, 2,000,000 subject
// rows of 400,000 inspections over ten years (and 8,000 cancelled ones), 300,000 disciplinary
// decisions, appeals), for the whole tree and for subtrees. Not a test; nothing is asserted. Prints
// how long the model took to load and how much memory it holds.
//
//   build-x/tests/reporting/domain/reporting_domain_bench --benchmark_min_time=2
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "services/reporting/domain/inspection_statistics.h"
#include "tests/reporting/domain/builders.h"
#include "tests/reporting/domain/national_model.h"

namespace dangbo::reporting {
namespace {

using namespace testing;  // NOLINT: the builders

const NationalShape kShape;
constexpr int64_t kRoot = kNationalRoot;
int64_t Upper(int u) { return UpperCommitteeId(u); }
int64_t Grassroots(int g) { return GrassrootsId(g); }

struct National {
  OrganizationTree tree;
  InspectionModel model;
};
National* national = nullptr;

void BuildTree(std::mt19937_64& random, National& n) {
  n.tree = *OrganizationTree::Build(GenerateOrganizations(kShape, random));
}

void LoadInspections(std::mt19937_64& random, National& n) {
  GenerateInspections(kShape, random, [&](const Inspection& in) {
    if (!n.model.UpsertInspection(in).ok()) std::abort();
  });
}

void LoadDiscipline(std::mt19937_64& random, National& n) {
  GenerateDiscipline(
      kShape, random,
      [&](const DisciplinaryDecision& d) {
        if (!n.model.UpsertDecision(d).ok()) std::abort();
      },
      [&](const Appeal& a) {
        if (!n.model.UpsertAppeal(a).ok()) std::abort();
      });
}

long ResidentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

void Build() {
  const long before = ResidentKiB();
  national = new National();
  std::mt19937_64 random(20250101);
  const auto t0 = std::chrono::steady_clock::now();
  BuildTree(random, *national);
  const auto t1 = std::chrono::steady_clock::now();
  national->model.Reserve(kShape.inspections, 0, kShape.decisions);
  LoadInspections(random, *national);
  const auto t2 = std::chrono::steady_clock::now();
  LoadDiscipline(random, *national);
  const auto t3 = std::chrono::steady_clock::now();
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  const InspectionModel& m = national->model;
  std::printf(
      "tree: %zu organizations, %zu versions, built in %.0f ms\n"
      "inspections: %zu (%zu live subject rows) upserted in %.0f ms (%.0f upserts/s)\n"
      "decisions: %zu, appeals: %zu upserted in %.0f ms\n"
      "model memory: %.1f MiB (%.1f bytes per subject row, everything included; the rows "
      "themselves %zu bytes each, %zu distinct subjects); resident growth %.1f MiB\n",
      national->tree.organization_count(), national->tree.version_count(), ms(t0, t1),
      m.inspection_count(), m.live_subject_rows(), ms(t1, t2),
      m.inspection_count() / (ms(t1, t2) / 1000), m.decision_count(), m.appeal_count(), ms(t2, t3),
      m.MemoryBytes() / 1048576.0, static_cast<double>(m.MemoryBytes()) / m.live_subject_rows(),
      sizeof(SubjectRow), m.subject_slots(), (ResidentKiB() - before) / 1024.0);
}

const DateRange k2023{Date(2023, 1, 1), Date(2023, 12, 31)};

void Statistics(benchmark::State& state, int64_t scope, bool by_children) {
  int64_t members = 0;
  for (auto _ : state) {
    absl::StatusOr<reporting::Statistics> s = ComputeInspectionStatistics(
        national->tree, national->model,
        {.scope_id = scope, .range = k2023, .breakdown_by_children = by_children});
    if (!s.ok()) {
      state.SkipWithError(std::string(s.status().message()).c_str());
      return;
    }
    members = s->figure(FigureId::kCommitteeThematicInspectionMembers).occurrences;
    benchmark::DoNotOptimize(s);
  }
  state.counters["thematic_inspection_members"] = static_cast<double>(members);
}

void BM_WholeTreeYear(benchmark::State& state) { Statistics(state, kRoot, false); }
void BM_WholeTreeYearByChildren(benchmark::State& state) { Statistics(state, kRoot, true); }
void BM_UpperCommitteeYear(benchmark::State& state) { Statistics(state, Upper(7), false); }
void BM_UpperCommitteeYearByChildren(benchmark::State& state) { Statistics(state, Upper(7), true); }
void BM_GrassrootsYear(benchmark::State& state) { Statistics(state, Grassroots(421), false); }

void BM_DrillDownUpperCommitteeMembers(benchmark::State& state) {
  size_t subjects = 0;
  for (auto _ : state) {
    absl::StatusOr<std::vector<FigureSubject>> list = ListFigureSubjects(
        national->tree, national->model, Upper(7), k2023, "committee.thematic_inspection.members");
    subjects = list->size();
    benchmark::DoNotOptimize(list);
  }
  state.counters["subjects"] = static_cast<double>(subjects);
}

BENCHMARK(BM_WholeTreeYear)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WholeTreeYearByChildren)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UpperCommitteeYear)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UpperCommitteeYearByChildren)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GrassrootsYear)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DrillDownUpperCommitteeMembers)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dangbo::reporting

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  dangbo::reporting::Build();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
