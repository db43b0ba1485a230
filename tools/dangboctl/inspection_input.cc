#include "tools/dangboctl/inspection_input.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "tools/dangboctl/csv.h"
#include "tools/dangboctl/proto_values.h"

namespace dangbo::ctl {
namespace {

namespace iv1 = ::dangbo::inspection::v1;

bool AllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Named(absl::string_view collection, absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (AllDigits(trimmed)) return absl::StrCat(collection, "/", trimmed);
  return std::string(trimmed);
}

// Reads a CSV of `Row` messages. The header is optional: a first row whose first cell names a
// known column is a header; otherwise the columns are `default_columns` in that order, so a
// bare "members/12,good" file works as well as one exported from a spreadsheet with headers.
template <typename Row>
absl::StatusOr<CsvRows<Row>> ReadRows(std::istream& in, const std::vector<std::string>& accepted,
                                      const std::vector<std::string>& default_columns,
                                      const std::vector<std::string>& required) {
  CsvReader reader(in);
  CsvRows<Row> out;
  std::vector<std::string> columns;
  bool first = true;
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    if (!record.ok()) return record.status();
    if (!record->has_value()) break;
    if (first) {
      first = false;
      const std::string head =
          (*record)->fields.empty() ? "" : NormalizeHeader((*record)->fields[0]);
      if (std::find(accepted.begin(), accepted.end(), head) != accepted.end()) {
        absl::StatusOr<std::vector<std::string>> mapped =
            MapHeader((*record)->fields, accepted, required);
        if (!mapped.ok()) return mapped.status();
        columns = *std::move(mapped);
        continue;
      }
      columns = default_columns;
    }
    Row row;
    bool ok = FillRow(**record, columns, row, out.errors);
    if (ok) {
      // Every required cell must be there, and a subject must say what kind it is.
      for (const std::string& column : required) {
        if (FormatFieldAtPath(row, column).empty()) {
          out.errors.push_back({(*record)->line_number, column, "required"});
          ok = false;
        }
      }
    }
    if (ok) {
      absl::StatusOr<std::string> subject = SubjectName(row.subject());
      if (!subject.ok()) {
        out.errors.push_back(
            {(*record)->line_number, "subject", std::string(subject.status().message())});
        ok = false;
      } else {
        row.set_subject(*subject);
      }
    }
    if (ok) out.rows.push_back(std::move(row));
  }
  return out;
}

absl::StatusOr<int64_t> PositiveId(absl::string_view text) {
  int64_t id = 0;
  if (!AllDigits(text) || !absl::SimpleAtoi(text, &id) || id <= 0) {
    return absl::InvalidArgumentError("not a positive id");
  }
  return id;
}

}  // namespace

std::string ProgrammeName(absl::string_view text) { return Named("programmes", text); }
std::string InspectionName(absl::string_view text) { return Named("inspections", text); }
std::string DisciplinaryDecisionName(absl::string_view text) {
  return Named("disciplinaryDecisions", text);
}

std::string RuleVersionName(absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (absl::StartsWith(trimmed, "ruleVersions/")) return std::string(trimmed);
  return absl::StrCat("ruleVersions/", trimmed);
}

absl::StatusOr<std::string> SubjectName(absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  static constexpr std::pair<absl::string_view, absl::string_view> kPrefixes[] = {
      {"organizations/", "organizations"},
      {"organization/", "organizations"},
      {"o:", "organizations"},
      {"members/", "members"},
      {"member/", "members"},
      {"m:", "members"},
  };
  for (const auto& [prefix, collection] : kPrefixes) {
    if (!absl::StartsWith(trimmed, prefix)) continue;
    absl::StatusOr<int64_t> id = PositiveId(trimmed.substr(prefix.size()));
    if (!id.ok()) break;
    return absl::StrCat(collection, "/", *id);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("\"", trimmed, "\" is not a subject: write organizations/ID or members/ID"));
}

absl::StatusOr<CsvRows<iv1::InspectionSubject>> ReadSubjectsCsv(std::istream& in) {
  return ReadRows<iv1::InspectionSubject>(in, {"subject", "committee_member"},
                                          {"subject", "committee_member"}, {"subject"});
}

