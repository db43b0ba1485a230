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

namespace dangbo::reporting {
namespace {

using namespace testing;  // NOLINT: the builders

constexpr int64_t kRoot = 1;
constexpr int kUpper = 50;
constexpr int kGrassrootsPerUpper = 60;
constexpr int kCellsPerGrassroots = 19;
constexpr int kGrassroots = kUpper * kGrassrootsPerUpper;
constexpr int kCells = kGrassroots * kCellsPerGrassroots;
constexpr int kInspections = 400000;
constexpr int kSubjectRows = 2000000;
constexpr int kDecisions = 300000;
constexpr int64_t kMembers = 5600000;
const Date kStart(2015, 1, 1);
constexpr int kDays = 3652;  // 2015–2024

int64_t Upper(int u) { return 2 + u; }
int64_t Grassroots(int g) { return 100 + g; }
int64_t Cell(int c) { return 10000 + c; }

struct National {
  OrganizationTree tree;
  InspectionModel model;
};
National* national = nullptr;

void BuildTree(std::mt19937_64& random, National& n) {
  std::vector<OrganizationVersion> rows;
  rows.push_back(Version(kRoot, std::nullopt, Date(2007, 1, 1), std::nullopt,
                         OrganizationKind::kBlocCommittee));
  for (int u = 0; u < kUpper; ++u) {
    rows.push_back(Version(Upper(u), kRoot, Date(2007, 1, 1), std::nullopt,
                           OrganizationKind::kUpperLevelCommittee));
  }
  // Grassroots committees: 300 move to another upper committee once; 100 are merged into a
  // neighbour, their cells moving with the merge.
  std::vector<std::vector<OrganizationVersion>> grassroots(kGrassroots);
  std::vector<int> merged_into(kGrassroots, -1);
  std::vector<Date> merged_on(kGrassroots);
  for (int g = 0; g < kGrassroots; ++g) {
    const int64_t parent = Upper(g / kGrassrootsPerUpper);
    if (g % 10 == 3) {
      const Date moved = kStart + static_cast<int>(random() % kDays);
      const int64_t to = Upper(static_cast<int>(random() % kUpper));
      grassroots[g] = {
          Version(Grassroots(g), parent, Date(2007, 1, 1), moved,
                  OrganizationKind::kGrassrootsCommittee),
          Version(Grassroots(g), to, moved, std::nullopt, OrganizationKind::kGrassrootsCommittee)};
    } else if (g % 30 == 7) {
      merged_on[g] = kStart + static_cast<int>(random() % kDays);
      merged_into[g] = g + 1;
      grassroots[g] = {Version(Grassroots(g), parent, Date(2007, 1, 1), merged_on[g],
                               OrganizationKind::kGrassrootsCommittee)};
    } else {
      grassroots[g] = {Version(Grassroots(g), parent, Date(2007, 1, 1), std::nullopt,
                               OrganizationKind::kGrassrootsCommittee)};
    }
    rows.insert(rows.end(), grassroots[g].begin(), grassroots[g].end());
  }
  for (int c = 0; c < kCells; ++c) {
    const int g = c / kCellsPerGrassroots;
    if (merged_into[g] >= 0) {
      rows.push_back(Version(Cell(c), Grassroots(g), Date(2007, 1, 1), merged_on[g]));
      rows.push_back(Version(Cell(c), Grassroots(merged_into[g]), merged_on[g]));
    } else {
      rows.push_back(Version(Cell(c), Grassroots(g), Date(2007, 1, 1)));
    }
  }
  n.tree = *OrganizationTree::Build(rows);
}

void LoadInspections(std::mt19937_64& random, National& n) {
  struct Kind {
    InspectionType type;
    ConductingBody body;
    int percent;
  };
  const Kind kinds[] = {
      {InspectionType::kThematicInspection, ConductingBody::kStandingCommittee, 35},
      {InspectionType::kThematicSupervision, ConductingBody::kExecutiveCommittee, 35},
      {InspectionType::kViolationSignsInspection, ConductingBody::kInspectionCommittee, 10},
      {InspectionType::kInspectionDutyInspection, ConductingBody::kInspectionCommittee, 5},
      {InspectionType::kDisciplineExecutionInspection, ConductingBody::kInspectionCommittee, 5},
      {InspectionType::kFinanceInspection, ConductingBody::kInspectionCommittee, 5},
      {InspectionType::kDuesInspection, ConductingBody::kInspectionCommittee, 5},
  };
  const SubjectOutcome outcomes[] = {
      SubjectOutcome::kGood,      SubjectOutcome::kGood,
      SubjectOutcome::kGood,      SubjectOutcome::kShortcomings,
      SubjectOutcome::kViolation, SubjectOutcome::kViolationRequiresDiscipline};
  int rows = 0;
  for (int i = 0; i < kInspections; ++i) {
    int pick = static_cast<int>(random() % 100);
    const Kind* kind = &kinds[0];
    for (const Kind& k : kinds) {
      if (pick < k.percent) {
        kind = &k;
        break;
      }
      pick -= k.percent;
    }
    // 1 to 9 subjects, 5 on average, and exactly kSubjectRows in all.
    int count = 1 + static_cast<int>(random() % 9);
    if (i == kInspections - 1) count = kSubjectRows - rows;
    count = std::min(count, kSubjectRows - rows - (kInspections - 1 - i));
    count = std::max(count, 1);
    rows += count;
    std::vector<InspectionSubject> subjects;
    subjects.reserve(count);
    for (int k = 0; k < count; ++k) {
      const SubjectOutcome outcome = outcomes[random() % 6];
      if (random() % 5 == 0) {
        const int64_t org = random() % 2 == 0 ? Grassroots(static_cast<int>(random() % kGrassroots))
                                              : Cell(static_cast<int>(random() % kCells));
        subjects.push_back(OrganizationSubject(org, outcome));
      } else {
        subjects.push_back(MemberSubject(1 + static_cast<int64_t>(random() % kMembers),
                                         Cell(static_cast<int>(random() % kCells)), outcome,
                                         random() % 20 == 0));
      }
    }
    Inspection in =
        MakeInspection(i + 1, kind->type, kind->body, Upper(static_cast<int>(random() % kUpper)),
                       kStart + static_cast<int>(random() % kDays), std::move(subjects));
    if (!n.model.UpsertInspection(in).ok()) std::abort();
  }
  // Cancelled inspections on top, which hold no rows.
  for (int i = 0; i < kInspections / 50; ++i) {
    Inspection in = MakeInspection(
        kInspections + i + 1, InspectionType::kThematicInspection,
        ConductingBody::kStandingCommittee, Upper(i % kUpper),
        kStart + static_cast<int>(random() % kDays),
        {MemberSubject(1 + static_cast<int64_t>(random() % kMembers), Cell(i % kCells))},
        InspectionStage::kCancelled);
    if (!n.model.UpsertInspection(in).ok()) std::abort();
  }
}

void LoadDiscipline(std::mt19937_64& random, National& n) {
  const DisciplineForm member_forms[] = {DisciplineForm::kReprimand, DisciplineForm::kWarning,
                                         DisciplineForm::kRemovalFromPost,
                                         DisciplineForm::kExpulsion};
  const DisciplineForm organization_forms[] = {DisciplineForm::kReprimand, DisciplineForm::kWarning,
                                               DisciplineForm::kDissolution};
  int64_t appeal = 0;
  for (int i = 0; i < kDecisions; ++i) {
    const int g = static_cast<int>(random() % kGrassroots);
    const Date day = kStart + static_cast<int>(random() % kDays);
    DisciplinaryDecision d;
    if (random() % 20 == 0) {
      d = MakeDecision(i + 1, {SubjectKind::kOrganization, Cell(g * kCellsPerGrassroots)},
                       Cell(g * kCellsPerGrassroots), organization_forms[random() % 3],
                       Grassroots(g), day);
    } else {
      const int cell = static_cast<int>(random() % kCells);
      d = MakeDecision(i + 1, {SubjectKind::kMember, 1 + static_cast<int64_t>(random() % kMembers)},
                       Cell(cell), member_forms[random() % 4],
                       random() % 3 == 0 ? Cell(cell) : Grassroots(cell / kCellsPerGrassroots),
                       day);
    }
    if (!n.model.UpsertDecision(d).ok()) std::abort();
    if (random() % 33 == 0) {
      const AppealOutcome outcome =
          random() % 2 == 0 ? AppealOutcome::kUpheld : AppealOutcome::kAnnulled;
      if (!n.model
               .UpsertAppeal(MakeAppeal(++appeal, d.id, Upper(g / kGrassrootsPerUpper), day + 20,
                                        Resolution(outcome, day + 80)))
               .ok()) {
        std::abort();
      }
    }
  }
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
  national->model.Reserve(kInspections, 0, kDecisions);
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
