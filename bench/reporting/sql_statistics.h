// The inspection and discipline figures of a scope and period (domain.md §5) computed by
// MariaDB from the tables of sql_read_model.h: one aggregate query per section (inspection
// subjects, discipline in force, appeals received, appeals resolved), each joined to the
// closure table as it stood on each record's day, with COUNT(DISTINCT subject) and COUNT(*) per
// figure condition. The conditions are written here from the domain's rules, apart from the
// C++ figure masks, so that equal results show both sides count the same thing.
#ifndef DANGBO_BENCH_REPORTING_SQL_STATISTICS_H_
#define DANGBO_BENCH_REPORTING_SQL_STATISTICS_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/session.h"
#include "services/reporting/domain/inspection_figures.h"
#include "services/reporting/domain/period.h"

namespace dangbo::reporting::bench {

struct FigureCount {
  int64_t distinct = 0;
  int64_t occurrences = 0;
  friend bool operator==(const FigureCount&, const FigureCount&) = default;
};
using FigureCounts = std::array<FigureCount, kFigureCount>;  // by FigureId

// The section queries for `scope_id` and `range`, as sent (also for EXPLAIN).
std::vector<std::string> StatisticsQueries(int64_t scope_id, const DateRange& range);

// Runs the section queries on `session`. Throws sql::SQLException as the connector does.
FigureCounts ComputeSqlStatistics(db::Session& session, int64_t scope_id, const DateRange& range);

}  // namespace dangbo::reporting::bench

#endif  // DANGBO_BENCH_REPORTING_SQL_STATISTICS_H_
