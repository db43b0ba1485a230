// Records the reporting tests build their trees and read models from: a small bloc and
// inspection, decision and appeal values with only the fields the statistics read.
#ifndef DANGBO_TESTS_REPORTING_DOMAIN_BUILDERS_H_
#define DANGBO_TESTS_REPORTING_DOMAIN_BUILDERS_H_

#include <optional>
#include <vector>

#include "services/inspection/domain/model.h"
#include "services/membership/domain/model.h"
#include "services/reporting/domain/organization_tree.h"

namespace dangbo::reporting::testing {

using inspection::Appeal;
using inspection::AppealOutcome;
using inspection::AppealResolution;
using inspection::ConductingBody;
using inspection::DisciplinaryDecision;
using inspection::DisciplineForm;
using inspection::Inspection;
using inspection::InspectionStage;
using inspection::InspectionSubject;
using inspection::InspectionType;
using inspection::SubjectKind;
using inspection::SubjectOutcome;
using inspection::SubjectRef;

inline OrganizationVersion Version(int64_t id, std::optional<int64_t> parent, Date from,
                                   std::optional<Date> to = std::nullopt,
                                   OrganizationKind kind = OrganizationKind::kCell) {
  return {.organization_id = id,
          .parent_id = parent,
          .kind = kind,
          .ownership = EnterpriseOwnership::kStateOver50,
          .valid_from = from,
          .valid_to = to};
}

// The bloc used across the tests, as it stood from 2015:
//   1 bloc ── 10 upper ── 11 grassroots ── 111 cell
//          │           └─ 12 grassroots ── 121 cell
//          └─ 20 upper ── 21 grassroots ── 211 cell
inline std::vector<OrganizationVersion> BlocVersions() {
  const Date since(2015, 1, 1);
  return {Version(1, std::nullopt, since, std::nullopt, OrganizationKind::kBlocCommittee),
          Version(10, 1, since, std::nullopt, OrganizationKind::kUpperLevelCommittee),
          Version(20, 1, since, std::nullopt, OrganizationKind::kUpperLevelCommittee),
          Version(11, 10, since, std::nullopt, OrganizationKind::kGrassrootsCommittee),
          Version(12, 10, since, std::nullopt, OrganizationKind::kGrassrootsCommittee),
          Version(21, 20, since, std::nullopt, OrganizationKind::kGrassrootsCommittee),
          Version(111, 11, since),
          Version(121, 12, since),
          Version(211, 21, since)};
}

inline InspectionSubject OrganizationSubject(int64_t organization,
                                             SubjectOutcome outcome = SubjectOutcome::kGood) {
  return {.subject = {SubjectKind::kOrganization, organization},
          .committee_member = false,
          .organization_id_at_decision = organization,
          .outcome = outcome};
}

inline InspectionSubject MemberSubject(int64_t member, int64_t organization_at_decision,
                                       SubjectOutcome outcome = SubjectOutcome::kGood,
                                       bool committee_member = false) {
  return {.subject = {SubjectKind::kMember, member},
          .committee_member = committee_member,
          .organization_id_at_decision = organization_at_decision,
          .outcome = outcome};
}

inline Inspection MakeInspection(int64_t id, InspectionType type, ConductingBody body,
                                 int64_t conducting_organization, Date decided,
                                 std::vector<InspectionSubject> subjects,
                                 InspectionStage stage = InspectionStage::kConcluded) {
  Inspection in;
  in.id = id;
  in.type = type;
  in.conducting_body = body;
  in.conducting_organization_id = conducting_organization;
  in.stage = stage;
  in.decision.date = decided;
  in.subjects = std::move(subjects);
  return in;
}

inline Inspection CommitteeInspection(int64_t id, int64_t conducting_organization, Date decided,
                                      std::vector<InspectionSubject> subjects) {
  return MakeInspection(id, InspectionType::kThematicInspection, ConductingBody::kStandingCommittee,
                        conducting_organization, decided, std::move(subjects));
}

inline DisciplinaryDecision MakeDecision(int64_t id, SubjectRef subject,
                                         int64_t subject_organization, DisciplineForm form,
                                         int64_t deciding_organization, Date decided) {
  DisciplinaryDecision d;
  d.id = id;
  d.subject = subject;
  d.subject_organization_id = subject_organization;
  d.form = form;
  d.deciding_organization_id = deciding_organization;
  d.decision_date = decided;
  d.effective_date = decided;
  return d;
}

inline Appeal MakeAppeal(int64_t id, int64_t decision_id, int64_t resolving_organization,
                         Date filed, std::optional<AppealResolution> resolution = std::nullopt) {
  Appeal a;
  a.id = id;
  a.decision_id = decision_id;
  a.received_date = filed;
  a.filed_date = filed;
  a.resolving_organization_id = resolving_organization;
  a.resolution = std::move(resolution);
  return a;
}

inline AppealResolution Resolution(AppealOutcome outcome, Date date,
                                   DisciplineForm new_form = DisciplineForm::kUnspecified) {
  return {.outcome = outcome, .date = date, .number = "", .new_form = new_form, .reasons = ""};
}

// A member with only the fields the membership statistics read.
inline membership::Member MakeMember(int64_t id, int64_t organization, membership::MemberState state,
                                     Date birth, membership::Gender gender = membership::Gender::kMale,
                                     int64_t version = 1) {
  membership::Member m;
  m.id = id;
  m.organization_id = organization;
  m.state = state;
  m.gender = gender;
  m.personal.birth_date = birth;
  m.personal.ethnicity = "Kinh";
  m.version = version;
  return m;
}

// An event as membership records it: state and organization before and after.
inline membership::MemberEvent MakeMemberEvent(int64_t id, int64_t member,
                                               membership::MemberEventType type, Date effective,
                                               membership::MemberState before,
                                               membership::MemberState after,
                                               int64_t organization_before,
                                               int64_t organization_after) {
  membership::MemberEvent e;
  e.id = id;
  e.member_id = member;
  e.type = type;
  e.effective_date = effective;
  e.state_before = before;
  e.state_after = after;
  e.organization_before = organization_before;
  e.organization_after = organization_after;
  return e;
}

}  // namespace dangbo::reporting::testing

#endif  // DANGBO_TESTS_REPORTING_DOMAIN_BUILDERS_H_
