#include "services/inspection/store/json_lists.h"

#include "nlohmann/json.hpp"

namespace dangbo::inspection::internal {

std::string TextsToJson(const std::vector<std::string>& texts) {
  return nlohmann::json(texts).dump();
}

std::vector<std::string> TextsFromJson(const std::string& json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> texts;
  if (!parsed.is_array()) return texts;
  for (const nlohmann::json& item : parsed) {
    if (item.is_string()) texts.push_back(item.get<std::string>());
  }
  return texts;
}

std::string DatesToJson(const std::vector<absl::CivilDay>& dates) {
  std::vector<std::string> texts;
  texts.reserve(dates.size());
  for (const absl::CivilDay& date : dates) texts.push_back(absl::FormatCivilTime(date));
  return TextsToJson(texts);
}

std::vector<absl::CivilDay> DatesFromJson(const std::string& json) {
  std::vector<absl::CivilDay> dates;
  for (const std::string& text : TextsFromJson(json)) {
    absl::CivilDay day;
    if (absl::ParseCivilTime(text, &day)) dates.push_back(day);
  }
  return dates;
}

}  // namespace dangbo::inspection::internal
