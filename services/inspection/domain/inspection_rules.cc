#include "services/inspection/domain/inspection_rules.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/inspection/domain/enum_names.h"
#include "services/membership/domain/dates.h"

namespace dangbo::inspection {
namespace {

using Json = nlohmann::json;
using Form = DisciplineForm;

struct IntRule {
  const char* key;
  int InspectionRules::*field;
  int min;
};

// The JSON keys are the field names, so the file reads like the struct.
constexpr IntRule kIntRules[] = {
    {"reprimand_limitation_years", &InspectionRules::reprimand_limitation_years, 0},
    {"warning_limitation_years", &InspectionRules::warning_limitation_years, 0},
    {"removal_limitation_years", &InspectionRules::removal_limitation_years, 0},
    {"expulsion_limitation_years", &InspectionRules::expulsion_limitation_years, 0},
    {"dissolution_limitation_years", &InspectionRules::dissolution_limitation_years, 0},
    {"appeal_filing_working_days", &InspectionRules::appeal_filing_working_days, 1},
    {"appeal_filing_months", &InspectionRules::appeal_filing_months, 0},
    {"appeal_resolution_working_days", &InspectionRules::appeal_resolution_working_days, 1},
    {"appeal_resolution_working_days_central",
     &InspectionRules::appeal_resolution_working_days_central, 1},
    {"extension_divisor", &InspectionRules::extension_divisor, 1},
};

template <typename E>
absl::StatusOr<E> ParseName(const Json& value, const std::string& where,
                            std::optional<E> (*parse)(std::string_view)) {
  if (value.is_string()) {
    if (std::optional<E> parsed = parse(value.get<std::string>())) return *parsed;
  }
  return absl::InvalidArgumentError(absl::StrCat(where, ": unknown name ", value.dump()));
}

template <typename E>
absl::StatusOr<std::vector<E>> ParseNames(const Json& value, const std::string& where,
                                          std::optional<E> (*parse)(std::string_view)) {
  if (!value.is_array()) return absl::InvalidArgumentError(absl::StrCat(where, ": an array"));
  std::vector<E> names;
  for (size_t i = 0; i < value.size(); ++i) {
    absl::StatusOr<E> name = ParseName(value[i], absl::StrCat(where, "[", i, "]"), parse);
    if (!name.ok()) return name.status();
    if (std::find(names.begin(), names.end(), *name) == names.end()) names.push_back(*name);
  }
  return names;
}

absl::Status ApplyAuthority(const Json& value, const std::string& where,
                            std::vector<AuthorityCell>& authority) {
  if (!value.is_array()) return absl::InvalidArgumentError(absl::StrCat(where, ": an array"));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string item = absl::StrCat(where, "[", i, "]");
    const Json& cell = value[i];
    if (!cell.is_object() || !cell.contains("body") || !cell.contains("subject") ||
        !cell.contains("forms") || cell.size() != 3) {
      return absl::InvalidArgumentError(
          absl::StrCat(item, ": {\"body\", \"subject\", \"forms\"} are required, nothing else"));
    }
    absl::StatusOr<DecidingBody> body =
        ParseName(cell["body"], absl::StrCat(item, ".body"), &ParseDecidingBody);
    if (!body.ok()) return body.status();
    absl::StatusOr<SubjectKind> subject =
        ParseName(cell["subject"], absl::StrCat(item, ".subject"), &ParseSubjectKind);
    if (!subject.ok()) return subject.status();
    absl::StatusOr<std::vector<Form>> forms =
        ParseNames(cell["forms"], absl::StrCat(item, ".forms"), &ParseDisciplineForm);
    if (!forms.ok()) return forms.status();
    auto existing = std::find_if(authority.begin(), authority.end(), [&](const AuthorityCell& c) {
      return c.body == *body && c.subject == *subject;
    });
    if (existing != authority.end()) {
      existing->forms = *std::move(forms);
    } else {
      authority.push_back({.body = *body, .subject = *subject, .forms = *std::move(forms)});
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyDurationLimits(const Json& value, const std::string& where,
                                 std::vector<DurationLimit>& limits) {
  if (!value.is_array()) return absl::InvalidArgumentError(absl::StrCat(where, ": an array"));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string item = absl::StrCat(where, "[", i, "]");
    const Json& cell = value[i];
    if (!cell.is_object() || !cell.contains("type") || !cell.contains("level") ||
        !cell.contains("working_days") || cell.size() != 3) {
      return absl::InvalidArgumentError(absl::StrCat(
          item, ": {\"type\", \"level\", \"working_days\"} are required, nothing else"));
    }
    absl::StatusOr<InspectionType> type =
        ParseName(cell["type"], absl::StrCat(item, ".type"), &ParseInspectionType);
    if (!type.ok()) return type.status();
    absl::StatusOr<Level> level =
        ParseName(cell["level"], absl::StrCat(item, ".level"), &ParseLevel);
    if (!level.ok()) return level.status();
    const Json& days = cell["working_days"];
    if (!days.is_number_integer() || days.get<long long>() < 0 || days.get<long long>() > 10000) {
      return absl::InvalidArgumentError(
          absl::StrCat(item, ".working_days: a non-negative integer is required"));
    }
    std::erase_if(limits,
                  [&](const DurationLimit& l) { return l.type == *type && l.level == *level; });
    if (days.get<int>() > 0) {
      limits.push_back({.type = *type, .level = *level, .working_days = days.get<int>()});
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyVersion(const Json& version, size_t index, InspectionRules& rules) {
  const std::string where = absl::StrCat("versions[", index, "].");
  for (const auto& [key, value] : version.items()) {
    const std::string field = absl::StrCat(where, key);
    absl::Status status;
    if (key == "effective_from") continue;
    if (key == "organization_forms" || key == "full_member_forms" ||
        key == "probationary_member_forms") {
      absl::StatusOr<std::vector<Form>> forms = ParseNames(value, field, &ParseDisciplineForm);
      if (!forms.ok()) return forms.status();
      std::vector<Form>& target = key == "organization_forms"  ? rules.organization_forms
                                  : key == "full_member_forms" ? rules.full_member_forms
                                                               : rules.probationary_member_forms;
      target = *std::move(forms);
    } else if (key == "unlimited_categories") {
      absl::StatusOr<std::vector<ViolationCategory>> categories =
          ParseNames(value, field, &ParseViolationCategory);
      if (!categories.ok()) return categories.status();
      rules.unlimited_categories = *std::move(categories);
    } else if (key == "authority") {
      status = ApplyAuthority(value, field, rules.authority);
    } else if (key == "duration_limits") {
      status = ApplyDurationLimits(value, field, rules.duration_limits);
    } else if (key == "duration_ends_at") {
      absl::StatusOr<InspectionStage> stage = ParseName(value, field, &ParseInspectionStage);
      if (!stage.ok()) return stage.status();
      rules.duration_ends_at = *stage;
    } else {
      const auto* rule = std::find_if(std::begin(kIntRules), std::end(kIntRules),
                                      [&key](const IntRule& r) { return key == r.key; });
      if (rule == std::end(kIntRules)) {
        return absl::InvalidArgumentError(absl::StrCat(field, ": unknown rule"));
      }
      if (!value.is_number_integer() || value.get<long long>() < rule->min ||
          value.get<long long>() > 100000) {
        return absl::InvalidArgumentError(
            absl::StrCat(field, ": an integer of at least ", rule->min, " is required"));
      }
      rules.*(rule->field) = value.get<int>();
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<AuthorityCell> DefaultAuthority() {
  using B = DecidingBody;
  using S = SubjectKind;
  const std::vector<Form> all_member_forms = {Form::kReprimand, Form::kWarning,
                                              Form::kRemovalFromPost, Form::kExpulsion};
  // Cells absent from this list may decide nothing: a sub-committee (đảng ủy bộ phận) and a
  // grassroots committee's standing committee cannot discipline (domain.md §4).
  return {
      // A cell reprimands or warns its own members; removal and expulsion are decided above it.
      {.body = B::kCell, .subject = S::kMember, .forms = {Form::kReprimand, Form::kWarning}},
      // Đảng ủy cơ sở: reprimand, warn, remove lower committee members from their posts (?);
      // reprimand or warn its cells (?).
      {.body = B::kGrassrootsExecutive,
       .subject = S::kMember,
       .forms = {Form::kReprimand, Form::kWarning, Form::kRemovalFromPost}},
      {.body = B::kGrassrootsExecutive,
       .subject = S::kOrganization,
       .forms = {Form::kReprimand, Form::kWarning}},
      // Granted upper-level powers, a grassroots committee also expels (?).
      {.body = B::kGrassrootsExecutiveUpperPowers,
       .subject = S::kMember,
       .forms = all_member_forms},
      {.body = B::kGrassrootsExecutiveUpperPowers,
       .subject = S::kOrganization,
       .forms = {Form::kReprimand, Form::kWarning}},
      // UBKT đảng ủy cơ sở: reprimand or warn members of its committee's organization (?).
      {.body = B::kGrassrootsInspectionCommittee,
       .subject = S::kMember,
       .forms = {Form::kReprimand, Form::kWarning}},
      // Upper levels decide every member form; only the executive committee dissolves (?).
      {.body = B::kUpperExecutive, .subject = S::kMember, .forms = all_member_forms},
      {.body = B::kUpperExecutive,
       .subject = S::kOrganization,
       .forms = {Form::kReprimand, Form::kWarning, Form::kDissolution}},
      {.body = B::kUpperStandingCommittee, .subject = S::kMember, .forms = all_member_forms},
      {.body = B::kUpperStandingCommittee,
       .subject = S::kOrganization,
       .forms = {Form::kReprimand, Form::kWarning}},
      // The UBKT disciplines members, not organizations (?).
      {.body = B::kUpperInspectionCommittee, .subject = S::kMember, .forms = all_member_forms},
  };
}

std::vector<DurationLimit> DefaultDurationLimits() {
  using T = InspectionType;
  std::vector<DurationLimit> limits;
  auto add = [&limits](T type, int central, int provincial, int district, int grassroots) {
    limits.push_back({type, Level::kCentral, central});
    limits.push_back({type, Level::kProvincial, provincial});
    limits.push_back({type, Level::kDistrict, district});
    limits.push_back({type, Level::kGrassroots, grassroots});
  };
  // domain.md §3.
  add(T::kThematicSupervision, 45, 30, 25, 20);
  // Inspections (?): the figures used for violation-signs inspections, applied to every kind
  // of inspection until confirmed.
  for (T type : {T::kThematicInspection, T::kViolationSignsInspection, T::kInspectionDutyInspection,
                 T::kDisciplineExecutionInspection, T::kFinanceInspection, T::kDuesInspection}) {
    add(type, 90, 60, 45, 30);
  }
  // Regular supervision is continuous, a self-inspection is the lower level's own, and
  // denunciations and appeals run on their own deadlines: no duration limit.
  return limits;
}

InspectionRuleBook::InspectionRuleBook() : versions_{{Date(1930, 2, 3), InspectionRules{}}} {}

absl::StatusOr<InspectionRuleBook> InspectionRuleBook::FromVersions(
    std::vector<std::pair<Date, InspectionRules>> versions) {
  if (versions.empty()) return absl::InvalidArgumentError("versions: at least one is required");
  std::sort(versions.begin(), versions.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 1; i < versions.size(); ++i) {
    if (versions[i].first == versions[i - 1].first) {
      return absl::InvalidArgumentError(absl::StrCat("versions: two versions take effect on ",
                                                     membership::FormatDate(versions[i].first)));
    }
  }
  InspectionRuleBook book;
  book.versions_ = std::move(versions);
  return book;
}

absl::StatusOr<InspectionRuleBook> InspectionRuleBook::FromJson(std::string_view json) {
  const Json root = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return absl::InvalidArgumentError("rules: not valid JSON");
  if (!root.is_object() || !root.contains("versions") || !root["versions"].is_array()) {
    return absl::InvalidArgumentError("versions: an array of rule versions is required");
  }
  const Json& list = root["versions"];
  // Later versions inherit from earlier ones by date, whatever order the file lists them in.
  std::vector<std::pair<Date, size_t>> dated;
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& version = list[i];
    if (!version.is_object() || !version.contains("effective_from") ||
        !version["effective_from"].is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat("versions[", i, "].effective_from: a date YYYY-MM-DD is required"));
    }
    absl::StatusOr<Date> from = membership::ParseDate(version["effective_from"].get<std::string>());
    if (!from.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("versions[", i, "].effective_from: ", from.status().message()));
    }
    dated.emplace_back(*from, i);
  }
  std::stable_sort(dated.begin(), dated.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<Date, InspectionRules>> versions;
  InspectionRules rules;
  for (const auto& [from, index] : dated) {
    if (absl::Status status = ApplyVersion(list[index], index, rules); !status.ok()) {
      return status;
    }
    versions.emplace_back(from, rules);
  }
  return FromVersions(std::move(versions));
}

absl::StatusOr<InspectionRuleBook> InspectionRuleBook::FromJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("rules file ", path, ": cannot be opened"));
  std::stringstream text;
  text << in.rdbuf();
  return FromJson(text.str());
}

const InspectionRules& InspectionRuleBook::At(Date date) const {
  // versions_ is never empty: every constructor path guarantees one version.
  auto after = std::upper_bound(versions_.begin(), versions_.end(), date,
                                [](Date d, const auto& version) { return d < version.first; });
  if (after == versions_.begin()) return versions_.front().second;
  return std::prev(after)->second;
}

}  // namespace dangbo::inspection
