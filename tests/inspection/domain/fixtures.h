// Records the tests start from: seed 002's supervision and a plain disciplinary decision.
#ifndef DANGBO_TESTS_INSPECTION_DOMAIN_FIXTURES_H_
#define DANGBO_TESTS_INSPECTION_DOMAIN_FIXTURES_H_

#include "services/inspection/domain/model.h"

namespace dangbo::inspection::fixtures {

inline constexpr int64_t kBlocCommittee = 1;  // Đảng ủy Khối Doanh nghiệp tỉnh
inline constexpr int64_t kGrassroots = 20;    // an enterprise's đảng ủy cơ sở
inline constexpr int64_t kCell = 21;          // a cell under it
inline constexpr int64_t kMember = 300;

// Seed 002 as decided: the bloc's standing committee set up the supervision team on
// 2019-04-01 by decision 251-QĐ/ĐUK; two grassroots organizations and one committee member.
inline Inspection Seed002Decided() {
  Inspection in;
  in.id = 251;
  in.type = InspectionType::kThematicSupervision;
  in.conducting_body = ConductingBody::kStandingCommittee;
  in.conducting_organization_id = kBlocCommittee;
  in.conducting_level = Level::kDistrict;
  in.stage = InspectionStage::kDecided;
  in.decision = {.number = "251-QĐ/ĐUK", .date = Date(2019, 4, 1)};
  in.content =
      "Giám sát việc lãnh đạo, chỉ đạo triển khai, thực hiện quy chế làm việc của cấp ủy cơ sở "
      "nhiệm kỳ 2015-2020 và việc chấp hành nguyên tắc tổ chức, chế độ sinh hoạt đảng";
  in.period_from = Date(2015, 10, 1);
  in.period_to = Date(2019, 3, 31);
  in.planned_duration_working_days = 25;
  in.team = {{.member_id = 11, .full_name = "Trưởng đoàn", .role = TeamRole::kLeader},
             {.member_id = 12, .full_name = "Thành viên", .role = TeamRole::kMember},
             {.member_id = 13, .full_name = "Thư ký", .role = TeamRole::kSecretary}};
  in.subjects = {
      {.subject = {SubjectKind::kOrganization, kGrassroots},
       .organization_id_at_decision = kGrassroots},
      {.subject = {SubjectKind::kOrganization, 30}, .organization_id_at_decision = 30},
      {.subject = {SubjectKind::kMember, kMember},
       .committee_member = true,
       .organization_id_at_decision = kCell},
  };
  return in;
}

// Seed 002 at the standing committee's meeting of 2019-06-06, every subject assessed.
inline Inspection Seed002Concluded() {
  Inspection in = Seed002Decided();
  in.stage = InspectionStage::kConcluded;
  in.started_date = Date(2019, 4, 8);
  in.reported_date = Date(2019, 5, 20);
  in.concluded_date = Date(2019, 6, 6);
  for (InspectionSubject& s : in.subjects) s.outcome = SubjectOutcome::kGood;
  in.subjects[1].outcome = SubjectOutcome::kShortcomings;
  return in;
}

// Seed 002's notice: the four sections, tasks for the Organization Department and the UBKT,
// and its distribution list.
inline ConclusionNotice Seed002Notice() {
  ConclusionNotice n;
  n.inspection_id = 251;
  n.number = "TB-ĐUK/2019";
  n.issued_date = Date(2019, 6, 12);
  n.strengths = {"Đã xây dựng kế hoạch triển khai, quán triệt, tổ chức thực hiện nghiêm túc"};
  n.shortcomings = {"Quy chế làm việc của một số cấp ủy chất lượng thấp"};
  n.causes = {"Đội ngũ cán bộ cấp ủy cơ sở chủ yếu là kiêm nhiệm"};
  n.required_tasks = {
      {.text = "Xây dựng, hướng dẫn mẫu Quy chế làm việc",
       .assignee = "Ban Tổ chức Đảng ủy khối",
       .due_date = Date(2019, 9, 30)},
      {.text = "Đôn đốc việc thực hiện Thông báo này",
       .assignee = "Ủy ban Kiểm tra Đảng ủy khối",
       .due_date = Date(2019, 12, 31)},
  };
  n.distribution = {"Ban Thường vụ Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "BCH Đảng bộ Khối",
                    "Các tổ chức cơ sở đảng trực thuộc", "Lưu: VPĐUK, Hồ sơ cuộc giám sát"};
  n.signed_by = "Trần Hữu Nam";
  return n;
}

// A warning of a full member by the bloc's UBKT for a 2022 violation, decided in 2024.
inline DisciplinaryDecision WarningOfFullMember() {
  DisciplinaryDecision d;
  d.id = 7;
  d.subject = {SubjectKind::kMember, kMember};
  d.member_standing = MemberStanding::kFull;
  d.subject_organization_id = kCell;
  d.form = DisciplineForm::kWarning;
  d.deciding_organization_id = kBlocCommittee;
  d.deciding_body = DecidingBody::kUpperInspectionCommittee;
  d.number = "15-QĐ/UBKT";
  d.decision_date = Date(2024, 5, 6);
  d.effective_date = Date(2024, 5, 6);
  d.violation_dates = {Date(2022, 3, 15)};
  d.category = ViolationCategory::kFinanceAndAssets;
  d.reasons = "Vi phạm quy chế quản lý tài chính";
  return d;
}

}  // namespace dangbo::inspection::fixtures

#endif  // DANGBO_TESTS_INSPECTION_DOMAIN_FIXTURES_H_
