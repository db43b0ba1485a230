#include "services/inspection/domain/type_rules.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace dangbo::inspection {
namespace {

using ::testing::HasSubstr;
using B = ConductingBody;
using T = InspectionType;

TEST(TypeRules, ThematicInspection_IsConductedByCommitteesAndCells) {
  EXPECT_TRUE(MayConduct(B::kExecutiveCommittee, T::kThematicInspection));
  EXPECT_TRUE(MayConduct(B::kStandingCommittee, T::kThematicInspection));
  EXPECT_TRUE(MayConduct(B::kCell, T::kThematicInspection));
  EXPECT_FALSE(MayConduct(B::kInspectionCommittee, T::kThematicInspection));
}

TEST(TypeRules, ThematicSupervision_IsAlsoConductedByTheInspectionCommittee) {
  EXPECT_TRUE(MayConduct(B::kCell, T::kThematicSupervision));
  EXPECT_TRUE(MayConduct(B::kInspectionCommittee, T::kThematicSupervision));
}

TEST(TypeRules, RegularSupervision_IsNotConductedByACell) {
  EXPECT_TRUE(MayConduct(B::kExecutiveCommittee, T::kRegularSupervision));
  EXPECT_TRUE(MayConduct(B::kInspectionCommittee, T::kRegularSupervision));
  EXPECT_FALSE(MayConduct(B::kCell, T::kRegularSupervision));
}

TEST(TypeRules, InspectionCommitteeTypes_AreConductedOnlyByTheInspectionCommittee) {
  for (T type : {T::kViolationSignsInspection, T::kInspectionDutyInspection,
                 T::kDisciplineExecutionInspection, T::kFinanceInspection, T::kDuesInspection,
                 T::kDenunciation, T::kDisciplineAppeal}) {
    EXPECT_EQ(ConductingBodiesFor(type), std::vector<B>{B::kInspectionCommittee});
  }
}

TEST(TypeRules, SelfInspection_IsConductedByTheOrganizationItself) {
  EXPECT_TRUE(MayConduct(B::kCell, T::kSelfInspection));
  EXPECT_TRUE(MayConduct(B::kExecutiveCommittee, T::kSelfInspection));
  EXPECT_FALSE(MayConduct(B::kInspectionCommittee, T::kSelfInspection));
}

TEST(TypeRules, CheckConductingBody_CellInspectingViolationSigns_IsFailedPreconditionNamingBodies) {
  absl::Status status = CheckConductingBody(T::kViolationSignsInspection, B::kCell);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("conducting_body: CELL may not conduct"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("INSPECTION_COMMITTEE"));
}

TEST(TypeRules, CheckConductingBody_Unspecified_IsInvalidArgument) {
  EXPECT_EQ(CheckConductingBody(T::kUnspecified, B::kCell).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckConductingBody(T::kThematicInspection, B::kUnspecified).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TypeRules, IsSupervision_OnlyForTheTwoSupervisionTypes) {
  EXPECT_TRUE(IsSupervision(T::kThematicSupervision));
  EXPECT_TRUE(IsSupervision(T::kRegularSupervision));
  EXPECT_FALSE(IsSupervision(T::kThematicInspection));
}

}  // namespace
}  // namespace dangbo::inspection
