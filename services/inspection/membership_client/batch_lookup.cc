#include "services/inspection/membership_client/batch_lookup.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/absl_compat.h"
#include "common/status/details.h"
#include "google/rpc/error_details.pb.h"

namespace dangbo::inspection {
namespace {

// The first "<collection>/<digits>" in `text` whose id is among `asked`.
std::optional<int64_t> NamedIdIn(absl::string_view text, absl::string_view collection,
                                 const std::vector<int64_t>& asked) {
  const std::string prefix = absl::StrCat(collection, "/");
  for (size_t at = text.find(prefix); at != absl::string_view::npos;
       at = text.find(prefix, at + 1)) {
    // "suborganizations/3" is not "organizations/3".
    if (at > 0 && (absl::ascii_isalnum(text[at - 1]) || text[at - 1] == '_')) continue;
    size_t end = at + prefix.size();
    while (end < text.size() && absl::ascii_isdigit(text[end])) ++end;
    int64_t id = 0;
    if (!absl::SimpleAtoi(text.substr(at + prefix.size(), end - at - prefix.size()), &id)) {
      continue;
    }
    if (std::find(asked.begin(), asked.end(), id) != asked.end()) return id;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> UnknownIdIn(const absl::Status& status, std::string_view collection,
                                   const std::vector<int64_t>& asked) {
  if (status.code() != absl::StatusCode::kNotFound) return std::nullopt;
  if (std::optional<google::rpc::ResourceInfo> info =
          status::GetDetail<google::rpc::ResourceInfo>(status)) {
    if (std::optional<int64_t> id = NamedIdIn(info->resource_name(), ToAbsl(collection), asked)) {
      return id;
    }
  }
  return NamedIdIn(status.message(), ToAbsl(collection), asked);
}

}  // namespace dangbo::inspection
