#ifndef DANGBO_TOOLS_DANGBOCTL_DANGBOCTL_H_
#define DANGBO_TOOLS_DANGBOCTL_DANGBOCTL_H_

// dangboctl as a function, so tests run commands in-process and read what they print.

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "grpcpp/impl/codegen/channel_interface.h"
#include "tools/dangboctl/client_options.h"

namespace dangbo::ctl {

struct RunEnvironment {
  // Where DANGBO_<NAME> defaults come from.
  Environment environment = ProcessEnvironment();
  // When set, membership calls use this channel instead of dialing --membership.
  std::shared_ptr<grpc::ChannelInterface> membership_channel;
  // When set, inspection calls use this channel instead of dialing --inspection.
  std::shared_ptr<grpc::ChannelInterface> inspection_channel;
};

// Runs `dangboctl <args...>` (without the program name) and returns its exit code: 0 ok, 1 an RPC
// failed, 2 usage error, 3 some input rows were refused. Results go to `out`, errors, warnings
// and progress to `err`.
int RunDangboctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int RunDangboctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const RunEnvironment& run_environment);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_DANGBOCTL_H_
