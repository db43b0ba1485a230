// Education levels for the membership statistics (domain.md §5). The party record keeps general
// education and professional qualification as free text, as written on the member's profile
// ("12/12", "10/10", "THPT"; "Kỹ sư Xây dựng", "Thạc sĩ Kinh tế"); these read the level out of
// it. Text they cannot read counts under no level.
#ifndef DANGBO_SERVICES_REPORTING_DOMAIN_EDUCATION_LEVELS_H_
#define DANGBO_SERVICES_REPORTING_DOMAIN_EDUCATION_LEVELS_H_

#include <cstdint>
#include <string_view>

namespace dangbo::reporting {

// Trình độ học vấn (giáo dục phổ thông).
enum class GeneralEducation : uint8_t {
  kUnknown = 0,
  kPrimary = 1,         // tiểu học
  kLowerSecondary = 2,  // trung học cơ sở
  kUpperSecondary = 3,  // trung học phổ thông
};

// Trình độ chuyên môn nghiệp vụ: the highest the text names.
enum class Qualification : uint8_t {
  kUnknown = 0,
  kElementary = 1,    // sơ cấp, công nhân kỹ thuật
  kIntermediate = 2,  // trung cấp
  kCollege = 3,       // cao đẳng
  kUniversity = 4,    // đại học: cử nhân, kỹ sư, bác sĩ, dược sĩ, kiến trúc sư
  kMaster = 5,        // thạc sĩ
  kDoctorate = 6,     // tiến sĩ
};

// "x/12" (the 12-year system: grades 1–5, 6–9, 10–12) and "x/10" (the former 10-year system of
// the North: 1–4, 5–7, 8–10) by the last grade completed; otherwise the level's name or its
// usual abbreviation (THPT, PTTH, cấp 3; THCS, PTCS, cấp 2; tiểu học, cấp 1).
GeneralEducation ReadGeneralEducation(std::string_view text);

Qualification ReadQualification(std::string_view text);

}  // namespace dangbo::reporting

#endif  // DANGBO_SERVICES_REPORTING_DOMAIN_EDUCATION_LEVELS_H_
