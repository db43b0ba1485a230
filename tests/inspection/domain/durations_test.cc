#include "services/inspection/domain/durations.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/domain/fixtures.h"

namespace dangbo::inspection {
namespace {

using fixtures::Seed002Decided;
using fixtures::Seed002Notice;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::StartsWith;
using Type = InspectionType;

class DurationsTest : public ::testing::Test {
 protected:
  // A grassroots thematic supervision announced on Wednesday 2025-01-22, just before Tết.
  static Inspection BeforeTet(int days, int extension = 0) {
    Inspection in = Seed002Decided();
    in.conducting_level = Level::kGrassroots;
    in.decision.date = Date(2025, 1, 20);
    in.started_date = Date(2025, 1, 22);
    in.stage = InspectionStage::kInProgress;
    in.planned_duration_working_days = days;
    in.extension_working_days = extension;
    return in;
  }

  InspectionRules rules_;
  HolidayCalendar calendar_ = HolidayCalendar::VietnamDefault();
};

// --- Limits ---

TEST_F(DurationsTest, ThematicSupervisionLimits_AreByLevel) {
  EXPECT_EQ(DurationLimitFor(Type::kThematicSupervision, Level::kCentral, rules_), 45);
  EXPECT_EQ(DurationLimitFor(Type::kThematicSupervision, Level::kProvincial, rules_), 30);
  EXPECT_EQ(DurationLimitFor(Type::kThematicSupervision, Level::kDistrict, rules_), 25);
  EXPECT_EQ(DurationLimitFor(Type::kThematicSupervision, Level::kGrassroots, rules_), 20);
}

TEST_F(DurationsTest, RegularSupervision_HasNoLimit) {
  EXPECT_EQ(DurationLimitFor(Type::kRegularSupervision, Level::kCentral, rules_), std::nullopt);
}

TEST_F(DurationsTest, MaxExtension_IsAThirdRoundedDown) {
  EXPECT_EQ(MaxExtension(45, rules_), 15);
  EXPECT_EQ(MaxExtension(30, rules_), 10);
  EXPECT_EQ(MaxExtension(25, rules_), 8);
  EXPECT_EQ(MaxExtension(20, rules_), 6);
}

TEST_F(DurationsTest, PlannedDuration_AtTheLimit_IsOk) {
  EXPECT_TRUE(CheckPlannedDuration(BeforeTet(20), rules_).ok());
}

TEST_F(DurationsTest, PlannedDuration_OverTheLimit_IsFailedPreconditionNamingTheLimit) {
  absl::Status status = CheckPlannedDuration(BeforeTet(21), rules_);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()),
              StartsWith("planned_duration_working_days: 21 exceeds the 20 "
                         "working days allowed for THEMATIC_SUPERVISION at "
                         "GRASSROOTS level"));
}

TEST_F(DurationsTest, Extension_OfAThird_IsOk) {
  EXPECT_TRUE(CheckPlannedDuration(BeforeTet(20, 6), rules_).ok());
}

TEST_F(DurationsTest, Extension_OverAThird_IsFailedPrecondition) {
  absl::Status status = CheckPlannedDuration(BeforeTet(20, 7), rules_);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), StartsWith("extension_working_days: 7 exceeds the 6"));
}

TEST_F(DurationsTest, Limits_AreData) {
  rules_.duration_limits.push_back({Type::kRegularSupervision, Level::kGrassroots, 10});
  Inspection in = BeforeTet(11);
  in.type = Type::kRegularSupervision;
  EXPECT_EQ(CheckPlannedDuration(in, rules_).code(), absl::StatusCode::kFailedPrecondition);
}

// --- Inspections overdue ---

TEST_F(DurationsTest, DueDate_AcrossTet2025_SkipsTheHolidays) {
  // Jan 23–27 (3), Feb 4–26 (17): Jan 28–Feb 3 are off.
  EXPECT_EQ(InspectionDueDate(BeforeTet(20), calendar_), Date(2025, 2, 26));
}

TEST_F(DurationsTest, DueDate_WithExtension_AddsItsWorkingDays) {
  EXPECT_EQ(InspectionDueDate(BeforeTet(20, 6), calendar_), Date(2025, 3, 6));
}

