// inspections add-subjects/remove-subjects/advance/findings/outcomes/complete-task: the work
// on an inspection after it is created, each one checked against the inspection's etag.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/inspection_support.h"

namespace dangbo::ctl {
namespace {

using inspection_v1::Inspection;
using Stub = InspectionStub;

// Sets the inspection, its etag and a request id on `request`, sends it and prints the
// inspection that comes back.
template <typename Request>
absl::Status SendAndPrint(CommandContext& ctx, StubMethod<Stub, Request, Inspection> method,
                          const std::string& name, Request& request) {
  absl::StatusOr<std::string> etag = InspectionEtag(ctx, name);
  if (!etag.ok()) return etag.status();
  request.set_inspection(name);
  request.set_etag(*etag);
  request.set_request_id(RequestIdFrom(ctx.args()));
  Inspection updated;
  if (absl::Status s = Mutate(ctx, method, request, &updated, request.request_id()); !s.ok()) {
    return s;
  }
  PrintInspection(ctx, updated);
  return absl::OkStatus();
}

absl::Status AddSubjects(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::AddInspectionSubjectsRequest request;
  auto subjects = SubjectsFrom(args, "subject");
  if (!subjects.ok()) return subjects.status();
  for (const std::string& subject : *subjects) request.add_subjects()->set_subject(subject);
  auto committee = SubjectsFrom(args, "committee_subject");
  if (!committee.ok()) return committee.status();
  for (const std::string& subject : *committee) {
    inspection_v1::InspectionSubject* added = request.add_subjects();
    added->set_subject(subject);
    added->set_committee_member(true);
  }
  if (auto path = args.Value("subjects_csv")) {
    auto rows = ReadCsvFile(ctx, *path, ReadSubjectsCsv);
    if (!rows.ok()) return rows.status();
    for (auto& row : rows->rows) *request.add_subjects() = std::move(row);
  }
  if (request.subjects().empty()) {
    return absl::InvalidArgumentError(
        "no subjects; give --subject, --committee_subject or --subjects-csv");
  }
  return SendAndPrint(ctx, &Stub::AddInspectionSubjects, InspectionName(args.positional()[0]),
                      request);
}

absl::Status RemoveSubjects(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::RemoveInspectionSubjectsRequest request;
  for (size_t i = 1; i < args.positional().size(); ++i) {
    absl::StatusOr<std::string> subject = SubjectName(args.positional()[i]);
    if (!subject.ok()) return subject.status();
    request.add_subjects(*subject);
  }
  return SendAndPrint(ctx, &Stub::RemoveInspectionSubjects, InspectionName(args.positional()[0]),
                      request);
}

absl::Status Advance(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::AdvanceInspectionStageRequest request;
  auto stage = EnumFrom<inspection_v1::InspectionStage>(args, "stage");
  if (!stage.ok()) return stage.status();
  if (!stage->has_value()) return absl::InvalidArgumentError("--stage is required");
  request.set_stage(**stage);
  auto date = DateFrom(args, "date");
  if (!date.ok()) return date.status();
  if (date->has_value()) *request.mutable_date() = **date;
  request.set_cancellation_reason(args.ValueOr("reason", ""));
  if (request.stage() == inspection_v1::INSPECTION_STAGE_CANCELLED &&
      request.cancellation_reason().empty()) {
    return absl::InvalidArgumentError("--reason is required to cancel");
  }
  return SendAndPrint(ctx, &Stub::AdvanceInspectionStage, InspectionName(args.positional()[0]),
                      request);
}

absl::Status Findings(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::RecordFindingsRequest request;
  if (auto path = args.Value("csv")) {
    auto rows = ReadCsvFile(ctx, *path, ReadFindingsCsv);
    if (!rows.ok()) return rows.status();
    for (auto& row : rows->rows) *request.add_findings() = std::move(row);
  }
  if (args.Has("subject") || args.Has("text")) {
    inspection_v1::Finding finding;
    absl::StatusOr<std::string> subject = SubjectName(args.ValueOr("subject", ""));
    if (!subject.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--subject: ", subject.status().message()));
    }
    finding.set_subject(*subject);
    finding.set_text(args.ValueOr("text", ""));
    if (finding.text().empty()) return absl::InvalidArgumentError("--text is required");
    auto category = EnumFrom<inspection_v1::ViolationCategory>(args, "violation_category");
    if (!category.ok()) return category.status();
    if (category->has_value()) finding.set_violation_category(**category);
    *request.add_findings() = std::move(finding);
  }
  if (request.findings().empty()) {
    return absl::InvalidArgumentError("no findings; give --subject and --text, or --csv");
  }
  return SendAndPrint(ctx, &Stub::RecordFindings, InspectionName(args.positional()[0]), request);
}

absl::Status Outcomes(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::RecordSubjectOutcomesRequest request;
  if (args.positional().size() > 1) {
    auto rows = ReadCsvFile(ctx, args.positional()[1], ReadOutcomesCsv);
    if (!rows.ok()) return rows.status();
    for (auto& row : rows->rows) *request.add_outcomes() = std::move(row);
  }
  for (const std::string& text : args.Values("outcome")) {
    std::vector<std::string> parts = absl::StrSplit(text, absl::MaxSplits('=', 1));
    if (parts.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("--outcome=", text, ": write SUBJECT=OUTCOME"));
    }
    absl::StatusOr<std::string> subject = SubjectName(parts[0]);
    if (!subject.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--outcome: ", subject.status().message()));
    }
    auto outcome = ParseEnumAs<inspection_v1::SubjectOutcome>(parts[1]);
    if (!outcome.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--outcome: ", outcome.status().message()));
    }
    inspection_v1::InspectionSubject* row = request.add_outcomes();
    row->set_subject(*subject);
    row->set_outcome(*outcome);
  }
  if (request.outcomes().empty()) {
    return absl::InvalidArgumentError("no outcomes; give FILE.csv or --outcome=SUBJECT=OUTCOME");
  }
  return SendAndPrint(ctx, &Stub::RecordSubjectOutcomes, InspectionName(args.positional()[0]),
                      request);
}

absl::Status CompleteTask(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  inspection_v1::RecordTaskCompletionRequest request;
  inspection_v1::TaskCompletion& completion = *request.mutable_completion();
  auto task = IntFrom(args, "task", 1);
  if (!task.ok()) return task.status();
  if (!task->has_value()) return absl::InvalidArgumentError("--task is required");
  completion.set_task_number(**task);
  auto date = DateFrom(args, "date");
  if (!date.ok()) return date.status();
  if (!date->has_value()) return absl::InvalidArgumentError("--date is required");
  *completion.mutable_completed_date() = **date;
  completion.set_note(args.ValueOr("note", ""));
  return SendAndPrint(ctx, &Stub::RecordTaskCompletion, InspectionName(args.positional()[0]),
                      request);
}

}  // namespace

