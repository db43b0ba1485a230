#ifndef DANGBO_BENCH_LOAD_MEMBER_NAMES_H_
#define DANGBO_BENCH_LOAD_MEMBER_NAMES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace dangbo::bench {

// Pages through ListMembers (1000 a page) and returns up to `limit` member names.
absl::StatusOr<std::vector<std::string>> ListMemberNames(const std::string& target,
                                                         const std::string& token, int64_t limit);

// `members/{first}` … `members/{last}`.
std::vector<std::string> MemberNamesInRange(int64_t first, int64_t last);

}  // namespace dangbo::bench

#endif  // DANGBO_BENCH_LOAD_MEMBER_NAMES_H_
