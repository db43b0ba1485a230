// What authenticating one RPC costs, with and without the verification cache, and what the
// authorization check adds. Not a test: run by hand,
//   build/tests/common/auth/dangbo_auth_benchmark

#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "common/auth/authorization.h"
#include "common/auth/token_minter.h"
#include "common/auth/token_verifier.h"
#include "tests/support/test_keys.h"

namespace dangbo::auth {
namespace {

constexpr char kIssuer[] = "dangbo-bench";
constexpr char kAudience[] = "dangbo";

struct Fixture {
  std::unique_ptr<TokenVerifier> verifier;
  std::string token;
};

Fixture Make(Algorithm algorithm, size_t cache_capacity) {
  testing::KeyPair key = testing::GenerateKeyPair(algorithm);
  TokenVerifierConfig config;
  config.public_key_pem = key.public_pem;
  config.algorithm = algorithm;
  config.issuer = kIssuer;
  config.audience = kAudience;
  config.cache_capacity = cache_capacity;
  Claims claims;
  claims.subject = "reporting-job";
  claims.issuer = kIssuer;
  claims.audience = kAudience;
  claims.expires_at = absl::Now() + absl::Hours(1);
  claims.roles = {"reader", "personal_data"};
  claims.scopes = {5, 23, 4711};
  return {*TokenVerifier::Create(config), *MintToken({key.private_pem, algorithm}, claims)};
}

void BM_Verify(benchmark::State& state, Algorithm algorithm, size_t cache_capacity) {
  Fixture fixture = Make(algorithm, cache_capacity);
  for (auto _ : state) {
    benchmark::DoNotOptimize(fixture.verifier->Verify(fixture.token));
  }
}
BENCHMARK_CAPTURE(BM_Verify, Es256Uncached, Algorithm::kES256, 0);
BENCHMARK_CAPTURE(BM_Verify, Rs256Uncached, Algorithm::kRS256, 0);
BENCHMARK_CAPTURE(BM_Verify, Es256Cached, Algorithm::kES256, 10000);

// A forged signature is refused by the pre-parsed key before cpp-jwt parses the PEM again.
void BM_VerifyForged(benchmark::State& state) {
  Fixture fixture = Make(Algorithm::kES256, 10000);
  Fixture other = Make(Algorithm::kES256, 10000);
  for (auto _ : state) {
    benchmark::DoNotOptimize(fixture.verifier->Verify(other.token));
  }
}
BENCHMARK(BM_VerifyForged);
BENCHMARK_CAPTURE(BM_Verify, Es256Cached, Algorithm::kES256, 10000)->Threads(2);

void BM_AuthorizeInScope(benchmark::State& state) {
  Principal principal;
  principal.roles = {Role::kReader};
  principal.scopes = {9, 23, 4711};
  for (auto _ : state) {
    benchmark::DoNotOptimize(Authorize(principal, Action::kReadMember, "/1/5/23/880/91234/"));
  }
}
BENCHMARK(BM_AuthorizeInScope);

}  // namespace
}  // namespace dangbo::auth

BENCHMARK_MAIN();