TEST_F(DurationsTest, DueDate_BeforeTheAnnouncement_CountsFromTheDecision) {
  Inspection in = BeforeTet(20);
  in.started_date.reset();
  EXPECT_EQ(InspectionDueDate(in, calendar_), Date(2025, 2, 24));
}

TEST_F(DurationsTest, Overdue_OnTheDueDate_IsNot) {
  EXPECT_EQ(InspectionOverdue(BeforeTet(20), rules_, calendar_, Date(2025, 2, 26)), std::nullopt);
}

TEST_F(DurationsTest, Overdue_TheDayAfter_IsOneDayPastDue) {
  std::optional<Overdue> overdue =
      InspectionOverdue(BeforeTet(20), rules_, calendar_, Date(2025, 2, 27));
  ASSERT_TRUE(overdue.has_value());
  EXPECT_EQ(overdue->due_date, Date(2025, 2, 26));
  EXPECT_EQ(overdue->days_past_due, 1);
}

TEST_F(DurationsTest, Overdue_OnceReported_IsNot) {
  Inspection in = BeforeTet(20);
  in.stage = InspectionStage::kReported;
  EXPECT_EQ(InspectionOverdue(in, rules_, calendar_, Date(2025, 6, 1)), std::nullopt);
}

TEST_F(DurationsTest, Overdue_WhenDurationEndsAtConclusion_CountsReportedToo) {
  rules_.duration_ends_at = InspectionStage::kConcluded;
  Inspection in = BeforeTet(20);
  in.stage = InspectionStage::kReported;
  EXPECT_TRUE(InspectionOverdue(in, rules_, calendar_, Date(2025, 6, 1)).has_value());
}

TEST_F(DurationsTest, Overdue_Cancelled_IsNot) {
  Inspection in = BeforeTet(20);
  in.stage = InspectionStage::kCancelled;
  EXPECT_EQ(InspectionOverdue(in, rules_, calendar_, Date(2025, 6, 1)), std::nullopt);
}

// --- Tasks and appeals overdue ---

TEST_F(DurationsTest, OverdueTasks_ListsOpenTasksPastTheirDueDate) {
  const ConclusionNotice notice = Seed002Notice();  // due 2019-09-30 and 2019-12-31
  EXPECT_THAT(OverdueTasks(notice, {}, Date(2019, 10, 1)),
              ElementsAre(Field(&OverdueTask::task_number, 1)));
  EXPECT_THAT(
      OverdueTasks(notice, {}, Date(2020, 1, 1)),
      ElementsAre(Field(&OverdueTask::task_number, 1), Field(&OverdueTask::task_number, 2)));
}

TEST_F(DurationsTest, OverdueTasks_CompletedTask_IsNotListed) {
  EXPECT_THAT(
      OverdueTasks(Seed002Notice(), {{.task_number = 1, .completed_date = Date(2019, 10, 5)}},
                   Date(2019, 10, 10)),
      ::testing::IsEmpty());
}

TEST_F(DurationsTest, AppealOverdue_PastTheResolutionDeadline) {
  const Appeal appeal = {.id = 1,
                         .received_date = Date(2025, 3, 3),
                         .filed_date = Date(2025, 3, 10),
                         .resolving_level = Level::kProvincial};
  EXPECT_EQ(AppealOverdue(appeal, rules_, calendar_, Date(2025, 7, 17)), std::nullopt);
  std::optional<Overdue> overdue = AppealOverdue(appeal, rules_, calendar_, Date(2025, 7, 18));
  ASSERT_TRUE(overdue.has_value());
  EXPECT_EQ(overdue->due_date, Date(2025, 7, 17));
}

TEST_F(DurationsTest, AppealOverdue_Resolved_IsNot) {
  Appeal appeal = {.id = 1,
                   .received_date = Date(2025, 3, 3),
                   .filed_date = Date(2025, 3, 10),
                   .resolving_level = Level::kProvincial};
  appeal.resolution = AppealResolution{.outcome = AppealOutcome::kUpheld, .date = Date(2025, 9, 1)};
  EXPECT_EQ(AppealOverdue(appeal, rules_, calendar_, Date(2025, 10, 1)), std::nullopt);
}

}  // namespace
}  // namespace dangbo::inspection
