#include "tests/inspection/store/store_fixture.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/migrate.h"
#include "cppconn/resultset.h"
#include "services/inspection/store/migrations.h"
#include "tests/support/mariadb_environment.h"

namespace dangbo::inspection {
namespace {

const auto* const kMariaDb =
    ::testing::AddGlobalTestEnvironment(new dangbo::testing::MariaDbEnvironment);

}  // namespace

void InspectionStoreTest::SetUp() {
  absl::StatusOr<db::Config> config = dangbo::testing::CreateTestSchema("inspection", 8);
  ASSERT_TRUE(config.ok()) << config.status();
  config_ = *config;
  absl::StatusOr<std::unique_ptr<db::Pool>> pool = db::Pool::Create(config_);
  ASSERT_TRUE(pool.ok()) << pool.status();
  pool_ = *std::move(pool);
  absl::Status migrated = db::Migrate(*pool_, EmbeddedMigrations());
  ASSERT_TRUE(migrated.ok()) << migrated;
  store_ = std::make_unique<InspectionStore>(*pool_);
}

MutationContext InspectionStoreTest::NewContext(const std::string& method,
                                                const std::string& fingerprint) {
  return MutationContext{method, absl::StrCat("req-", ++request_counter_), fingerprint,
                         "users/ubkt-dang-uy-khoi"};
}

Inspection InspectionStoreTest::NewSupervision() {
  Inspection i;
  i.type = InspectionType::kThematicSupervision;
  i.conducting_body = ConductingBody::kInspectionCommittee;
  i.conducting_organization_id = 1;
  i.conducting_level = Level::kProvincial;
  i.stage = InspectionStage::kDecided;
  i.decision = DecisionRef{"251-QĐ/ĐUK", Date(2024, 5, 6)};
  i.content =
      "Giám sát việc lãnh đạo, chỉ đạo thực hiện Nghị quyết Trung ương 4 khóa XII "
      "về xây dựng, chỉnh đốn Đảng";
  i.period_from = Date(2023, 1, 1);
  i.period_to = Date(2023, 12, 31);
  i.planned_duration_working_days = 30;
  i.team = {{.member_id = 101, .full_name = "Nguyễn Thị Hồng Nhung", .role = TeamRole::kLeader},
            {.member_id = 102, .full_name = "Trần Văn Đức", .role = TeamRole::kMember}};
  i.subjects = {{.subject = {SubjectKind::kOrganization, 20},
                 .organization_id_at_decision = 20,
                 .outcome = SubjectOutcome::kNotAssessed},
                {.subject = {SubjectKind::kMember, 300},
                 .committee_member = true,
                 .organization_id_at_decision = 20,
                 .outcome = SubjectOutcome::kNotAssessed}};
  return i;
}

ConclusionNotice InspectionStoreTest::NewNotice(int64_t inspection_id, int revision) {
  ConclusionNotice n;
  n.inspection_id = inspection_id;
  n.revision = revision;
  n.number = "15-TB/ĐUK";
  n.issued_date = Date(2024, 7, 15);
  n.strengths = {"Ban Thường vụ Đảng ủy đã quán triệt nghiêm túc Nghị quyết."};
  n.shortcomings = {"Việc tự phê bình và phê bình có lúc còn hình thức."};
  n.causes = {"Một số cấp ủy viên chưa thật sự gương mẫu."};
  n.required_tasks = {{.text = "Khắc phục hạn chế, khuyết điểm đã nêu",
                       .assignee = "Đảng ủy Công ty Điện lực Hà Nội",
                       .due_date = Date(2024, 10, 31)},
                      {.text = "Báo cáo kết quả khắc phục về UBKT Đảng ủy Khối",
                       .assignee = "Chi bộ Phòng Kỹ thuật",
                       .due_date = Date(2024, 11, 30)}};
  n.distribution = {"Như trên", "Thường trực Đảng ủy Khối", "Lưu UBKT"};
  n.signed_by = "T/M Ủy ban Kiểm tra, Chủ nhiệm Lê Văn Bình";
  return n;
}

DisciplinaryDecision InspectionStoreTest::NewWarning() {
  DisciplinaryDecision d;
  d.subject = {SubjectKind::kMember, 300};
  d.member_standing = MemberStanding::kFull;
  d.holds_post = true;
  d.subject_organization_id = 20;
  d.form = DisciplineForm::kWarning;
  d.deciding_organization_id = 1;
  d.deciding_body = DecidingBody::kUpperInspectionCommittee;
  d.number = "12-QĐ/UBKTĐUK";
  d.decision_date = Date(2024, 9, 10);
  d.effective_date = Date(2024, 9, 10);
  d.violation_dates = {Date(2022, 3, 1), Date(2023, 6, 15)};
  d.category = ViolationCategory::kFinanceAndAssets;
  d.reasons = "Vi phạm quy định về quản lý tài chính, tài sản của đơn vị";
  d.aggravating_circumstances = {"Không tự giác nhận khuyết điểm"};
  d.mitigating_circumstances = {"Đã khắc phục một phần hậu quả", "Có nhiều năm công tác tốt"};
  return d;
}

absl::StatusOr<Inspection> InspectionStoreTest::CreateInspection(const Inspection& inspection) {
  Inspection created;
  absl::StatusOr<std::string> response = store_->Mutate(
      NewContext("CreateInspection"), [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
        absl::StatusOr<Inspection> inserted = tx.InsertInspection(inspection);
        if (!inserted.ok()) return inserted.status();
        created = *inserted;
        const std::string resource = absl::StrCat("inspections/", inserted->id);
        return MutationOutcome{absl::StrCat(inserted->id),
                               {{resource, "dangbo.inspection.v1.Inspection.created", resource}},
                               resource,
                               "created"};
      });
  if (!response.ok()) return response.status();
  return created;
}

absl::StatusOr<DisciplinaryDecision> InspectionStoreTest::CreateDecision(
    const DisciplinaryDecision& decision) {
  DisciplinaryDecision created;
  absl::StatusOr<std::string> response = store_->Mutate(
      NewContext("CreateDisciplinaryDecision"),
      [&](InspectionTx& tx) -> absl::StatusOr<MutationOutcome> {
        absl::StatusOr<DisciplinaryDecision> inserted = tx.InsertDecision(decision);
        if (!inserted.ok()) return inserted.status();
        created = *inserted;
        const std::string resource = absl::StrCat("disciplinaryDecisions/", inserted->id);
        return MutationOutcome{
            absl::StrCat(inserted->id),
            {{resource, "dangbo.inspection.v1.DisciplinaryDecision.created", ""}},
            resource,
            "created"};
      });
  if (!response.ok()) return response.status();
  return created;
}

int64_t InspectionStoreTest::CountRows(const std::string& table) {
  int64_t count = -1;
  absl::Status status = pool_->Read([&](db::Session& session) -> absl::Status {
    // `table` comes from the test itself, never from input.
    std::unique_ptr<sql::ResultSet> rs(
        session.PlainStatement().executeQuery(absl::StrCat("SELECT COUNT(*) FROM ", table)));
    rs->next();
    count = rs->getInt64(1);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return count;
}

}  // namespace dangbo::inspection
