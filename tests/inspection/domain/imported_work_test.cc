#include "services/inspection/domain/imported_work.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/inspection/domain/fixtures.h"

namespace dangbo::inspection {
namespace {

using fixtures::Seed002Concluded;
using fixtures::Seed002Notice;
using fixtures::WarningOfFullMember;
using ::testing::StartsWith;

class ImportedWorkTest : public ::testing::Test {
 protected:
  // Seed 002 as it ended: the notice issued, both tasks done, closed.
  static Inspection Closed() {
    Inspection in = Seed002Concluded();
    in.notice = Seed002Notice();
    in.task_completions = {{.task_number = 1, .completed_date = Date(2019, 9, 20)},
                           {.task_number = 2, .completed_date = Date(2019, 12, 20)}};
    in.closed_date = Date(2019, 12, 27);
    in.stage = InspectionStage::kClosed;
    return in;
  }
  absl::Status Check(const Inspection& in) {
    return CheckImportedInspection(in, book_.At(Date(2019, 4, 1)), today_);
  }
  absl::Status CheckAppeals(const std::vector<Appeal>& appeals) {
    return CheckImportedAppeals(WarningOfFullMember(), appeals, book_, calendar_, today_);
  }
  static Appeal Appealed(Date received, Date filed) {
    return {.decision_id = 7,
            .received_date = received,
            .filed_date = filed,
            .resolving_organization_id = 1,
            .resolving_level = Level::kCentral};
  }
  static Appeal Resolved(Appeal a, AppealOutcome outcome, Date date,
                         DisciplineForm form = DisciplineForm::kUnspecified) {
    a.resolution = AppealResolution{.outcome = outcome, .date = date, .new_form = form};
    return a;
  }

  InspectionRuleBook book_;
  HolidayCalendar calendar_ = HolidayCalendar::VietnamDefault();
  Date today_{2026, 11, 23};
};

void ExpectRefused(const absl::Status& status, absl::StatusCode code, const std::string& field) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_THAT(std::string(status.message()), StartsWith(field + ":")) << status;
}

TEST_F(ImportedWorkTest, AClosedInspectionWithEverythingItsStagesNeedIsAccepted) {
  EXPECT_TRUE(Check(Closed()).ok()) << Check(Closed());
}

TEST_F(ImportedWorkTest, TheFinalStageNeedsWhatEveryStageOnTheWayNeeded) {
  Inspection in = Closed();
  in.concluded_date.reset();
  ExpectRefused(Check(in), absl::StatusCode::kFailedPrecondition, "concluded_date");
  in = Closed();
  in.task_completions.pop_back();
  ExpectRefused(Check(in), absl::StatusCode::kFailedPrecondition, "task_completions");
}

TEST_F(ImportedWorkTest, ADateOfAStageNeverReachedIsRefused) {
  Inspection in = Seed002Concluded();
  in.closed_date = Date(2019, 7, 1);
  ExpectRefused(Check(in), absl::StatusCode::kFailedPrecondition, "closed_date");
  in = Seed002Concluded();
  in.cancelled_date = Date(2019, 7, 1);
  ExpectRefused(Check(in), absl::StatusCode::kFailedPrecondition, "cancelled_date");
  in = Seed002Concluded();
  in.notice = Seed002Notice();
  ExpectRefused(Check(in), absl::StatusCode::kFailedPrecondition, "conclusion_notice");
}

TEST_F(ImportedWorkTest, ACancelledInspectionKeepsTheDatesOfTheStagesItWentThrough) {
  Inspection in = fixtures::Seed002Decided();
  in.started_date = Date(2019, 4, 8);
  in.reported_date = Date(2019, 5, 20);
  in.cancelled_date = Date(2019, 5, 25);
  in.cancellation_reason = "Đối tượng giải thể";
  in.stage = InspectionStage::kCancelled;
  EXPECT_TRUE(Check(in).ok()) << Check(in);
  in.concluded_date = Date(2019, 5, 24);
  ExpectRefused(Check(in), absl::StatusCode::kFailedPrecondition, "concluded_date");
}

TEST_F(ImportedWorkTest, TaskCompletionsNameTasksOfTheNoticeOnceEach) {
  Inspection in = Closed();
  in.task_completions[1].task_number = 3;
  ExpectRefused(Check(in), absl::StatusCode::kInvalidArgument, "task_completions[1].task_number");
  in = Closed();
  in.task_completions[1].task_number = 1;
  ExpectRefused(Check(in), absl::StatusCode::kInvalidArgument, "task_completions[1].task_number");
  in = Closed();
  in.task_completions[0].completed_date = Date(2019, 6, 1);
  ExpectRefused(Check(in), absl::StatusCode::kFailedPrecondition,
                "task_completions[0].completed_date");
}

TEST_F(ImportedWorkTest, AppealsAreTakenOneAfterTheOther) {
  const Appeal first = Resolved(Appealed(Date(2024, 5, 10), Date(2024, 5, 20)),
                                AppealOutcome::kUpheld, Date(2024, 8, 1));
  const Appeal second =
      Resolved(Appealed(Date(2024, 8, 5), Date(2024, 8, 12)), AppealOutcome::kReduced,
               Date(2024, 10, 1), DisciplineForm::kReprimand);
  EXPECT_TRUE(CheckAppeals({first, second}).ok()) << CheckAppeals({first, second});
  // The first still pending when the second was filed.
  Appeal pending = first;
  pending.resolution.reset();
  ExpectRefused(CheckAppeals({pending, second}), absl::StatusCode::kFailedPrecondition,
                "appeals[1].decision");
  // Filed past the deadline.
  ExpectRefused(CheckAppeals({Appealed(Date(2024, 5, 10), Date(2024, 12, 1))}),
                absl::StatusCode::kFailedPrecondition, "appeals[0].filed_date");
  // A reduction that is not lighter.
  ExpectRefused(CheckAppeals({Resolved(Appealed(Date(2024, 5, 10), Date(2024, 5, 20)),
                                       AppealOutcome::kReduced, Date(2024, 8, 1),
                                       DisciplineForm::kExpulsion)}),
                absl::StatusCode::kFailedPrecondition, "appeals[0].resolution.new_form");
}

}  // namespace
}  // namespace dangbo::inspection
