// notices issue/correct/get/list: conclusion notices (thông báo kết luận). An issued revision
// never changes; a correction is a new revision.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/inspection_support.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using inspection_v1::ConclusionNotice;
using Stub = InspectionStub;

const std::vector<Column>& NoticeColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"REVISION", "revision"},
      {"SUPERSEDES", "supersedes_revision"},
      {"NUMBER", "number"},
      {"ISSUED", "issued_date"},
      {"SIGNED BY", "signed_by"},
      {"CORRECTION REASON", "correction_reason"},
  };
  return *kColumns;
}

void PrintNotice(CommandContext& ctx, const ConclusionNotice& notice) {
  PrintResource(ctx.options().output, NoticeColumns(), notice, ctx.out());
}

std::vector<OptionSpec> NoticeOptions() {
  return {
      JsonOption("the notice"),
      {"number", OptionKind::kValue, "NUMBER", "số thông báo, e.g. 15-TB/ĐUK"},
      {"issued_date", OptionKind::kValue, "YYYY-MM-DD", "ngày ban hành"},
      {"signed_by", OptionKind::kValue, "TEXT", "who signed it"},
      {"strength", OptionKind::kValue, "TEXT", "an ưu điểm; once each"},
      {"shortcoming", OptionKind::kValue, "TEXT", "a hạn chế, khuyết điểm; once each"},
      {"cause", OptionKind::kValue, "TEXT", "a nguyên nhân; once each"},
      {"task", OptionKind::kValue, "TEXT|ASSIGNEE|YYYY-MM-DD",
       "a required task with its assignee and due date; once each, in order"},
      {"distribution", OptionKind::kValue, "TEXT", "a recipient (nơi nhận); once each"},
  };
}

// Applies the notice options to `notice`; a repeated section given on the command line
// replaces that section.
absl::Status ApplyNoticeOptions(const ParsedArgs& args, ConclusionNotice& notice) {
  if (auto number = args.Value("number")) notice.set_number(*number);
  if (auto signer = args.Value("signed_by")) notice.set_signed_by(*signer);
  auto issued = DateFrom(args, "issued_date");
  if (!issued.ok()) return issued.status();
  if (issued->has_value()) *notice.mutable_issued_date() = **issued;
  using Section = google::protobuf::RepeatedPtrField<std::string>* (ConclusionNotice::*)();
  for (const auto& [option, section] :
       {std::pair<const char*, Section>{"strength", &ConclusionNotice::mutable_strengths},
        std::pair<const char*, Section>{"shortcoming", &ConclusionNotice::mutable_shortcomings},
        std::pair<const char*, Section>{"cause", &ConclusionNotice::mutable_causes},
        std::pair<const char*, Section>{"distribution", &ConclusionNotice::mutable_distribution}}) {
    const std::vector<std::string> values = args.Occurrences(option);
    if (values.empty()) continue;
    (notice.*section)()->Clear();
    for (const std::string& value : values) *(notice.*section)()->Add() = value;
  }
  const std::vector<std::string> tasks = args.Occurrences("task");
  if (!tasks.empty()) notice.clear_required_tasks();
  for (const std::string& text : tasks) {
    absl::StatusOr<inspection_v1::RequiredTask> task = ParseRequiredTask(text);
    if (!task.ok())
      return absl::InvalidArgumentError(absl::StrCat("--task: ", task.status().message()));
    *notice.add_required_tasks() = *std::move(task);
  }
  return absl::OkStatus();
}

