#include "services/membership/domain/enum_names.h"

namespace dangbo::membership {

const char* OrganizationKindName(OrganizationKind kind) {
  switch (kind) {
    case OrganizationKind::kUnspecified:
      return "UNSPECIFIED";
    case OrganizationKind::kBlocCommittee:
      return "BLOC_COMMITTEE";
    case OrganizationKind::kUpperLevelCommittee:
      return "UPPER_LEVEL_COMMITTEE";
    case OrganizationKind::kGrassrootsCommittee:
      return "GRASSROOTS_COMMITTEE";
    case OrganizationKind::kGrassrootsCell:
      return "GRASSROOTS_CELL";
    case OrganizationKind::kSubCommittee:
      return "SUB_COMMITTEE";
    case OrganizationKind::kCell:
      return "CELL";
    case OrganizationKind::kPartyGroup:
      return "PARTY_GROUP";
  }
  return "UNKNOWN";
}

const char* MemberStateName(MemberState state) {
  switch (state) {
    case MemberState::kUnspecified:
      return "UNSPECIFIED";
    case MemberState::kApplicant:
      return "APPLICANT";
    case MemberState::kProbationary:
      return "PROBATIONARY";
    case MemberState::kFull:
      return "FULL";
    case MemberState::kStruckOff:
      return "STRUCK_OFF";
    case MemberState::kExpelled:
      return "EXPELLED";
    case MemberState::kDeceased:
      return "DECEASED";
    case MemberState::kWithdrawn:
      return "WITHDRAWN";
  }
  return "UNKNOWN";
}

const char* MemberEventTypeName(MemberEventType type) {
  switch (type) {
    case MemberEventType::kUnspecified:
      return "UNSPECIFIED";
    case MemberEventType::kAdmit:
      return "ADMIT";
    case MemberEventType::kRecognizeFull:
      return "RECOGNIZE_FULL";
    case MemberEventType::kProbationNotPassed:
      return "PROBATION_NOT_PASSED";
    case MemberEventType::kTransferOfficialStart:
      return "TRANSFER_OFFICIAL_START";
    case MemberEventType::kTransferHopAcknowledge:
      return "TRANSFER_HOP_ACKNOWLEDGE";
    case MemberEventType::kTransferOfficialReceive:
      return "TRANSFER_OFFICIAL_RECEIVE";
    case MemberEventType::kTransferTemporaryStart:
      return "TRANSFER_TEMPORARY_START";
    case MemberEventType::kTransferTemporaryEnd:
      return "TRANSFER_TEMPORARY_END";
    case MemberEventType::kExempt:
      return "EXEMPT";
    case MemberEventType::kUnexempt:
      return "UNEXEMPT";
    case MemberEventType::kStrikeOff:
      return "STRIKE_OFF";
    case MemberEventType::kResign:
      return "RESIGN";
    case MemberEventType::kExpel:
      return "EXPEL";
    case MemberEventType::kDecease:
      return "DECEASE";
    case MemberEventType::kReadmit:
      return "READMIT";
    case MemberEventType::kLostContact:
      return "LOST_CONTACT";
    case MemberEventType::kRegainContact:
      return "REGAIN_CONTACT";
    case MemberEventType::kWithdrawApplication:
      return "WITHDRAW_APPLICATION";
    case MemberEventType::kOrganizationMerged:
      return "ORGANIZATION_MERGED";
    case MemberEventType::kOrganizationSplit:
      return "ORGANIZATION_SPLIT";
  }
  return "UNKNOWN";
}

const char* RatingLevelName(RatingLevel level) {
  switch (level) {
    case RatingLevel::kUnspecified:
      return "UNSPECIFIED";
    case RatingLevel::kExcellent:
      return "EXCELLENT";
    case RatingLevel::kGood:
      return "GOOD";
    case RatingLevel::kCompleted:
      return "COMPLETED";
    case RatingLevel::kNotCompleted:
      return "NOT_COMPLETED";
  }
  return "UNKNOWN";
}

}  // namespace dangbo::membership
