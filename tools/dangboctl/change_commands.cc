// changes list: the change feed of membership or inspection, optionally followed until Ctrl-C.
#include <atomic>
#include <csignal>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

constexpr absl::Duration kDefaultPollInterval = absl::Seconds(2);
// How often a sleeping --follow looks whether Ctrl-C was pressed.
constexpr absl::Duration kInterruptCheck = absl::Milliseconds(100);

std::atomic<bool> interrupted{false};

extern "C" void OnInterrupt(int) { interrupted.store(true); }

// SIGINT ends --follow cleanly (exit 0) instead of killing the process mid-line.
class InterruptScope {
 public:
  InterruptScope() {
    interrupted.store(false);
    previous_ = std::signal(SIGINT, OnInterrupt);
  }
  ~InterruptScope() { std::signal(SIGINT, previous_); }

 private:
  void (*previous_)(int);
};

absl::StatusOr<int64_t> PositiveNumber(const ParsedArgs& args, absl::string_view name,
                                       int64_t fallback, int64_t minimum) {
  std::optional<std::string> text = args.Value(name);
  if (!text.has_value()) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(*text, &value) || value < minimum) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, "=", *text, ": at least ", minimum));
  }
  return value;
}

// Reads the feed of one service; both services' feeds have the same shape.
template <typename Stub, typename Request, typename Response>
absl::Status Follow(CommandContext& ctx, StubMethod<Stub, Request, Response> method, int64_t after,
                    int64_t page_size, int64_t max, bool follow, absl::Duration poll) {
  static const auto* const kColumns = new std::vector<Column>{
      {"SEQUENCE", "sequence"},       {"COMMIT TIME", "commit_time"}, {"RESOURCE", "resource"},
      {"CHANGE TYPE", "change_type"}, {"REQUEST ID", "request_id"},
  };
  ResourcePrinter printer(ctx.options().output, *kColumns, ctx.out());
  InterruptScope interrupt_scope;
  Request request;
  request.set_after_sequence(after);
  request.set_page_size(static_cast<int32_t>(page_size));
  int64_t printed = 0;
  while (!interrupted.load()) {
    Response response;
    absl::Status status = Call(ctx, method, request, &response);
    // Ctrl-C during a call is the user ending the follow, not a failure.
    if (!status.ok()) return interrupted.load() ? absl::OkStatus() : status;
    for (const dangbo::type::v1::Change& change : response.changes()) {
      printer.Add(change);
      request.set_after_sequence(change.sequence());
      if (max > 0 && ++printed >= max) return absl::OkStatus();
    }
    printer.Flush();
    const bool caught_up =
        response.changes().empty() || request.after_sequence() >= response.head_sequence();
    if (!caught_up) continue;
    if (!follow) return absl::OkStatus();
    for (absl::Time wake = absl::Now() + poll; absl::Now() < wake && !interrupted.load();) {
      absl::SleepFor(kInterruptCheck);
    }
  }
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  absl::StatusOr<int64_t> after = PositiveNumber(args, "after", 0, 0);
  if (!after.ok()) return after.status();
  absl::StatusOr<int64_t> page_size = PositiveNumber(args, "page_size", 0, 1);
  if (!page_size.ok()) return page_size.status();
  absl::StatusOr<int64_t> max = PositiveNumber(args, "max", 0, 1);
  if (!max.ok()) return max.status();
  absl::StatusOr<bool> follow = args.Flag("follow");
  if (!follow.ok()) return follow.status();
  absl::Duration poll = kDefaultPollInterval;
  if (auto text = args.Value("poll_interval")) {
    absl::StatusOr<absl::Duration> parsed = ParseTimeout(*text);
    if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat("--poll_interval=", *text));
    poll = *parsed;
  }
  const std::string service = args.ValueOr("service", "membership");
  if (service == "membership") {
    return Follow(ctx, &MembershipStub::ListChanges, *after, *page_size, *max, *follow, poll);
  }
  if (service == "inspection") {
    return Follow(ctx, &InspectionStub::ListChanges, *after, *page_size, *max, *follow, poll);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--service=", service, ": membership or inspection"));
}

}  // namespace

void RegisterChangeCommands(CommandRegistry& registry) {
  registry.Add(
      {"changes",
       "list",
       "",
       0,
       0,
       "The change feed: committed changes in commit order.",
       "Reads up to the feed's head and stops; with --follow keeps polling for new changes\n"
       "until Ctrl-C. With --output=json each change is one line, its payload included.",
       {{"service", OptionKind::kValue, "SERVICE",
         "whose feed: membership (default) or inspection"},
        {"after", OptionKind::kValue, "SEQUENCE", "only changes after this sequence (default 0)"},
        {"page_size", OptionKind::kValue, "N", "changes per call (service default 1000)"},
        {"max", OptionKind::kValue, "N", "stop after N changes"},
        {"follow", OptionKind::kFlag, "", "keep polling for new changes until Ctrl-C"},
        {"poll_interval", OptionKind::kValue, "DURATION", "pause between polls (default 2s)"}},
       List});
}

}  // namespace dangbo::ctl
