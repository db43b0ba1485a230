#include "tools/dangboctl/member_fields.h"

namespace dangbo::ctl {

const std::vector<std::string>& MemberInputFields() {
  static const auto* const kFields = new std::vector<std::string>{
      "personal_data.citizen_id",
      "full_name",
      "gender",
      "organization",
      "party_card_number",
      "party_profile_number",
      "general_education",
      "professional_qualification",
      "academic_title",
      "political_theory_level",
      "occupation",
      "position",
      "department_leader",
      "youth_union_member",
      "personal_data.birth_date",
      "personal_data.ethnicity",
      "personal_data.religion",
      "personal_data.address",
      "admission_decision_date",
      "admission_ceremony_date",
      "full_member_date",
  };
  return *kFields;
}

const std::vector<std::string>& MemberProfileFields() {
  static const auto* const kFields = new std::vector<std::string>{
      "full_name",
      "gender",
      "party_card_number",
      "party_profile_number",
      "general_education",
      "professional_qualification",
      "academic_title",
      "political_theory_level",
      "occupation",
      "position",
      "department_leader",
      "youth_union_member",
      "personal_data.citizen_id",
      "personal_data.birth_date",
      "personal_data.ethnicity",
      "personal_data.religion",
      "personal_data.address",
  };
  return *kFields;
}

}  // namespace dangbo::ctl
