// Every membership rule that carries a number, as dated configuration (domain.md: several rules
// were replaced in 2025, so a number in force on one date may not be the one in force on
// another). Defaults are domain.md's.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MEMBERSHIP_RULES_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MEMBERSHIP_RULES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/membership/domain/model.h"

namespace dangbo::membership {

struct MembershipRules {
  // Admission (kết nạp): age at the cell's consideration, in full months, both ends included.
  // 731 = 60 years 11 months: "đến đủ 60 tuổi (tính theo tháng)" read as "not yet 61".
  int admission_min_age_months = 18 * 12;
  int admission_max_age_months = 60 * 12 + 11;

  // Probation (dự bị) and its recognition (công nhận chính thức).
  int probation_months = 12;
  int recognition_decision_working_days = 30;

  // Official transfer (chuyển sinh hoạt chính thức).
  int transfer_start_working_days = 60;    // from the move to the letter
  int transfer_present_working_days = 30;  // from the letter to the receiver
  // Temporary transfer (sinh hoạt tạm thời): at least `min`, strictly under `max`, or up to
  // and including `study_max` when the purpose is study.
  int temporary_transfer_min_months = 3;
  int temporary_transfer_max_months = 12;
  int temporary_transfer_study_max_months = 24;

  // Huy hiệu Đảng: milestones in party-age years; how early a seriously ill member may receive
  // one (milestones below `badge_senior_from_years` use the standard window).
  std::vector<int> badge_milestone_years = {30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};
  int badge_senior_from_years = 70;
  int badge_early_months_standard = 12;
  int badge_early_months_senior = 24;

  // Soft rules for grassroots organizations (warnings only).
  int grassroots_min_full_members = 3;
  int grassroots_committee_min_members = 30;

  // Annual rating score bands (since 2025) and the excellent/good ratio (?).
  int rating_excellent_min_score = 90;
  int rating_good_min_score = 70;
  int rating_completed_min_score = 50;
  int rating_excellent_max_percent_of_good = 20;

  // Party card number (số thẻ đảng viên): ASCII digits only. No public text fixes its length;
  // 6 to 12 admits the formats in use while catching stray characters, and can be narrowed.
  int party_card_min_digits = 6;
  int party_card_max_digits = 12;

  // Longest accepted name, in code points after normalization.
  int max_name_code_points = 200;

  // How far past `today` an effective date may lie (0: events record what already happened).
  int future_tolerance_days = 0;
};

// Dated versions of MembershipRules. Versions are sorted by the date they take effect; a date
// before the first version gets the first version.
class RuleBook {
 public:
  // One version, domain.md's defaults, in force since the party's foundation.
  RuleBook();

  // Versions must be non-empty with distinct dates.
  static absl::StatusOr<RuleBook> FromVersions(std::vector<std::pair<Date, MembershipRules>>);

  // {"versions": [{"effective_from": "2025-01-01", "probation_months": 12, ...}, ...]}.
  // Each version starts from the previous one (the first from the defaults) and overrides only
  // the keys it names; an unknown key is an error so that a misspelt rule is not silently
  // ignored.
  static absl::StatusOr<RuleBook> FromJson(std::string_view json);
  static absl::StatusOr<RuleBook> FromJsonFile(const std::string& path);

  const MembershipRules& At(Date date) const;
  const std::vector<std::pair<Date, MembershipRules>>& versions() const { return versions_; }

 private:
  std::vector<std::pair<Date, MembershipRules>> versions_;
};

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MEMBERSHIP_RULES_H_
