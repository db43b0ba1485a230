#include "tools/dangboctl/report_document.h"

#include <algorithm>
#include <functional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/reporting/domain/inspection_figures.h"
#include "services/reporting/domain/period.h"
#include "services/reporting/domain/report_text.h"
#include "tools/dangboctl/csv.h"
#include "tools/dangboctl/report_period.h"

namespace dangbo::ctl {
namespace {

using reporting::FormatVietnameseNumber;

// One part of the report: the figures of one answer whose keys it holds.
struct Section {
  // As CSV names it.
  std::string id;
  // As the markdown report titles it.
  std::string title;
  const reporting_v1::Statistics* answer;
  std::function<bool(absl::string_view key)> holds;
};

bool InCommittees(absl::string_view key) { return absl::StartsWith(key, "committee."); }
bool InUbkt(absl::string_view key) { return absl::StartsWith(key, "ubkt."); }
bool InDiscipline(absl::string_view key) { return absl::StartsWith(key, "discipline."); }

// The committees' work, the UBKT's and discipline, as seed 001 reports them; a key of the
// inspection answer outside the three still gets printed, in a section of its own, rather than
// vanish from the report.
std::vector<Section> SectionsOf(const ReportData& data) {
  std::vector<Section> sections;
  if (data.inspection.has_value()) {
    const reporting_v1::Statistics* answer = &*data.inspection;
    sections.push_back({"committee", "Cấp ủy các cấp kiểm tra, giám sát", answer, InCommittees});
    sections.push_back({"ubkt", "Ủy ban kiểm tra các cấp", answer, InUbkt});
    sections.push_back({"discipline", "Thi hành kỷ luật đảng", answer, InDiscipline});
    auto other = [](absl::string_view key) {
      return !InCommittees(key) && !InUbkt(key) && !InDiscipline(key);
    };
    const bool any_other =
        std::any_of(answer->figures().begin(), answer->figures().end(),
                    [&](const reporting_v1::Figure& f) { return other(f.key()); });
    if (any_other) sections.push_back({"inspection_other", "Số liệu kiểm tra khác", answer, other});
  }
  if (data.membership.has_value()) {
    sections.push_back({"membership", "Đảng viên và tổ chức đảng", &*data.membership,
                        [](absl::string_view) { return true; }});
  }
  return sections;
}

std::vector<const reporting_v1::Figure*> FiguresOf(const Section& section,
                                                   const reporting_v1::Statistics& statistics) {
  std::vector<const reporting_v1::Figure*> out;
  for (const reporting_v1::Figure& figure : statistics.figures()) {
    if (section.holds(figure.key())) out.push_back(&figure);
  }
  return out;
}

std::string NameOf(const ReportData& data, const std::string& organization) {
  auto it = data.organization_names.find(organization);
  return it == data.organization_names.end() || it->second.empty() ? organization : it->second;
}

// A table cell never breaks its row: pipes escaped, line breaks flattened.
std::string Cell(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\r\n", " "}, {"\n", " "}, {"\r", " "}});
}

std::string DayText(const google::type::Date& day) {
  return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year());
}

std::string DayText(reporting::Date day) {
  return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year());
}

// Vietnam keeps UTC+7 all year.
std::string VietnamTime(const google::protobuf::Timestamp& time) {
  const absl::Time t = absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
  return absl::FormatTime("%d/%m/%Y %H:%M:%S", t, absl::FixedTimeZone(7 * 60 * 60));
}

bool Before(const google::protobuf::Timestamp& a, const google::protobuf::Timestamp& b) {
  return a.seconds() != b.seconds() ? a.seconds() < b.seconds() : a.nanos() < b.nanos();
}

std::string Title(const ReportData& data, absl::string_view period_label) {
  const absl::string_view subject =
      data.inspection.has_value() ? "Báo cáo công tác kiểm tra, giám sát và thi hành kỷ luật đảng"
                                  : "Báo cáo thống kê đảng viên và tổ chức đảng";
  return absl::StrCat("# ", subject, " — ", period_label, "\n");
}

std::string ScopeLine(const ReportData& data) {
  if (data.scope_display_name.empty()) return absl::StrCat("**", data.scope, "**");
  return absl::StrCat("**", Cell(data.scope_display_name), "** (", data.scope, ")");
}

std::string FigureTable(const std::vector<const reporting_v1::Figure*>& figures) {
  std::string out = "| Chỉ tiêu | Số đối tượng | Số lượt |\n|:---|---:|---:|\n";
  for (const reporting_v1::Figure* f : figures) {
    absl::StrAppend(&out, "| ", Cell(f->label().empty() ? f->key() : f->label()), " | ",
                    FormatVietnameseNumber(f->distinct()), " | ",
                    FormatVietnameseNumber(f->occurrences()), " |\n");
  }
  return out;
}

