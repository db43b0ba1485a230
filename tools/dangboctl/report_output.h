// Where `dangboctl report` puts the report: a file that is either the whole report or not
// there at all, so a scheduled job that fails half-way never leaves a truncated report.
#ifndef DANGBO_TOOLS_DANGBOCTL_REPORT_OUTPUT_H_
#define DANGBO_TOOLS_DANGBOCTL_REPORT_OUTPUT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace dangbo::ctl {

// Writes `contents` to a new file in the directory of `path`, flushes it to disk and renames
// it over `path`: readers see the old file or the new one, never a part. An existing file's
// permissions are kept; a new one is readable by all (0644). On failure `path` is untouched,
// the temporary file is removed, and the status names the file and the system's reason.
absl::Status WriteFileAtomically(const std::string& path, absl::string_view contents);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_REPORT_OUTPUT_H_
