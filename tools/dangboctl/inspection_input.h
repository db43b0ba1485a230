#ifndef DANGBO_TOOLS_DANGBOCTL_INSPECTION_INPUT_H_
#define DANGBO_TOOLS_DANGBOCTL_INSPECTION_INPUT_H_

// What the inspection commands read from the user besides plain options: subject names, CSV
// files of subjects, outcomes and findings, required tasks, and messages given as JSON files.
// Pure parsing, so it is tested without a server.

#include <istream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "dangbo/inspection/v1/inspection.pb.h"
#include "dangbo/inspection/v1/programme.pb.h"
#include "google/protobuf/message.h"
#include "tools/dangboctl/csv_rows.h"

namespace dangbo::ctl {

// `collection/ID` for a bare ID or the full name; other text unchanged for the server to judge.
std::string ProgrammeName(absl::string_view text);
std::string InspectionName(absl::string_view text);
std::string DisciplinaryDecisionName(absl::string_view text);
// "ruleVersions/2025-01-01" for "2025-01-01" or the full name.
std::string RuleVersionName(absl::string_view text);

// An inspection's subject, which may be an organization or a member, so a bare id would be
// ambiguous: `organizations/ID` or `members/ID` (also `organization/ID`, `member/ID`, `o:ID`,
// `m:ID`). INVALID_ARGUMENT otherwise.
absl::StatusOr<std::string> SubjectName(absl::string_view text);

// The rows of a CSV file, each a message of the row type, with the errors of the rows refused.
template <typename Row>
struct CsvRows {
  std::vector<Row> rows;
  std::vector<RowError> errors;
};

// `subject[,committee_member]`: the subjects of a new inspection or of AddInspectionSubjects.
absl::StatusOr<CsvRows<inspection::v1::InspectionSubject>> ReadSubjectsCsv(std::istream& in);
// `subject,outcome`: RecordSubjectOutcomes in bulk; outcome by short name (good, shortcomings,
// violation, ...).
absl::StatusOr<CsvRows<inspection::v1::InspectionSubject>> ReadOutcomesCsv(std::istream& in);
// `subject,text[,violation_category]`: RecordFindings.
absl::StatusOr<CsvRows<inspection::v1::Finding>> ReadFindingsCsv(std::istream& in);

// "TEXT|ASSIGNEE|YYYY-MM-DD": one required task of a notice. The text may hold commas, so the
// parts are separated by '|'.
absl::StatusOr<inspection::v1::RequiredTask> ParseRequiredTask(absl::string_view text);

// A team member, "MEMBER|FULL NAME|ROLE" (role by short name: leader, deputy_leader, member,
// secretary).
absl::StatusOr<inspection::v1::TeamMember> ParseTeamMember(absl::string_view text);

// A planned item of a programme, "TYPE|CONTENT|SUBJECT;SUBJECT...|YYYY-MM-DD" (type by short
// name; subjects as SubjectName takes them; the planned start may be left empty).
absl::StatusOr<inspection::v1::PlannedItem> ParsePlannedItem(absl::string_view text);

// Fills `message` from the protobuf JSON mapping in `json` (field names in lowerCamel or as in
// the .proto, enums by full name). INVALID_ARGUMENT says where it does not parse.
absl::Status MessageFromJson(absl::string_view json, google::protobuf::Message& message);
// The same from a file; "-" reads standard input.
absl::Status MessageFromJsonFile(const std::string& path, google::protobuf::Message& message);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_INSPECTION_INPUT_H_