absl::Status Issue(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  const std::string inspection = InspectionName(args.positional()[0]);
  inspection_v1::IssueConclusionNoticeRequest request;
  if (auto json = args.Value("json")) {
    if (absl::Status s = MessageFromJsonFile(*json, *request.mutable_notice()); !s.ok()) return s;
  }
  if (absl::Status s = ApplyNoticeOptions(args, *request.mutable_notice()); !s.ok()) return s;
  absl::StatusOr<std::string> etag = InspectionEtag(ctx, inspection);
  if (!etag.ok()) return etag.status();
  request.set_inspection(inspection);
  request.set_etag(*etag);
  request.set_request_id(RequestIdFrom(args));
  ConclusionNotice issued;
  if (absl::Status s =
          Mutate(ctx, &Stub::IssueConclusionNotice, request, &issued, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintNotice(ctx, issued);
  return absl::OkStatus();
}

// The correction starts from the revision in force, so only what changes needs to be given.
absl::Status Correct(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  const std::string name = InspectionName(args.positional()[0]);
  inspection_v1::GetInspectionRequest get;
  get.set_name(name);
  inspection_v1::Inspection current;
  if (absl::Status s = Call(ctx, &Stub::GetInspection, get, &current); !s.ok()) return s;
  inspection_v1::CorrectConclusionNoticeRequest request;
  ConclusionNotice& notice = *request.mutable_notice();
  if (auto json = args.Value("json")) {
    if (absl::Status s = MessageFromJsonFile(*json, notice); !s.ok()) return s;
  } else {
    notice = current.conclusion_notice();
    notice.clear_name();
    notice.clear_revision();
    notice.clear_supersedes_revision();
  }
  if (absl::Status s = ApplyNoticeOptions(args, notice); !s.ok()) return s;
  notice.set_correction_reason(args.ValueOr("reason", ""));
  if (notice.correction_reason().empty()) return absl::InvalidArgumentError("--reason is required");
  request.set_inspection(name);
  request.set_etag(args.ValueOr("etag", current.etag()));
  request.set_request_id(RequestIdFrom(args));
  ConclusionNotice corrected;
  if (absl::Status s =
          Mutate(ctx, &Stub::CorrectConclusionNotice, request, &corrected, request.request_id());
      !s.ok()) {
    return s;
  }
  PrintNotice(ctx, corrected);
  return absl::OkStatus();
}

absl::Status Get(CommandContext& ctx) {
  const std::vector<std::string>& positional = ctx.args().positional();
  inspection_v1::GetConclusionNoticeRequest request;
  if (positional.size() == 2) {
    request.set_name(
        absl::StrCat(InspectionName(positional[0]), "/conclusionNotices/", positional[1]));
  } else if (absl::StrContains(positional[0], "/conclusionNotices/")) {
    request.set_name(positional[0]);
  } else {
    return absl::InvalidArgumentError(
        "name the notice as inspections/ID/conclusionNotices/REVISION or INSPECTION REVISION");
  }
  ConclusionNotice notice;
  if (absl::Status s = Call(ctx, &Stub::GetConclusionNotice, request, &notice); !s.ok()) return s;
  PrintNotice(ctx, notice);
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  inspection_v1::ListConclusionNoticesRequest request;
  request.set_parent(InspectionName(ctx.args().positional()[0]));
  absl::StatusOr<Paging> paging = PagingFromArgs(ctx.args());
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, NoticeColumns(), ctx.out());
  return ListPages(
      ctx, &Stub::ListConclusionNotices, request, *paging,
      [](const inspection_v1::ListConclusionNoticesResponse& r) -> const auto& {
        return r.conclusion_notices();
      },
      [&](const ConclusionNotice& n) { printer.Add(n); });
}

}  // namespace

void RegisterNoticeCommands(CommandRegistry& registry) {
  const std::vector<OptionSpec> change = {InspectionEtagOption(), RequestIdOption()};
  registry.Add(
      {"notices", "issue", "INSPECTION", 1, 1,
       "Issue the conclusion notice of a CONCLUDED inspection (it moves to NOTICE_ISSUED).",
       "The notice comes from --json, from the options, or both (options override the JSON).\n"
       "Sections are given one sentence per option: --strength=... --strength=...",
       Concat(NoticeOptions(), change), Issue});
  registry.Add(
      {"notices", "correct", "INSPECTION", 1, 1,
       "Issue a correction: a new revision superseding the one in force.",
       "Without --json the correction starts from the revision in force; the options given\n"
       "replace what they name.",
       Concat(NoticeOptions(),
              std::vector<OptionSpec>{
                  {"reason", OptionKind::kValue, "TEXT", "why it is corrected (required)"}},
              change),
       Correct});
  registry.Add({"notices",
                "get",
                "NOTICE | INSPECTION REVISION",
                1,
                2,
                "Show one revision of a conclusion notice.",
                "",
                {},
                Get});
  registry.Add({"notices", "list", "INSPECTION", 1, 1,
                "Every revision of an inspection's notice, oldest first.", "", PagingOptions(),
                List});
}

}  // namespace dangbo::ctl
