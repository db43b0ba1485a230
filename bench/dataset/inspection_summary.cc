#include "absl/strings/str_format.h"
#include "bench/dataset/inspection_work.h"
#include "dangbo/inspection/v1/enums.pb.h"

namespace dangbo::bench {
namespace {

template <typename Map>
int64_t Sum(const Map& map) {
  int64_t total = 0;
  for (const auto& [key, n] : map) total += n;
  return total;
}

// "THEMATIC_INSPECTION" for INSPECTION_TYPE_THEMATIC_INSPECTION.
template <typename E>
std::string Short(E value, absl::string_view prefix) {
  const std::string& name =
      google::protobuf::GetEnumDescriptor<E>()->FindValueByNumber(value)->name();
  return name.substr(prefix.size());
}

}  // namespace

int64_t InspectionWorkSummary::subjects() const {
  return Sum(organization_subjects_by_type) + Sum(member_subjects_by_type);
}

int64_t InspectionWorkSummary::decisions() const {
  return Sum(organization_decisions_by_form) + Sum(member_decisions_by_form);
}

int64_t InspectionWorkSummary::appeals() const { return Sum(appeals_by_outcome); }

void InspectionWorkSummary::Add(const GeneratedInspection& inspection) {
  ++inspections;
  ++inspections_by_type[inspection.type];
  for (const GeneratedSubject& s : inspection.subjects) {
    ++(s.ref.member ? member_subjects_by_type : organization_subjects_by_type)[inspection.type];
    if (s.committee_member) ++committee_member_subjects_by_type[inspection.type];
    if (s.outcome == iv1::SUBJECT_OUTCOME_SHORTCOMINGS) {
      ++(s.ref.member ? member_shortcomings_by_type
                      : organization_shortcomings_by_type)[inspection.type];
    }
    ++subjects_by_outcome[s.outcome];
  }
  for (const GeneratedDecision& d : inspection.decisions) {
    ++(d.subject.member ? member_decisions_by_form : organization_decisions_by_form)[d.form];
    if (d.appeal.has_value()) ++appeals_by_outcome[d.appeal->outcome];
  }
  required_tasks += static_cast<int64_t>(inspection.tasks.size());
}

InspectionWorkSummary SummarizeInspectionWork(const Dataset& dataset, const MemberRoster& roster,
                                              const InspectionWorkSpec& spec) {
  InspectionWorkSummary summary;
  InspectionWorkGenerator generator(dataset, roster, spec);
  GeneratedInspection inspection;
  while (generator.Next(inspection)) summary.Add(inspection);
  return summary;
}

void PrintInspectionSummary(const InspectionWorkSummary& s, std::ostream& out) {
  out << absl::StrFormat(
      "inspection work: %d inspections, %d subjects, %d disciplinary "
      "decisions, %d appeals, %d required tasks\n",
      s.inspections, s.subjects(), s.decisions(), s.appeals(), s.required_tasks);
  out << absl::StrFormat("  %-32s %8s %8s %8s %9s %9s %9s\n", "type", "count", "orgs", "members",
                         "committee", "orgs.sh", "mem.sh");
  auto at = [](const std::map<iv1::InspectionType, int64_t>& m, iv1::InspectionType t) {
    auto it = m.find(t);
    return it == m.end() ? int64_t{0} : it->second;
  };
  for (const auto& [type, n] : s.inspections_by_type) {
    out << absl::StrFormat(
        "  %-32s %8d %8d %8d %9d %9d %9d\n", Short(type, "INSPECTION_TYPE_"), n,
        at(s.organization_subjects_by_type, type), at(s.member_subjects_by_type, type),
        at(s.committee_member_subjects_by_type, type),
        at(s.organization_shortcomings_by_type, type), at(s.member_shortcomings_by_type, type));
  }
  for (const auto& [outcome, n] : s.subjects_by_outcome) {
    out << absl::StrFormat("  outcome %-24s %8d\n", Short(outcome, "SUBJECT_OUTCOME_"), n);
  }
  for (const auto& [form, n] : s.organization_decisions_by_form) {
    out << absl::StrFormat("  decisions, organizations %-16s %8d\n",
                           Short(form, "DISCIPLINE_FORM_"), n);
  }
  for (const auto& [form, n] : s.member_decisions_by_form) {
    out << absl::StrFormat("  decisions, members %-22s %8d\n", Short(form, "DISCIPLINE_FORM_"), n);
  }
  for (const auto& [outcome, n] : s.appeals_by_outcome) {
    out << absl::StrFormat("  appeals %-32s %8d\n", Short(outcome, "APPEAL_OUTCOME_"), n);
  }
}

}  // namespace dangbo::bench
