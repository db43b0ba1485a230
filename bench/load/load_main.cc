// dangbo-load: load generator for the membership service.
//
//   dangbo-load --mode=get --target=127.0.0.1:50051 --token_file=reader.token
//       --concurrency=32 --duration=20s
//   dangbo-load --mode=import --target=127.0.0.1:50051 --token_file=admin.token --size=bloc
//
// `get` keeps N GetMember calls in flight (async completion-queue client) on member names it
// pages out of ListMembers first, or on --id_range; `import` creates a generated dataset's
// organizations and measures ImportMembers throughput. Both end with one `RESULT key=value…`
// line for scripts.
#include <grpcpp/grpcpp.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/dataset/dataset.h"
#include "bench/dataset/dataset_loader.h"
#include "bench/load/get_member_load.h"
#include "bench/load/member_names.h"
#include "bench/load/rating_write_load.h"
#include "common/auth/token_file.h"

ABSL_FLAG(std::string, mode, "get",
          "get (GetMember latency and throughput), import, or ratings (a paced write load)");
ABSL_FLAG(std::string, target, "127.0.0.1:50051", "membership service host:port");
ABSL_FLAG(std::string, token_file, "", "file holding the bearer token; default $DANGBO_TOKEN_FILE");
ABSL_FLAG(int32_t, concurrency, 32, "get: calls in flight");
ABSL_FLAG(int32_t, threads, 2, "get: client threads, each with a completion queue and connection");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(20), "get: measured time");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(3), "get: time run before measuring");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(2), "get: deadline of each call");
ABSL_FLAG(std::string, id_range, "",
          "get: call members/FIRST…members/LAST (\"FIRST-LAST\") instead of listing members");
ABSL_FLAG(int64_t, max_members, 200000, "get: list at most this many member names");
ABSL_FLAG(uint64_t, seed, 1, "get: seed of the random choice of members; import: dataset seed");
ABSL_FLAG(double, rate, 1000, "ratings: calls per second, all threads together");
ABSL_FLAG(int32_t, year, 2024, "ratings: the year rated");
ABSL_FLAG(std::string, size, "bloc", "import: dataset size, bloc or national");
ABSL_FLAG(int32_t, organization_concurrency, 8, "import: CreateOrganization calls in flight");
ABSL_FLAG(int32_t, import_streams, 4, "import: ImportMembers streams in parallel");
ABSL_FLAG(int32_t, rows_per_message, 1000, "import: rows per ImportMembers message");
ABSL_FLAG(std::string, request_id_prefix, "",
          "import: request id prefix; default unique per run, so every run writes");

