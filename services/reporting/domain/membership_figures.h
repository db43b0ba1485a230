// The catalogue of membership figures (reporting_service.proto, above `Statistics`): stable
// keys and the Vietnamese label each prints with (domain.md §5). Stocks are counted as of the
// period's last day, movements over the period, organizations from the tree as it stood.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_FIGURES_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_FIGURES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "services/membership/domain/model.h"

namespace dangbo::reporting {

// In report order; the numbering is internal (keys are the stable names).
enum class MembershipFigureId : uint8_t {
  kMembersTotal,
  kMembersFull,
  kMembersProbationary,
  kMembersFemale,
  kMembersEthnicMinority,
  kMembersReligious,
  kAgeTo30,
  kAge31To40,
  kAge41To50,
  kAge51To60,
  kAgeFrom61,
  kTheoryNone,
  kTheoryElementary,
  kTheoryIntermediate,
  kTheoryAdvanced,
  kTheoryBachelor,
  kEducationPrimary,
  kEducationLowerSecondary,
  kEducationUpperSecondary,
  kQualificationElementary,
  kQualificationIntermediate,
  kQualificationCollege,
  kQualificationUniversity,
  kQualificationMaster,
  kQualificationDoctorate,
  kAdmitted,
  kAdmittedFemale,
  kAdmittedYouthUnion,
  kAdmittedPrivateEnterprise,
  kRecognizedFull,
  kTransferredIn,
  kTransferredOut,
  kStruckOff,
  kExpelled,
  kResigned,
  kDeceased,
  kBadgesAwarded,
  kKindBlocCommittee,
  kKindUpperLevelCommittee,
  kKindGrassrootsCommittee,
  kKindGrassrootsCell,
  kKindSubCommittee,
  kKindCell,
  kKindPartyGroup,
  kOwnershipStateOver50,
  kOwnershipState50OrLess,
  kOwnershipPrivate,
  kOwnershipForeignInvested,
  kOwnershipPublicServiceUnit,
  kOwnershipAgency,
  kOwnershipOther,
  kNewPrivateGrassroots,
};
inline constexpr int kMembershipFigureCount = 52;
// The first kMemberStockCount figures are the member stocks, in this order.
inline constexpr int kMemberStockCount = 25;

// What a figure counts, and so which records its drill-down names.
enum class MembershipFigureSource {
  kMemberStock,          // members as of the period's last day
  kMemberEvents,         // lifecycle events (or dates, badges) in the period
  kOrganizations,        // organizations existing on the period's last day
  kNewOrganizations,     // organizations established in the period
};

struct MembershipFigureDefinition {
  MembershipFigureId id;
  std::string_view key;    // e.g. "members.age.31_40"
  std::string_view label;  // e.g. "Đảng viên từ 31 đến 40 tuổi"
  MembershipFigureSource source;
};

// Every figure, in report order (MembershipFigureId order).
std::span<const MembershipFigureDefinition> MembershipFigures();

const MembershipFigureDefinition& DefinitionOf(MembershipFigureId id);

// The figure with this key; none for an unknown key.
std::optional<MembershipFigureId> FindMembershipFigure(std::string_view key);

// organizations.kind.<kind> and organizations.ownership.<ownership>; none for kUnspecified or
// a value outside the enum.
std::optional<MembershipFigureId> KindFigure(membership::OrganizationKind kind);
std::optional<MembershipFigureId> OwnershipFigure(membership::EnterpriseOwnership ownership);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_MEMBERSHIP_FIGURES_H_
