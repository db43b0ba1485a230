// Multi-row statements (`VALUES (…), (…)`, `IN (?, …)`) with a bounded number of statement
// texts: rows go in chunks of a fixed maximum, and the remainder in power-of-two chunks, so
// the per-connection prepared-statement cache holds at most log2(max) + 1 texts per statement
// whatever the batch sizes callers send.
#ifndef DANGBO_COMMON_DB_ROW_CHUNKS_H_
#define DANGBO_COMMON_DB_ROW_CHUNKS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"

namespace dangbo::db {

// Calls `run(begin, size)` over [0, count) in order: chunks of `max_rows` (a power of two),
// then the remainder in decreasing powers of two. Stops at, and returns, the first non-OK.
absl::Status ForEachRowChunk(size_t count, size_t max_rows,
                             absl::FunctionRef<absl::Status(size_t begin, size_t size)> run);

// `row` repeated `count` times, separated by ", ": RepeatedRows("(?, ?)", 2) is
// "(?, ?), (?, ?)".
std::string RepeatedRows(std::string_view row, size_t count);

}  // namespace dangbo::db

#endif  // DANGBO_COMMON_DB_ROW_CHUNKS_H_