namespace {

using namespace dangbo::bench;  // NOLINT: a tool's main

int Fail(absl::string_view message) {
  std::cerr << "dangbo-load: " << message << "\n";
  return 1;
}

double Micros(absl::Duration d) { return absl::ToDoubleMicroseconds(d); }

int RunGet(const std::string& token) {
  std::vector<std::string> names;
  if (const std::string range = absl::GetFlag(FLAGS_id_range); !range.empty()) {
    std::pair<std::string, std::string> parts = absl::StrSplit(range, absl::MaxSplits('-', 1));
    int64_t first = 0;
    int64_t last = 0;
    if (!absl::SimpleAtoi(parts.first, &first) || !absl::SimpleAtoi(parts.second, &last) ||
        first < 1 || last < first) {
      return Fail("--id_range must be FIRST-LAST with 1 <= FIRST <= LAST");
    }
    names = MemberNamesInRange(first, last);
  } else {
    const absl::Time start = absl::Now();
    absl::StatusOr<std::vector<std::string>> listed =
        ListMemberNames(absl::GetFlag(FLAGS_target), token, absl::GetFlag(FLAGS_max_members));
    if (!listed.ok()) return Fail(listed.status().ToString());
    names = *std::move(listed);
    std::cout << absl::StrFormat("listed %d member names in %s\n", names.size(),
                                 absl::FormatDuration(absl::Now() - start));
  }
  if (names.empty()) return Fail("no members to call: load a dataset first");

  GetMemberLoadOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.token = token;
  options.concurrency = std::max(1, absl::GetFlag(FLAGS_concurrency));
  options.threads = std::max(1, absl::GetFlag(FLAGS_threads));
  options.duration = absl::GetFlag(FLAGS_duration);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.call_deadline = absl::GetFlag(FLAGS_deadline);
  options.seed = absl::GetFlag(FLAGS_seed);
  const GetMemberLoadResult r = RunGetMemberLoad(names, options);

  const double seconds = absl::ToDoubleSeconds(r.elapsed);
  int64_t errors = 0;
  std::string error_text;
  for (const auto& [code, n] : r.errors) {
    errors += n;
    absl::StrAppend(&error_text, error_text.empty() ? "" : ", ", code, " ", n);
  }
  std::cout << absl::StrFormat(
      "GetMember: %d in flight on %d threads, %s measured after %s warm-up, %d member names\n"
      "  calls ok     %d (%.0f calls/s)\n"
      "  latency      p50 %.0f us, p90 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us, "
      "mean %.0f us\n"
      "  errors       %s\n",
      options.concurrency, options.threads, absl::FormatDuration(options.duration),
      absl::FormatDuration(options.warmup), names.size(), r.ok, r.ok / seconds,
      Micros(r.latency.p50), Micros(r.latency.p90), Micros(r.latency.p99), Micros(r.latency.p999),
      Micros(r.latency.max), Micros(r.latency.mean), errors == 0 ? "none" : error_text);
  std::cout << absl::StrFormat(
      "RESULT mode=get calls=%d calls_per_s=%.0f p50_us=%.0f p90_us=%.0f p99_us=%.0f "
      "max_us=%.0f errors=%d\n",
      r.ok, r.ok / seconds, Micros(r.latency.p50), Micros(r.latency.p90), Micros(r.latency.p99),
      Micros(r.latency.max), errors);
  return r.ok > 0 ? 0 : 1;
}

int RunRatings(const std::string& token) {
  absl::StatusOr<std::vector<std::string>> names =
      ListMemberNames(absl::GetFlag(FLAGS_target), token, absl::GetFlag(FLAGS_max_members));
  if (!names.ok()) return Fail(names.status().ToString());
  if (names->empty()) return Fail("no members to rate: load a dataset first");
  WriteLoadOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.token = token;
  options.rate = absl::GetFlag(FLAGS_rate);
  options.threads = std::max(1, absl::GetFlag(FLAGS_threads));
  options.duration = absl::GetFlag(FLAGS_duration);
  options.call_deadline = absl::GetFlag(FLAGS_deadline);
  options.year = absl::GetFlag(FLAGS_year);
  options.seed = absl::GetFlag(FLAGS_seed);
  const WriteLoadResult r = RunRatingWriteLoad(*names, options);
  int64_t errors = 0;
  std::string error_text;
  for (const auto& [code, n] : r.errors) {
    errors += n;
    absl::StrAppend(&error_text, " ", code, "=", n);
  }
  std::cout << absl::StrFormat(
      "RESULT mode=ratings calls=%d calls_per_s=%.0f p50_us=%.0f p99_us=%.0f late=%d "
      "errors=%d%s\n",
      r.calls, r.calls / std::max(1e-9, absl::ToDoubleSeconds(r.elapsed)), Micros(r.latency.p50),
      Micros(r.latency.p99), r.late, errors, error_text);
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int RunImport(const std::string& token) {
  absl::StatusOr<DatasetSize> size = ParseDatasetSize(absl::GetFlag(FLAGS_size));
  if (!size.ok()) return Fail(size.status().message());
  DatasetSpec spec;
  spec.size = *size;
  spec.seed = absl::GetFlag(FLAGS_seed);
  const Dataset dataset = GenerateOrganizations(spec);

  LoadOptions options;
  options.token = token;
  options.organization_concurrency = absl::GetFlag(FLAGS_organization_concurrency);
  options.import_streams = absl::GetFlag(FLAGS_import_streams);
  options.rows_per_message = absl::GetFlag(FLAGS_rows_per_message);
  options.request_id_prefix = absl::GetFlag(FLAGS_request_id_prefix);
  if (options.request_id_prefix.empty()) {
    options.request_id_prefix = absl::StrCat("load-import-", absl::ToUnixMicros(absl::Now()));
  }
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  DatasetLoader loader(grpc::CreateCustomChannel(absl::GetFlag(FLAGS_target),
                                                 grpc::InsecureChannelCredentials(), args),
                       options);
  absl::StatusOr<OrganizationLoad> orgs = loader.CreateOrganizations(dataset);
  if (!orgs.ok()) return Fail(orgs.status().ToString());
  absl::StatusOr<ImportLoad> imported = loader.ImportMembers(dataset, orgs->names);
  if (!imported.ok()) return Fail(imported.status().ToString());

  const double org_seconds = absl::ToDoubleSeconds(orgs->elapsed);
  const double seconds = absl::ToDoubleSeconds(imported->elapsed);
  std::cout << absl::StrFormat(
      "CreateOrganization: %d in %s (%.0f/s, %d in flight)\n"
      "ImportMembers: %d rows in %d messages on %d streams, %s (%.0f rows/s): created %d, "
      "updated %d, unchanged %d, refused %d\n",
      orgs->names.size(), absl::FormatDuration(orgs->elapsed), orgs->names.size() / org_seconds,
      options.organization_concurrency, imported->rows_sent, imported->messages_sent,
      options.import_streams, absl::FormatDuration(imported->elapsed),
      imported->rows_sent / seconds, imported->created, imported->updated, imported->unchanged,
      imported->error_count);
  for (const std::string& e : imported->first_errors) std::cout << "  refused " << e << "\n";
  std::cout << absl::StrFormat(
      "RESULT mode=import organizations=%d organizations_per_s=%.0f rows=%d rows_per_s=%.0f "
      "created=%d refused=%d\n",
      orgs->names.size(), orgs->names.size() / org_seconds, imported->rows_sent,
      imported->rows_sent / seconds, imported->created, imported->error_count);
  return imported->error_count == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Load generator for the membership service (--mode=get|import|ratings).");
  absl::ParseCommandLine(argc, argv);
  // Debian's Abseil keeps a lock graph on every mutex acquisition, gRPC's included: a few
  // percent of the client's CPU, taken from the server it shares the machine with.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::StatusOr<std::string> token = dangbo::auth::ReadTokenFile(absl::GetFlag(FLAGS_token_file));
  if (!token.ok()) return Fail(token.status().message());
  const std::string mode = absl::GetFlag(FLAGS_mode);
  if (mode == "get") return RunGet(*token);
  if (mode == "import") return RunImport(*token);
  if (mode == "ratings") return RunRatings(*token);
  return Fail("--mode must be get, import or ratings");
}
