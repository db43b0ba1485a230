// The membership records as the domain sees them: plain values, no storage or wire types.
// The gRPC adapter maps protos to these; the store persists them.
#ifndef DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MODEL_H_
#define DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace dangbo::membership {

using Date = absl::CivilDay;

// A decision (quyết định) a recorded change rests on.
struct Decision {
  std::string number;  // e.g. "251-QĐ/ĐUK"
  std::optional<Date> date;
  std::string issuer;
};

// Tổ chức đảng kinds, domain.md §1.
enum class OrganizationKind {
  kUnspecified = 0,
  kBlocCommittee = 1,        // Đảng bộ Khối
  kUpperLevelCommittee = 2,  // Đảng bộ cấp trên cơ sở
  kGrassrootsCommittee = 3,  // Đảng bộ cơ sở
  kGrassrootsCell = 4,       // Chi bộ cơ sở
  kSubCommittee = 5,         // Đảng bộ bộ phận
  kCell = 6,                 // Chi bộ trực thuộc
  kPartyGroup = 7,           // Tổ đảng
};

// TCCSĐ: the grassroots organizations that targets and ratings count.
inline bool IsGrassroots(OrganizationKind kind) {
  return kind == OrganizationKind::kGrassrootsCommittee ||
         kind == OrganizationKind::kGrassrootsCell;
}

enum class EnterpriseOwnership {
  kUnspecified = 0,
  kStateOver50 = 1,
  kState50OrLess = 2,
  kPrivate = 3,
  kForeignInvested = 4,
  kPublicServiceUnit = 5,
  kAgency = 6,
  kOther = 7,
};

enum class OrganizationState {
  kUnspecified = 0,
  kActive = 1,
  kDissolved = 2,
  kMerged = 3,  // merged into another organization; its history stays readable
};

struct Organization {
  int64_t id = 0;
  std::string code;
  std::string display_name;
  OrganizationKind kind = OrganizationKind::kUnspecified;
  std::optional<int64_t> parent_id;  // none for a root
  std::string enterprise_name;
  EnterpriseOwnership ownership = EnterpriseOwnership::kUnspecified;
  bool granted_upper_level_powers = false;
  std::optional<Date> established_date;
  std::optional<Date> dissolved_date;
  OrganizationState state = OrganizationState::kActive;
  std::optional<int64_t> merged_into_id;
  // Ancestor path from the root, ids separated and closed by '/', e.g. "/1/5/23/".
  // Matched by whole elements only (design.md §3: LIKE on open paths leaks to siblings).
  std::string path;
  int64_t version = 0;  // etag source
  absl::Time create_time;
  absl::Time update_time;
};

// Trạng thái đảng viên, domain.md §2.
enum class MemberState {
  kUnspecified = 0,
  kApplicant = 1,     // quần chúng ưu tú, not yet admitted
  kProbationary = 2,  // đảng viên dự bị
  kFull = 3,          // đảng viên chính thức
  kStruckOff = 4,     // xóa tên (includes resignation and failed probation)
  kExpelled = 5,      // khai trừ
  kDeceased = 6,
  kWithdrawn = 7,     // applicant no longer considered
};

enum class Gender { kUnspecified = 0, kMale = 1, kFemale = 2 };

// Lý luận chính trị; reports count the highest level held.
enum class PoliticalTheoryLevel {
  kUnspecified = 0,
  kNone = 1,
  kElementary = 2,    // sơ cấp
  kIntermediate = 3,  // trung cấp
  kAdvanced = 4,      // cao cấp
  kBachelor = 5,      // cử nhân
};

// Fields design.md §5 calls personal data: returned only with the personal_data role.
struct PersonalData {
  std::string citizen_id;  // CCCD, 12 digits
  std::optional<Date> birth_date;
  std::string ethnicity;
  std::string religion;
  std::string address;
};

