#include "services/membership/domain/vietnam_holidays.h"

namespace dangbo::membership {
namespace {

struct LunarYear {
  int year;
  Date new_year;    // mùng 1 tháng Giêng
  Date hung_kings;  // mùng 10 tháng 3
};

// Computed for UTC+7 (Hanoi) with the new-moon and solar-term rules of the Vietnamese lunar
// calendar (Hồ Ngọc Đức's method); 2020–2026 agree with the published dates. In 2030 the new
// moon falls at about 23:08 on Feb 2 in Hanoi, so Tết comes a day before China's Spring
// Festival (Feb 3, UTC+8).
constexpr LunarYear kLunarYears[] = {
    {2020, Date(2020, 1, 25), Date(2020, 4, 2)},  {2021, Date(2021, 2, 12), Date(2021, 4, 21)},
    {2022, Date(2022, 2, 1), Date(2022, 4, 10)},  {2023, Date(2023, 1, 22), Date(2023, 4, 29)},
    {2024, Date(2024, 2, 10), Date(2024, 4, 18)}, {2025, Date(2025, 1, 29), Date(2025, 4, 7)},
    {2026, Date(2026, 2, 17), Date(2026, 4, 26)}, {2027, Date(2027, 2, 6), Date(2027, 4, 16)},
    {2028, Date(2028, 1, 26), Date(2028, 4, 4)},  {2029, Date(2029, 2, 13), Date(2029, 4, 23)},
    {2030, Date(2030, 2, 2), Date(2030, 4, 12)},
};

const LunarYear* FindLunarYear(int year) {
  for (const LunarYear& entry : kLunarYears) {
    if (entry.year == year) return &entry;
  }
  return nullptr;
}

}  // namespace

std::optional<Date> LunarNewYear(int year) {
  const LunarYear* entry = FindLunarYear(year);
  if (entry == nullptr) return std::nullopt;
  return entry->new_year;
}

std::optional<Date> HungKingsDay(int year) {
  const LunarYear* entry = FindLunarYear(year);
  if (entry == nullptr) return std::nullopt;
  return entry->hung_kings;
}

std::optional<Date> NationalDaySecondDay(int year) {
  if (year < 2021) return std::nullopt;
  // Years whose announcement chose Sep 3 (Thursday–Friday bridges).
  if (year == 2021 || year == 2024) return Date(year, 9, 3);
  return Date(year, 9, 1);
}

HolidayCalendarConfig VietnamHolidayConfig(int first_year, int last_year) {
  HolidayCalendarConfig config;
  std::vector<Date>& days = config.public_holidays;
  for (int year = first_year; year <= last_year; ++year) {
    days.push_back(Date(year, 1, 1));
    if (std::optional<Date> tet = LunarNewYear(year)) {
      for (int offset = -1; offset <= 3; ++offset) days.push_back(*tet + offset);
    }
    if (std::optional<Date> hung = HungKingsDay(year)) days.push_back(*hung);
    days.push_back(Date(year, 4, 30));
    days.push_back(Date(year, 5, 1));
    days.push_back(Date(year, 9, 2));
    if (std::optional<Date> second = NationalDaySecondDay(year)) days.push_back(*second);
  }
  return config;
}

}  // namespace dangbo::membership
