// Where command-line clients find their bearer token: a file named by a flag, else by
// DANGBO_TOKEN_FILE (so a token never appears on a command line or in `ps`).
#ifndef DANGBO_COMMON_AUTH_TOKEN_FILE_H_
#define DANGBO_COMMON_AUTH_TOKEN_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace dangbo::auth {

// The token in `path`, or in the file DANGBO_TOKEN_FILE names when `path` is empty, with
// surrounding white space removed. Empty when neither names a file; INVALID_ARGUMENT when the
// file cannot be read.
absl::StatusOr<std::string> ReadTokenFile(const std::string& path);

}  // namespace dangbo::auth

#endif  // DANGBO_COMMON_AUTH_TOKEN_FILE_H_
