// The catalogue of inspection and discipline figures (reporting_service.proto, above
// `Statistics`): stable keys, the Vietnamese label each prints with, and which figures one
// inspection subject counts in (domain.md §5).
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_FIGURES_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_FIGURES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "services/inspection/domain/model.h"

namespace dangbo::reporting {

// In report order; the numbering is internal (keys are the stable names).
enum class FigureId : uint8_t {
  kCommitteeThematicInspectionOrganizations,
  kCommitteeThematicInspectionMembers,
  kCommitteeThematicInspectionCommitteeMembers,
  kCommitteeThematicInspectionOrganizationsShortcomings,
  kCommitteeThematicInspectionMembersShortcomings,
  kCommitteeThematicSupervisionOrganizations,
  kCommitteeThematicSupervisionMembers,
  kCommitteeThematicSupervisionCommitteeMembers,
  kCommitteeThematicSupervisionOrganizationsShortcomings,
  kCommitteeThematicSupervisionMembersShortcomings,
  kUbktViolationSignsOrganizations,
  kUbktViolationSignsMembers,
  kUbktViolationSignsCommitteeMembers,
  kUbktViolationSignsOrganizationsViolation,
  kUbktViolationSignsMembersViolation,
  kUbktViolationSignsOrganizationsToDiscipline,
  kUbktViolationSignsMembersToDiscipline,
  kUbktInspectionDutyOrganizations,
  kUbktDisciplineExecutionOrganizations,
  kUbktFinanceOrganizations,
  kUbktDuesOrganizations,
  kUbktAppealsReceived,
  kUbktAppealsResolved,
  kUbktAppealsUpheld,
  kUbktAppealsReduced,
  kUbktAppealsIncreased,
  kUbktAppealsAnnulled,
  kDisciplineOrganizationsTotal,
  kDisciplineOrganizationsReprimand,
  kDisciplineOrganizationsWarning,
  kDisciplineOrganizationsDissolution,
  kDisciplineMembersTotal,
  kDisciplineMembersReprimand,
  kDisciplineMembersWarning,
  kDisciplineMembersRemovalFromPost,
  kDisciplineMembersExpulsion,
};
inline constexpr int kFigureCount = 36;

// What a figure counts, and so which records its drill-down names.
enum class FigureSource {
  kInspectionSubjects,     // subjects of inspections decided in the period
  kAppeals,                // appeals filed or resolved in the period
  kDisciplinaryDecisions,  // decisions in force decided in the period
};

struct FigureDefinition {
  FigureId id;
  std::string_view key;    // e.g. "committee.thematic_inspection.members"
  std::string_view label;  // e.g. "Cấp ủy kiểm tra chuyên đề đảng viên"
  FigureSource source;
};

// Every figure, in report order (FigureId order).
std::span<const FigureDefinition> InspectionFigures();

const FigureDefinition& DefinitionOf(FigureId id);

// The figure with this key; none for an unknown key.
std::optional<FigureId> FindInspectionFigure(std::string_view key);

// Bit (1 << FigureId) set for each figure one subject of an inspection counts in, by the
// inspection's type and conducting body and the subject's kind, committee seat and outcome:
// the committees' section takes thematic inspections and supervisions by an executive or
// standing committee or a cell; the UBKT's section takes violation-signs inspections and the
// four inspections of organizations' work by the inspection committee. Everything else (staff
// bodies, regular supervision, self-inspection, denunciations) counts in no figure.
uint64_t SubjectFigureMask(inspection::InspectionType type, inspection::ConductingBody body,
                           inspection::SubjectKind kind, bool committee_member,
                           inspection::SubjectOutcome outcome);

inline constexpr uint64_t FigureBit(FigureId id) { return uint64_t{1} << static_cast<int>(id); }

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_INSPECTION_FIGURES_H_
