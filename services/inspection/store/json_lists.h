// Lists of texts and dates kept as JSON arrays in one column: they are only ever read and
// written whole (notice sections, circumstances, violation dates).
#ifndef DANGBO_SERVICES_INSPECTION_STORE_JSON_LISTS_H_
#define DANGBO_SERVICES_INSPECTION_STORE_JSON_LISTS_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace dangbo::inspection::internal {

std::string TextsToJson(const std::vector<std::string>& texts);
// Anything but a JSON array of strings reads as empty (the column's CHECK keeps it valid JSON).
std::vector<std::string> TextsFromJson(const std::string& json);

std::string DatesToJson(const std::vector<absl::CivilDay>& dates);
std::vector<absl::CivilDay> DatesFromJson(const std::string& json);

}  // namespace dangbo::inspection::internal

#endif  // DANGBO_SERVICES_INSPECTION_STORE_JSON_LISTS_H_
