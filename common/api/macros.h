// Early-return helpers for absl::Status code; Abseil 20220623 ships none.
#ifndef DANGBO_COMMON_API_MACROS_H_
#define DANGBO_COMMON_API_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define DANGBO_RETURN_IF_ERROR(expr)                      \
  do {                                                    \
    if (absl::Status _st = (expr); !_st.ok()) return _st; \
  } while (0)

#define DANGBO_CONCAT_INNER(a, b) a##b
#define DANGBO_CONCAT(a, b) DANGBO_CONCAT_INNER(a, b)

#define DANGBO_ASSIGN_OR_RETURN(lhs, expr) \
  DANGBO_ASSIGN_OR_RETURN_IMPL(DANGBO_CONCAT(_statusor_, __LINE__), lhs, expr)

#define DANGBO_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).status();     \
  lhs = std::move(tmp).value()

#endif  // DANGBO_COMMON_API_MACROS_H_
