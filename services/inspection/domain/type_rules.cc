#include "services/inspection/domain/type_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/inspection/domain/enum_names.h"

namespace dangbo::inspection {

std::vector<ConductingBody> ConductingBodiesFor(InspectionType type) {
  using B = ConductingBody;
  using T = InspectionType;
  // "Committee" in domain.md's table is the executive committee or its standing committee.
  switch (type) {
    case T::kThematicInspection:
      return {B::kExecutiveCommittee, B::kStandingCommittee, B::kCell};
    case T::kThematicSupervision:
      // Seed 002: the standing committee decides and the UBKT runs the team; staff bodies
      // supervise within their own field (?).
      return {B::kExecutiveCommittee, B::kStandingCommittee, B::kCell, B::kInspectionCommittee,
              B::kStaffBody};
    case T::kRegularSupervision:
      return {B::kExecutiveCommittee, B::kStandingCommittee, B::kInspectionCommittee,
              B::kStaffBody};
    case T::kViolationSignsInspection:
    case T::kInspectionDutyInspection:
    case T::kDisciplineExecutionInspection:
    case T::kFinanceInspection:
    case T::kDuesInspection:
    case T::kDenunciation:
    case T::kDisciplineAppeal:
      return {B::kInspectionCommittee};
    case T::kSelfInspection:
      // The lower-level organization itself, through its committee or cell.
      return {B::kExecutiveCommittee, B::kStandingCommittee, B::kCell};
    case T::kUnspecified:
      break;
  }
  return {};
}

bool MayConduct(ConductingBody body, InspectionType type) {
  const std::vector<ConductingBody> bodies = ConductingBodiesFor(type);
  return std::find(bodies.begin(), bodies.end(), body) != bodies.end();
}

absl::Status CheckConductingBody(InspectionType type, ConductingBody body) {
  if (type == InspectionType::kUnspecified) return absl::InvalidArgumentError("type: required");
  if (body == ConductingBody::kUnspecified) {
    return absl::InvalidArgumentError("conducting_body: required");
  }
  if (MayConduct(body, type)) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "conducting_body: ", ConductingBodyName(body), " may not conduct ", InspectionTypeName(type),
      "; it is conducted by ",
      absl::StrJoin(ConductingBodiesFor(type), " or ", [](std::string* out, ConductingBody b) {
        absl::StrAppend(out, ConductingBodyName(b));
      })));
}

bool IsSupervision(InspectionType type) {
  return type == InspectionType::kThematicSupervision ||
         type == InspectionType::kRegularSupervision;
}

}  // namespace dangbo::inspection
