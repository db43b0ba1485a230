// How fast members are generated: the loader's producer must outrun ImportMembers.
#include <benchmark/benchmark.h>

#include "bench/dataset/dataset.h"
#include "bench/dataset/member_generator.h"

namespace dangbo::bench {
namespace {

void BM_GenerateBlocMembers(benchmark::State& state) {
  DatasetSpec spec;
  spec.size = DatasetSize::kBloc;
  const Dataset dataset = GenerateOrganizations(spec);
  int64_t members = 0;
  for (auto _ : state) {
    MemberGenerator generator(dataset);
    GeneratedMember m;
    while (generator.Next(m)) ++members;
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(members);
}
BENCHMARK(BM_GenerateBlocMembers)->Unit(benchmark::kMillisecond);

void BM_GenerateNationalTree(benchmark::State& state) {
  DatasetSpec spec;
  spec.size = DatasetSize::kNational;
  for (auto _ : state) benchmark::DoNotOptimize(GenerateOrganizations(spec));
}
BENCHMARK(BM_GenerateNationalTree)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dangbo::bench

BENCHMARK_MAIN();
