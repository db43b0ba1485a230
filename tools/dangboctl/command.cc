#include "tools/dangboctl/command.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/auth/authenticator.h"

namespace dangbo::ctl {

CommandContext::CommandContext(const ParsedArgs& args, const ClientOptions& options,
                               ServiceChannels channels, std::ostream& out, std::ostream& err)
    : args_(args), options_(options), channels_(std::move(channels)), out_(out), err_(err) {}

absl::StatusOr<MembershipStub*> CommandContext::Membership() {
  if (membership_ == nullptr) {
    if (channels_.membership == nullptr) {
      absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
          OpenChannel(options_, options_.membership_target);
      if (!channel.ok()) return channel.status();
      channels_.membership = *std::move(channel);
    }
    membership_ = membership_v1::MembershipService::NewStub(channels_.membership);
  }
  return membership_.get();
}

absl::StatusOr<InspectionStub*> CommandContext::Inspection() {
  if (inspection_ == nullptr) {
    if (channels_.inspection == nullptr) {
      absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
          OpenChannel(options_, options_.inspection_target);
      if (!channel.ok()) return channel.status();
      channels_.inspection = *std::move(channel);
    }
    inspection_ = inspection_v1::InspectionService::NewStub(channels_.inspection);
  }
  return inspection_.get();
}

void CommandContext::Prepare(grpc::ClientContext& context, absl::Duration fallback) const {
  const absl::Duration timeout = options_.timeout_given ? options_.timeout : fallback;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  if (!options_.token.empty()) auth::AttachToken(context, options_.token);
}

const Command* CommandRegistry::Find(absl::string_view group, absl::string_view verb) const {
  for (const Command& command : commands_) {
    if (command.group == group && command.verb == verb) return &command;
  }
  return nullptr;
}

bool CommandRegistry::HasGroup(absl::string_view group) const {
  for (const Command& command : commands_) {
    if (command.group == group) return true;
  }
  return false;
}

std::string RetryHint(const absl::Status& status, absl::string_view request_id) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kInternal:
      return absl::StrCat("the change may or may not have been made: retry with --request_id=",
                          request_id, " so that it is made at most once");
    default:
      return "";
  }
}

std::vector<OptionSpec> PagingOptions() {
  return {
      {"page_size", OptionKind::kValue, "N", "read one page of N (default: read every page)"},
      {"page_token", OptionKind::kValue, "TOKEN", "continue where an earlier page ended"},
      {"max", OptionKind::kValue, "N", "stop after N results"},
  };
}

absl::StatusOr<Paging> PagingFromArgs(const ParsedArgs& args) {
  Paging paging;
  if (auto size = args.Value("page_size")) {
    if (!absl::SimpleAtoi(*size, &paging.page_size) || paging.page_size <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("--page_size=", *size, ": a positive number"));
    }
  }
  if (auto max = args.Value("max")) {
    if (!absl::SimpleAtoi(*max, &paging.max) || paging.max <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("--max=", *max, ": a positive number"));
    }
  }
  paging.page_token = args.ValueOr("page_token", "");
  return paging;
}

}  // namespace dangbo::ctl
