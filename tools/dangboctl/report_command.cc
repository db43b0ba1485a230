// report: the periodic report of a scope, from the reporting service, as markdown for people,
// CSV for spreadsheets or JSON for programs, to stdout or atomically to a file.
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "dangbo/reporting/v1/reporting_service.grpc.pb.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/report_document.h"
#include "tools/dangboctl/report_output.h"
#include "tools/dangboctl/report_period.h"

namespace dangbo::ctl {
namespace {

using ReportingStub = reporting_v1::ReportingService::StubInterface;

constexpr absl::string_view kDefaultReportingTarget = "127.0.0.1:50053";
// A scope's statistics are computed on request over its whole subtree; a national scope with a
// breakdown takes longer than one record's read.
constexpr absl::Duration kStatisticsTimeout = absl::Minutes(2);
// BatchGetOrganizations takes at most this many names.
constexpr size_t kNamesPerBatch = 1000;

// --reporting, else --target, else DANGBO_REPORTING, else DANGBO_TARGET, as every service's
// address is found.
std::string ReportingTarget(const ParsedArgs& args) {
  if (auto own = args.Value("reporting")) return *own;
  if (auto any = args.Value("target")) return *any;
  const Environment environment = ProcessEnvironment();
  if (auto env = environment("DANGBO_REPORTING")) return *env;
  if (auto env = environment("DANGBO_TARGET")) return *env;
  return std::string(kDefaultReportingTarget);
}

struct ReportRequest {
  std::string scope;
  reporting_v1::Period period;
  ReportFormat format = ReportFormat::kMarkdown;
  ReportSections sections;
  bool breakdown = false;
  // Empty: stdout.
  std::string output;
  // Wait this long for the reporting service to apply what the sources hold; zero: don't.
  absl::Duration wait_for_sources = absl::ZeroDuration();
};

absl::StatusOr<ReportRequest> RequestFrom(const ParsedArgs& args) {
  ReportRequest request;
  const std::string scope = args.ValueOr("scope", "");
  if (scope.empty()) return absl::InvalidArgumentError("--scope is required (organizations/ID)");
  request.scope = OrganizationName(scope);
  const std::string period = args.ValueOr("period", "");
  if (period.empty()) {
    return absl::InvalidArgumentError("--period is required, e.g. --period=2024 or quarter:2024-2");
  }
  absl::StatusOr<reporting_v1::Period> parsed = ParsePeriodSpec(period);
  if (!parsed.ok()) return parsed.status();
  request.period = *std::move(parsed);
  absl::StatusOr<ReportFormat> format = ParseReportFormat(args.ValueOr("format", "markdown"));
  if (!format.ok()) return format.status();
  request.format = *format;
  absl::StatusOr<ReportSections> sections = ParseReportSections(args.Values("sections"));
  if (!sections.ok()) return sections.status();
  request.sections = *sections;
  absl::StatusOr<bool> breakdown = args.Flag("breakdown");
  if (!breakdown.ok()) return breakdown.status();
  request.breakdown = *breakdown;
  request.output = args.ValueOr("output", "");
  absl::StatusOr<bool> wait = args.Flag("wait_for_sources");
  if (!wait.ok()) return wait.status();
  if (*wait) {
    const std::string text = args.ValueOr("wait_timeout", "5m");
    if (!absl::ParseDuration(text, &request.wait_for_sources) ||
        request.wait_for_sources <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--wait_timeout=", text, ": not a positive duration like 90s or 5m"));
    }
  }
  return request;
}

template <typename Request>
absl::Status CallReporting(CommandContext& ctx, ReportingStub& stub,
                           StubMethod<ReportingStub, Request, reporting_v1::Statistics> method,
                           const Request& request, reporting_v1::Statistics* response) {
  grpc::ClientContext context;
  ctx.Prepare(context, kStatisticsTimeout);
  grpc::Status status = (stub.*method)(&context, request, response);
  return status.ok() ? absl::OkStatus() : RpcError(status);
}

// Waits until the reporting service has applied every change membership and inspection hold
// now, so that a report made right after records were written counts all of them.
absl::Status WaitForSources(CommandContext& ctx, ReportingStub& stub, absl::Duration timeout) {
  membership_v1::ListChangesRequest membership_request;
  membership_request.set_page_size(1);
  membership_v1::ListChangesResponse membership_head;
  if (absl::Status s =
          Call(ctx, &MembershipStub::ListChanges, membership_request, &membership_head);
      !s.ok()) {
    return s;
  }
  inspection_v1::ListChangesRequest inspection_request;
  inspection_request.set_page_size(1);
  inspection_v1::ListChangesResponse inspection_head;
  if (absl::Status s =
          Call(ctx, &InspectionStub::ListChanges, inspection_request, &inspection_head);
      !s.ok()) {
    return s;
  }
  const absl::Time deadline = absl::Now() + timeout;
  reporting_v1::Freshness freshness;
  for (;;) {
    grpc::ClientContext context;
    ctx.Prepare(context);
    grpc::Status status =
        stub.GetFreshness(&context, reporting_v1::GetFreshnessRequest(), &freshness);
    if (!status.ok()) return RpcError(status);
    if (freshness.membership_sequence() >= membership_head.head_sequence() &&
        freshness.inspection_sequence() >= inspection_head.head_sequence()) {
      return absl::OkStatus();
    }
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "--wait_for_sources: the reporting service has applied membership's feed to ",
          freshness.membership_sequence(), " of ", membership_head.head_sequence(),
          " and inspection's to ", freshness.inspection_sequence(), " of ",
          inspection_head.head_sequence(), " after ", absl::FormatDuration(timeout)));
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
}

// The scope's name and its children's, as membership records them now.
absl::Status FetchNames(CommandContext& ctx, ReportData& data) {
  std::set<std::string> wanted = {data.scope};
  for (const auto* answer : {&data.inspection, &data.membership}) {
    if (!answer->has_value()) continue;
    for (const reporting_v1::Statistics& child : (*answer)->children())
      wanted.insert(child.scope());
  }
  const std::vector<std::string> names(wanted.begin(), wanted.end());
  for (size_t start = 0; start < names.size(); start += kNamesPerBatch) {
    membership_v1::BatchGetOrganizationsRequest request;
    const size_t end = std::min(names.size(), start + kNamesPerBatch);
    for (size_t i = start; i < end; ++i) request.add_names(names[i]);
    membership_v1::BatchGetOrganizationsResponse response;
    if (absl::Status status = Call(ctx, &MembershipStub::BatchGetOrganizations, request, &response);
        !status.ok()) {
      return status;
    }
    for (const membership_v1::Organization& organization : response.organizations()) {
      data.organization_names[organization.name()] = organization.display_name();
    }
  }
  data.scope_display_name = data.organization_names[data.scope];
  return absl::OkStatus();
}

absl::Status Report(CommandContext& ctx) {
  absl::StatusOr<ReportRequest> request = RequestFrom(ctx.args());
  if (!request.ok()) return request.status();
  if (!request->sections.inspection && !request->sections.membership) {
    return absl::InvalidArgumentError("--sections: name at least one section");
  }

  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      OpenChannel(ctx.options(), ReportingTarget(ctx.args()));
  if (!channel.ok()) return channel.status();
  std::unique_ptr<ReportingStub> stub = reporting_v1::ReportingService::NewStub(*channel);
  if (request->wait_for_sources > absl::ZeroDuration()) {
    if (absl::Status s = WaitForSources(ctx, *stub, request->wait_for_sources); !s.ok()) return s;
  }

  ReportData data;
  data.scope = request->scope;
  data.period = request->period;
  data.breakdown = request->breakdown;
  if (request->sections.inspection) {
    reporting_v1::GetInspectionStatisticsRequest call;
    call.set_scope(request->scope);
    *call.mutable_period() = request->period;
    call.set_breakdown_by_children(request->breakdown);
    data.inspection.emplace();
    if (absl::Status status = CallReporting(ctx, *stub, &ReportingStub::GetInspectionStatistics,
                                            call, &*data.inspection);
        !status.ok()) {
      return status;
    }
  }
  if (request->sections.membership) {
    reporting_v1::GetMembershipStatisticsRequest call;
    call.set_scope(request->scope);
    *call.mutable_period() = request->period;
    call.set_breakdown_by_children(request->breakdown);
    data.membership.emplace();
    absl::Status status =
        CallReporting(ctx, *stub, &ReportingStub::GetMembershipStatistics, call, &*data.membership);
    // A report without the section it was asked for would pass for a complete one.
    if (status.code() == absl::StatusCode::kUnimplemented) {
      return WithHint(status,
                      "the reporting service does not serve membership statistics; give "
                      "--sections=inspection for a report without them");
    }
    if (!status.ok()) return status;
  }
  if (absl::Status status = FetchNames(ctx, data); !status.ok()) return status;

  absl::StatusOr<std::string> document = RenderReport(data, request->format);
  if (!document.ok()) return document.status();
  if (request->output.empty()) {
    ctx.out() << *document;
    ctx.out().flush();
    if (!ctx.out()) return absl::InternalError("cannot write the report to standard output");
    return absl::OkStatus();
  }
  return WriteFileAtomically(request->output, *document);
}

}  // namespace

