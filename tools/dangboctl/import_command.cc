// members import FILE.csv: bulk loading over the ImportMembers stream.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/csv.h"
#include "tools/dangboctl/csv_rows.h"
#include "tools/dangboctl/member_fields.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using membership_v1::ImportRow;

constexpr int kDefaultBatch = 1000;
// ImportMembers refuses larger messages.
constexpr int kMaxBatch = 5000;
// A whole import is one call; --timeout (per call) would cut a large file short.
constexpr absl::Duration kImportTimeout = absl::Hours(2);

// Paths in ImportRow, one per accepted column.
const std::vector<std::string>& ImportColumns() {
  static const auto* const kPaths = [] {
    auto* paths = new std::vector<std::string>;
    for (const std::string& field : MemberInputFields()) {
      paths->push_back(absl::StrCat("member.", field));
    }
    paths->push_back("initial_state");
    return paths;
  }();
  return *kPaths;
}

const std::vector<std::string>& RequiredColumns() {
  static const auto* const kPaths =
      new std::vector<std::string>{"member.personal_data.citizen_id", "member.organization"};
  return *kPaths;
}

// Reads FILE row by row. The file is read twice: once to check every row, so that a file with a
// typo imports nothing, and once to send the rows, so that millions of rows never sit in memory.
class ImportFile {
 public:
  static absl::StatusOr<std::unique_ptr<ImportFile>> Open(const std::string& path) {
    auto file = std::unique_ptr<ImportFile>(new ImportFile(path));
    if (!file->in_) return absl::InvalidArgumentError(absl::StrCat("cannot open ", path));
    absl::StatusOr<std::optional<CsvRecord>> header = file->reader_->Next();
    if (!header.ok()) return header.status();
    if (!header->has_value()) return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));
    absl::StatusOr<std::vector<std::string>> columns =
        MapHeader((*header)->fields, ImportColumns(), RequiredColumns());
    if (!columns.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", columns.status().message()));
    }
    file->columns_ = *std::move(columns);
    return file;
  }

  // The next row; nullopt at the end. Cells that do not parse go to `errors` and the row comes
  // back with ok = false.
  absl::StatusOr<std::optional<std::pair<ImportRow, bool>>> Next(std::vector<RowError>& errors) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader_->Next();
    if (!record.ok())
      return absl::InvalidArgumentError(absl::StrCat(path_, ": ", record.status().message()));
    if (!record->has_value()) return std::nullopt;
    ImportRow row;
    row.set_row_number((*record)->line_number);
    bool ok = FillRow(**record, columns_, row, errors);
    if (!row.member().organization().empty()) {
      row.mutable_member()->set_organization(OrganizationName(row.member().organization()));
    }
    return std::make_pair(std::move(row), ok);
  }

 private:
  explicit ImportFile(const std::string& path)
      : path_(path), in_(path, std::ios::binary), reader_(std::make_unique<CsvReader>(in_)) {}

  std::string path_;
  std::ifstream in_;
  std::unique_ptr<CsvReader> reader_;
  std::vector<std::string> columns_;
};

// The service writes "field: message"; the field is printed once.
RowError FromService(const membership_v1::ImportRowError& e) {
  std::string message = e.message();
  const std::string prefix = absl::StrCat(e.field(), ": ");
  if (!e.field().empty() && absl::StartsWith(message, prefix))
    message = message.substr(prefix.size());
  return {e.row_number(), e.field(), std::move(message)};
}

void PrintErrors(CommandContext& ctx, const std::vector<RowError>& errors) {
  if (ctx.options().output == OutputFormat::kCsv) {
    ctx.out() << CsvLine({"row", "field", "message"});
    for (const RowError& e : errors) {
      ctx.out() << CsvLine({absl::StrCat(e.row_number), e.field, e.message});
    }
    return;
  }
  for (const RowError& e : errors) ctx.err() << FormatRowError(e) << '\n';
}