void RegisterInspectionWorkCommands(CommandRegistry& registry) {
  const auto* stages = google::protobuf::GetEnumDescriptor<inspection_v1::InspectionStage>();
  const auto* categories = google::protobuf::GetEnumDescriptor<inspection_v1::ViolationCategory>();
  const auto* outcomes = google::protobuf::GetEnumDescriptor<inspection_v1::SubjectOutcome>();
  const std::vector<OptionSpec> change = {InspectionEtagOption(), RequestIdOption()};
  registry.Add({"inspections", "add-subjects", "INSPECTION", 1, 1, "Add subjects to an inspection.",
                "The CSV has the columns subject[,committee_member]; the header line is optional.",
                Concat(std::vector<OptionSpec>{{"subject", OptionKind::kList, "SUBJECT",
                                                "organizations/ID or members/ID"},
                                               {"committee_subject", OptionKind::kList, "MEMBER",
                                                "a member subject who sits on a committee"},
                                               {"subjects_csv", OptionKind::kValue, "FILE",
                                                "the subjects from a CSV file"}},
                       change),
                AddSubjects});
  registry.Add({"inspections", "remove-subjects", "INSPECTION SUBJECT...", 2, -1,
                "Remove subjects from an inspection.", "", change, RemoveSubjects});
  registry.Add(
      {"inspections", "advance", "INSPECTION", 1, 1,
       "Move an inspection one step along its stages.",
       "PLANNED → DECIDED → IN_PROGRESS → REPORTED → CONCLUDED → NOTICE_ISSUED → FOLLOW_UP →\n"
       "CLOSED, or CANCELLED with --reason. CONCLUDED needs an outcome for every subject\n"
       "(inspections outcomes); NOTICE_ISSUED is reached by notices issue.",
       Concat(
           std::vector<OptionSpec>{
               {"stage", OptionKind::kValue, "STAGE",
                absl::StrCat("the stage reached (required): ", EnumChoices(*stages))},
               {"date", OptionKind::kValue, "YYYY-MM-DD", "the day it was reached"},
               {"reason", OptionKind::kValue, "TEXT", "why it is cancelled"}},
           change),
       Advance});
  registry.Add(
      {"inspections", "findings", "INSPECTION", 1, 1,
       "Record findings; they replace the findings about the subjects named.",
       "One finding from --subject/--text/--violation_category, or many from --csv with the\n"
       "columns subject,text[,violation_category] (header line optional).",
       Concat(
           std::vector<OptionSpec>{
               {"subject", OptionKind::kValue, "SUBJECT", "organizations/ID or members/ID"},
               {"text", OptionKind::kValue, "TEXT", "what was found"},
               {"violation_category", OptionKind::kValue, "CATEGORY",
                absl::StrCat("for a violation: ", EnumChoices(*categories))},
               {"csv", OptionKind::kValue, "FILE", "findings from a CSV file"}},
           change),
       Findings});
  registry.Add(
      {"inspections", "outcomes", "INSPECTION [FILE.csv]", 1, 2,
       "Record the outcome for each subject, in bulk from a CSV file.",
       absl::StrCat("The CSV has the columns subject,outcome (header line optional), e.g.\n"
                    "  members/12,good\n  organizations/5,shortcomings\n"
                    "Outcomes: ",
                    EnumChoices(*outcomes), ".\nEvery row is checked before anything is sent."),
       Concat(std::vector<OptionSpec>{{"outcome", OptionKind::kList, "SUBJECT=OUTCOME",
                                       "one outcome, e.g. members/12=violation"}},
              change),
       Outcomes});
  registry.Add(
      {"inspections", "complete-task", "INSPECTION", 1, 1,
       "Record that a required task of the conclusion notice was done.", "",
       Concat(
           std::vector<OptionSpec>{
               {"task", OptionKind::kValue, "N",
                "the task's 1-based number in the current notice (required)"},
               {"date", OptionKind::kValue, "YYYY-MM-DD", "the day it was done (required)"},
               {"note", OptionKind::kValue, "TEXT", "what was done"}},
           change),
       CompleteTask});
}

}  // namespace dangbo::ctl
