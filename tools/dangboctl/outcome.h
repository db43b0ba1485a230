#ifndef DANGBO_TOOLS_DANGBOCTL_OUTCOME_H_
#define DANGBO_TOOLS_DANGBOCTL_OUTCOME_H_

// How a command ends. Commands return absl::Status; the kind of failure travels in a payload so
// that one place picks the exit code and prints the error:
//   0  success
//   1  an RPC failed (the gRPC code, message and google.rpc details are printed)
//   2  usage: unknown command or option, a value that does not parse, a file that cannot be read
//   3  the command ran, but the service or the client refused some rows of an input file

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace dangbo::ctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRpcError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRowsRefused = 3;

// A failed RPC, keeping the google.rpc.Status details the server sent.
absl::Status RpcError(const grpc::Status& status);

// Adds a line printed after the error, e.g. how to retry a mutation safely.
absl::Status WithHint(absl::Status status, absl::string_view hint);

// Some input rows were refused; what and why has been printed already.
absl::Status RowsRefused(absl::string_view summary);

// The google.rpc.BadRequest field violations of an RpcError, as (field, description).
std::vector<std::pair<std::string, std::string>> FieldViolations(const absl::Status& status);

// Any other status is a usage error (exit 2).
int ExitCodeOf(const absl::Status& status);

// "error: <CODE>: <message>", then one indented line per detail: each google.rpc.BadRequest
// field violation as "field <field>: <description>", precondition failures, resource and error
// info, retry delay, help links; then the hint.
void PrintError(const absl::Status& status, std::ostream& err);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_OUTCOME_H_
