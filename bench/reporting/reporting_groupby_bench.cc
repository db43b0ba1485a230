// Side by side in one run: the annual inspection-and-discipline statistics computed in memory
// (ComputeInspectionStatistics) and by MariaDB aggregate queries over the same records in
// well-indexed tables (sql_read_model.h, sql_statistics.h), for the whole tree and for an upper
// committee's subtree of about 1,200 organizations. Every figure of both sides must be equal
// before anything is timed; the run fails otherwise. Then each side runs --repetitions times
// (after a warm-up run that fills InnoDB's buffer pool, sized to hold every table) and the
// p50/p99 times and their ratio are printed against issue 4's target of 20×.
//
//   build-x/bench/reporting/reporting_groupby_bench              # national size, ~5 minutes
//   build-x/bench/reporting/reporting_groupby_bench --small      # 2,011 organizations
//   build-x/bench/reporting/reporting_groupby_bench --explain    # the query plans too
//
// A private MariaDB is started unless --db_port names a running one.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "bench/reporting/sql_read_model.h"
#include "bench/reporting/sql_statistics.h"
#include "common/db/pool.h"
#include "cppconn/resultset.h"
#include "cppconn/resultset_metadata.h"
#include "cppconn/statement.h"
#include "services/reporting/domain/inspection_statistics.h"
#include "tests/reporting/domain/national_model.h"
#include "tests/support/private_mariadb.h"

ABSL_FLAG(bool, small, false, "2,011 organizations and a twentieth of the records");
ABSL_FLAG(bool, explain, false, "print EXPLAIN for every query");
ABSL_FLAG(int, repetitions, 21, "timed runs of each side per scope");
ABSL_FLAG(int, year, 2024, "the year counted (2015–2024 hold records)");
ABSL_FLAG(int, buffer_pool_mib, 2048, "innodb_buffer_pool_size set on the private server");
ABSL_FLAG(std::string, db_host, "127.0.0.1", "MariaDB host when --db_port is set");
ABSL_FLAG(int, db_port, 0, "a running MariaDB to use instead of a private one");
ABSL_FLAG(std::string, db_user, "groupby", "with --db_port");
ABSL_FLAG(std::string, db_password, "", "with --db_port");
ABSL_FLAG(std::string, db_schema, "groupby_bench", "with --db_port; its tables are replaced");

namespace dangbo::reporting::bench {
namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Scope {
  std::string name;
  int64_t id;
};

struct Timings {
  double p50 = 0;
  double p99 = 0;
};

// Nearest-rank percentiles.
Timings Percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const auto rank = [&](double p) {
    const size_t r = static_cast<size_t>(std::ceil(p * static_cast<double>(ms.size())));
    return ms[std::max<size_t>(r, 1) - 1];
  };
  return {rank(0.50), rank(0.99)};
}

