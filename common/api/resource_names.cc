#include "common/api/resource_names.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/errors.h"

namespace dangbo::api {

absl::StatusOr<int64_t> ParseResourceId(std::string_view field, std::string_view collection,
                                        std::string_view name) {
  if (name.empty()) return status::InvalidField(field, "required");
  std::string_view rest = name;
  int64_t id = 0;
  if (!absl::ConsumePrefix(&rest, collection) || !absl::ConsumePrefix(&rest, "/") ||
      rest.empty() || rest.size() > 18 ||
      rest.find_first_not_of("0123456789") != std::string_view::npos ||
      !absl::SimpleAtoi(rest, &id) || id <= 0) {
    return status::InvalidField(
        field, absl::StrCat("must look like \"", collection, "/{id}\" with a positive id"));
  }
  return id;
}

std::string ResourceName(std::string_view collection, int64_t id) {
  return absl::StrCat(collection, "/", id);
}

}  // namespace dangbo::api
