// How a Member and a MemberEvent map to columns of `members` and `member_events`.
#ifndef DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_ROWS_H_
#define DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_ROWS_H_

#include <string>

#include "services/membership/domain/model.h"
#include "services/membership/store/sql_values.h"

namespace dangbo::membership::internal {

// Every column a Member is read from, qualified with `alias.`, in ReadMember's order.
std::string MemberColumns(const std::string& alias);
Member ReadMember(RowReader& row);

// The columns a write sets (all but id, version and the times), in BindMemberData's order.
inline constexpr const char* kMemberDataColumns[] = {
    "full_name",
    "name_key",
    "gender",
    "state",
    "organization_id",
    "temporary_host_organization_id",
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
    "citizen_id",
    "birth_date",
    "ethnicity",
    "religion",
    "address",
    "admission_decision_date",
    "admission_ceremony_date",
    "full_member_date",
    "exempted",
    "lost_contact",
    "transfer_in_transit",
    "temporarily_attached",
};
void BindMemberData(ParamBinder& binder, const Member& member, const std::string& name_key);

std::string MemberEventColumns(const std::string& alias);
MemberEvent ReadMemberEvent(RowReader& row);

// The columns an event insert sets (all but id), in BindMemberEventData's order.
inline constexpr const char* kMemberEventDataColumns[] = {
    "member_id",
    "type",
    "effective_date",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "ceremony_date",
    "special_age_decision",
    "destination_organization_id",
    "moved_date",
    "temporary_until",
    "temporary_purpose",
    "strike_off_ground",
    "note",
    "state_before",
    "state_after",
    "organization_before",
    "organization_after",
    "recorded_by",
    "record_time",
};
void BindMemberEventData(ParamBinder& binder, const MemberEvent& event);

}  // namespace dangbo::membership::internal

#endif  // DANGBO_SERVICES_MEMBERSHIP_STORE_MEMBER_ROWS_H_
