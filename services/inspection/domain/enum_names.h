// Stable upper-case names of the inspection enumerations, as error messages and the rules' JSON
// spell them (the proto value names without their prefix).
#ifndef DANGBO_SERVICES_INSPECTION_DOMAIN_ENUM_NAMES_H_
#define DANGBO_SERVICES_INSPECTION_DOMAIN_ENUM_NAMES_H_

#include <optional>
#include <string_view>

#include "services/inspection/domain/model.h"

namespace dangbo::inspection {

const char* InspectionTypeName(InspectionType type);
const char* ConductingBodyName(ConductingBody body);
const char* LevelName(Level level);
const char* InspectionStageName(InspectionStage stage);
const char* SubjectKindName(SubjectKind kind);
const char* SubjectOutcomeName(SubjectOutcome outcome);
const char* DisciplineFormName(DisciplineForm form);
const char* ViolationCategoryName(ViolationCategory category);
const char* AppealOutcomeName(AppealOutcome outcome);
const char* DecidingBodyName(DecidingBody body);

// The inverse of the names above; none for an unknown name or "UNSPECIFIED".
std::optional<InspectionType> ParseInspectionType(std::string_view name);
std::optional<Level> ParseLevel(std::string_view name);
std::optional<InspectionStage> ParseInspectionStage(std::string_view name);
std::optional<SubjectKind> ParseSubjectKind(std::string_view name);
std::optional<DisciplineForm> ParseDisciplineForm(std::string_view name);
std::optional<ViolationCategory> ParseViolationCategory(std::string_view name);
std::optional<DecidingBody> ParseDecidingBody(std::string_view name);

}  // namespace dangbo::inspection

#endif  // DANGBO_SERVICES_INSPECTION_DOMAIN_ENUM_NAMES_H_
