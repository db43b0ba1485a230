// Every inspection and discipline rule that carries a number or a list, as dated configuration
// (domain.md: rules were replaced in 2025, so the rule in force on one date may not be the one in
// force on another). Defaults are domain.md's; those marked (?) could not be confirmed from public
// texts and are there to be overridden.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_INSPECTION_RULES_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_INSPECTION_RULES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

// One cell of the authority matrix: the forms `body` may decide for subjects of `subject` kind.
// A (body, subject) pair with no cell may decide nothing.
struct AuthorityCell {
  DecidingBody body = DecidingBody::kUnspecified;
  SubjectKind subject = SubjectKind::kUnspecified;
  std::vector<DisciplineForm> forms;
};

// The longest planned duration of one inspection type at one level, in working days.
struct DurationLimit {
  InspectionType type = InspectionType::kUnspecified;
  Level level = Level::kUnspecified;
  int working_days = 0;
};

std::vector<AuthorityCell> DefaultAuthority();
std::vector<DurationLimit> DefaultDurationLimits();

struct InspectionRules {
  // Forms valid per subject (domain.md §4). Removal from post also needs a post to remove the
  // member from; that is not configurable.
  std::vector<DisciplineForm> organization_forms = {
      DisciplineForm::kReprimand, DisciplineForm::kWarning, DisciplineForm::kDissolution};
  std::vector<DisciplineForm> full_member_forms = {
      DisciplineForm::kReprimand, DisciplineForm::kWarning, DisciplineForm::kRemovalFromPost,
      DisciplineForm::kExpulsion};
  std::vector<DisciplineForm> probationary_member_forms = {DisciplineForm::kReprimand,
                                                           DisciplineForm::kWarning};

  // Who may decide what (discipline_rules.h).
  std::vector<AuthorityCell> authority = DefaultAuthority();

  // Thời hiệu xử lý kỷ luật, in years from the violation by the level (form) it deserves;
  // 0 means no limitation.
  int reprimand_limitation_years = 5;
  int warning_limitation_years = 10;
  int removal_limitation_years = 10;
  int expulsion_limitation_years = 0;
  int dissolution_limitation_years = 0;
  // Categories never time-barred, whatever the form.
  std::vector<ViolationCategory> unlimited_categories = {
      ViolationCategory::kInternalPolitics, ViolationCategory::kNationalSecurityDefence,
      ViolationCategory::kForgedDiploma};

  // Appeals (khiếu nại kỷ luật). The Charter says "one month" from receiving the decision;
  // domain.md reads it as 30 working days, the default here. A non-zero appeal_filing_months
  // counts calendar months instead and takes precedence.
  int appeal_filing_working_days = 30;
  int appeal_filing_months = 0;
  // From the day the resolving body received the appeal.
  int appeal_resolution_working_days = 90;
  int appeal_resolution_working_days_central = 180;

  // Planned durations: the limit per (type, level); a pair with no limit is not checked and
  // never overdue by duration. An extension (gia hạn) may add at most limit / divisor working
  // days, rounded down ("không quá một phần ba").
  std::vector<DurationLimit> duration_limits = DefaultDurationLimits();
  int extension_divisor = 3;
  // The stage that ends the counted duration: the team's report (?).
  InspectionStage duration_ends_at = InspectionStage::kReported;
};

// Dated versions of InspectionRules, like membership's RuleBook: sorted by the date they take
// effect; a date before the first version gets the first version.
class InspectionRuleBook {
 public:
  // One version, the defaults, in force since the party's foundation.
  InspectionRuleBook();

  // Versions must be non-empty with distinct dates.
  static absl::StatusOr<InspectionRuleBook> FromVersions(
      std::vector<std::pair<Date, InspectionRules>> versions);

  // {"versions": [{"effective_from": "2025-07-01", ...rules...}, ...]}. Each version starts from
  // the previous one by date (the first from the defaults) and overrides only what it names:
  //   integer rules by their field name ("reprimand_limitation_years": 5, ...);
  //   "organization_forms" / "full_member_forms" / "probationary_member_forms": ["REPRIMAND", ...];
  //   "unlimited_categories": ["INTERNAL_POLITICS", ...] (the whole list);
  //   "authority": [{"body": "CELL", "subject": "MEMBER", "forms": ["REPRIMAND", "WARNING"]}]
  //     replaces the named cells only ("forms": [] takes a power away);
  //   "duration_limits": [{"type": "THEMATIC_SUPERVISION", "level": "CENTRAL",
  //     "working_days": 45}] replaces the named cells only (0 removes the limit);
  //   "duration_ends_at": "REPORTED".
  // An unknown key or name is INVALID_ARGUMENT, so a misspelt rule is not silently ignored.
  static absl::StatusOr<InspectionRuleBook> FromJson(std::string_view json);
  static absl::StatusOr<InspectionRuleBook> FromJsonFile(const std::string& path);

  const InspectionRules& At(Date date) const;
  const std::vector<std::pair<Date, InspectionRules>>& versions() const { return versions_; }

 private:
  std::vector<std::pair<Date, InspectionRules>> versions_;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_INSPECTION_RULES_H_
