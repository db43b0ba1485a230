// inspections import FILE.jsonl: past inspection work from an earlier system over the
// ImportInspectionWork stream, one record per line.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/csv_rows.h"
#include "tools/dangboctl/inspection_input.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

namespace iv1 = ::dangbo::inspection::v1;

constexpr int kDefaultBatch = 200;
// ImportInspectionWork refuses larger messages.
constexpr int kMaxBatch = 500;
// A whole import is one call; --timeout (per call) would cut a large file short.
constexpr absl::Duration kImportTimeout = absl::Hours(6);

// Reads FILE line by line: each non-blank line one InspectionWorkRecord in the protobuf JSON
// mapping. The file is read twice, once to check that every line parses, so that a file with a
// typo imports nothing, and once to send, so that millions of records never sit in memory.
class RecordFile {
 public:
  explicit RecordFile(const std::string& path) : path_(path), in_(path, std::ios::binary) {}

  absl::Status Opened() const {
    return in_ ? absl::OkStatus() : absl::InvalidArgumentError(absl::StrCat("cannot open ", path_));
  }

  // The next record; nullopt at the end. A line that does not parse goes to `errors` (as its
  // line number) and the record comes back empty.
  absl::StatusOr<std::optional<iv1::InspectionWorkRecord>> Next(std::vector<RowError>& errors) {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      iv1::InspectionWorkRecord record;
      if (absl::Status s = MessageFromJson(line, record); !s.ok()) {
        errors.push_back({line_number_, "", std::string(s.message())});
        return record;
      }
      return record;
    }
    if (in_.bad()) return absl::DataLossError(absl::StrCat("reading ", path_, " failed"));
    return std::nullopt;
  }

 private:
  std::string path_;
  std::ifstream in_;
  int64_t line_number_ = 0;
};

// The service writes "field: message" and numbers records from 1 in the stream; blank lines
// aside, the record number is the line's place among the records.
RowError FromService(const iv1::ImportRecordError& e) {
  std::string message = e.message();
  const std::string prefix = absl::StrCat(e.field(), ": ");
  if (!e.field().empty() && absl::StartsWith(message, prefix)) {
    message = message.substr(prefix.size());
  }
  const std::string field =
      e.source_key().empty() ? e.field() : absl::StrCat(e.source_key(), " ", e.field());
  return {e.record_number(), field, std::move(message)};
}

void PrintErrors(CommandContext& ctx, const std::vector<RowError>& errors) {
  for (const RowError& e : errors) ctx.err() << FormatRowError(e) << '\n';
}

absl::Status Import(CommandContext& ctx) {
  const std::string path = ctx.args().positional()[0];
  int batch_size = kDefaultBatch;
  if (auto batch = ctx.args().Value("batch")) {
    if (!absl::SimpleAtoi(*batch, &batch_size) || batch_size < 1 || batch_size > kMaxBatch) {
      return absl::InvalidArgumentError(absl::StrCat("--batch=", *batch, ": 1 to ", kMaxBatch));
    }
  }
  absl::StatusOr<bool> dry_run = ctx.args().Flag("dry_run");
  if (!dry_run.ok()) return dry_run.status();

  std::vector<RowError> errors;
  {
    RecordFile check(path);
    if (absl::Status s = check.Opened(); !s.ok()) return s;
    while (true) {
      auto record = check.Next(errors);
      if (!record.ok()) return record.status();
      if (!record->has_value()) break;
    }
  }
  if (!errors.empty()) {
    PrintErrors(ctx, errors);
    return RowsRefused(
        absl::StrCat(errors.size(), " line(s) of ", path, " do not parse; nothing was sent"));
  }

  absl::StatusOr<InspectionStub*> stub = ctx.Inspection();
  if (!stub.ok()) return stub.status();
  const std::string request_id = RequestIdFrom(ctx.args());
  grpc::ClientContext context;
  ctx.Prepare(context, kImportTimeout);
  iv1::ImportInspectionWorkResponse response;
  std::unique_ptr<grpc::ClientWriterInterface<iv1::ImportInspectionWorkRequest>> writer =
      (*stub)->ImportInspectionWork(&context, &response);
  RecordFile file(path);
  if (absl::Status s = file.Opened(); !s.ok()) return s;
  iv1::ImportInspectionWorkRequest message;
  message.set_request_id(request_id);
  message.set_dry_run(*dry_run);
  bool first = true;
  bool stream_open = true;
  auto send = [&] {
    stream_open = writer->Write(message);
    first = false;
    message.Clear();
  };
  while (stream_open) {
    auto record = file.Next(errors);
    if (!record.ok()) {
      context.TryCancel();
      return record.status();
    }
    if (!record->has_value()) break;
    *message.add_records() = std::move(**record);
    if (message.records_size() >= batch_size) send();
  }
  // The first message carries request_id and dry_run even when the file holds no record.
  if (stream_open && (message.records_size() > 0 || first)) send();
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) {
    return WithHint(RpcError(status),
                    "records already written are skipped by their source_key: run it again");
  }

  for (const auto& e : response.errors()) errors.push_back(FromService(e));
  if (ctx.options().output == OutputFormat::kJson) {
    ctx.out() << ToJson(response) << '\n';
  } else {
    PrintErrors(ctx, errors);
    ctx.out() << "records " << response.records_received() << ", imported " << response.imported()
              << " (" << response.inspections() << " inspections, "
              << response.disciplinary_decisions() << " decisions, " << response.appeals()
              << " appeals), already imported " << response.already_imported() << ", refused "
              << response.error_count() << (response.dry_run() ? " (dry run: nothing written)" : "")
              << '\n';
    if (response.error_count() > response.errors_size()) {
      ctx.err() << (response.error_count() - response.errors_size())
                << " more refused records are not listed\n";
    }
  }
  if (response.error_count() > 0) {
    return RowsRefused(absl::StrCat(response.error_count(), " record(s) refused"));
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterInspectionImportCommand(CommandRegistry& registry) {
  registry.Add(
      {"inspections",
       "import",
       "FILE.jsonl",
       1,
       1,
       "Import past inspection work from a JSON-lines file (idempotent on source_key).",
       "Each non-blank line is one InspectionWorkRecord in the protobuf JSON mapping: a\n"
       "source_key (the record's key in the system it comes from), the inspection as it ended\n"
       "(stage, stage dates, subjects with outcomes, findings, conclusionNotice,\n"
       "taskCompletions) and/or disciplinaryDecisions, each with its appeals. For example:\n"
       "  {\"sourceKey\": \"old-db/ktcd/2019/17\", \"inspection\": {\"type\":\n"
       "   \"INSPECTION_TYPE_THEMATIC_INSPECTION\", \"stage\": \"INSPECTION_STAGE_CLOSED\", "
       "...}}\n\n"
       "Every line is parsed before anything is sent: a line that does not parse stops the\n"
       "import with nothing written. Records the service refuses are listed as\n"
       "\"row N, SOURCE_KEY FIELD: why\" (N counts records from 1) and the others are\n"
       "imported; the exit code is then 3. Sending the file again skips the records already\n"
       "written. Expulsions and dissolutions are not sent to membership, whose own import\n"
       "holds the members' present states. The call's deadline is 6h unless --timeout is\n"
       "given.",
       {{"dry_run", OptionKind::kFlag, "", "check every record on the service, write nothing"},
        {"batch", OptionKind::kValue, "N",
         absl::StrCat("records per message and per transaction (default ", kDefaultBatch,
                      ", at most ", kMaxBatch, ")")},
        RequestIdOption()},
       Import});
}

}  // namespace dangbo::ctl