void RegisterReportCommand(CommandRegistry& registry) {
  registry.Add(
      {"report",
       "",
       "",
       0,
       0,
       "The report of a scope for a period: inspection, supervision and discipline (seed 001's "
       "headline and tables) and membership.",
       "Figures come from the reporting service (--reporting, else --target, DANGBO_REPORTING,\n"
       "DANGBO_TARGET, else 127.0.0.1:50053); the scope's and children's names from membership.\n"
       "Each figure gives distinct subjects (each organization or member once) and occurrences\n"
       "(lượt). Periods:\n"
       "  2024, year:2024                the calendar year\n"
       "  month:2024-03                  a month\n"
       "  quarter:2024-2                 a quarter (1-4)\n"
       "  h1:2024, 9m:2024               the first six, the first nine months\n"
       "  term:2020-2025                 a term (nhiệm kỳ)\n"
       "  range:2024-01-01..2024-03-15   days, both ends included\n"
       "Here --output names the file to write, not a format: the report's format is --format.\n"
       "The file is written whole or not at all. Exit 0 only once the report is written; a\n"
       "section the service does not serve is an error unless left out with --sections.",
       {
           {"scope", OptionKind::kValue, "ORGANIZATION", "the organization and its subtree"},
           {"period", OptionKind::kValue, "SPEC", "the period, e.g. 2024, quarter:2024-2"},
           {"format", OptionKind::kValue, "FORMAT", "markdown (default), csv or json"},
           {"output", OptionKind::kValue, "FILE", "write the report here (default stdout)"},
           {"breakdown", OptionKind::kFlag, "", "also each direct child's figures"},
           {"sections", OptionKind::kList, "SECTION", "inspection, membership (default both)"},
           {"wait_for_sources", OptionKind::kFlag, "",
            "first wait until reporting has applied every change membership and inspection "
            "hold now"},
           {"wait_timeout", OptionKind::kValue, "DURATION",
            "longest wait of --wait_for_sources (default 5m)"},
           {"reporting", OptionKind::kValue, "HOST:PORT",
            "reporting service address (default --target, else 127.0.0.1:50053)"},
       },
       Report});
}

}  // namespace dangbo::ctl