std::string ChildrenTable(const ReportData& data, const Section& section) {
  if (section.answer->children().empty()) return "_Không có đơn vị trực thuộc._\n";
  std::string out =
      "| Đơn vị trực thuộc | Chỉ tiêu | Số đối tượng | Số lượt |\n|:---|:---|---:|---:|\n";
  for (const reporting_v1::Statistics& child : section.answer->children()) {
    const std::string name = Cell(NameOf(data, child.scope()));
    for (const reporting_v1::Figure* f : FiguresOf(section, child)) {
      absl::StrAppend(&out, "| ", name, " | ", Cell(f->label().empty() ? f->key() : f->label()),
                      " | ", FormatVietnameseNumber(f->distinct()), " | ",
                      FormatVietnameseNumber(f->occurrences()), " |\n");
    }
  }
  return out;
}

std::string FreshnessLine(const reporting_v1::Freshness& f) {
  const std::string newest =
      f.has_newest_event_time()
          ? absl::StrCat("sự kiện mới nhất lúc ", VietnamTime(f.newest_event_time()),
                         " (giờ Việt Nam)")
          : std::string("chưa có sự kiện nào");
  return absl::StrCat("_Độ mới của số liệu: luồng thay đổi đảng viên đã đọc đến số ",
                      f.membership_sequence(), "/", f.membership_head(), ", luồng kiểm tra đến số ",
                      f.inspection_sequence(), "/", f.inspection_head(), "; ", newest, "._\n");
}

// The catalogue's id for an organization resource, 0 when it is not one.
int64_t OrganizationId(absl::string_view name) {
  int64_t id = 0;
  if (!absl::ConsumePrefix(&name, "organizations/") || !absl::SimpleAtoi(name, &id)) return 0;
  return id;
}

std::string JsonOf(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  // A zero is a finding in a report ("no member disciplined"), not an absent field.
  options.always_print_primitive_fields = true;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "null";
  return json;
}

std::string JsonString(absl::string_view text) {
  google::protobuf::Value value;
  value.set_string_value(std::string(text));
  return JsonOf(value);
}

}  // namespace

absl::StatusOr<ReportFormat> ParseReportFormat(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (lower == "markdown" || lower == "md") return ReportFormat::kMarkdown;
  if (lower == "csv") return ReportFormat::kCsv;
  if (lower == "json") return ReportFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("--format=", text, ": expected markdown, csv or json"));
}

absl::StatusOr<ReportSections> ParseReportSections(const std::vector<std::string>& words) {
  if (words.empty()) return ReportSections{};
  ReportSections sections{false, false};
  for (const std::string& word : words) {
    const std::string lower = absl::AsciiStrToLower(word);
    if (lower == "inspection") {
      sections.inspection = true;
    } else if (lower == "membership") {
      sections.membership = true;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--sections: no section \"", word, "\"; expected inspection, membership"));
    }
  }
  return sections;
}

absl::StatusOr<reporting::Statistics> ToDomainStatistics(const reporting_v1::Statistics& answer) {
  reporting::Statistics out;
  out.scope_id = OrganizationId(answer.scope());
  if (absl::StatusOr<reporting::DateRange> range =
          reporting::ResolvePeriod(ToDomainPeriod(answer.period()));
      range.ok()) {
    out.range = *range;
  }
  for (const reporting::FigureDefinition& definition : reporting::InspectionFigures()) {
    auto it =
        std::find_if(answer.figures().begin(), answer.figures().end(),
                     [&](const reporting_v1::Figure& f) { return f.key() == definition.key; });
    if (it == answer.figures().end()) {
      return absl::InternalError(absl::StrCat("the reporting service's answer for ", answer.scope(),
                                              " has no figure ", std::string(definition.key)));
    }
    out.figures.push_back(
        {definition.id, definition.key, definition.label, it->distinct(), it->occurrences()});
  }
  for (const reporting_v1::Statistics& child : answer.children()) {
    absl::StatusOr<reporting::Statistics> converted = ToDomainStatistics(child);
    if (!converted.ok()) return converted.status();
    out.children.push_back(*std::move(converted));
  }
  return out;
}

reporting_v1::Freshness ReportFreshness(const ReportData& data) {
  std::vector<const reporting_v1::Freshness*> all;
  if (data.inspection.has_value()) all.push_back(&data.inspection->freshness());
  if (data.membership.has_value()) all.push_back(&data.membership->freshness());
  reporting_v1::Freshness out;
  if (all.empty()) return out;
  out = *all[0];
  for (const reporting_v1::Freshness* f : all) {
    out.set_membership_sequence(std::min(out.membership_sequence(), f->membership_sequence()));
    out.set_inspection_sequence(std::min(out.inspection_sequence(), f->inspection_sequence()));
    out.set_membership_head(std::max(out.membership_head(), f->membership_head()));
    out.set_inspection_head(std::max(out.inspection_head(), f->inspection_head()));
    // An answer that has applied no event yet makes the report's newest event unknown.
    if (!f->has_newest_event_time()) {
      out.clear_newest_event_time();
    } else if (out.has_newest_event_time() &&
               Before(f->newest_event_time(), out.newest_event_time())) {
      *out.mutable_newest_event_time() = f->newest_event_time();
    }
  }
  return out;
}

