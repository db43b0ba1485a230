#include "services/membership/store/member_rows.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace dangbo::membership::internal {
namespace {

std::string Qualified(const std::string& alias, const std::vector<const char*>& columns) {
  return absl::StrJoin(columns, ", ", [&alias](std::string* out, const char* column) {
    absl::StrAppend(out, alias, ".", column);
  });
}

}  // namespace

std::string MemberColumns(const std::string& alias) {
  // name_key is derived from full_name; it is written, never read back.
  std::vector<const char*> columns = {"id"};
  for (const char* column : kMemberDataColumns) {
    if (std::string_view(column) != "name_key") columns.push_back(column);
  }
  columns.insert(columns.end(), {"version", "create_time", "update_time"});
  return Qualified(alias, columns);
}

Member ReadMember(RowReader& row) {
  Member m;
  m.id = row.Int64();
  m.full_name = row.String();
  m.gender = row.EnumValue<Gender>();
  m.state = row.EnumValue<MemberState>();
  m.organization_id = row.Int64();
  m.temporary_host_organization_id = row.OptionalInt64();
  m.party_card_number = row.String();
  m.party_profile_number = row.String();
  m.general_education = row.String();
  m.professional_qualification = row.String();
  m.academic_title = row.String();
  m.political_theory_level = row.EnumValue<PoliticalTheoryLevel>();
  m.occupation = row.String();
  m.position = row.String();
  m.department_leader = row.Bool();
  m.youth_union_member = row.Bool();
  m.personal.citizen_id = row.String();
  m.personal.birth_date = row.OptionalDate();
  m.personal.ethnicity = row.String();
  m.personal.religion = row.String();
  m.personal.address = row.String();
  m.admission_decision_date = row.OptionalDate();
  m.admission_ceremony_date = row.OptionalDate();
  m.full_member_date = row.OptionalDate();
  m.exempted = row.Bool();
  m.lost_contact = row.Bool();
  m.transfer_in_transit = row.Bool();
  m.temporarily_attached = row.Bool();
  m.version = row.Int64();
  m.create_time = row.Time();
  m.update_time = row.Time();
  return m;
}

void BindMemberData(ParamBinder& binder, const Member& m, const std::string& name_key) {
  binder.String(m.full_name)
      .String(name_key)
      .EnumValue(m.gender)
      .EnumValue(m.state)
      .Int64(m.organization_id)
      .OptionalInt64(m.temporary_host_organization_id)
      .StringOrNull(m.party_card_number)
      .String(m.party_profile_number)
      .String(m.general_education)
      .String(m.professional_qualification)
      .String(m.academic_title)
      .EnumValue(m.political_theory_level)
      .String(m.occupation)
      .String(m.position)
      .Bool(m.department_leader)
      .Bool(m.youth_union_member)
      .StringOrNull(m.personal.citizen_id)
      .OptionalDate(m.personal.birth_date)
      .String(m.personal.ethnicity)
      .String(m.personal.religion)
      .String(m.personal.address)
      .OptionalDate(m.admission_decision_date)
      .OptionalDate(m.admission_ceremony_date)
      .OptionalDate(m.full_member_date)
      .Bool(m.exempted)
      .Bool(m.lost_contact)
      .Bool(m.transfer_in_transit)
      .Bool(m.temporarily_attached);
}

std::string MemberEventColumns(const std::string& alias) {
  std::vector<const char*> columns = {"id"};
  columns.insert(columns.end(), std::begin(kMemberEventDataColumns),
                 std::end(kMemberEventDataColumns));
  return Qualified(alias, columns);
}

MemberEvent ReadMemberEvent(RowReader& row) {
  MemberEvent e;
  e.id = row.Int64();
  e.member_id = row.Int64();
  e.type = row.EnumValue<MemberEventType>();
  e.effective_date = row.Date();
  e.decision.number = row.String();
  e.decision.date = row.OptionalDate();
  e.decision.issuer = row.String();
  e.ceremony_date = row.OptionalDate();
  e.special_age_decision = row.Bool();
  e.destination_organization_id = row.OptionalInt64();
  e.moved_date = row.OptionalDate();
  e.temporary_until = row.OptionalDate();
  e.temporary_purpose = row.EnumValue<TemporaryTransferPurpose>();
  e.strike_off_ground = row.EnumValue<StrikeOffGround>();
  e.note = row.String();
  e.state_before = row.EnumValue<MemberState>();
  e.state_after = row.EnumValue<MemberState>();
  e.organization_before = row.Int64();
  e.organization_after = row.Int64();
  e.recorded_by = row.String();
  e.record_time = row.Time();
  return e;
}

void BindMemberEventData(ParamBinder& binder, const MemberEvent& e) {
  binder.Int64(e.member_id)
      .EnumValue(e.type)
      .Date(e.effective_date)
      .String(e.decision.number)
      .OptionalDate(e.decision.date)
      .String(e.decision.issuer)
      .OptionalDate(e.ceremony_date)
      .Bool(e.special_age_decision)
      .OptionalInt64(e.destination_organization_id)
      .OptionalDate(e.moved_date)
      .OptionalDate(e.temporary_until)
      .EnumValue(e.temporary_purpose)
      .EnumValue(e.strike_off_ground)
      .String(e.note)
      .EnumValue(e.state_before)
      .EnumValue(e.state_after)
      .Int64(e.organization_before)
      .Int64(e.organization_after)
      .String(e.recorded_by)
      .Time(e.record_time);
}

}  // namespace dangbo::membership::internal
