#include "services/reporting/domain/period.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace dangbo::reporting {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("period.", field, ": ", message));
}

absl::Status CheckYear(absl::string_view field, int year) {
  if (year < kFirstReportYear || year > kLastReportYear) {
    return Invalid(field,
                   absl::StrCat(year, " is outside ", kFirstReportYear, "–", kLastReportYear));
  }
  return absl::OkStatus();
}

bool InReportYears(Date day) {
  return day.year() >= kFirstReportYear && day.year() <= kLastReportYear;
}

// A field the kind does not read must be left empty, so that a caller who filled the wrong
// one learns it instead of getting another period than the one meant.
absl::Status CheckUnused(const Period& p, bool number, bool end_year, bool dates) {
  if (!number && p.number != 0) return Invalid("number", "not used by this kind of period");
  if (!end_year && p.end_year != 0) return Invalid("end_year", "not used by this kind of period");
  if (!dates && p.start_date.has_value()) {
    return Invalid("start_date", "not used by this kind of period");
  }
  if (!dates && p.end_date.has_value()) {
    return Invalid("end_date", "not used by this kind of period");
  }
  return absl::OkStatus();
}

absl::Status Validate(const Period& p) {
  switch (p.kind) {
    case PeriodKind::kMonth:
      if (absl::Status s = CheckUnused(p, true, false, false); !s.ok()) return s;
      if (absl::Status s = CheckYear("year", p.year); !s.ok()) return s;
      if (p.number < 1 || p.number > 12) {
        return Invalid("number", absl::StrCat("month ", p.number, " does not exist (1–12)"));
      }
      return absl::OkStatus();
    case PeriodKind::kQuarter:
      if (absl::Status s = CheckUnused(p, true, false, false); !s.ok()) return s;
      if (absl::Status s = CheckYear("year", p.year); !s.ok()) return s;
      if (p.number < 1 || p.number > 4) {
        return Invalid("number", absl::StrCat("quarter ", p.number, " does not exist (1–4)"));
      }
      return absl::OkStatus();
    case PeriodKind::kFirstSixMonths:
    case PeriodKind::kFirstNineMonths:
    case PeriodKind::kYear:
      if (absl::Status s = CheckUnused(p, false, false, false); !s.ok()) return s;
      return CheckYear("year", p.year);
    case PeriodKind::kTerm:
      if (absl::Status s = CheckUnused(p, false, true, false); !s.ok()) return s;
      if (absl::Status s = CheckYear("year", p.year); !s.ok()) return s;
      if (absl::Status s = CheckYear("end_year", p.end_year); !s.ok()) return s;
      if (p.end_year <= p.year) {
        return Invalid("end_year", absl::StrCat("a term ends after it starts; ", p.end_year,
                                                " is not after ", p.year));
      }
      return absl::OkStatus();
    case PeriodKind::kRange:
      if (p.year != 0) return Invalid("year", "not used by a date range");
      if (absl::Status s = CheckUnused(p, false, false, true); !s.ok()) return s;
      if (!p.start_date.has_value()) return Invalid("start_date", "required for a date range");
      if (!p.end_date.has_value()) return Invalid("end_date", "required for a date range");
      if (!InReportYears(*p.start_date)) {
        return Invalid("start_date", absl::StrCat("year ", p.start_date->year(), " is outside ",
                                                  kFirstReportYear, "–", kLastReportYear));
      }
      if (!InReportYears(*p.end_date)) {
        return Invalid("end_date", absl::StrCat("year ", p.end_date->year(), " is outside ",
                                                kFirstReportYear, "–", kLastReportYear));
      }
      if (*p.end_date < *p.start_date) {
        return Invalid("end_date", "before start_date");
      }
      return absl::OkStatus();
    case PeriodKind::kUnspecified:
      break;
  }
  return Invalid("kind", "required");
}

Date LastDayOfMonth(int year, int month) { return Date(absl::CivilMonth(year, month) + 1) - 1; }

std::string DayText(Date day) {
  return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year());
}

const char* RomanQuarter(int quarter) {
  static constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
  return kRoman[quarter - 1];
}

}  // namespace

absl::StatusOr<DateRange> ResolvePeriod(const Period& p) {
  if (absl::Status s = Validate(p); !s.ok()) return s;
  switch (p.kind) {
    case PeriodKind::kMonth:
      return DateRange{Date(p.year, p.number, 1), LastDayOfMonth(p.year, p.number)};
    case PeriodKind::kQuarter: {
      const int first_month = (p.number - 1) * 3 + 1;
      return DateRange{Date(p.year, first_month, 1), LastDayOfMonth(p.year, first_month + 2)};
    }
    case PeriodKind::kFirstSixMonths:
      return DateRange{Date(p.year, 1, 1), Date(p.year, 6, 30)};
    case PeriodKind::kFirstNineMonths:
      return DateRange{Date(p.year, 1, 1), Date(p.year, 9, 30)};
    case PeriodKind::kYear:
      return DateRange{Date(p.year, 1, 1), Date(p.year, 12, 31)};
    case PeriodKind::kTerm:
      return DateRange{Date(p.year, 1, 1), Date(p.end_year, 12, 31)};
    case PeriodKind::kRange:
      return DateRange{*p.start_date, *p.end_date};
    case PeriodKind::kUnspecified:
      break;
  }
  return absl::InternalError("period.kind: validated but not resolved");
}

absl::StatusOr<std::string> PeriodLabel(const Period& p) {
  if (absl::Status s = Validate(p); !s.ok()) return s;
  switch (p.kind) {
    case PeriodKind::kMonth:
      return absl::StrCat("tháng ", p.number, "/", p.year);
    case PeriodKind::kQuarter:
      return absl::StrCat("quý ", RomanQuarter(p.number), "/", p.year);
    case PeriodKind::kFirstSixMonths:
      return absl::StrCat("6 tháng đầu năm ", p.year);
    case PeriodKind::kFirstNineMonths:
      return absl::StrCat("9 tháng đầu năm ", p.year);
    case PeriodKind::kYear:
      return absl::StrCat("năm ", p.year);
    case PeriodKind::kTerm:
      return absl::StrCat("nhiệm kỳ ", p.year, "–", p.end_year);
    case PeriodKind::kRange:
      return absl::StrCat("từ ", DayText(*p.start_date), " đến ", DayText(*p.end_date));
    case PeriodKind::kUnspecified:
      break;
  }
  return absl::InternalError("period.kind: validated but not labelled");
}

}  // namespace dangbo::reporting