// "15.2 ms", "2,340 ms": readable at any size.
std::string Ms(double ms) {
  if (ms >= 100) {
    std::string digits = absl::StrCat(static_cast<int64_t>(std::llround(ms)));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
    return digits + " ms";
  }
  char text[32];
  std::snprintf(text, sizeof text, ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
  return text;
}

FigureCounts InMemoryCounts(const Statistics& s) {
  FigureCounts counts{};
  for (const FigureValue& f : s.figures) {
    counts[static_cast<int>(f.id)] = {f.distinct, f.occurrences};
  }
  return counts;
}

void PrintResultSet(sql::ResultSet& rs) {
  sql::ResultSetMetaData* meta = rs.getMetaData();
  const unsigned columns = meta->getColumnCount();
  for (unsigned c = 1; c <= columns; ++c) {
    std::printf("%s%s", c > 1 ? " | " : "  ", std::string(meta->getColumnLabel(c)).c_str());
  }
  std::printf("\n");
  while (rs.next()) {
    for (unsigned c = 1; c <= columns; ++c) {
      std::printf("%s%s", c > 1 ? " | " : "  ",
                  rs.isNull(c) ? "NULL" : std::string(rs.getString(c)).c_str());
    }
    std::printf("\n");
  }
}

int64_t BufferPoolReads(db::Session& session) {
  std::unique_ptr<sql::ResultSet> rs(session.PlainStatement().executeQuery(
      "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_reads'"));
  return rs->next() ? rs->getInt64(2) : -1;
}

struct Database {
  std::unique_ptr<dangbo::testing::PrivateMariaDb> server;  // none with --db_port
  std::unique_ptr<db::Pool> pool;
};

absl::StatusOr<Database> OpenDatabase() {
  Database database;
  db::Config config;
  if (absl::GetFlag(FLAGS_db_port) != 0) {
    config.host = absl::GetFlag(FLAGS_db_host);
    config.port = absl::GetFlag(FLAGS_db_port);
    config.user = absl::GetFlag(FLAGS_db_user);
    config.password = absl::GetFlag(FLAGS_db_password);
    config.schema = absl::GetFlag(FLAGS_db_schema);
  } else {
    absl::StatusOr<std::unique_ptr<dangbo::testing::PrivateMariaDb>> server =
        dangbo::testing::PrivateMariaDb::Launch();
    if (!server.ok()) return server.status();
    database.server = *std::move(server);
    // Room for every table and index, so that timed runs read memory only; the log flushed
    // once a second, as nothing here needs to survive a crash and the load is faster.
    for (const std::string& sql :
         {absl::StrCat("SET GLOBAL innodb_buffer_pool_size = ",
                       int64_t{absl::GetFlag(FLAGS_buffer_pool_mib)} * 1048576),
          std::string("SET GLOBAL innodb_flush_log_at_trx_commit = 2")}) {
      if (absl::Status s = database.server->ExecuteAsRoot(sql); !s.ok()) return s;
    }
    if (absl::Status s =
            database.server->CreateSchemaWithUser("groupby_bench", "groupby", "groupby-bench");
        !s.ok()) {
      return s;
    }
    config = database.server->ConfigFor("groupby_bench", "groupby", "groupby-bench", 1);
  }
  config.pool_size = 1;
  config.read_timeout = absl::Minutes(30);
  config.write_timeout = absl::Minutes(30);
  absl::StatusOr<std::unique_ptr<db::Pool>> pool = db::Pool::Create(config);
  if (!pool.ok()) return pool.status();
  database.pool = *std::move(pool);
  return database;
}

int Run() {
  const testing::NationalShape shape =
      absl::GetFlag(FLAGS_small) ? testing::NationalShape::Small() : testing::NationalShape();
  const int year = absl::GetFlag(FLAGS_year);
  const DateRange range{Date(year, 1, 1), Date(year, 12, 31)};
  const int repetitions = std::max(1, absl::GetFlag(FLAGS_repetitions));

  // The same records into both sides, from one seeded generator.
  Clock::time_point start = Clock::now();
  std::mt19937_64 random(20250101);
  OrganizationTree tree;
  InspectionModel model;
  SqlReadModel sql_model;
  {
    std::vector<OrganizationVersion> versions = testing::GenerateOrganizations(shape, random);
    absl::StatusOr<OrganizationTree> built = OrganizationTree::Build(versions);
    if (!built.ok()) {
      std::fprintf(stderr, "tree: %s\n", std::string(built.status().message()).c_str());
      return 1;
    }
    tree = *std::move(built);
    sql_model.SetOrganizations(std::move(versions));
  }
  model.Reserve(shape.inspections, 0, shape.decisions);
  bool upserted = true;
  testing::GenerateInspections(shape, random, [&](const inspection::Inspection& in) {
    upserted = upserted && model.UpsertInspection(in).ok();
    sql_model.AddInspection(in);
  });
  testing::GenerateDiscipline(
      shape, random,
      [&](const inspection::DisciplinaryDecision& d) {
        upserted = upserted && model.UpsertDecision(d).ok();
        sql_model.AddDecision(d);
      },
      [&](const inspection::Appeal& a) {
        upserted = upserted && model.UpsertAppeal(a).ok();
        sql_model.AddAppeal(a);
      });
  if (!upserted) {
    std::fprintf(stderr, "the in-memory model refused a generated record\n");
    return 1;
  }
  std::printf("generated: %zu organizations, %zu subject rows (%zu counted), %zu decisions, "
              "%zu appeals in %s\n",
              tree.organization_count(), sql_model.subject_rows(), model.live_subject_rows(),
              model.decision_count(), model.appeal_count(), Ms(MillisSince(start)).c_str());

  absl::StatusOr<Database> database = OpenDatabase();
  if (!database.ok()) {
    std::fprintf(stderr, "MariaDB: %s\n", std::string(database.status().message()).c_str());
    return 1;
  }
  db::Pool& pool = *database->pool;
  start = Clock::now();
  if (absl::Status s = sql_model.Load(pool); !s.ok()) {
    std::fprintf(stderr, "load: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::printf("MariaDB: loaded %zu subject rows and %zu closure rows, indexed and analyzed in %s\n",
              sql_model.subject_rows(), sql_model.closure_rows(), Ms(MillisSince(start)).c_str());

  const std::vector<Scope> scopes = {
      {"whole tree", testing::kNationalRoot},
      {"upper committee subtree", testing::UpperCommitteeId(7)},
  };

  // Equal figures first: the comparison means nothing otherwise. This is also each side's
  // warm-up run.
  for (const Scope& scope : scopes) {
    absl::StatusOr<Statistics> memory =
        ComputeInspectionStatistics(tree, model, {.scope_id = scope.id, .range = range});
    if (!memory.ok()) {
      std::fprintf(stderr, "%s: %s\n", scope.name.c_str(),
                   std::string(memory.status().message()).c_str());
      return 1;
    }
    FigureCounts sql{};
    if (absl::Status s = pool.Read([&](db::Session& session) {
          sql = ComputeSqlStatistics(session, scope.id, range);
          return absl::OkStatus();
        });
        !s.ok()) {
      std::fprintf(stderr, "%s: %s\n", scope.name.c_str(), std::string(s.message()).c_str());
      return 1;
    }
    const FigureCounts in_memory = InMemoryCounts(*memory);
    int differences = 0;
    int64_t counted = 0;
    for (const FigureDefinition& f : InspectionFigures()) {
      const FigureCount& m = in_memory[static_cast<int>(f.id)];
      const FigureCount& q = sql[static_cast<int>(f.id)];
      counted += m.occurrences;
      if (!(m == q)) {
        ++differences;
        std::fprintf(stderr, "DIFFERENT %s %s: in memory %ld distinct / %ld, MariaDB %ld / %ld\n",
                     scope.name.c_str(), std::string(f.key).c_str(), m.distinct, m.occurrences,
                     q.distinct, q.occurrences);
      }
    }
    if (differences > 0) {
      std::fprintf(stderr, "FAIL: %d of %d figures differ for the %s\n", differences,
                   kFigureCount, scope.name.c_str());
      return 1;
    }
    absl::StatusOr<std::vector<SubtreeSegment>> subtree = tree.Subtree(scope.id, range);
    std::vector<int64_t> organizations;
    for (const SubtreeSegment& s : *subtree) organizations.push_back(s.organization_id);
    std::sort(organizations.begin(), organizations.end());
    organizations.erase(std::unique(organizations.begin(), organizations.end()),
                        organizations.end());
    std::printf("%s (organization %ld, %zu organizations in %d): all %d figures equal "
                "(distinct and occurrences; %ld occurrences in all)\n",
                scope.name.c_str(), scope.id, organizations.size(), year, kFigureCount, counted);
  }

  if (absl::GetFlag(FLAGS_explain)) {
    for (const Scope& scope : scopes) {
      for (const std::string& query : StatisticsQueries(scope.id, range)) {
        std::printf("\n-- %s\n%s;\n", scope.name.c_str(), query.c_str());
        absl::Status s = pool.Read([&](db::Session& session) {
          std::unique_ptr<sql::ResultSet> rs(
              session.PlainStatement().executeQuery("EXPLAIN " + query));
          PrintResultSet(*rs);
          return absl::OkStatus();
        });
        if (!s.ok()) {
          std::fprintf(stderr, "EXPLAIN: %s\n", std::string(s.message()).c_str());
          return 1;
        }
      }
    }
    std::printf("\n");
  }

  std::printf("\n%d timed runs per side and scope, year %d, same machine, one run\n", repetitions,
              year);
  std::printf("| scope | in-memory p50 | in-memory p99 | MariaDB p50 | MariaDB p99 | p50 ratio | "
              "20× target |\n|---|---|---|---|---|---|---|\n");
  std::vector<std::string> summaries;
  int64_t reads_before = -1;
  int64_t reads_after = -1;
  (void)pool.Read([&](db::Session& session) {
    reads_before = BufferPoolReads(session);
    return absl::OkStatus();
  });
  bool all_met = true;
  for (const Scope& scope : scopes) {
    std::vector<double> memory_ms;
    std::vector<double> sql_ms;
    int64_t sink = 0;
    for (int r = 0; r < repetitions; ++r) {
      const Clock::time_point t = Clock::now();
      absl::StatusOr<Statistics> s =
          ComputeInspectionStatistics(tree, model, {.scope_id = scope.id, .range = range});
      memory_ms.push_back(MillisSince(t));
      sink += s->figures[0].occurrences;
    }
    for (int r = 0; r < repetitions; ++r) {
      absl::Status s = pool.Read([&](db::Session& session) {
        const Clock::time_point t = Clock::now();
        const FigureCounts counts = ComputeSqlStatistics(session, scope.id, range);
        sql_ms.push_back(MillisSince(t));
        sink += counts[0].occurrences;
        return absl::OkStatus();
      });
      if (!s.ok()) {
        std::fprintf(stderr, "%s: %s\n", scope.name.c_str(), std::string(s.message()).c_str());
        return 1;
      }
    }
    if (sink < 0) return 1;  // keeps the results alive
    const Timings memory = Percentiles(memory_ms);
    const Timings sql = Percentiles(sql_ms);
    const double ratio = sql.p50 / memory.p50;
    const bool met = ratio >= 20;
    all_met = all_met && met;
    // Rounded down, so that a printed 20× is a met target.
    const int64_t times = static_cast<int64_t>(std::floor(ratio));
    std::printf("| %s | %s | %s | %s | %s | %ld× | %s |\n", scope.name.c_str(),
                Ms(memory.p50).c_str(), Ms(memory.p99).c_str(), Ms(sql.p50).c_str(),
                Ms(sql.p99).c_str(), times, met ? "met" : "NOT met");
    summaries.push_back(absl::StrCat(scope.name, ", year ", year, ": in-memory p50 ",
                                     Ms(memory.p50), ", MariaDB GROUP BY p50 ", Ms(sql.p50), ", ",
                                     times, "× faster"));
  }
  (void)pool.Read([&](db::Session& session) {
    reads_after = BufferPoolReads(session);
    return absl::OkStatus();
  });
  std::printf("\nInnoDB pages read from disk while timing: %ld (0: every query ran from the "
              "buffer pool)\n",
              reads_after - reads_before);
  for (const std::string& s : summaries) std::printf("%s\n", s.c_str());
  std::printf("issue 4 speed target (at least 20× faster than MariaDB GROUP BY): %s\n",
              all_met ? "met" : "NOT met");
  return 0;
}

}  // namespace
}  // namespace dangbo::reporting::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return dangbo::reporting::bench::Run();
}
