#include "services/reporting/domain/education_levels.h"

#include <charconv>
#include <initializer_list>
#include <string>
#include <system_error>

#include "services/membership/domain/names.h"

namespace dangbo::reporting {
namespace {

bool IsWordCharacter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Whether the search key holds one of `words` as whole words: "ts" is in "TS. Kinh tế" but not
// inside "thpts".
bool HasAnyWord(std::string_view key, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    for (size_t at = key.find(word); at != std::string_view::npos; at = key.find(word, at + 1)) {
      const size_t end = at + word.size();
      if ((at == 0 || !IsWordCharacter(key[at - 1])) &&
          (end == key.size() || !IsWordCharacter(key[end]))) {
        return true;
      }
    }
  }
  return false;
}

// "x/y" with whole numbers, the grade completed out of the system's years.
bool ReadGrade(std::string_view key, int& grade, int& years) {
  const size_t slash = key.find('/');
  if (slash == std::string_view::npos) return false;
  size_t begin = slash;
  while (begin > 0 && key[begin - 1] >= '0' && key[begin - 1] <= '9') --begin;
  const char* const at_slash = key.data() + slash;
  const auto [grade_end, grade_error] = std::from_chars(key.data() + begin, at_slash, grade);
  const auto [years_end, years_error] =
      std::from_chars(at_slash + 1, key.data() + key.size(), years);
  return grade_error == std::errc() && grade_end == at_slash && years_error == std::errc() &&
         grade >= 1 && grade <= years;
}

}  // namespace

GeneralEducation ReadGeneralEducation(std::string_view text) {
  const std::string key = membership::SearchKey(text);
  if (int grade = 0, years = 0; ReadGrade(key, grade, years)) {
    if (years == 12) {
      if (grade >= 10) return GeneralEducation::kUpperSecondary;
      return grade >= 6 ? GeneralEducation::kLowerSecondary : GeneralEducation::kPrimary;
    }
    if (years == 10) {
      if (grade >= 8) return GeneralEducation::kUpperSecondary;
      return grade >= 5 ? GeneralEducation::kLowerSecondary : GeneralEducation::kPrimary;
    }
    return GeneralEducation::kUnknown;
  }
  // Roman numerals ("cấp III") read "iii" once diacritics and case are gone.
  if (HasAnyWord(key, {"thpt", "ptth", "trung hoc pho thong", "pho thong trung hoc", "cap 3",
                       "cap iii"})) {
    return GeneralEducation::kUpperSecondary;
  }
  if (HasAnyWord(key, {"thcs", "ptcs", "trung hoc co so", "pho thong co so", "cap 2", "cap ii"})) {
    return GeneralEducation::kLowerSecondary;
  }
  if (HasAnyWord(key, {"tieu hoc", "cap 1", "cap i"})) return GeneralEducation::kPrimary;
  return GeneralEducation::kUnknown;
}

Qualification ReadQualification(std::string_view text) {
  const std::string key = membership::SearchKey(text);
  // Highest first, so a text naming two levels ("Kỹ sư, Thạc sĩ Kinh tế") counts at the higher.
  if (HasAnyWord(key, {"tien si", "ts", "tskh", "phd"})) return Qualification::kDoctorate;
  if (HasAnyWord(key, {"thac si", "ths", "cao hoc"})) return Qualification::kMaster;
  if (HasAnyWord(key, {"dai hoc", "cu nhan", "ky su", "bac si", "duoc si", "kien truc su"})) {
    return Qualification::kUniversity;
  }
  if (HasAnyWord(key, {"cao dang"})) return Qualification::kCollege;
  if (HasAnyWord(key, {"trung cap"})) return Qualification::kIntermediate;
  if (HasAnyWord(key, {"so cap", "cong nhan ky thuat", "cnkt"})) return Qualification::kElementary;
  return Qualification::kUnknown;
}

}  // namespace dangbo::reporting