absl::StatusOr<CsvRows<iv1::InspectionSubject>> ReadOutcomesCsv(std::istream& in) {
  return ReadRows<iv1::InspectionSubject>(in, {"subject", "outcome"}, {"subject", "outcome"},
                                          {"subject", "outcome"});
}

absl::StatusOr<CsvRows<iv1::Finding>> ReadFindingsCsv(std::istream& in) {
  return ReadRows<iv1::Finding>(in, {"subject", "text", "violation_category"},
                                {"subject", "text", "violation_category"}, {"subject", "text"});
}

absl::StatusOr<iv1::RequiredTask> ParseRequiredTask(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '|');
  if (parts.size() != 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": a task is TEXT|ASSIGNEE|YYYY-MM-DD"));
  }
  iv1::RequiredTask task;
  task.set_text(std::string(absl::StripAsciiWhitespace(parts[0])));
  task.set_assignee(std::string(absl::StripAsciiWhitespace(parts[1])));
  if (task.text().empty() || task.assignee().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": a task needs its text and its assignee"));
  }
  absl::StatusOr<google::type::Date> due = ParseDate(absl::StripAsciiWhitespace(parts[2]));
  if (!due.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": due date: ", due.status().message()));
  }
  *task.mutable_due_date() = *due;
  return task;
}

absl::StatusOr<iv1::TeamMember> ParseTeamMember(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '|');
  if (parts.size() != 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": a team member is MEMBER|FULL NAME|ROLE"));
  }
  iv1::TeamMember member;
  const absl::string_view who = absl::StripAsciiWhitespace(parts[0]);
  member.set_member(AllDigits(who) ? absl::StrCat("members/", who) : std::string(who));
  member.set_full_name(std::string(absl::StripAsciiWhitespace(parts[1])));
  absl::StatusOr<iv1::TeamRole> role =
      ParseEnumAs<iv1::TeamRole>(absl::StripAsciiWhitespace(parts[2]));
  if (!role.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\": ", role.status().message()));
  }
  member.set_role(*role);
  return member;
}

absl::StatusOr<iv1::PlannedItem> ParsePlannedItem(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '|');
  if (parts.size() != 4) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\": a planned item is TYPE|CONTENT|SUBJECT;SUBJECT...|YYYY-MM-DD"));
  }
  iv1::PlannedItem item;
  absl::StatusOr<iv1::InspectionType> type =
      ParseEnumAs<iv1::InspectionType>(absl::StripAsciiWhitespace(parts[0]));
  if (!type.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\": ", type.status().message()));
  }
  item.set_type(*type);
  item.set_content(std::string(absl::StripAsciiWhitespace(parts[1])));
  for (absl::string_view piece : absl::StrSplit(parts[2], ';', absl::SkipWhitespace())) {
    absl::StatusOr<std::string> subject = SubjectName(piece);
    if (!subject.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", text, "\": ", subject.status().message()));
    }
    item.add_subjects(*subject);
  }
  const absl::string_view start = absl::StripAsciiWhitespace(parts[3]);
  if (!start.empty()) {
    absl::StatusOr<google::type::Date> date = ParseDate(start);
    if (!date.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", text, "\": planned start: ", date.status().message()));
    }
    *item.mutable_planned_start() = *date;
  }
  return item;
}

absl::Status MessageFromJson(absl::string_view json, google::protobuf::Message& message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const std::string text(json);
  const auto status = google::protobuf::util::JsonStringToMessage(text, &message, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("JSON of ", message.GetTypeName(), ": ", std::string(status.message())));
  }
  return absl::OkStatus();
}

absl::Status MessageFromJsonFile(const std::string& path, google::protobuf::Message& message) {
  std::ostringstream contents;
  if (path == "-") {
    contents << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot open ", path));
    contents << in.rdbuf();
  }
  absl::Status parsed = MessageFromJson(contents.str(), message);
  if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", parsed.message()));
  return absl::OkStatus();
}

}  // namespace dangbo::ctl
