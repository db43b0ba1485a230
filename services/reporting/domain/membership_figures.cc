#include "services/reporting/domain/membership_figures.h"

#include <array>

namespace dangbo::reporting {
namespace {

using F = MembershipFigureId;
using S = MembershipFigureSource;

constexpr std::array<MembershipFigureDefinition, kMembershipFigureCount> kFigures = {{
    {F::kMembersTotal, "members.total", "Tổng số đảng viên", S::kMemberStock},
    {F::kMembersFull, "members.full", "Đảng viên chính thức", S::kMemberStock},
    {F::kMembersProbationary, "members.probationary", "Đảng viên dự bị", S::kMemberStock},
    {F::kMembersFemale, "members.female", "Đảng viên nữ", S::kMemberStock},
    {F::kMembersEthnicMinority, "members.ethnic_minority", "Đảng viên người dân tộc thiểu số",
     S::kMemberStock},
    {F::kMembersReligious, "members.religious", "Đảng viên theo tôn giáo", S::kMemberStock},
    {F::kAgeTo30, "members.age.to_30", "Đảng viên từ 30 tuổi trở xuống", S::kMemberStock},
    {F::kAge31To40, "members.age.31_40", "Đảng viên từ 31 đến 40 tuổi", S::kMemberStock},
    {F::kAge41To50, "members.age.41_50", "Đảng viên từ 41 đến 50 tuổi", S::kMemberStock},
    {F::kAge51To60, "members.age.51_60", "Đảng viên từ 51 đến 60 tuổi", S::kMemberStock},
    {F::kAgeFrom61, "members.age.from_61", "Đảng viên từ 61 tuổi trở lên", S::kMemberStock},
    {F::kTheoryNone, "members.theory.none", "Đảng viên chưa qua đào tạo lý luận chính trị",
     S::kMemberStock},
    {F::kTheoryElementary, "members.theory.elementary",
     "Đảng viên có trình độ lý luận chính trị sơ cấp", S::kMemberStock},
    {F::kTheoryIntermediate, "members.theory.intermediate",
     "Đảng viên có trình độ lý luận chính trị trung cấp", S::kMemberStock},
    {F::kTheoryAdvanced, "members.theory.advanced",
     "Đảng viên có trình độ lý luận chính trị cao cấp", S::kMemberStock},
    {F::kTheoryBachelor, "members.theory.bachelor",
     "Đảng viên có trình độ lý luận chính trị cử nhân", S::kMemberStock},
    {F::kEducationPrimary, "members.education.primary",
     "Đảng viên có trình độ học vấn tiểu học", S::kMemberStock},
    {F::kEducationLowerSecondary, "members.education.lower_secondary",
     "Đảng viên có trình độ học vấn trung học cơ sở", S::kMemberStock},
    {F::kEducationUpperSecondary, "members.education.upper_secondary",
     "Đảng viên có trình độ học vấn trung học phổ thông", S::kMemberStock},
    {F::kQualificationElementary, "members.qualification.elementary",
     "Đảng viên có trình độ chuyên môn sơ cấp", S::kMemberStock},
    {F::kQualificationIntermediate, "members.qualification.intermediate",
     "Đảng viên có trình độ chuyên môn trung cấp", S::kMemberStock},
    {F::kQualificationCollege, "members.qualification.college",
     "Đảng viên có trình độ chuyên môn cao đẳng", S::kMemberStock},
    {F::kQualificationUniversity, "members.qualification.university",
     "Đảng viên có trình độ chuyên môn đại học", S::kMemberStock},
    {F::kQualificationMaster, "members.qualification.master", "Đảng viên có trình độ thạc sĩ",
     S::kMemberStock},
    {F::kQualificationDoctorate, "members.qualification.doctorate",
     "Đảng viên có trình độ tiến sĩ", S::kMemberStock},
    {F::kAdmitted, "members.movement.admitted", "Kết nạp đảng viên", S::kMemberEvents},
    {F::kAdmittedFemale, "members.movement.admitted_female", "Kết nạp đảng viên nữ",
     S::kMemberEvents},
    {F::kAdmittedYouthUnion, "members.movement.admitted_youth_union",
     "Kết nạp đảng viên là đoàn viên thanh niên", S::kMemberEvents},
    {F::kAdmittedPrivateEnterprise, "members.movement.admitted_private_enterprise",
     "Kết nạp đảng viên là người lao động trong doanh nghiệp tư nhân", S::kMemberEvents},
    {F::kRecognizedFull, "members.movement.recognized_full", "Công nhận đảng viên chính thức",
     S::kMemberEvents},
    {F::kTransferredIn, "members.movement.transferred_in", "Đảng viên chuyển đến",
     S::kMemberEvents},
    {F::kTransferredOut, "members.movement.transferred_out", "Đảng viên chuyển đi",
     S::kMemberEvents},
    {F::kStruckOff, "members.movement.struck_off", "Xóa tên đảng viên", S::kMemberEvents},
    {F::kExpelled, "members.movement.expelled", "Khai trừ đảng viên", S::kMemberEvents},
    {F::kResigned, "members.movement.resigned", "Đảng viên xin ra khỏi Đảng", S::kMemberEvents},
    {F::kDeceased, "members.movement.deceased", "Đảng viên từ trần", S::kMemberEvents},
    {F::kBadgesAwarded, "members.badges.awarded", "Đảng viên được tặng Huy hiệu Đảng",
     S::kMemberEvents},
    {F::kKindBlocCommittee, "organizations.kind.bloc_committee", "Đảng bộ Khối",
     S::kOrganizations},
    {F::kKindUpperLevelCommittee, "organizations.kind.upper_level_committee",
     "Đảng bộ cấp trên cơ sở", S::kOrganizations},
    {F::kKindGrassrootsCommittee, "organizations.kind.grassroots_committee", "Đảng bộ cơ sở",
     S::kOrganizations},
    {F::kKindGrassrootsCell, "organizations.kind.grassroots_cell", "Chi bộ cơ sở",
     S::kOrganizations},
    {F::kKindSubCommittee, "organizations.kind.sub_committee", "Đảng bộ bộ phận",
     S::kOrganizations},
    {F::kKindCell, "organizations.kind.cell", "Chi bộ trực thuộc", S::kOrganizations},
    {F::kKindPartyGroup, "organizations.kind.party_group", "Tổ đảng", S::kOrganizations},
    {F::kOwnershipStateOver50, "organizations.ownership.state_over_50",
     "Tổ chức đảng trong doanh nghiệp nhà nước nắm giữ trên 50% vốn", S::kOrganizations},
    {F::kOwnershipState50OrLess, "organizations.ownership.state_50_or_less",
     "Tổ chức đảng trong doanh nghiệp nhà nước nắm giữ từ 50% vốn trở xuống", S::kOrganizations},
    {F::kOwnershipPrivate, "organizations.ownership.private",
     "Tổ chức đảng trong doanh nghiệp tư nhân", S::kOrganizations},
    {F::kOwnershipForeignInvested, "organizations.ownership.foreign_invested",
     "Tổ chức đảng trong doanh nghiệp có vốn đầu tư nước ngoài", S::kOrganizations},
    {F::kOwnershipPublicServiceUnit, "organizations.ownership.public_service_unit",
     "Tổ chức đảng trong đơn vị sự nghiệp công lập", S::kOrganizations},
    {F::kOwnershipAgency, "organizations.ownership.agency", "Tổ chức đảng trong cơ quan",
     S::kOrganizations},
    {F::kOwnershipOther, "organizations.ownership.other", "Tổ chức đảng khác", S::kOrganizations},
    {F::kNewPrivateGrassroots, "organizations.new_private_grassroots",
     "Tổ chức cơ sở đảng mới thành lập trong doanh nghiệp tư nhân", S::kNewOrganizations},
}};

constexpr bool InIdOrder() {
  for (int i = 0; i < kMembershipFigureCount; ++i) {
    if (static_cast<int>(kFigures[i].id) != i) return false;
  }
  return true;
}
static_assert(InIdOrder(), "kFigures must list every figure in MembershipFigureId order");

}  // namespace

std::span<const MembershipFigureDefinition> MembershipFigures() { return kFigures; }

const MembershipFigureDefinition& DefinitionOf(MembershipFigureId id) {
  return kFigures[static_cast<int>(id)];
}

std::optional<MembershipFigureId> FindMembershipFigure(std::string_view key) {
  for (const MembershipFigureDefinition& d : kFigures) {
    if (d.key == key) return d.id;
  }
  return std::nullopt;
}

std::optional<MembershipFigureId> KindFigure(membership::OrganizationKind kind) {
  const int k = static_cast<int>(kind);
  if (k < 1 || k > 7) return std::nullopt;
  return static_cast<MembershipFigureId>(static_cast<int>(F::kKindBlocCommittee) + k - 1);
}

std::optional<MembershipFigureId> OwnershipFigure(membership::EnterpriseOwnership ownership) {
  const int o = static_cast<int>(ownership);
  if (o < 1 || o > 7) return std::nullopt;
  return static_cast<MembershipFigureId>(static_cast<int>(F::kOwnershipStateOver50) + o - 1);
}

}  // namespace dangbo::reporting
