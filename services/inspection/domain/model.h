// The inspection records as the domain sees them (domain.md §3–4): plain values, no storage or
// wire types. The gRPC adapter maps protos to these; the store persists them. Organizations and
// members are referred to by membership's ids.
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_MODEL_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace dangbo::inspection {

using Date = absl::CivilDay;

// Loại cuộc kiểm tra, giám sát (domain.md §3).
enum class InspectionType {
  kUnspecified = 0,
  kThematicInspection = 1,        // kiểm tra chuyên đề (chấp hành)
  kThematicSupervision = 2,       // giám sát chuyên đề
  kRegularSupervision = 3,        // giám sát thường xuyên
  kViolationSignsInspection = 4,  // kiểm tra khi có dấu hiệu vi phạm
  kInspectionDutyInspection = 5,  // kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát
  kDisciplineExecutionInspection = 6,  // kiểm tra việc thi hành kỷ luật
  kFinanceInspection = 7,              // kiểm tra tài chính đảng
  kDuesInspection = 8,     // kiểm tra thu, nộp, quản lý, sử dụng đảng phí
  kDenunciation = 9,       // giải quyết tố cáo
  kDisciplineAppeal = 10,  // giải quyết khiếu nại kỷ luật
  kSelfInspection = 11,    // tự kiểm tra (reported by the lower level)
};

// Chủ thể tiến hành: who conducts an inspection or supervision.
enum class ConductingBody {
  kUnspecified = 0,
  kExecutiveCommittee = 1,   // cấp ủy / Ban Chấp hành
  kStandingCommittee = 2,    // Ban Thường vụ
  kCell = 3,                 // chi bộ
  kInspectionCommittee = 4,  // Ủy ban Kiểm tra (UBKT)
  kStaffBody = 5,            // cơ quan tham mưu, giúp việc (e.g. Ban Tổ chức)
};

// Cấp: the level of the conducting or resolving organization, which sets durations and the appeal
// resolution deadline. The enterprise blocs sit at the levels "tương đương" to these.
enum class Level {
  kUnspecified = 0,
  kCentral = 1,     // Trung ương
  kProvincial = 2,  // cấp tỉnh và tương đương
  kDistrict = 3,    // cấp huyện và tương đương
  kGrassroots = 4,  // cơ sở
};

// Giai đoạn (domain.md §3); the allowed moves are in stage_graph.h.
enum class InspectionStage {
  kUnspecified = 0,
  kPlanned = 1,       // trong chương trình kiểm tra, giám sát
  kDecided = 2,       // quyết định thành lập đoàn
  kInProgress = 3,    // đang tiến hành
  kReported = 4,      // đoàn báo cáo kết quả
  kConcluded = 5,     // cơ quan ra quyết định đã kết luận
  kNoticeIssued = 6,  // đã ban hành thông báo kết luận
  kFollowUp = 7,      // theo dõi thực hiện kết luận
  kClosed = 8,        // kết thúc
  kCancelled = 9,     // hủy
};

// Đối tượng: a party organization or a party member.
enum class SubjectKind {
  kUnspecified = 0,
  kOrganization = 1,  // tổ chức đảng
  kMember = 2,        // đảng viên
};

// Kết quả đối với đối tượng.
enum class SubjectOutcome {
  kUnspecified = 0,
  kNotAssessed = 1,   // không đánh giá
  kGood = 2,          // thực hiện tốt
  kShortcomings = 3,  // thực hiện chưa tốt nhiệm vụ theo nội dung kiểm tra
  kViolation = 4,     // có vi phạm
  kViolationRequiresDiscipline = 5,  // vi phạm đến mức phải xử lý kỷ luật
};

// Hình thức kỷ luật (domain.md §4).
enum class DisciplineForm {
  kUnspecified = 0,
  kReprimand = 1,        // khiển trách
  kWarning = 2,          // cảnh cáo
  kRemovalFromPost = 3,  // cách chức
  kExpulsion = 4,        // khai trừ
  kDissolution = 5,      // giải tán
};

// Lĩnh vực vi phạm. The first three have no statute of limitations by default
// (InspectionRules::unlimited_categories); the rest are ordinary.
enum class ViolationCategory {
  kUnspecified = 0,
  kInternalPolitics = 1,         // chính trị nội bộ
  kNationalSecurityDefence = 2,  // quốc phòng, an ninh, đối ngoại xâm hại lợi ích quốc gia
  kForgedDiploma = 3,            // sử dụng văn bằng, chứng chỉ giả, không hợp pháp
  kPoliticalIdeology = 4,         // chính trị tư tưởng
  kOrganizationalPrinciples = 5,  // nguyên tắc tập trung dân chủ, quy chế làm việc
  kCadreWork = 6,                 // công tác tổ chức, cán bộ
  kFinanceAndAssets = 7,          // tài chính, tài sản, đầu tư
  kLandAndResources = 8,          // đất đai, tài nguyên, khoáng sản
  kCorruptionAndWaste = 9,        // tham nhũng, lãng phí, tiêu cực
  kMoralityAndLifestyle = 10,     // đạo đức, lối sống
  kPartyActivity = 11,            // sinh hoạt đảng, đảng phí, nhiệm vụ đảng viên
  kOther = 12,
};

// Kết quả giải quyết khiếu nại kỷ luật.
enum class AppealOutcome {
  kUnspecified = 0,
  kUpheld = 1,     // giữ nguyên
  kReduced = 2,    // giảm hình thức kỷ luật
  kIncreased = 3,  // tăng hình thức kỷ luật
  kAnnulled = 4,   // xóa (hủy) quyết định kỷ luật
};

// Đảng viên dự bị / chính thức, as membership reported it at the decision date.
enum class MemberStanding {
  kUnspecified = 0,
  kProbationary = 1,  // dự bị
  kFull = 2,          // chính thức
};

// Vai trò trong đoàn kiểm tra, giám sát.
enum class TeamRole {
  kUnspecified = 0,
  kLeader = 1,        // trưởng đoàn
  kDeputyLeader = 2,  // phó trưởng đoàn
  kMember = 3,        // thành viên
  kSecretary = 4,     // thư ký
};

// Which body of an organization decides a discipline; the authority matrix is keyed by it
// (discipline_rules.h). "Upper" means the grassroots level's upper level (cấp trên cơ sở) and
// everything above it.
enum class DecidingBody {
  kUnspecified = 0,
  kCell = 1,                            // chi bộ (chi bộ cơ sở or trực thuộc)
  kSubCommittee = 2,                    // đảng ủy bộ phận
  kGrassrootsExecutive = 3,             // đảng ủy cơ sở
  kGrassrootsExecutiveUpperPowers = 4,  // đảng ủy cơ sở được giao quyền cấp trên cơ sở
  kGrassrootsStandingCommittee = 5,    // ban thường vụ đảng ủy cơ sở
  kGrassrootsInspectionCommittee = 6,  // UBKT đảng ủy cơ sở
  kUpperExecutive = 7,                 // cấp ủy cấp trên cơ sở trở lên
  kUpperStandingCommittee = 8,    // ban thường vụ cấp ủy cấp trên cơ sở trở lên
  kUpperInspectionCommittee = 9,  // UBKT cấp trên cơ sở trở lên
};

// A decision (quyết định) a record rests on.
struct DecisionRef {
  std::string number;  // e.g. "251-QĐ/ĐUK"
  std::optional<Date> date;
  std::string issuer;  // "organizations/{id}" or the issuer's name as printed
};

struct SubjectRef {
  SubjectKind kind = SubjectKind::kUnspecified;
  int64_t id = 0;  // an organization id or a member id, by kind
  friend bool operator==(const SubjectRef&, const SubjectRef&) = default;
};

// Chương trình kiểm tra, giám sát năm: what a committee or UBKT plans for a year.
struct PlannedItem {
  InspectionType type = InspectionType::kUnspecified;
  std::string content;
  std::vector<SubjectRef> subjects;
  std::optional<Date> planned_start;     // the month or quarter the programme names, as a date
  std::optional<int64_t> inspection_id;  // set once an inspection carries the item out
};

struct Programme {
  int64_t id = 0;
  int64_t organization_id = 0;
  ConductingBody conducting_body = ConductingBody::kUnspecified;
  int year = 0;
  DecisionRef decision;
  std::vector<PlannedItem> items;
  int64_t version = 0;
};

struct TeamMember {
  int64_t member_id = 0;
  std::string full_name;
  TeamRole role = TeamRole::kUnspecified;
};

struct InspectionSubject {
  SubjectRef subject;
  // A member's seat on a committee (cấp ủy viên); reports count those separately.
  bool committee_member = false;
  // For a member, the organization where they were registered at the decision date; for an
  // organization, the organization itself. Statistics attribute the subject here even after
  // the member moves.
  int64_t organization_id_at_decision = 0;
  SubjectOutcome outcome = SubjectOutcome::kUnspecified;
};

struct Finding {
  SubjectRef subject;
  std::string text;
  ViolationCategory category = ViolationCategory::kUnspecified;  // unspecified: no violation
};

// Nhiệm vụ: a required task of a conclusion notice.
struct RequiredTask {
  std::string text;
  std::string assignee;  // the organization, body or person charged with it
  std::optional<Date> due_date;
  friend bool operator==(const RequiredTask&, const RequiredTask&) = default;
};

// Thông báo kết luận (seed 002). Once issued (issued_date set) a revision never changes; a
// correction is a new revision that names the one it supersedes (conclusion_notice.h).
struct ConclusionNotice {
  int64_t inspection_id = 0;
  int revision = 1;
  std::optional<int> supersedes_revision;
  std::string correction_reason;  // required for revisions after the first
  std::string number;
  std::optional<Date> issued_date;
  std::vector<std::string> strengths;        // ưu điểm
  std::vector<std::string> shortcomings;     // hạn chế, khuyết điểm
  std::vector<std::string> causes;           // nguyên nhân
  std::vector<RequiredTask> required_tasks;  // nhiệm vụ; numbered from 1 in this order
  std::vector<std::string> distribution;     // nơi nhận
  std::string signed_by;
  friend bool operator==(const ConclusionNotice&, const ConclusionNotice&) = default;
};

// Follow-up of a notice's task, kept apart from the immutable notice.
struct TaskCompletion {
  int task_number = 0;  // 1-based position in the notice's required_tasks
  Date completed_date;
  std::string note;
};

// One resource for inspections and supervisions.
struct Inspection {
  int64_t id = 0;
  InspectionType type = InspectionType::kUnspecified;
  ConductingBody conducting_body = ConductingBody::kUnspecified;
  int64_t conducting_organization_id = 0;
  Level conducting_level = Level::kUnspecified;
  std::optional<int64_t> programme_id;
  InspectionStage stage = InspectionStage::kUnspecified;
  DecisionRef decision;  // quyết định thành lập đoàn
  std::string content;
  std::optional<Date> period_from;  // the period the inspection looks at
  std::optional<Date> period_to;
  int planned_duration_working_days = 0;
  int extension_working_days = 0;  // gia hạn, at most a third of the limit
  std::vector<TeamMember> team;
  std::vector<InspectionSubject> subjects;
  std::vector<Finding> findings;
  // Dates of the stages after DECIDED.
  std::optional<Date> started_date;    // công bố quyết định
  std::optional<Date> reported_date;   // báo cáo của đoàn
  std::optional<Date> concluded_date;  // cơ quan ra quyết định họp, kết luận
  std::optional<Date> closed_date;
  std::optional<Date> cancelled_date;
  std::string cancellation_reason;
  std::optional<ConclusionNotice> notice;  // the current revision
  std::vector<TaskCompletion> task_completions;
  int64_t version = 0;
};

// Quyết định kỷ luật (domain.md §4).
struct DisciplinaryDecision {
  int64_t id = 0;
  SubjectRef subject;
  // What membership reported for the subject at the decision date.
  MemberStanding member_standing = MemberStanding::kUnspecified;  // members only
  bool holds_post = false;              // a member holding a post that cách chức can remove
  int64_t subject_organization_id = 0;  // a member's organization, or the organization itself
  DisciplineForm form = DisciplineForm::kUnspecified;
  int64_t deciding_organization_id = 0;
  DecidingBody deciding_body = DecidingBody::kUnspecified;
  std::string number;
  Date decision_date;
  Date effective_date;
  std::vector<Date> violation_dates;  // the acts this decision disciplines
  ViolationCategory category = ViolationCategory::kUnspecified;
  std::string reasons;
  std::optional<int64_t> source_inspection_id;
  std::vector<std::string> aggravating_circumstances;  // tình tiết tăng nặng
  std::vector<std::string> mitigating_circumstances;   // tình tiết giảm nhẹ
  int64_t version = 0;
};

struct AppealResolution {
  AppealOutcome outcome = AppealOutcome::kUnspecified;
  Date date;
  std::string number;
  DisciplineForm new_form = DisciplineForm::kUnspecified;  // REDUCED and INCREASED only
  std::string reasons;
};

// Khiếu nại kỷ luật, to the level above the deciding body.
struct Appeal {
  int64_t id = 0;
  int64_t decision_id = 0;
  // The day the appellant received the decision (or the resolution of an earlier appeal that
  // is appealed further up): the filing deadline counts from it.
  Date received_date;
  Date filed_date;  // the day the resolving body received the appeal
  int64_t resolving_organization_id = 0;
  Level resolving_level = Level::kUnspecified;
  std::optional<AppealResolution> resolution;
  int64_t version = 0;
};

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_MODEL_H_
