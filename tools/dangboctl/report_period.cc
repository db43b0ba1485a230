#include "tools/dangboctl/report_period.h"

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/proto_values.h"

namespace dangbo::ctl {
namespace {

constexpr absl::string_view kGrammar =
    "expected 2024, year:2024, month:2024-03, quarter:2024-2, h1:2024, 9m:2024, "
    "term:2020-2025 or range:2024-01-01..2024-03-15";

bool AllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Four digits: a year is never typed shorter, and "24" is more likely a slip than 0024.
std::optional<int> Year(absl::string_view text) {
  int year = 0;
  if (text.size() != 4 || !AllDigits(text) || !absl::SimpleAtoi(text, &year)) return std::nullopt;
  return year;
}

std::optional<int> SmallNumber(absl::string_view text) {
  int number = 0;
  if (text.empty() || text.size() > 2 || !AllDigits(text) || !absl::SimpleAtoi(text, &number)) {
    return std::nullopt;
  }
  return number;
}

// "YYYY-N" split at its dash into year and number.
bool YearAndNumber(absl::string_view text, int& year, int& number) {
  const size_t dash = text.find('-');
  if (dash == absl::string_view::npos) return false;
  std::optional<int> y = Year(text.substr(0, dash));
  std::optional<int> n = SmallNumber(text.substr(dash + 1));
  if (!y.has_value() || !n.has_value()) return false;
  year = *y;
  number = *n;
  return true;
}

bool YearPair(absl::string_view text, int& first, int& last) {
  const size_t dash = text.find('-');
  if (dash == absl::string_view::npos) return false;
  std::optional<int> a = Year(text.substr(0, dash));
  std::optional<int> b = Year(text.substr(dash + 1));
  if (!a.has_value() || !b.has_value()) return false;
  first = *a;
  last = *b;
  return true;
}

reporting::Date ToCivil(const google::type::Date& date) {
  return reporting::Date(date.year(), date.month(), date.day());
}

}  // namespace

reporting::Period ToDomainPeriod(const reporting_v1::Period& period) {
  reporting::Period out;
  out.kind = static_cast<reporting::PeriodKind>(period.kind());
  out.year = period.year();
  out.number = period.number();
  out.end_year = period.end_year();
  if (period.has_start_date()) out.start_date = ToCivil(period.start_date());
  if (period.has_end_date()) out.end_date = ToCivil(period.end_date());
  return out;
}

absl::StatusOr<reporting_v1::Period> ParsePeriodSpec(absl::string_view spec) {
  const absl::string_view text = absl::StripAsciiWhitespace(spec);
  auto invalid = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("--period=", spec, ": ", why));
  };
  const size_t colon = text.find(':');
  const std::string form =
      absl::AsciiStrToLower(colon == absl::string_view::npos ? "" : text.substr(0, colon));
  const absl::string_view value = colon == absl::string_view::npos ? text : text.substr(colon + 1);

  reporting_v1::Period period;
  if (colon == absl::string_view::npos || form == "year" || form == "h1" || form == "9m") {
    std::optional<int> year = Year(value);
    if (!year.has_value()) {
      return invalid(colon == absl::string_view::npos ? kGrammar : "the year has four digits");
    }
    period.set_kind(form == "h1"   ? reporting_v1::Period::KIND_FIRST_SIX_MONTHS
                    : form == "9m" ? reporting_v1::Period::KIND_FIRST_NINE_MONTHS
                                   : reporting_v1::Period::KIND_YEAR);
    period.set_year(*year);
  } else if (form == "month" || form == "quarter") {
    int year = 0, number = 0;
    if (!YearAndNumber(value, year, number)) {
      return invalid(form == "month" ? "a month is written YYYY-MM, e.g. month:2024-03"
                                     : "a quarter is written YYYY-N, e.g. quarter:2024-2");
    }
    period.set_kind(form == "month" ? reporting_v1::Period::KIND_MONTH
                                    : reporting_v1::Period::KIND_QUARTER);
    period.set_year(year);
    period.set_number(number);
  } else if (form == "term") {
    int first = 0, last = 0;
    if (!YearPair(value, first, last)) {
      return invalid("a term is written FIRST-LAST years, e.g. term:2020-2025");
    }
    period.set_kind(reporting_v1::Period::KIND_TERM);
    period.set_year(first);
    period.set_end_year(last);
  } else if (form == "range") {
    const size_t dots = value.find("..");
    if (dots == absl::string_view::npos) {
      return invalid("a range is written FIRST..LAST days, e.g. range:2024-01-01..2024-03-15");
    }
    absl::StatusOr<google::type::Date> first = ParseDate(value.substr(0, dots));
    if (!first.ok()) return invalid(first.status().message());
    absl::StatusOr<google::type::Date> last = ParseDate(value.substr(dots + 2));
    if (!last.ok()) return invalid(last.status().message());
    period.set_kind(reporting_v1::Period::KIND_RANGE);
    *period.mutable_start_date() = *first;
    *period.mutable_end_date() = *last;
  } else {
    return invalid(absl::StrCat("no kind of period \"", text.substr(0, colon), "\"; ", kGrammar));
  }

  // The domain's own checks, so the wording of a refused period is the service's too.
  if (absl::StatusOr<reporting::DateRange> range = reporting::ResolvePeriod(ToDomainPeriod(period));
      !range.ok()) {
    return invalid(range.status().message());
  }
  return period;
}

}  // namespace dangbo::ctl
