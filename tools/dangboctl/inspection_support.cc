#include "tools/dangboctl/inspection_support.h"

#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "tools/dangboctl/inspection_input.h"

namespace dangbo::ctl {

const std::vector<Column>& InspectionColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"NAME", "name"},
      {"TYPE", "type"},
      {"STAGE", "stage"},
      {"CONDUCTED BY", "conducting_organization"},
      {"BODY", "conducting_body"},
      {"DECISION", "decision.number"},
      {"DECIDED", "decision.date"},
      {"CONTENT", "content"},
  };
  return *kColumns;
}

void PrintInspection(CommandContext& ctx, const inspection_v1::Inspection& inspection) {
  PrintResource(ctx.options().output, InspectionColumns(), inspection, ctx.out());
}

OptionSpec InspectionEtagOption() {
  return {"etag", OptionKind::kValue, "ETAG",
          "refuse the change if the inspection changed since this etag (default: its current "
          "etag)"};
}

absl::StatusOr<std::string> InspectionEtag(CommandContext& ctx, const std::string& name) {
  if (auto etag = ctx.args().Value("etag")) return *etag;
  inspection_v1::GetInspectionRequest request;
  request.set_name(name);
  inspection_v1::Inspection current;
  if (absl::Status s = Call(ctx, &InspectionStub::GetInspection, request, &current); !s.ok()) {
    return s;
  }
  return current.etag();
}

OptionSpec JsonOption(absl::string_view what) {
  return {"json", OptionKind::kValue, "FILE",
          absl::StrCat(what,
                       " as protobuf JSON (\"-\": standard input); options given as well "
                       "override its fields")};
}

absl::StatusOr<std::optional<int32_t>> IntFrom(const ParsedArgs& args, absl::string_view name,
                                               int32_t minimum) {
  std::optional<std::string> text = args.Value(name);
  if (!text.has_value() || text->empty()) return std::nullopt;
  int32_t value = 0;
  if (!absl::SimpleAtoi(*text, &value) || value < minimum) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, "=", *text, ": a whole number of at least ", minimum));
  }
  return value;
}

absl::StatusOr<std::vector<std::string>> SubjectsFrom(const ParsedArgs& args,
                                                      absl::string_view option) {
  std::vector<std::string> subjects;
  for (const std::string& text : args.Values(option)) {
    absl::StatusOr<std::string> subject = SubjectName(text);
    if (!subject.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", option, ": ", subject.status().message()));
    }
    subjects.push_back(*std::move(subject));
  }
  return subjects;
}

absl::StatusOr<std::unique_ptr<std::istream>> OpenInput(const std::string& path) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return absl::InvalidArgumentError(absl::StrCat("cannot open ", path));
  return std::unique_ptr<std::istream>(std::move(in));
}

absl::Status RefuseRows(CommandContext& ctx, const std::string& path,
                        const std::vector<RowError>& errors) {
  for (const RowError& e : errors) ctx.err() << FormatRowError(e) << '\n';
  return RowsRefused(
      absl::StrCat(errors.size(), " row(s) of ", path, " refused; nothing was sent"));
}

}  // namespace dangbo::ctl
