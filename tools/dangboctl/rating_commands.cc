// ratings record/list: annual quality ratings of members and organizations.
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/command.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/common_options.h"
#include "tools/dangboctl/csv.h"
#include "tools/dangboctl/csv_rows.h"
#include "tools/dangboctl/output.h"

namespace dangbo::ctl {
namespace {

using membership_v1::Rating;

// BatchRecordRatingsRequest takes at most this many.
constexpr int kMaxBatch = 1000;

const std::vector<std::string>& RatingColumns() {
  static const auto* const kPaths = new std::vector<std::string>{
      "subject", "year", "level", "score", "rated_in_organization", "note"};
  return *kPaths;
}

const std::vector<std::string>& RequiredColumns() {
  static const auto* const kPaths = new std::vector<std::string>{"subject", "year", "level"};
  return *kPaths;
}

const std::vector<Column>& RatingTable() {
  static const auto* const kColumns = new std::vector<Column>{
      {"SUBJECT", "subject"},
      {"YEAR", "year"},
      {"LEVEL", "level"},
      {"SCORE", "score"},
      {"RATED IN", "rated_in_organization"},
      {"NOTE", "note"},
  };
  return *kColumns;
}

struct RatingRow {
  int64_t line = 0;
  Rating rating;
};

// The whole file: ratings are counted per organization and year (thousands, not millions), and
// reading it first means a file with a typo records nothing.
absl::StatusOr<std::vector<RatingRow>> ReadRatings(const std::string& path,
                                                   std::vector<RowError>& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot open ", path));
  CsvReader reader(in);
  absl::StatusOr<std::optional<CsvRecord>> header = reader.Next();
  if (!header.ok()) return header.status();
  if (!header->has_value()) return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));
  absl::StatusOr<std::vector<std::string>> columns =
      MapHeader((*header)->fields, RatingColumns(), RequiredColumns());
  if (!columns.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", columns.status().message()));
  }
  std::vector<RatingRow> rows;
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    if (!record.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", record.status().message()));
    }
    if (!record->has_value()) return rows;
    RatingRow row{(*record)->line_number, {}};
    FillRow(**record, *columns, row.rating, errors);
    if (!row.rating.rated_in_organization().empty()) {
      row.rating.set_rated_in_organization(OrganizationName(row.rating.rated_in_organization()));
    }
    rows.push_back(std::move(row));
  }
}

// "ratings[3].level" names the fourth rating of the batch; the file's row says more.
std::string RowsOfViolations(const absl::Status& status, const std::vector<RatingRow>& rows,
                             size_t batch_start) {
  std::string out;
  for (const auto& [field, description] : FieldViolations(status)) {
    size_t index = 0;
    const size_t close = field.find(']');
    if (!absl::StartsWith(field, "ratings[") || close == std::string::npos ||
        !absl::SimpleAtoi(field.substr(8, close - 8), &index) ||
        batch_start + index >= rows.size()) {
      continue;
    }
    std::string rest = field.substr(close + 1);
    if (absl::StartsWith(rest, ".")) rest = rest.substr(1);
    absl::StrAppend(&out, out.empty() ? "" : "\n",
                    FormatRowError({rows[batch_start + index].line, rest, description}));
  }
  return out;
}

