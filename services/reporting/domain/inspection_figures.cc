#include "services/reporting/domain/inspection_figures.h"

#include <array>

namespace dangbo::reporting {
namespace {

using inspection::ConductingBody;
using inspection::InspectionType;
using inspection::SubjectKind;
using inspection::SubjectOutcome;

using F = FigureId;
using S = FigureSource;

constexpr std::array<FigureDefinition, kFigureCount> kFigures = {{
    {F::kCommitteeThematicInspectionOrganizations, "committee.thematic_inspection.organizations",
     "Cấp ủy kiểm tra chuyên đề tổ chức đảng", S::kInspectionSubjects},
    {F::kCommitteeThematicInspectionMembers, "committee.thematic_inspection.members",
     "Cấp ủy kiểm tra chuyên đề đảng viên", S::kInspectionSubjects},
    {F::kCommitteeThematicInspectionCommitteeMembers,
     "committee.thematic_inspection.committee_members",
     "Cấp ủy kiểm tra chuyên đề đảng viên là cấp ủy viên", S::kInspectionSubjects},
    {F::kCommitteeThematicInspectionOrganizationsShortcomings,
     "committee.thematic_inspection.organizations_shortcomings",
     "Cấp ủy kiểm tra chuyên đề: tổ chức đảng thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra",
     S::kInspectionSubjects},
    {F::kCommitteeThematicInspectionMembersShortcomings,
     "committee.thematic_inspection.members_shortcomings",
     "Cấp ủy kiểm tra chuyên đề: đảng viên thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra",
     S::kInspectionSubjects},
    {F::kCommitteeThematicSupervisionOrganizations, "committee.thematic_supervision.organizations",
     "Cấp ủy giám sát chuyên đề tổ chức đảng", S::kInspectionSubjects},
    {F::kCommitteeThematicSupervisionMembers, "committee.thematic_supervision.members",
     "Cấp ủy giám sát chuyên đề đảng viên", S::kInspectionSubjects},
    {F::kCommitteeThematicSupervisionCommitteeMembers,
     "committee.thematic_supervision.committee_members",
     "Cấp ủy giám sát chuyên đề đảng viên là cấp ủy viên", S::kInspectionSubjects},
    {F::kCommitteeThematicSupervisionOrganizationsShortcomings,
     "committee.thematic_supervision.organizations_shortcomings",
     "Cấp ủy giám sát chuyên đề: tổ chức đảng thực hiện chưa tốt nhiệm vụ", S::kInspectionSubjects},
    {F::kCommitteeThematicSupervisionMembersShortcomings,
     "committee.thematic_supervision.members_shortcomings",
     "Cấp ủy giám sát chuyên đề: đảng viên thực hiện chưa tốt nhiệm vụ", S::kInspectionSubjects},
    {F::kUbktViolationSignsOrganizations, "ubkt.violation_signs.organizations",
     "UBKT kiểm tra tổ chức đảng khi có dấu hiệu vi phạm", S::kInspectionSubjects},
    {F::kUbktViolationSignsMembers, "ubkt.violation_signs.members",
     "UBKT kiểm tra đảng viên khi có dấu hiệu vi phạm", S::kInspectionSubjects},
    {F::kUbktViolationSignsCommitteeMembers, "ubkt.violation_signs.committee_members",
     "UBKT kiểm tra đảng viên là cấp ủy viên khi có dấu hiệu vi phạm", S::kInspectionSubjects},
    {F::kUbktViolationSignsOrganizationsViolation, "ubkt.violation_signs.organizations_violation",
     "Kiểm tra khi có dấu hiệu vi phạm: tổ chức đảng có vi phạm", S::kInspectionSubjects},
    {F::kUbktViolationSignsMembersViolation, "ubkt.violation_signs.members_violation",
     "Kiểm tra khi có dấu hiệu vi phạm: đảng viên có vi phạm", S::kInspectionSubjects},
    {F::kUbktViolationSignsOrganizationsToDiscipline,
     "ubkt.violation_signs.organizations_to_discipline",
     "Kiểm tra khi có dấu hiệu vi phạm: tổ chức đảng vi phạm đến mức phải xử lý kỷ luật",
     S::kInspectionSubjects},
    {F::kUbktViolationSignsMembersToDiscipline, "ubkt.violation_signs.members_to_discipline",
     "Kiểm tra khi có dấu hiệu vi phạm: đảng viên vi phạm đến mức phải xử lý kỷ luật",
     S::kInspectionSubjects},
    {F::kUbktInspectionDutyOrganizations, "ubkt.inspection_duty.organizations",
     "UBKT kiểm tra tổ chức đảng thực hiện nhiệm vụ kiểm tra, giám sát", S::kInspectionSubjects},
    {F::kUbktDisciplineExecutionOrganizations, "ubkt.discipline_execution.organizations",
     "UBKT kiểm tra tổ chức đảng thi hành kỷ luật trong Đảng", S::kInspectionSubjects},
    {F::kUbktFinanceOrganizations, "ubkt.finance.organizations",
     "UBKT kiểm tra tài chính đảng đối với tổ chức đảng", S::kInspectionSubjects},
    {F::kUbktDuesOrganizations, "ubkt.dues.organizations",
     "UBKT kiểm tra thu, nộp, quản lý, sử dụng đảng phí đối với tổ chức đảng",
     S::kInspectionSubjects},
    {F::kUbktAppealsReceived, "ubkt.appeals.received", "Khiếu nại kỷ luật đảng đã tiếp nhận",
     S::kAppeals},
    {F::kUbktAppealsResolved, "ubkt.appeals.resolved", "Khiếu nại kỷ luật đảng đã giải quyết",
     S::kAppeals},
    {F::kUbktAppealsUpheld, "ubkt.appeals.upheld",
     "Giải quyết khiếu nại: giữ nguyên hình thức kỷ luật", S::kAppeals},
    {F::kUbktAppealsReduced, "ubkt.appeals.reduced", "Giải quyết khiếu nại: giảm hình thức kỷ luật",
     S::kAppeals},
    {F::kUbktAppealsIncreased, "ubkt.appeals.increased",
     "Giải quyết khiếu nại: tăng hình thức kỷ luật", S::kAppeals},
    {F::kUbktAppealsAnnulled, "ubkt.appeals.annulled",
     "Giải quyết khiếu nại: xóa quyết định kỷ luật", S::kAppeals},
    {F::kDisciplineOrganizationsTotal, "discipline.organizations.total",
     "Tổ chức đảng bị thi hành kỷ luật", S::kDisciplinaryDecisions},
    {F::kDisciplineOrganizationsReprimand, "discipline.organizations.reprimand",
     "Tổ chức đảng bị kỷ luật khiển trách", S::kDisciplinaryDecisions},
    {F::kDisciplineOrganizationsWarning, "discipline.organizations.warning",
     "Tổ chức đảng bị kỷ luật cảnh cáo", S::kDisciplinaryDecisions},
    {F::kDisciplineOrganizationsDissolution, "discipline.organizations.dissolution",
     "Tổ chức đảng bị kỷ luật giải tán", S::kDisciplinaryDecisions},
    {F::kDisciplineMembersTotal, "discipline.members.total", "Đảng viên bị thi hành kỷ luật",
     S::kDisciplinaryDecisions},
    {F::kDisciplineMembersReprimand, "discipline.members.reprimand",
     "Đảng viên bị kỷ luật khiển trách", S::kDisciplinaryDecisions},
    {F::kDisciplineMembersWarning, "discipline.members.warning", "Đảng viên bị kỷ luật cảnh cáo",
     S::kDisciplinaryDecisions},
    {F::kDisciplineMembersRemovalFromPost, "discipline.members.removal_from_post",
     "Đảng viên bị kỷ luật cách chức", S::kDisciplinaryDecisions},
    {F::kDisciplineMembersExpulsion, "discipline.members.expulsion",
     "Đảng viên bị kỷ luật khai trừ", S::kDisciplinaryDecisions},
}};

constexpr bool CatalogueInIdOrder() {
  for (int i = 0; i < kFigureCount; ++i) {
    if (static_cast<int>(kFigures[i].id) != i) return false;
  }
  return true;
}
static_assert(CatalogueInIdOrder(), "kFigures must list every FigureId in order");
static_assert(kFigureCount <= 64, "figure masks are 64 bits");

bool IsCommittee(ConductingBody body) {
  return body == ConductingBody::kExecutiveCommittee ||
         body == ConductingBody::kStandingCommittee || body == ConductingBody::kCell;
}

// The five figures of a committee's thematic inspection or supervision, from `first` on in
// the catalogue's order: organizations, members, committee members, organizations with
// shortcomings, members with shortcomings.
uint64_t CommitteeMask(FigureId first, SubjectKind kind, bool committee_member,
                       SubjectOutcome outcome) {
  const int base = static_cast<int>(first);
  const auto bit = [base](int offset) { return uint64_t{1} << (base + offset); };
  const bool shortcomings = outcome == SubjectOutcome::kShortcomings;
  if (kind == SubjectKind::kOrganization) return bit(0) | (shortcomings ? bit(3) : 0);
  if (kind == SubjectKind::kMember) {
    return bit(1) | (committee_member ? bit(2) : 0) | (shortcomings ? bit(4) : 0);
  }
  return 0;
}

uint64_t ViolationSignsMask(SubjectKind kind, bool committee_member, SubjectOutcome outcome) {
  // "Concluded in violation" includes those whose violation had to be disciplined.
  const bool violation = outcome == SubjectOutcome::kViolation ||
                         outcome == SubjectOutcome::kViolationRequiresDiscipline;
  const bool to_discipline = outcome == SubjectOutcome::kViolationRequiresDiscipline;
  if (kind == SubjectKind::kOrganization) {
    return FigureBit(F::kUbktViolationSignsOrganizations) |
           (violation ? FigureBit(F::kUbktViolationSignsOrganizationsViolation) : 0) |
           (to_discipline ? FigureBit(F::kUbktViolationSignsOrganizationsToDiscipline) : 0);
  }
  if (kind == SubjectKind::kMember) {
    return FigureBit(F::kUbktViolationSignsMembers) |
           (committee_member ? FigureBit(F::kUbktViolationSignsCommitteeMembers) : 0) |
           (violation ? FigureBit(F::kUbktViolationSignsMembersViolation) : 0) |
           (to_discipline ? FigureBit(F::kUbktViolationSignsMembersToDiscipline) : 0);
  }
  return 0;
}

}  // namespace

std::span<const FigureDefinition> InspectionFigures() { return kFigures; }

const FigureDefinition& DefinitionOf(FigureId id) { return kFigures[static_cast<int>(id)]; }

std::optional<FigureId> FindInspectionFigure(std::string_view key) {
  for (const FigureDefinition& d : kFigures) {
    if (d.key == key) return d.id;
  }
  return std::nullopt;
}

uint64_t SubjectFigureMask(InspectionType type, ConductingBody body, SubjectKind kind,
                           bool committee_member, SubjectOutcome outcome) {
  if (IsCommittee(body)) {
    switch (type) {
      case InspectionType::kThematicInspection:
        return CommitteeMask(F::kCommitteeThematicInspectionOrganizations, kind, committee_member,
                             outcome);
      case InspectionType::kThematicSupervision:
        return CommitteeMask(F::kCommitteeThematicSupervisionOrganizations, kind, committee_member,
                             outcome);
      default:
        return 0;
    }
  }
  if (body != ConductingBody::kInspectionCommittee) return 0;
  const bool organization = kind == SubjectKind::kOrganization;
  switch (type) {
    case InspectionType::kViolationSignsInspection:
      return ViolationSignsMask(kind, committee_member, outcome);
    case InspectionType::kInspectionDutyInspection:
      return organization ? FigureBit(F::kUbktInspectionDutyOrganizations) : 0;
    case InspectionType::kDisciplineExecutionInspection:
      return organization ? FigureBit(F::kUbktDisciplineExecutionOrganizations) : 0;
    case InspectionType::kFinanceInspection:
      return organization ? FigureBit(F::kUbktFinanceOrganizations) : 0;
    case InspectionType::kDuesInspection:
      return organization ? FigureBit(F::kUbktDuesOrganizations) : 0;
    default:
      return 0;
  }
}

}  // namespace dangbo::reporting
