#include "services/membership/domain/membership_rules.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/membership/domain/dates.h"

namespace dangbo::membership {
namespace {

using Json = nlohmann::json;

struct IntRule {
  const char* key;
  int MembershipRules::*field;
};

// The JSON keys are the field names, so the file reads like the struct.
constexpr IntRule kIntRules[] = {
    {"admission_min_age_months", &MembershipRules::admission_min_age_months},
    {"admission_max_age_months", &MembershipRules::admission_max_age_months},
    {"probation_months", &MembershipRules::probation_months},
    {"recognition_decision_working_days", &MembershipRules::recognition_decision_working_days},
    {"transfer_start_working_days", &MembershipRules::transfer_start_working_days},
    {"transfer_present_working_days", &MembershipRules::transfer_present_working_days},
    {"temporary_transfer_min_months", &MembershipRules::temporary_transfer_min_months},
    {"temporary_transfer_max_months", &MembershipRules::temporary_transfer_max_months},
    {"temporary_transfer_study_max_months", &MembershipRules::temporary_transfer_study_max_months},
    {"badge_senior_from_years", &MembershipRules::badge_senior_from_years},
    {"badge_early_months_standard", &MembershipRules::badge_early_months_standard},
    {"badge_early_months_senior", &MembershipRules::badge_early_months_senior},
    {"grassroots_min_full_members", &MembershipRules::grassroots_min_full_members},
    {"grassroots_committee_min_members", &MembershipRules::grassroots_committee_min_members},
    {"rating_excellent_min_score", &MembershipRules::rating_excellent_min_score},
    {"rating_good_min_score", &MembershipRules::rating_good_min_score},
    {"rating_completed_min_score", &MembershipRules::rating_completed_min_score},
    {"rating_excellent_max_percent_of_good",
     &MembershipRules::rating_excellent_max_percent_of_good},
    {"party_card_min_digits", &MembershipRules::party_card_min_digits},
    {"party_card_max_digits", &MembershipRules::party_card_max_digits},
    {"max_name_code_points", &MembershipRules::max_name_code_points},
    {"future_tolerance_days", &MembershipRules::future_tolerance_days},
};

absl::Status ApplyVersion(const Json& version, size_t index, MembershipRules& rules) {
  const std::string where = absl::StrCat("versions[", index, "].");
  for (const auto& [key, value] : version.items()) {
    if (key == "effective_from") continue;
    if (key == "badge_milestone_years") {
      if (!value.is_array() || value.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(where, key, ": a non-empty array"));
      }
      std::vector<int> years;
      for (const Json& year : value) {
        if (!year.is_number_integer() || year.get<int>() <= 0) {
          return absl::InvalidArgumentError(absl::StrCat(where, key, ": positive integers"));
        }
        years.push_back(year.get<int>());
      }
      std::sort(years.begin(), years.end());
      rules.badge_milestone_years = std::move(years);
      continue;
    }
    const auto* rule = std::find_if(std::begin(kIntRules), std::end(kIntRules),
                                    [&key](const IntRule& r) { return key == r.key; });
    if (rule == std::end(kIntRules)) {
      return absl::InvalidArgumentError(absl::StrCat(where, key, ": unknown rule"));
    }
    if (!value.is_number_integer() || value.get<long long>() < 0 ||
        value.get<long long>() > 100000) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, key, ": a non-negative integer is required"));
    }
    rules.*(rule->field) = value.get<int>();
  }
  return absl::OkStatus();
}

}  // namespace

RuleBook::RuleBook() : versions_{{Date(1930, 2, 3), MembershipRules{}}} {}

absl::StatusOr<RuleBook> RuleBook::FromVersions(
    std::vector<std::pair<Date, MembershipRules>> versions) {
  if (versions.empty()) return absl::InvalidArgumentError("versions: at least one is required");
  std::sort(versions.begin(), versions.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 1; i < versions.size(); ++i) {
    if (versions[i].first == versions[i - 1].first) {
      return absl::InvalidArgumentError(
          absl::StrCat("versions: two versions take effect on ", FormatDate(versions[i].first)));
    }
  }
  RuleBook book;
  book.versions_ = std::move(versions);
  return book;
}

absl::StatusOr<RuleBook> RuleBook::FromJson(std::string_view json) {
  const Json root = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return absl::InvalidArgumentError("rules: not valid JSON");
  if (!root.is_object() || !root.contains("versions") || !root["versions"].is_array()) {
    return absl::InvalidArgumentError("versions: an array of rule versions is required");
  }
  const Json& list = root["versions"];
  // Later versions inherit from earlier ones by date, whatever order the file lists them in.
  std::vector<std::pair<Date, const Json*>> dated;
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& version = list[i];
    if (!version.is_object() || !version.contains("effective_from") ||
        !version["effective_from"].is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat("versions[", i, "].effective_from: a date YYYY-MM-DD is required"));
    }
    absl::StatusOr<Date> from = ParseDate(version["effective_from"].get<std::string>());
    if (!from.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("versions[", i, "].effective_from: ", from.status().message()));
    }
    dated.emplace_back(*from, &version);
  }
  std::stable_sort(dated.begin(), dated.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<Date, MembershipRules>> versions;
  MembershipRules rules;
  for (size_t i = 0; i < dated.size(); ++i) {
    if (absl::Status status = ApplyVersion(*dated[i].second, i, rules); !status.ok()) {
      return status;
    }
    versions.emplace_back(dated[i].first, rules);
  }
  return FromVersions(std::move(versions));
}

absl::StatusOr<RuleBook> RuleBook::FromJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("rules file ", path, ": cannot be opened"));
  std::stringstream text;
  text << in.rdbuf();
  return FromJson(text.str());
}

const MembershipRules& RuleBook::At(Date date) const {
  // versions_ is never empty: every constructor path guarantees one version.
  auto after = std::upper_bound(versions_.begin(), versions_.end(), date,
                                [](Date d, const auto& version) { return d < version.first; });
  if (after == versions_.begin()) return versions_.front().second;
  return std::prev(after)->second;
}

}  // namespace dangbo::membership