absl::Status Record(CommandContext& ctx) {
  const std::string path = ctx.args().positional()[0];
  int batch_size = kMaxBatch;
  if (auto batch = ctx.args().Value("batch")) {
    if (!absl::SimpleAtoi(*batch, &batch_size) || batch_size < 1 || batch_size > kMaxBatch) {
      return absl::InvalidArgumentError(absl::StrCat("--batch=", *batch, ": 1 to ", kMaxBatch));
    }
  }
  std::vector<RowError> errors;
  absl::StatusOr<std::vector<RatingRow>> rows = ReadRatings(path, errors);
  if (!rows.ok()) return rows.status();
  if (!errors.empty()) {
    for (const RowError& e : errors) ctx.err() << FormatRowError(e) << '\n';
    return RowsRefused(
        absl::StrCat(errors.size(), " cell(s) in ", path, " do not parse; nothing was sent"));
  }

  // Each batch is its own mutation; its request id derives from one base, so retrying the whole
  // file with the same --request_id replays the batches already recorded.
  const std::string base_id = RequestIdFrom(ctx.args());
  ResourcePrinter printer(ctx.options().output, RatingTable(), ctx.out());
  for (size_t start = 0, batch = 1; start < rows->size(); start += batch_size, ++batch) {
    membership_v1::BatchRecordRatingsRequest request;
    const size_t end = std::min(rows->size(), start + batch_size);
    for (size_t i = start; i < end; ++i) *request.add_ratings() = (*rows)[i].rating;
    request.set_request_id(absl::StrCat(base_id, "-", batch));
    membership_v1::BatchRecordRatingsResponse response;
    absl::Status status = Call(ctx, &MembershipStub::BatchRecordRatings, request, &response);
    if (!status.ok()) {
      printer.Flush();
      status = WithHint(status, RowsOfViolations(status, *rows, start));
      return WithHint(status, absl::StrCat("rows before line ", (*rows)[start].line,
                                           " were recorded; retry with --request_id=", base_id,
                                           " --batch=", batch_size,
                                           " to continue without recording them twice"));
    }
    for (const std::string& warning : response.warnings()) {
      ctx.err() << "warning: " << warning << '\n';
    }
    for (const Rating& rating : response.ratings()) printer.Add(rating);
  }
  return absl::OkStatus();
}

absl::Status List(CommandContext& ctx) {
  const ParsedArgs& args = ctx.args();
  membership_v1::ListRatingsRequest request;
  if (auto subtree = args.Value("subtree")) request.set_subtree(OrganizationName(*subtree));
  if (auto subject = args.Value("subject")) request.set_subject(*subject);
  if (request.subtree().empty() == request.subject().empty()) {
    return absl::InvalidArgumentError("give --subtree or --subject");
  }
  if (auto year = args.Value("year")) {
    int32_t value = 0;
    if (!absl::SimpleAtoi(*year, &value) || value < 1) {
      return absl::InvalidArgumentError(absl::StrCat("--year=", *year, ": a year"));
    }
    request.set_year(value);
  }
  absl::StatusOr<Paging> paging = PagingFromArgs(args);
  if (!paging.ok()) return paging.status();
  ResourcePrinter printer(ctx.options().output, RatingTable(), ctx.out());
  return ListPages(
      ctx, &MembershipStub::ListRatings, request, *paging,
      [](const membership_v1::ListRatingsResponse& r) -> const auto& { return r.ratings(); },
      [&](const Rating& r) { printer.Add(r); });
}

}  // namespace

void RegisterRatingCommands(CommandRegistry& registry) {
  registry.Add(
      {"ratings",
       "record",
       "FILE.csv",
       1,
       1,
       "Record annual quality ratings from a CSV file.",
       absl::StrCat(
           "The file is UTF-8 CSV with a header row naming these columns, in any order:\n",
           DescribeColumns(*Rating::descriptor(), RatingColumns(), RequiredColumns()),
           "subject is members/ID or organizations/ID. A rating of a subject for a year\n"
           "replaces an earlier one. Every row is checked before anything is sent; the rows\n"
           "are then sent in batches, each recorded at once. Warnings (soft rules such as the\n"
           "share of excellent ratings) are printed on stderr."),
       {{"batch", OptionKind::kValue, "N", "ratings per call (default and most 1000)"},
        RequestIdOption()},
       Record});
  registry.Add(
      {"ratings", "list", "", 0, 0, "List ratings in a subtree or of one subject.", "",
       Concat(
           std::vector<OptionSpec>{
               {"subtree", OptionKind::kValue, "ORGANIZATION",
                "ratings of members registered in, and organizations in, the subtree"},
               {"subject", OptionKind::kValue, "RESOURCE", "ratings of one member or organization"},
               {"year", OptionKind::kValue, "YYYY", "only this year"}},
           PagingOptions()),
       List});
}

}  // namespace dangbo::ctl
