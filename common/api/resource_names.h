// AIP resource names ("organizations/42") to ids and back.
#ifndef DANGBO_COMMON_API_RESOURCE_NAMES_H_
#define DANGBO_COMMON_API_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace dangbo::api {

// Parses "<collection>/<id>" where id is a positive decimal integer. Errors are
// INVALID_ARGUMENT naming `field`.
absl::StatusOr<int64_t> ParseResourceId(std::string_view field, std::string_view collection,
                                        std::string_view name);

std::string ResourceName(std::string_view collection, int64_t id);

}  // namespace dangbo::api

#endif  // DANGBO_COMMON_API_RESOURCE_NAMES_H_