absl::StatusOr<std::string> RenderMarkdown(const ReportData& data) {
  const reporting::Period period = ToDomainPeriod(data.period);
  absl::StatusOr<std::string> label = reporting::PeriodLabel(period);
  if (!label.ok()) return label.status();
  absl::StatusOr<reporting::DateRange> range = reporting::ResolvePeriod(period);
  if (!range.ok()) return range.status();

  std::string out = Title(data, *label);
  absl::StrAppend(&out, "\n", ScopeLine(data), "  \n**Kỳ báo cáo:** ", *label);
  if (period.kind != reporting::PeriodKind::kRange) {
    absl::StrAppend(&out, " (", DayText(range->first), " – ", DayText(range->last), ")");
  }
  absl::StrAppend(&out, "\n");

  if (data.inspection.has_value()) {
    absl::StatusOr<reporting::Statistics> statistics = ToDomainStatistics(*data.inspection);
    if (!statistics.ok()) return statistics.status();
    absl::StrAppend(&out, "\n", reporting::InspectionHeadline(*statistics), "\n");
  }
  absl::StrAppend(&out,
                  "\n_Số đối tượng: mỗi tổ chức đảng, đảng viên tính một lần; số lượt: mỗi lần "
                  "là đối tượng tính một lượt._\n");

  int number = 0;
  for (const Section& section : SectionsOf(data)) {
    absl::StrAppend(&out, "\n## ", ++number, ". ", section.title, "\n\n");
    if (section.id == "membership" && section.answer->has_as_of()) {
      absl::StrAppend(&out, "Số lượng tính đến ngày ", DayText(section.answer->as_of()),
                      "; biến động trong kỳ.\n\n");
    }
    const std::vector<const reporting_v1::Figure*> figures = FiguresOf(section, *section.answer);
    if (figures.empty()) {
      absl::StrAppend(&out, "_Dịch vụ báo cáo không trả về số liệu nào cho mục này._\n");
    } else {
      absl::StrAppend(&out, FigureTable(figures));
    }
    if (data.breakdown) {
      absl::StrAppend(&out, "\n### Theo đơn vị trực thuộc\n\n", ChildrenTable(data, section));
    }
  }
  absl::StrAppend(&out, "\n---\n\n", FreshnessLine(ReportFreshness(data)));
  return out;
}

std::string RenderCsv(const ReportData& data) {
  std::vector<std::string> header = {"section", "key", "label", "distinct", "occurrences"};
  if (data.breakdown) header.push_back("child_scope");
  std::string out = CsvLine(header);
  auto row = [&](const Section& section, const reporting_v1::Figure& f, const std::string& child) {
    std::vector<std::string> cells = {section.id, f.key(), f.label(), absl::StrCat(f.distinct()),
                                      absl::StrCat(f.occurrences())};
    if (data.breakdown) cells.push_back(child);
    absl::StrAppend(&out, CsvLine(cells));
  };
  for (const Section& section : SectionsOf(data)) {
    for (const reporting_v1::Figure* f : FiguresOf(section, *section.answer)) row(section, *f, "");
    if (!data.breakdown) continue;
    for (const reporting_v1::Statistics& child : section.answer->children()) {
      for (const reporting_v1::Figure* f : FiguresOf(section, child)) {
        row(section, *f, child.scope());
      }
    }
  }
  return out;
}

std::string RenderJson(const ReportData& data) {
  absl::StatusOr<std::string> label = reporting::PeriodLabel(ToDomainPeriod(data.period));
  return absl::StrCat(
      "{\"scope\":", JsonString(data.scope),
      ",\"scopeDisplayName\":", JsonString(data.scope_display_name),
      ",\"period\":", JsonOf(data.period),
      ",\"periodLabel\":", label.ok() ? JsonString(*label) : "null",
      ",\"inspection\":", data.inspection.has_value() ? JsonOf(*data.inspection) : "null",
      ",\"membership\":", data.membership.has_value() ? JsonOf(*data.membership) : "null",
      ",\"freshness\":", JsonOf(ReportFreshness(data)), "}\n");
}

absl::StatusOr<std::string> RenderReport(const ReportData& data, ReportFormat format) {
  switch (format) {
    case ReportFormat::kMarkdown:
      return RenderMarkdown(data);
    case ReportFormat::kCsv:
      return RenderCsv(data);
    case ReportFormat::kJson:
      return RenderJson(data);
  }
  return absl::InternalError("unknown report format");
}

}  // namespace dangbo::ctl