struct Member {
  int64_t id = 0;
  std::string full_name;  // NFC
  Gender gender = Gender::kUnspecified;
  MemberState state = MemberState::kUnspecified;
  int64_t organization_id = 0;  // where officially registered
  std::optional<int64_t> temporary_host_organization_id;
  std::string party_card_number;
  std::string party_profile_number;
  std::string general_education;  // e.g. "12/12"
  std::string professional_qualification;
  std::string academic_title;
  PoliticalTheoryLevel political_theory_level = PoliticalTheoryLevel::kUnspecified;
  std::string occupation;
  std::string position;
  bool department_leader = false;  // trưởng/phó phòng: counted by the theory-level target
  bool youth_union_member = false;
  PersonalData personal;
  // Lifecycle dates, maintained by events.
  std::optional<Date> admission_decision_date;
  std::optional<Date> admission_ceremony_date;
  std::optional<Date> full_member_date;
  // Orthogonal flags.
  bool exempted = false;
  bool lost_contact = false;
  bool transfer_in_transit = false;
  bool temporarily_attached = false;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// Lifecycle events, domain.md §2.
enum class MemberEventType {
  kUnspecified = 0,
  kAdmit = 1,                   // kết nạp
  kRecognizeFull = 2,           // công nhận chính thức
  kProbationNotPassed = 3,      // xóa tên khỏi danh sách đảng viên dự bị
  kTransferOfficialStart = 4,   // chuyển sinh hoạt chính thức: letter issued by the origin
  kTransferHopAcknowledge = 5,  // an intermediate level acknowledged the letter
  kTransferOfficialReceive = 6, // the receiving organization took the member in
  kTransferTemporaryStart = 7,  // sinh hoạt tạm thời
  kTransferTemporaryEnd = 8,
  kExempt = 9,                  // miễn công tác và sinh hoạt đảng
  kUnexempt = 10,
  kStrikeOff = 11,              // xóa tên
  kResign = 12,                 // xin ra khỏi Đảng (recorded as strike-off)
  kExpel = 13,                  // khai trừ (decided by inspection)
  kDecease = 14,
  kReadmit = 15,                // kết nạp lại
  kLostContact = 16,
  kRegainContact = 17,
  kWithdrawApplication = 18,
  kOrganizationMerged = 19,     // recorded by the system when the member's organization merges
  kOrganizationSplit = 20,      // recorded by the system when the member moves to a split part
};

// Grounds for xóa tên, domain.md §2.
enum class StrikeOffGround {
  kUnspecified = 0,
  kStoppedActivityOrDues = 1,
  kReturnedOrDestroyedCard = 2,
  kNoProgressAfterEducation = 3,
  kFailedStandardsTwoYears = 4,
  kNotMeetingPoliticalStandards = 5,
};

enum class TemporaryTransferPurpose { kUnspecified = 0, kWork = 1, kStudy = 2 };

struct MemberEvent {
  int64_t id = 0;
  int64_t member_id = 0;
  MemberEventType type = MemberEventType::kUnspecified;
  Date effective_date;
  Decision decision;
  // kAdmit / kReadmit
  std::optional<Date> ceremony_date;
  bool special_age_decision = false;  // admission above 60 allowed by a special decision
  // Transfers
  std::optional<int64_t> destination_organization_id;
  std::optional<Date> moved_date;  // when the member changed job or residence
  std::optional<Date> temporary_until;
  TemporaryTransferPurpose temporary_purpose = TemporaryTransferPurpose::kUnspecified;
  // kStrikeOff
  StrikeOffGround strike_off_ground = StrikeOffGround::kUnspecified;
  std::string note;
  // Effect, filled when recorded.
  MemberState state_before = MemberState::kUnspecified;
  MemberState state_after = MemberState::kUnspecified;
  int64_t organization_before = 0;
  int64_t organization_after = 0;
  std::string recorded_by;
  absl::Time record_time;
};

// Đánh giá, xếp loại chất lượng.
enum class RatingLevel {
  kUnspecified = 0,
  kExcellent = 1,     // hoàn thành xuất sắc nhiệm vụ
  kGood = 2,          // hoàn thành tốt nhiệm vụ
  kCompleted = 3,     // hoàn thành nhiệm vụ
  kNotCompleted = 4,  // không hoàn thành nhiệm vụ
};

struct Rating {
  enum class SubjectKind { kMember, kOrganization };
  SubjectKind subject_kind = SubjectKind::kMember;
  int64_t subject_id = 0;
  int year = 0;
  RatingLevel level = RatingLevel::kUnspecified;
  std::optional<int> score;  // 0–100, since 2025
  int64_t rated_in_organization_id = 0;
  std::string note;
};

// Huy hiệu Đảng.
struct Badge {
  int64_t member_id = 0;
  int years = 0;  // 30, 40, 45, … 90
  Date award_date;
  Decision decision;
  bool posthumous = false;
  bool early = false;
};

// A case that may end in the member's discipline, opened and settled by the inspection service:
// an inspection of signs of violation or a denunciation naming the member, or a conclusion that
// the member must be disciplined, until the decision. While one is open the member may not
// resign (domain.md §2).
struct ViolationCase {
  int64_t member_id = 0;
  std::string source;  // the inspection service's resource, e.g. "inspections/12"
  bool open = true;
  std::optional<Date> opened_date;
  std::optional<Date> settled_date;
  std::string recorded_by;
  absl::Time update_time;
};

}  // namespace dangbo::membership

#endif  // DANGBO_SERVICES_MEMBERSHIP_DOMAIN_MODEL_H_
