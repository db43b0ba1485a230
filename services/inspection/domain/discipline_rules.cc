#include "services/inspection/domain/discipline_rules.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/inspection/domain/enum_names.h"
#include "services/membership/domain/dates.h"

namespace dangbo::inspection {
namespace {

using membership::AddMonths;
using membership::FormatDate;

bool Contains(const std::vector<DisciplineForm>& forms, DisciplineForm form) {
  return std::find(forms.begin(), forms.end(), form) != forms.end();
}

std::string FormList(const std::vector<DisciplineForm>& forms) {
  if (forms.empty()) return "no form";
  return absl::StrJoin(forms, ", ", [](std::string* out, DisciplineForm f) {
    absl::StrAppend(out, DisciplineFormName(f));
  });
}

std::string SubjectText(const DisciplinaryDecision& d) {
  if (d.subject.kind == SubjectKind::kOrganization) {
    return absl::StrCat("organization ", d.subject.id);
  }
  const char* standing =
      d.member_standing == MemberStanding::kProbationary ? "probationary member " : "full member ";
  return absl::StrCat(standing, d.subject.id);
}

absl::Status CheckFields(const DisciplinaryDecision& d) {
  if (d.subject.kind == SubjectKind::kUnspecified) {
    return absl::InvalidArgumentError("subject.kind: ORGANIZATION or MEMBER is required");
  }
  if (d.subject.id <= 0) return absl::InvalidArgumentError("subject.id: required");
  if (d.subject.kind == SubjectKind::kMember && d.member_standing == MemberStanding::kUnspecified) {
    return absl::InvalidArgumentError(
        "member_standing: PROBATIONARY or FULL is required for a member");
  }
  if (d.form == DisciplineForm::kUnspecified) return absl::InvalidArgumentError("form: required");
  if (d.deciding_body == DecidingBody::kUnspecified) {
    return absl::InvalidArgumentError("deciding_body: required");
  }
  if (d.deciding_organization_id <= 0) {
    return absl::InvalidArgumentError("deciding_organization_id: required");
  }
  if (d.number.empty()) return absl::InvalidArgumentError("number: required");
  if (d.violation_dates.empty()) {
    return absl::InvalidArgumentError("violation_dates: at least one is required");
  }
  if (d.category == ViolationCategory::kUnspecified) {
    return absl::InvalidArgumentError("category: required");
  }
  if (d.reasons.empty()) return absl::InvalidArgumentError("reasons: required");
  return absl::OkStatus();
}

absl::Status CheckDates(const DisciplinaryDecision& d, Date today) {
  if (d.decision_date > today) {
    return absl::FailedPreconditionError(
        absl::StrCat("decision_date: ", FormatDate(d.decision_date), " is after today (",
                     FormatDate(today), ")"));
  }
  if (d.effective_date < d.decision_date) {
    return absl::FailedPreconditionError(
        absl::StrCat("effective_date: ", FormatDate(d.effective_date), " precedes the decision of ",
                     FormatDate(d.decision_date)));
  }
  for (size_t i = 0; i < d.violation_dates.size(); ++i) {
    if (d.violation_dates[i] > d.decision_date) {
      return absl::FailedPreconditionError(
          absl::StrCat("violation_dates[", i, "]: ", FormatDate(d.violation_dates[i]),
                       " is after the decision of ", FormatDate(d.decision_date)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

int Severity(DisciplineForm form) {
  switch (form) {
    case DisciplineForm::kReprimand:
      return 1;
    case DisciplineForm::kWarning:
      return 2;
    case DisciplineForm::kRemovalFromPost:
      return 3;
    case DisciplineForm::kExpulsion:
    case DisciplineForm::kDissolution:
      return 4;
    case DisciplineForm::kUnspecified:
      break;
  }
  return 0;
}

const std::vector<DisciplineForm>& FormsFor(SubjectKind kind, MemberStanding standing,
                                            const InspectionRules& rules) {
  static const std::vector<DisciplineForm> kNone;
  if (kind == SubjectKind::kOrganization) return rules.organization_forms;
  if (kind != SubjectKind::kMember) return kNone;
  switch (standing) {
    case MemberStanding::kFull:
      return rules.full_member_forms;
    case MemberStanding::kProbationary:
      return rules.probationary_member_forms;
    case MemberStanding::kUnspecified:
      break;
  }
  return kNone;
}

absl::Status CheckFormForSubject(const DisciplinaryDecision& decision,
                                 const InspectionRules& rules) {
  const std::vector<DisciplineForm>& valid =
      FormsFor(decision.subject.kind, decision.member_standing, rules);
  if (!Contains(valid, decision.form)) {
    return absl::FailedPreconditionError(
        absl::StrCat("form: ", DisciplineFormName(decision.form), " does not apply to a ",
                     SubjectText(decision), "; the forms for it are ", FormList(valid)));
  }
  // Cách chức removes a member from a post; without one there is nothing to remove.
  if (decision.form == DisciplineForm::kRemovalFromPost && !decision.holds_post) {
    return absl::FailedPreconditionError(
        absl::StrCat("form: REMOVAL_FROM_POST applies to a member holding a post; ",
                     SubjectText(decision), " holds none"));
  }
  return absl::OkStatus();
}

bool MayDecide(DecidingBody body, SubjectKind subject, DisciplineForm form,
               const InspectionRules& rules) {
  for (const AuthorityCell& cell : rules.authority) {
    if (cell.body == body && cell.subject == subject) return Contains(cell.forms, form);
  }
  return false;
}

absl::Status CheckAuthority(const DisciplinaryDecision& decision, const InspectionRules& rules) {
  if (!MayDecide(decision.deciding_body, decision.subject.kind, decision.form, rules)) {
    std::vector<DisciplineForm> allowed;
    for (const AuthorityCell& cell : rules.authority) {
      if (cell.body == decision.deciding_body && cell.subject == decision.subject.kind) {
        allowed = cell.forms;
      }
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "deciding_body: ", DecidingBodyName(decision.deciding_body), " has no authority to decide ",
        DisciplineFormName(decision.form), " for a subject of kind ",
        SubjectKindName(decision.subject.kind), "; it may decide ", FormList(allowed)));
  }
  // A cell's power reaches only the members registered in it.
  if (decision.deciding_body == DecidingBody::kCell &&
      (decision.subject.kind != SubjectKind::kMember ||
       decision.subject_organization_id != decision.deciding_organization_id)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "deciding_organization_id: a cell disciplines only its own members; ",
        SubjectText(decision), " belongs to organization ", decision.subject_organization_id,
        ", not to the deciding cell ", decision.deciding_organization_id));
  }
  return absl::OkStatus();
}

std::optional<int> LimitationYears(DisciplineForm form, ViolationCategory category,
                                   const InspectionRules& rules) {
  if (std::find(rules.unlimited_categories.begin(), rules.unlimited_categories.end(), category) !=
      rules.unlimited_categories.end()) {
    return std::nullopt;
  }
  int years = 0;
  switch (form) {
    case DisciplineForm::kReprimand:
      years = rules.reprimand_limitation_years;
      break;
    case DisciplineForm::kWarning:
      years = rules.warning_limitation_years;
      break;
    case DisciplineForm::kRemovalFromPost:
      years = rules.removal_limitation_years;
      break;
    case DisciplineForm::kExpulsion:
      years = rules.expulsion_limitation_years;
      break;
    case DisciplineForm::kDissolution:
      years = rules.dissolution_limitation_years;
      break;
    case DisciplineForm::kUnspecified:
      break;
  }
  if (years <= 0) return std::nullopt;
  return years;
}

std::optional<LimitationPeriod> LimitationPeriodFor(Date violation, DisciplineForm form,
                                                    ViolationCategory category,
                                                    const std::vector<Date>& subject_violations,
                                                    const InspectionRules& rules) {
  const std::optional<int> years = LimitationYears(form, category, rules);
  if (!years.has_value()) return std::nullopt;
  std::vector<Date> later;
  for (Date d : subject_violations) {
    if (d > violation) later.push_back(d);
  }
  std::sort(later.begin(), later.end());
  // Years as whole months, so a leap-day violation's period ends on Feb 28.
  LimitationPeriod period{.runs_from = violation, .last_day = AddMonths(violation, *years * 12)};
  for (Date d : later) {
    if (d > period.last_day) break;  // committed after the period ran out: nothing to restart
    period = {.runs_from = d, .last_day = AddMonths(d, *years * 12)};
  }
  return period;
}

absl::Status CheckLimitation(const DisciplinaryDecision& decision,
                             const std::vector<Date>& other_subject_violations,
                             const InspectionRules& rules) {
  std::vector<Date> all = other_subject_violations;
  all.insert(all.end(), decision.violation_dates.begin(), decision.violation_dates.end());
  for (size_t i = 0; i < decision.violation_dates.size(); ++i) {
    const Date violation = decision.violation_dates[i];
    const std::optional<LimitationPeriod> period =
        LimitationPeriodFor(violation, decision.form, decision.category, all, rules);
    if (!period.has_value() || decision.decision_date <= period->last_day) continue;
    const std::string restarted =
        period->runs_from == violation
            ? std::string("no later violation restarted it")
            : absl::StrCat("restarted by the violation of ", FormatDate(period->runs_from));
    return absl::FailedPreconditionError(absl::StrCat(
        "violation_dates[", i, "]: the violation of ", FormatDate(violation),
        " is time-barred: the ", *LimitationYears(decision.form, decision.category, rules),
        "-year statute of limitations for a ", DisciplineFormName(decision.form),
        "-level violation in ", ViolationCategoryName(decision.category), " ran out on ",
        FormatDate(period->last_day), " (", restarted, "), before the decision of ",
        FormatDate(decision.decision_date)));
  }
  return absl::OkStatus();
}

absl::Status CheckDisciplinaryDecision(const DisciplinaryDecision& decision,
                                       const std::vector<Date>& other_subject_violations,
                                       const InspectionRules& rules, Date today) {
  if (absl::Status s = CheckFields(decision); !s.ok()) return s;
  if (absl::Status s = CheckDates(decision, today); !s.ok()) return s;
  if (absl::Status s = CheckFormForSubject(decision, rules); !s.ok()) return s;
  if (absl::Status s = CheckAuthority(decision, rules); !s.ok()) return s;
  return CheckLimitation(decision, other_subject_violations, rules);
}

}  // namespace dangbo::inspection
