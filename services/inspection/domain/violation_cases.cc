#include "services/inspection/domain/violation_cases.h"

namespace dangbo::inspection {
namespace {

bool InvestigatesViolations(InspectionType type) {
  return type == InspectionType::kViolationSignsInspection || type == InspectionType::kDenunciation;
}

bool Running(InspectionStage stage) {
  return stage == InspectionStage::kDecided || stage == InspectionStage::kInProgress ||
         stage == InspectionStage::kReported;
}

}  // namespace

bool HoldsCaseOpen(const Inspection& inspection, const InspectionSubject& subject,
                   const absl::flat_hash_set<int64_t>& decided) {
  if (subject.subject.kind != SubjectKind::kMember) return false;
  if (inspection.stage == InspectionStage::kCancelled) return false;
  if (InvestigatesViolations(inspection.type) && Running(inspection.stage)) return true;
  return subject.outcome == SubjectOutcome::kViolationRequiresDiscipline &&
         inspection.stage != InspectionStage::kClosed && !decided.contains(subject.subject.id);
}

std::vector<CaseReport> CaseReports(const std::optional<Inspection>& before,
                                    const absl::flat_hash_set<int64_t>& decided_before,
                                    const Inspection& after,
                                    const absl::flat_hash_set<int64_t>& decided_after) {
  absl::flat_hash_set<int64_t> open_before;
  if (before.has_value()) {
    for (const InspectionSubject& s : before->subjects) {
      if (HoldsCaseOpen(*before, s, decided_before)) open_before.insert(s.subject.id);
    }
  }
  std::vector<CaseReport> reports;
  for (const InspectionSubject& s : after.subjects) {
    if (s.subject.kind != SubjectKind::kMember) continue;
    const bool open = HoldsCaseOpen(after, s, decided_after);
    const bool was_open = open_before.erase(s.subject.id) > 0;
    if (open || was_open) {
      reports.push_back({.member_id = s.subject.id, .open = open});
    }
  }
  // Cases of subjects no longer named (open_before keeps only those now).
  if (before.has_value()) {
    for (const InspectionSubject& s : before->subjects) {
      if (open_before.contains(s.subject.id)) {
        reports.push_back({.member_id = s.subject.id, .open = false});
      }
    }
  }
  return reports;
}

}  // namespace dangbo::inspection