// The first pass: every row checked on this side.
absl::StatusOr<int64_t> CheckRows(const std::string& path, std::vector<RowError>& errors) {
  absl::StatusOr<std::unique_ptr<ImportFile>> file = ImportFile::Open(path);
  if (!file.ok()) return file.status();
  int64_t rows = 0;
  while (true) {
    auto row = (*file)->Next(errors);
    if (!row.ok()) return row.status();
    if (!row->has_value()) return rows;
    ++rows;
  }
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
  absl::StatusOr<int64_t> rows = CheckRows(path, errors);
  if (!rows.ok()) return rows.status();
  if (!errors.empty()) {
    PrintErrors(ctx, errors);
    return RowsRefused(
        absl::StrCat(errors.size(), " cell(s) in ", path, " do not parse; nothing was sent"));
  }

  absl::StatusOr<MembershipStub*> stub = ctx.Membership();
  if (!stub.ok()) return stub.status();
  const std::string request_id = RequestIdFrom(ctx.args());
  grpc::ClientContext context;
  ctx.Prepare(context, kImportTimeout);
  membership_v1::ImportMembersResponse response;
  std::unique_ptr<grpc::ClientWriterInterface<membership_v1::ImportMembersRequest>> writer =
      (*stub)->ImportMembers(&context, &response);

  absl::StatusOr<std::unique_ptr<ImportFile>> file = ImportFile::Open(path);
  if (!file.ok()) return file.status();
  membership_v1::ImportMembersRequest message;
  message.set_request_id(request_id);
  message.set_dry_run(*dry_run);
  bool first = true;
  bool stream_open = true;
  auto send = [&] {
    if (!first) message.clear_request_id();
    stream_open = writer->Write(message);
    first = false;
    message.Clear();
  };
  while (stream_open) {
    auto row = (*file)->Next(errors);
    if (!row.ok()) {
      context.TryCancel();
      return row.status();
    }
    if (!row->has_value()) break;
    *message.add_rows() = std::move((*row)->first);
    if (message.rows_size() >= batch_size) send();
  }
  // The first message carries request_id and dry_run even when the file has no rows.
  if (stream_open && (message.rows_size() > 0 || first)) send();
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) {
    return WithHint(RpcError(status),
                    absl::StrCat("batches already written are not written twice: retry with "
                                 "--request_id=",
                                 request_id, " --batch=", batch_size));
  }

  for (const auto& e : response.errors()) errors.push_back(FromService(e));
  if (ctx.options().output == OutputFormat::kJson) {
    ctx.out() << ToJson(response) << '\n';
  } else {
    PrintErrors(ctx, errors);
    std::ostream& summary = ctx.options().output == OutputFormat::kCsv ? ctx.err() : ctx.out();
    summary << "rows " << response.rows_received() << ", created " << response.created()
            << ", updated " << response.updated() << ", unchanged " << response.unchanged()
            << ", refused " << response.error_count()
            << (response.dry_run() ? " (dry run: nothing written)" : "") << '\n';
    if (response.error_count() > response.errors_size()) {
      ctx.err() << (response.error_count() - response.errors_size())
                << " more refused rows are not listed\n";
    }
  }
  if (response.error_count() > 0) {
    return RowsRefused(absl::StrCat(response.error_count(), " row(s) refused"));
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterImportCommand(CommandRegistry& registry) {
  registry.Add(
      {"members",
       "import",
       "FILE.csv",
       1,
       1,
       "Import members from a CSV file (idempotent on citizen id).",
       absl::StrCat(
           "The file is UTF-8 CSV (RFC 4180; a byte order mark and CRLF line ends are accepted).\n"
           "The first line names the columns, in any order and any case; a space or '-' may\n"
           "stand for '_' and a full path (member.personal_data.citizen_id) for the short\n"
           "name. An empty cell leaves the field unset. Columns:\n",
           DescribeColumns(*ImportRow::descriptor(), ImportColumns(), RequiredColumns()),
           "organization is organizations/ID or the bare ID. A row whose citizen id the service\n"
           "knows updates that member's profile; state, organization and dates stay as they\n"
           "are. initial_state is applicant (the default), probationary or full; probationary\n"
           "and full members need admission_decision_date and admission_ceremony_date.\n\n"
           "Every row is checked before anything is sent: a cell that does not parse stops the\n"
           "import with nothing written. Rows the service refuses are listed as\n"
           "\"row N, FIELD: why\" (N is the file's line number) and the others are imported;\n"
           "the exit code is then 3. A failed import can be retried with the --request_id and\n"
           "--batch it printed: batches already written are not written twice. The call's\n"
           "deadline is 2h unless --timeout is given."),
       {{"dry_run", OptionKind::kFlag, "", "check every row on the service, write nothing"},
        {"batch", OptionKind::kValue, "N",
         absl::StrCat("rows per message and per transaction (default ", kDefaultBatch, ", at most ",
                      kMaxBatch, ")")},
        RequestIdOption()},
       Import});
}

}  // namespace dangbo::ctl
