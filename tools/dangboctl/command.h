#ifndef DANGBO_TOOLS_DANGBOCTL_COMMAND_H_
#define DANGBO_TOOLS_DANGBOCTL_COMMAND_H_

// The command registry and what a command gets to work with. Each command group lives in its
// own file and adds its commands through a Register*Commands function (commands.h), so a new
// service adds a file, not a branch in a switch.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangbo/inspection/v1/inspection_service.grpc.pb.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "tools/dangboctl/args.h"
#include "tools/dangboctl/client_options.h"
#include "tools/dangboctl/outcome.h"

namespace dangbo::ctl {

namespace membership_v1 = ::dangbo::membership::v1;
namespace inspection_v1 = ::dangbo::inspection::v1;
using MembershipStub = membership_v1::MembershipService::StubInterface;
using InspectionStub = inspection_v1::InspectionService::StubInterface;

// Channels that replace dialing the services' addresses (tests use in-process channels).
struct ServiceChannels {
  std::shared_ptr<grpc::ChannelInterface> membership;
  std::shared_ptr<grpc::ChannelInterface> inspection;
};

class CommandContext {
 public:
  // With a channel in `channels`, calls to that service go there instead of dialing its
  // address (--membership, --inspection).
  CommandContext(const ParsedArgs& args, const ClientOptions& options, ServiceChannels channels,
                 std::ostream& out, std::ostream& err);

  const ParsedArgs& args() const { return args_; }
  const ClientOptions& options() const { return options_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  // The membership stub, connecting on first use.
  absl::StatusOr<MembershipStub*> Membership();
  // The inspection stub, connecting on first use.
  absl::StatusOr<InspectionStub*> Inspection();

  // The stub of the service whose StubInterface is `Stub`.
  absl::StatusOr<MembershipStub*> StubOf(MembershipStub*) { return Membership(); }
  absl::StatusOr<InspectionStub*> StubOf(InspectionStub*) { return Inspection(); }

  // Deadline and bearer token of one call: --timeout if the user gave one, else `fallback`.
  void Prepare(grpc::ClientContext& context, absl::Duration fallback = kDefaultTimeout) const;

 private:
  const ParsedArgs& args_;
  const ClientOptions& options_;
  ServiceChannels channels_;
  std::unique_ptr<MembershipStub> membership_;
  std::unique_ptr<InspectionStub> inspection_;
  std::ostream& out_;
  std::ostream& err_;
};

struct Command {
  std::string group;
  std::string verb;
  // Positional arguments as help shows them, e.g. "ORGANIZATION" or "FILE.csv".
  std::string arguments;
  int min_arguments = 0;
  // -1: no upper limit.
  int max_arguments = 0;
  std::string summary;
  // Printed under the usage line by `dangboctl help <group> <verb>`.
  std::string description;
  std::vector<OptionSpec> options;
  std::function<absl::Status(CommandContext&)> run;
};

class CommandRegistry {
 public:
  void Add(Command command) { commands_.push_back(std::move(command)); }
  const Command* Find(absl::string_view group, absl::string_view verb) const;
  bool HasGroup(absl::string_view group) const;
  // In the order they were added.
  const std::vector<Command>& commands() const { return commands_; }

 private:
  std::vector<Command> commands_;
};

// A unary method of a service's StubInterface.
template <typename Stub, typename Request, typename Response>
using StubMethod = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);

// One unary call with the deadline and token; a failure keeps the server's details.
template <typename Stub, typename Request, typename Response>
absl::Status Call(CommandContext& ctx, StubMethod<Stub, Request, Response> method,
                  const Request& request, Response* response) {
  absl::StatusOr<Stub*> stub = ctx.StubOf(static_cast<Stub*>(nullptr));
  if (!stub.ok()) return stub.status();
  grpc::ClientContext context;
  ctx.Prepare(context);
  grpc::Status status = ((*stub)->*method)(&context, request, response);
  return status.ok() ? absl::OkStatus() : RpcError(status);
}

// Empty unless the code leaves the outcome unknown.
std::string RetryHint(const absl::Status& status, absl::string_view request_id);

// A mutation: as Call, and when the outcome is unknown (the call may have committed) the error
// says how to retry without doing the work twice.
template <typename Stub, typename Request, typename Response>
absl::Status Mutate(CommandContext& ctx, StubMethod<Stub, Request, Response> method,
                    const Request& request, Response* response, absl::string_view request_id) {
  absl::Status status = Call(ctx, method, request, response);
  if (status.ok()) return status;
  return WithHint(status, RetryHint(status, request_id));
}

// How much of a list to read: everything by default, one page with --page_size, at most --max
// items with --max.
struct Paging {
  int32_t page_size = 0;
  int64_t max = 0;
  std::string page_token;
};

inline constexpr int32_t kPageSizeWhenReadingAll = 1000;

std::vector<OptionSpec> PagingOptions();
absl::StatusOr<Paging> PagingFromArgs(const ParsedArgs& args);

// Reads pages of a List method and hands each item to `emit`. When it stops before the end it
// prints the --page_token to continue from on stderr.
template <typename Stub, typename Request, typename Response, typename ItemsOf, typename Emit>
absl::Status ListPages(CommandContext& ctx, StubMethod<Stub, Request, Response> method,
                       Request request, const Paging& paging, ItemsOf items_of, Emit emit) {
  int64_t emitted = 0;
  request.set_page_token(paging.page_token);
  while (true) {
    int64_t size = paging.page_size > 0 ? paging.page_size : kPageSizeWhenReadingAll;
    if (paging.max > 0) size = std::min<int64_t>(size, paging.max - emitted);
    request.set_page_size(static_cast<int32_t>(size));
    Response response;
    if (absl::Status status = Call(ctx, method, request, &response); !status.ok()) return status;
    for (const auto& item : items_of(response)) {
      if (paging.max > 0 && emitted >= paging.max) break;
      emit(item);
      ++emitted;
    }
    if (response.next_page_token().empty()) return absl::OkStatus();
    if (paging.page_size > 0 || (paging.max > 0 && emitted >= paging.max)) {
      ctx.err() << "more results: continue with --page_token=" << response.next_page_token()
                << '\n';
      return absl::OkStatus();
    }
    request.set_page_token(response.next_page_token());
  }
}

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_COMMAND_H_
