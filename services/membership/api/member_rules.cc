#include "services/membership/api/member_rules.h"

#include "common/status/errors.h"

namespace dangbo::membership {

absl::Status ValidateInitialState(const Member& m, Date today) {
  switch (m.state) {
    case MemberState::kApplicant:
      if (m.admission_decision_date || m.admission_ceremony_date || m.full_member_date) {
        return status::InvalidField("member.admission_decision_date",
                                    "an applicant has no admission dates; record ADMIT instead");
      }
      return absl::OkStatus();
    case MemberState::kProbationary:
    case MemberState::kFull:
      if (!m.admission_decision_date) {
        return status::InvalidField("member.admission_decision_date",
                                    "required for an imported member");
      }
      if (!m.admission_ceremony_date) {
        return status::InvalidField("member.admission_ceremony_date",
                                    "required for an imported member");
      }
      if (*m.admission_ceremony_date < *m.admission_decision_date) {
        return status::InvalidField("member.admission_ceremony_date",
                                    "must not precede the admission decision");
      }
      if (*m.admission_ceremony_date > today) {
        return status::InvalidField("member.admission_ceremony_date", "must not be in the future");
      }
      if (m.state == MemberState::kFull && !m.full_member_date) {
        return status::InvalidField("member.full_member_date", "required for a full member");
      }
      if (m.state == MemberState::kProbationary && m.full_member_date) {
        return status::InvalidField("member.full_member_date",
                                    "a probationary member is not full yet");
      }
      if (m.full_member_date && *m.full_member_date <= *m.admission_ceremony_date) {
        return status::InvalidField("member.full_member_date",
                                    "must come after the admission ceremony");
      }
      return absl::OkStatus();
    default:
      return status::InvalidField("initial_state",
                                  "must be APPLICANT, PROBATIONARY or FULL; later states are "
                                  "reached through lifecycle events");
  }
}

}  // namespace dangbo::membership
