#include "services/membership/domain/working_days.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/membership/domain/dates.h"
#include "services/membership/domain/vietnam_holidays.h"

namespace dangbo::membership {
namespace {

using Json = nlohmann::json;

absl::StatusOr<std::vector<Date>> DateList(const Json& root, const char* key) {
  std::vector<Date> dates;
  if (!root.contains(key)) return dates;
  const Json& list = root[key];
  if (!list.is_array()) return absl::InvalidArgumentError(absl::StrCat(key, ": an array"));
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) {
      return absl::InvalidArgumentError(absl::StrCat(key, "[", i, "]: a date YYYY-MM-DD"));
    }
    absl::StatusOr<Date> date = ParseDate(list[i].get<std::string>());
    if (!date.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(key, "[", i, "]: ", date.status().message()));
    }
    dates.push_back(*date);
  }
  return dates;
}

void Append(std::vector<Date>& to, const std::vector<Date>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

bool IsWeekend(Date date) {
  const absl::Weekday day = absl::GetWeekday(date);
  return day == absl::Weekday::saturday || day == absl::Weekday::sunday;
}

HolidayCalendar::HolidayCalendar(const HolidayCalendarConfig& config) {
  make_up_working_days_.insert(config.make_up_working_days.begin(),
                               config.make_up_working_days.end());
  public_holidays_.insert(config.public_holidays.begin(), config.public_holidays.end());
  days_off_.insert(config.public_holidays.begin(), config.public_holidays.end());
  days_off_.insert(config.extra_days_off.begin(), config.extra_days_off.end());
  if (!config.compensate_weekend_holidays) return;
  // In date order, so that a weekend holiday followed by more holidays (Tết) is compensated
  // after the whole run and two weekend holidays get two distinct days.
  std::vector<Date> holidays(public_holidays_.begin(), public_holidays_.end());
  std::sort(holidays.begin(), holidays.end());
  for (Date holiday : holidays) {
    if (!IsWeekend(holiday) || make_up_working_days_.contains(holiday)) continue;
    Date compensation = holiday + 1;
    while (!IsWorkingDay(compensation)) ++compensation;
    days_off_.insert(compensation);
  }
}

HolidayCalendar HolidayCalendar::VietnamDefault() {
  return HolidayCalendar(VietnamHolidayConfig());
}

absl::StatusOr<HolidayCalendar> HolidayCalendar::FromJson(std::string_view json) {
  const Json root = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    return absl::InvalidArgumentError("holiday calendar: not a JSON object");
  }
  for (const auto& [key, value] : root.items()) {
    if (key != "base" && key != "public_holidays" && key != "removed_holidays" &&
        key != "extra_days_off" && key != "make_up_working_days" &&
        key != "compensate_weekend_holidays") {
      return absl::InvalidArgumentError(absl::StrCat(key, ": unknown setting"));
    }
  }
  HolidayCalendarConfig config;
  const std::string base = root.value("base", std::string("vietnam"));
  if (base == "vietnam") {
    config = VietnamHolidayConfig();
  } else if (base != "none") {
    return absl::InvalidArgumentError("base: 'vietnam' or 'none'");
  }
  absl::StatusOr<std::vector<Date>> added = DateList(root, "public_holidays");
  absl::StatusOr<std::vector<Date>> removed = DateList(root, "removed_holidays");
  absl::StatusOr<std::vector<Date>> swapped = DateList(root, "extra_days_off");
  absl::StatusOr<std::vector<Date>> make_up = DateList(root, "make_up_working_days");
  for (const auto* list : {&added, &removed, &swapped, &make_up}) {
    if (!list->ok()) return list->status();
  }
  Append(config.public_holidays, *added);
  std::erase_if(config.public_holidays, [&removed](Date d) {
    return std::find(removed->begin(), removed->end(), d) != removed->end();
  });
  Append(config.extra_days_off, *swapped);
  Append(config.make_up_working_days, *make_up);
  if (root.contains("compensate_weekend_holidays")) {
    if (!root["compensate_weekend_holidays"].is_boolean()) {
      return absl::InvalidArgumentError("compensate_weekend_holidays: true or false");
    }
    config.compensate_weekend_holidays = root["compensate_weekend_holidays"].get<bool>();
  }
  return HolidayCalendar(config);
}

absl::StatusOr<HolidayCalendar> HolidayCalendar::FromJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("calendar file ", path, ": cannot be opened"));
  std::stringstream text;
  text << in.rdbuf();
  return FromJson(text.str());
}

bool HolidayCalendar::IsWorkingDay(Date date) const {
  if (make_up_working_days_.contains(date)) return true;
  return !IsWeekend(date) && !days_off_.contains(date);
}

bool HolidayCalendar::IsPublicHoliday(Date date) const { return public_holidays_.contains(date); }

Date HolidayCalendar::AddWorkingDays(Date from, int n) const {
  const int step = n < 0 ? -1 : 1;
  Date date = from;
  for (int remaining = n < 0 ? -n : n; remaining > 0;) {
    date += step;
    if (IsWorkingDay(date)) --remaining;
  }
  return date;
}

int HolidayCalendar::WorkingDaysBetween(Date a, Date b) const {
  if (b < a) return -WorkingDaysBetween(b, a);
  int count = 0;
  for (Date date = a + 1; date <= b; ++date) {
    if (IsWorkingDay(date)) ++count;
  }
  return count;
}

}  // namespace dangbo::membership
