#include "bench/dataset/api_mapping.h"

namespace dangbo::bench {
namespace {

void SetDate(absl::CivilDay day, google::type::Date* out) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

void SetDate(const std::optional<absl::CivilDay>& day, google::type::Date* (v1::Member::*field)(),
             v1::Member* member) {
  if (day) SetDate(*day, (member->*field)());
}

}  // namespace

v1::CreateOrganizationRequest ToCreateRequest(const GeneratedOrganization& org,
                                              const std::string& parent_name,
                                              const std::string& request_id) {
  v1::CreateOrganizationRequest req;
  req.set_request_id(request_id);
  v1::Organization* out = req.mutable_organization();
  out->set_code(org.code);
  out->set_display_name(org.display_name);
  out->set_kind(org.kind);
  out->set_parent(parent_name);
  out->set_enterprise_name(org.enterprise_name);
  out->set_enterprise_ownership(org.ownership);
  out->set_granted_upper_level_powers(org.granted_upper_level_powers);
  SetDate(org.established, out->mutable_established_date());
  dangbo::type::v1::Decision* decision = req.mutable_decision();
  decision->set_number(org.decision_number);
  SetDate(org.established, decision->mutable_date());
  // The issuer is the parent committee when there is one in the tree (decision.proto).
  decision->set_issuer(parent_name.empty() ? "Ban Chấp hành Trung ương" : parent_name);
  return req;
}

void ToImportRow(const GeneratedMember& m, const std::string& organization_name,
                 v1::ImportRow* row) {
  row->set_row_number(m.row_number);
  row->set_initial_state(m.state);
  v1::Member* out = row->mutable_member();
  out->set_full_name(m.full_name);
  out->set_gender(m.gender);
  out->set_organization(organization_name);
  out->set_party_card_number(m.party_card_number);
  out->set_party_profile_number(m.party_profile_number);
  out->set_general_education(m.general_education);
  out->set_professional_qualification(m.professional_qualification);
  out->set_academic_title(m.academic_title);
  out->set_political_theory_level(m.political_theory_level);
  out->set_occupation(m.occupation);
  out->set_position(m.position);
  out->set_department_leader(m.department_leader);
  out->set_youth_union_member(m.youth_union_member);
  v1::PersonalData* personal = out->mutable_personal_data();
  personal->set_citizen_id(m.citizen_id);
  SetDate(m.birth_date, personal->mutable_birth_date());
  personal->set_ethnicity(m.ethnicity);
  personal->set_religion(m.religion);
  personal->set_address(m.address);
  SetDate(m.admission_decision_date, &v1::Member::mutable_admission_decision_date, out);
  SetDate(m.admission_ceremony_date, &v1::Member::mutable_admission_ceremony_date, out);
  SetDate(m.full_member_date, &v1::Member::mutable_full_member_date, out);
}

}  // namespace dangbo::bench
