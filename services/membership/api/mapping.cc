#include "services/membership/api/mapping.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/dates.h"
#include "common/api/macros.h"
#include "common/api/resource_names.h"
#include "common/status/absl_compat.h"
#include "common/status/errors.h"
#include "common/status/validate.h"
#include "google/protobuf/any.pb.h"
#include "services/membership/domain/names.h"

namespace dangbo::membership {
namespace {

using api::ParseOptionalDate;
using api::ResourceName;
using api::SetProtoDate;

std::string Field(std::string_view parent, std::string_view child) {
  return absl::StrCat(ToAbsl(parent), ".", ToAbsl(child));
}

// Domain and wire enums share their numbering by design, so mapping is a checked cast.
template <typename Domain>
absl::StatusOr<Domain> EnumFromProto(std::string_view field, int value, bool (*valid)(int)) {
  if (!valid(value)) return status::InvalidField(field, absl::StrCat("unknown value ", value));
  return static_cast<Domain>(value);
}

absl::StatusOr<std::string> Text(std::string_view field, const std::string& value,
                                 size_t max_chars) {
  DANGBO_RETURN_IF_ERROR(status::ValidateText(field, value, max_chars, /*required=*/false));
  return value;
}

absl::StatusOr<std::optional<int64_t>> OptionalOrganization(std::string_view field,
                                                            const std::string& name) {
  if (name.empty()) return std::nullopt;
  DANGBO_ASSIGN_OR_RETURN(int64_t id, api::ParseResourceId(field, kOrganizations, name));
  return id;
}

}  // namespace

absl::StatusOr<Decision> DecisionFromProto(std::string_view field,
                                           const dangbo::type::v1::Decision& in) {
  Decision out;
  DANGBO_ASSIGN_OR_RETURN(out.number, Text(Field(field, "number"), in.number(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.date, ParseOptionalDate(Field(field, "date"), in.date()));
  DANGBO_ASSIGN_OR_RETURN(out.issuer, Text(Field(field, "issuer"), in.issuer(), 256));
  return out;
}

dangbo::type::v1::Decision DecisionToProto(const Decision& in) {
  dangbo::type::v1::Decision out;
  out.set_number(in.number);
  SetProtoDate(in.date, out.mutable_date());
  out.set_issuer(in.issuer);
  return out;
}

absl::StatusOr<Organization> OrganizationFromProto(std::string_view field,
                                                   const pb::Organization& in) {
  Organization out;
  DANGBO_ASSIGN_OR_RETURN(out.code, Text(Field(field, "code"), in.code(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.display_name,
                          NormalizeName(Field(field, "display_name"), in.display_name()));
  DANGBO_ASSIGN_OR_RETURN(out.kind, EnumFromProto<OrganizationKind>(Field(field, "kind"), in.kind(),
                                                                    pb::OrganizationKind_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.parent_id, OptionalOrganization(Field(field, "parent"), in.parent()));
  DANGBO_ASSIGN_OR_RETURN(out.enterprise_name,
                          Text(Field(field, "enterprise_name"), in.enterprise_name(), 512));
  DANGBO_ASSIGN_OR_RETURN(out.ownership,
                          EnumFromProto<EnterpriseOwnership>(Field(field, "enterprise_ownership"),
                                                             in.enterprise_ownership(),
                                                             pb::EnterpriseOwnership_IsValid));
  out.granted_upper_level_powers = in.granted_upper_level_powers();
  DANGBO_ASSIGN_OR_RETURN(out.established_date, ParseOptionalDate(Field(field, "established_date"),
                                                                  in.established_date()));
  return out;
}

pb::Organization OrganizationToProto(const Organization& in) {
  pb::Organization out;
  out.set_name(ResourceName(kOrganizations, in.id));
  out.set_code(in.code);
  out.set_display_name(in.display_name);
  out.set_kind(static_cast<pb::OrganizationKind>(in.kind));
  if (in.parent_id) out.set_parent(ResourceName(kOrganizations, *in.parent_id));
  out.set_enterprise_name(in.enterprise_name);
  out.set_enterprise_ownership(static_cast<pb::EnterpriseOwnership>(in.ownership));
  out.set_granted_upper_level_powers(in.granted_upper_level_powers);
  SetProtoDate(in.established_date, out.mutable_established_date());
  SetProtoDate(in.dissolved_date, out.mutable_dissolved_date());
  if (!in.established_date) out.clear_established_date();
  if (!in.dissolved_date) out.clear_dissolved_date();
  out.set_state(static_cast<pb::OrganizationState>(in.state));
  if (in.merged_into_id) out.set_merged_into(ResourceName(kOrganizations, *in.merged_into_id));
  for (absl::string_view id : absl::StrSplit(in.path, '/', absl::SkipEmpty())) {
    out.add_ancestors(absl::StrCat(ToAbsl(kOrganizations), "/", id));
  }
  *out.mutable_create_time() = api::ToProtoTimestamp(in.create_time);
  *out.mutable_update_time() = api::ToProtoTimestamp(in.update_time);
  out.set_etag(Etag(in.version));
  return out;
}

pb::OrganizationChange OrganizationChangeToProto(const OrganizationVersion& in) {
  pb::OrganizationChange out;
  out.set_organization(ResourceName(kOrganizations, in.organization.id));
  out.set_kind(pb::OrganizationChange::Kind_IsValid(in.change_kind)
                   ? static_cast<pb::OrganizationChange::Kind>(in.change_kind)
                   : pb::OrganizationChange::KIND_UNSPECIFIED);
  *out.mutable_effective_date() = api::ToProtoDate(in.valid_from);
  *out.mutable_decision() = DecisionToProto(in.decision);
  *out.mutable_snapshot() = OrganizationToProto(in.organization);
  for (int64_t id : in.related_ids) {
    out.add_related_organizations(ResourceName(kOrganizations, id));
  }
  return out;
}

absl::StatusOr<Member> MemberFromProto(std::string_view field, const pb::Member& in) {
  Member out;
  DANGBO_ASSIGN_OR_RETURN(out.full_name, NormalizeName(Field(field, "full_name"), in.full_name()));
  DANGBO_ASSIGN_OR_RETURN(
      out.gender, EnumFromProto<Gender>(Field(field, "gender"), in.gender(), pb::Gender_IsValid));
  if (!in.organization().empty()) {
    DANGBO_ASSIGN_OR_RETURN(
        out.organization_id,
        api::ParseResourceId(Field(field, "organization"), kOrganizations, in.organization()));
  }
  // The card number's format is a dated rule: the handler checks it (CheckCardNumber).
  DANGBO_ASSIGN_OR_RETURN(out.party_card_number,
                          Text(Field(field, "party_card_number"), in.party_card_number(), 32));
  DANGBO_ASSIGN_OR_RETURN(out.party_profile_number, Text(Field(field, "party_profile_number"),
                                                         in.party_profile_number(), 32));
  DANGBO_ASSIGN_OR_RETURN(out.general_education,
                          Text(Field(field, "general_education"), in.general_education(), 32));
  DANGBO_ASSIGN_OR_RETURN(
      out.professional_qualification,
      Text(Field(field, "professional_qualification"), in.professional_qualification(), 256));
  DANGBO_ASSIGN_OR_RETURN(out.academic_title,
                          Text(Field(field, "academic_title"), in.academic_title(), 128));
  DANGBO_ASSIGN_OR_RETURN(out.political_theory_level,
                          EnumFromProto<PoliticalTheoryLevel>(
                              Field(field, "political_theory_level"), in.political_theory_level(),
                              pb::PoliticalTheoryLevel_IsValid));
  DANGBO_ASSIGN_OR_RETURN(out.occupation, Text(Field(field, "occupation"), in.occupation(), 256));
  DANGBO_ASSIGN_OR_RETURN(out.position, Text(Field(field, "position"), in.position(), 256));
  out.department_leader = in.department_leader();
  out.youth_union_member = in.youth_union_member();

  const std::string personal = Field(field, "personal_data");
  const pb::PersonalData& pd = in.personal_data();
  if (!pd.citizen_id().empty()) {
    DANGBO_RETURN_IF_ERROR(Prefixed(personal, CheckCitizenId(pd.citizen_id())));
  }
  out.personal.citizen_id = pd.citizen_id();
  DANGBO_ASSIGN_OR_RETURN(out.personal.birth_date,
                          ParseOptionalDate(Field(personal, "birth_date"), pd.birth_date()));
  DANGBO_ASSIGN_OR_RETURN(out.personal.ethnicity,
                          Text(Field(personal, "ethnicity"), pd.ethnicity(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.personal.religion,
                          Text(Field(personal, "religion"), pd.religion(), 64));
  DANGBO_ASSIGN_OR_RETURN(out.personal.address,
                          Text(Field(personal, "address"), pd.address(), 512));

  DANGBO_ASSIGN_OR_RETURN(
      out.admission_decision_date,
      ParseOptionalDate(Field(field, "admission_decision_date"), in.admission_decision_date()));
  DANGBO_ASSIGN_OR_RETURN(
      out.admission_ceremony_date,
      ParseOptionalDate(Field(field, "admission_ceremony_date"), in.admission_ceremony_date()));
  DANGBO_ASSIGN_OR_RETURN(out.full_member_date, ParseOptionalDate(Field(field, "full_member_date"),
                                                                  in.full_member_date()));
  return out;
}

pb::Member MemberToProto(const Member& in, bool with_personal_data) {
  pb::Member out;
  out.set_name(ResourceName(kMembers, in.id));
  out.set_full_name(in.full_name);
  out.set_gender(static_cast<pb::Gender>(in.gender));
  out.set_state(static_cast<pb::MemberState>(in.state));
  out.set_organization(ResourceName(kOrganizations, in.organization_id));
  if (in.temporary_host_organization_id) {
    out.set_temporary_host_organization(
        ResourceName(kOrganizations, *in.temporary_host_organization_id));
  }
  out.set_party_card_number(in.party_card_number);
  out.set_party_profile_number(in.party_profile_number);
  out.set_general_education(in.general_education);
  out.set_professional_qualification(in.professional_qualification);
  out.set_academic_title(in.academic_title);
  out.set_political_theory_level(static_cast<pb::PoliticalTheoryLevel>(in.political_theory_level));
  out.set_occupation(in.occupation);
  out.set_position(in.position);
  out.set_department_leader(in.department_leader);
  out.set_youth_union_member(in.youth_union_member);
  if (with_personal_data) {
    pb::PersonalData* pd = out.mutable_personal_data();
    pd->set_citizen_id(in.personal.citizen_id);
    if (in.personal.birth_date)
      *pd->mutable_birth_date() = api::ToProtoDate(*in.personal.birth_date);
    pd->set_ethnicity(in.personal.ethnicity);
    pd->set_religion(in.personal.religion);
    pd->set_address(in.personal.address);
  }
  if (in.admission_decision_date) {
    *out.mutable_admission_decision_date() = api::ToProtoDate(*in.admission_decision_date);
  }
  if (in.admission_ceremony_date) {
    *out.mutable_admission_ceremony_date() = api::ToProtoDate(*in.admission_ceremony_date);
  }
  if (in.full_member_date) *out.mutable_full_member_date() = api::ToProtoDate(*in.full_member_date);
  out.set_exempted(in.exempted);
  out.set_lost_contact(in.lost_contact);
  out.set_transfer_in_transit(in.transfer_in_transit);
  out.set_temporarily_attached(in.temporarily_attached);
  *out.mutable_create_time() = api::ToProtoTimestamp(in.create_time);
  *out.mutable_update_time() = api::ToProtoTimestamp(in.update_time);
  out.set_etag(Etag(in.version));
  return out;
}

absl::StatusOr<MemberEvent> MemberEventFromProto(std::string_view field,
                                                 const pb::MemberEvent& in) {
  MemberEvent out;
  DANGBO_ASSIGN_OR_RETURN(out.type, EnumFromProto<MemberEventType>(Field(field, "type"), in.type(),
                                                                   pb::MemberEventType_IsValid));
  if (out.type == MemberEventType::kUnspecified) {
    return status::InvalidField(Field(field, "type"), "required");
  }
  if (out.type == MemberEventType::kOrganizationMerged ||
      out.type == MemberEventType::kOrganizationSplit) {
    return status::InvalidField(Field(field, "type"),
                                "is recorded by MergeOrganizations and SplitOrganization only");
  }
  DANGBO_ASSIGN_OR_RETURN(out.effective_date, api::ParseRequiredDate(Field(field, "effective_date"),
                                                                     in.effective_date()));
  DANGBO_ASSIGN_OR_RETURN(out.decision, DecisionFromProto(Field(field, "decision"), in.decision()));
  DANGBO_ASSIGN_OR_RETURN(out.ceremony_date,
                          ParseOptionalDate(Field(field, "ceremony_date"), in.ceremony_date()));
  out.special_age_decision = in.special_age_decision();
  DANGBO_ASSIGN_OR_RETURN(out.destination_organization_id,
                          OptionalOrganization(Field(field, "destination_organization"),
                                               in.destination_organization()));
  DANGBO_ASSIGN_OR_RETURN(out.moved_date,
                          ParseOptionalDate(Field(field, "moved_date"), in.moved_date()));
  DANGBO_ASSIGN_OR_RETURN(out.temporary_until,
                          ParseOptionalDate(Field(field, "temporary_until"), in.temporary_until()));
  DANGBO_ASSIGN_OR_RETURN(out.temporary_purpose,
                          EnumFromProto<TemporaryTransferPurpose>(
                              Field(field, "temporary_purpose"), in.temporary_purpose(),
                              pb::TemporaryTransferPurpose_IsValid));
  DANGBO_ASSIGN_OR_RETURN(
      out.strike_off_ground,
      EnumFromProto<StrikeOffGround>(Field(field, "strike_off_ground"), in.strike_off_ground(),
                                     pb::StrikeOffGround_IsValid));
  DANGBO_RETURN_IF_ERROR(status::ValidateMultilineText(Field(field, "note"), in.note(), 2000,
                                                       /*required=*/false));
  out.note = in.note();
  return out;
}

pb::MemberEvent MemberEventToProto(const MemberEvent& in) {
  pb::MemberEvent out;
  out.set_name(absl::StrCat(ResourceName(kMembers, in.member_id), "/events/", in.id));
  out.set_type(static_cast<pb::MemberEventType>(in.type));
  *out.mutable_effective_date() = api::ToProtoDate(in.effective_date);
  *out.mutable_decision() = DecisionToProto(in.decision);
  if (in.ceremony_date) *out.mutable_ceremony_date() = api::ToProtoDate(*in.ceremony_date);
  out.set_special_age_decision(in.special_age_decision);
  if (in.destination_organization_id) {
    out.set_destination_organization(ResourceName(kOrganizations, *in.destination_organization_id));
  }
  if (in.moved_date) *out.mutable_moved_date() = api::ToProtoDate(*in.moved_date);
  if (in.temporary_until) *out.mutable_temporary_until() = api::ToProtoDate(*in.temporary_until);
  out.set_temporary_purpose(static_cast<pb::TemporaryTransferPurpose>(in.temporary_purpose));
  out.set_strike_off_ground(static_cast<pb::StrikeOffGround>(in.strike_off_ground));
  out.set_note(in.note);
  out.set_state_before(static_cast<pb::MemberState>(in.state_before));
  out.set_state_after(static_cast<pb::MemberState>(in.state_after));
  if (in.organization_before) {
    out.set_organization_before(ResourceName(kOrganizations, in.organization_before));
  }
  if (in.organization_after) {
    out.set_organization_after(ResourceName(kOrganizations, in.organization_after));
  }
  out.set_recorded_by(in.recorded_by);
  *out.mutable_record_time() = api::ToProtoTimestamp(in.record_time);
  return out;
}

}  // namespace dangbo::membership

namespace dangbo::membership {

ChangeRecord MakeChange(std::string resource, std::string_view verb,
                        const google::protobuf::Message& payload) {
  google::protobuf::Any any;
  any.PackFrom(payload);
  return ChangeRecord{
      .resource = std::move(resource),
      .change_type = absl::StrCat(payload.GetDescriptor()->full_name(), ".", ToAbsl(verb)),
      .payload = any.SerializeAsString()};
}

}  // namespace dangbo::membership
