#include "common/api/resource_names.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"

namespace dangbo::api {

absl::StatusOr<int64_t> ParseResourceId(std::string_view field, std::string_view collection,
                                        std::string_view name) {
  if (name.empty()) return status::InvalidField(field, "required");
  absl::string_view rest = ToAbsl(name);
  int64_t id = 0;
  if (!absl::ConsumePrefix(&rest, ToAbsl(collection)) || !absl::ConsumePrefix(&rest, "/") ||
      rest.empty() || rest.size() > 18 ||
      rest.find_first_not_of("0123456789") != absl::string_view::npos ||
      !absl::SimpleAtoi(rest, &id) || id <= 0) {
    return status::InvalidField(
        field, absl::StrCat("must look like \"", ToAbsl(collection), "/{id}\" with a positive id"));
  }
  return id;
}

std::string ResourceName(std::string_view collection, int64_t id) {
  return absl::StrCat(ToAbsl(collection), "/", id);
}

}  // namespace dangbo::api
