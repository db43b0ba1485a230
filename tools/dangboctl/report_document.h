// The report `dangboctl report` writes, rendered from the reporting service's answers as pure
// functions of them, so every format is tested without a server.
#ifndef DANGBO_TOOLS_DANGBOCTL_REPORT_DOCUMENT_H_
#define DANGBO_TOOLS_DANGBOCTL_REPORT_DOCUMENT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangbo/reporting/v1/reporting_service.pb.h"
#include "services/reporting/domain/inspection_statistics.h"

namespace dangbo::ctl {

namespace reporting_v1 = ::dangbo::reporting::v1;

enum class ReportFormat { kMarkdown, kCsv, kJson };

// "markdown" (or "md"), "csv", "json"; INVALID_ARGUMENT naming --format otherwise.
absl::StatusOr<ReportFormat> ParseReportFormat(absl::string_view text);

// Which answers a report holds.
struct ReportSections {
  bool inspection = true;
  bool membership = true;
};

// --sections: a list of "inspection" and "membership"; empty means both. INVALID_ARGUMENT
// naming --sections for any other word.
absl::StatusOr<ReportSections> ParseReportSections(const std::vector<std::string>& words);

struct ReportData {
  // `organizations/{id}` and its name as membership records it.
  std::string scope;
  std::string scope_display_name;
  reporting_v1::Period period;
  // The answers asked for; a section not asked for is absent.
  std::optional<reporting_v1::Statistics> inspection;
  std::optional<reporting_v1::Statistics> membership;
  // Whether children were asked for: tables and CSV rows per direct child.
  bool breakdown = false;
  // Names of organizations (children of the scope) by `organizations/{id}`; one missing here
  // is printed by its resource name.
  std::map<std::string, std::string> organization_names;
};

// The proto answer as the reporting domain's statistics, by figure key, for the domain's
// report text. INTERNAL naming the key when the answer lacks a figure of the
// inspection catalogue (figure keys are stable, so a missing one is a broken answer, and a
// zero printed in its place would be a wrong report); keys outside the catalogue are left out.
absl::StatusOr<reporting::Statistics> ToDomainStatistics(const reporting_v1::Statistics& answer);

// How fresh the report as a whole is: the least advanced feed positions and the oldest newest
// event among its answers, since every figure reflects at least these; the feeds' heads are the
// latest seen.
reporting_v1::Freshness ReportFreshness(const ReportData& data);

// Vietnamese report: title, scope and period, seed 001's headline paragraph, a table per
// section (label, distinct, occurrences written the Vietnamese way), per-child tables with
// breakdown, and a freshness line. Fails as ToDomainStatistics does, or for a period that
// has no name.
absl::StatusOr<std::string> RenderMarkdown(const ReportData& data);

// RFC 4180: a header, then one row per figure: section, key, label, distinct, occurrences,
// and with breakdown the child's `organizations/{id}` (empty for the scope's own figures).
std::string RenderCsv(const ReportData& data);

// One JSON object: scope, scopeDisplayName, period, periodLabel, inspection, membership (null
// when not asked for) and freshness, in protobuf's JSON mapping with zeros printed.
std::string RenderJson(const ReportData& data);

absl::StatusOr<std::string> RenderReport(const ReportData& data, ReportFormat format);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_REPORT_DOCUMENT_H_
