// Reading education levels out of the party record's free text.
#include "services/reporting/domain/education_levels.h"

#include "gtest/gtest.h"

namespace dangbo::reporting {
namespace {

using G = GeneralEducation;
using Q = Qualification;

TEST(ReadGeneralEducation, GradesOfTheTwelveYearSystem) {
  EXPECT_EQ(ReadGeneralEducation("12/12"), G::kUpperSecondary);
  EXPECT_EQ(ReadGeneralEducation("10/12"), G::kUpperSecondary);
  EXPECT_EQ(ReadGeneralEducation("9/12"), G::kLowerSecondary);
  EXPECT_EQ(ReadGeneralEducation("6/12"), G::kLowerSecondary);
  EXPECT_EQ(ReadGeneralEducation("5/12"), G::kPrimary);
  EXPECT_EQ(ReadGeneralEducation(" 1/12 "), G::kPrimary);
}

TEST(ReadGeneralEducation, GradesOfTheFormerTenYearSystem) {
  EXPECT_EQ(ReadGeneralEducation("10/10"), G::kUpperSecondary);
  EXPECT_EQ(ReadGeneralEducation("8/10"), G::kUpperSecondary);
  EXPECT_EQ(ReadGeneralEducation("7/10"), G::kLowerSecondary);
  EXPECT_EQ(ReadGeneralEducation("5/10"), G::kLowerSecondary);
  EXPECT_EQ(ReadGeneralEducation("4/10"), G::kPrimary);
}

TEST(ReadGeneralEducation, NamesAndAbbreviationsWithOrWithoutDiacritics) {
  EXPECT_EQ(ReadGeneralEducation("Tốt nghiệp THPT"), G::kUpperSecondary);
  EXPECT_EQ(ReadGeneralEducation("Trung học phổ thông"), G::kUpperSecondary);
  EXPECT_EQ(ReadGeneralEducation("cấp III"), G::kUpperSecondary);
  EXPECT_EQ(ReadGeneralEducation("Trung hoc co so"), G::kLowerSecondary);
  EXPECT_EQ(ReadGeneralEducation("THCS"), G::kLowerSecondary);
  EXPECT_EQ(ReadGeneralEducation("Cấp II"), G::kLowerSecondary);
  EXPECT_EQ(ReadGeneralEducation("Tiểu học"), G::kPrimary);
  EXPECT_EQ(ReadGeneralEducation("cấp I"), G::kPrimary);
}

TEST(ReadGeneralEducation, WhatItCannotReadIsUnknown) {
  for (const char* text : {"", "12", "13/12", "0/12", "12/11", "abc/12", "thpts", "đại học"}) {
    EXPECT_EQ(ReadGeneralEducation(text), G::kUnknown) << text;
  }
}

TEST(ReadQualification, EachLevelByItsUsualNames) {
  EXPECT_EQ(ReadQualification("Tiến sĩ Kinh tế"), Q::kDoctorate);
  EXPECT_EQ(ReadQualification("TS. Luật"), Q::kDoctorate);
  EXPECT_EQ(ReadQualification("Thạc sĩ Quản trị kinh doanh"), Q::kMaster);
  EXPECT_EQ(ReadQualification("ThS Kinh tế"), Q::kMaster);
  EXPECT_EQ(ReadQualification("Kỹ sư Xây dựng"), Q::kUniversity);
  EXPECT_EQ(ReadQualification("Cử nhân Tài chính - Ngân hàng"), Q::kUniversity);
  EXPECT_EQ(ReadQualification("Đại học Bách khoa"), Q::kUniversity);
  EXPECT_EQ(ReadQualification("Dược sĩ"), Q::kUniversity);
  EXPECT_EQ(ReadQualification("Bác sĩ đa khoa"), Q::kUniversity);
  EXPECT_EQ(ReadQualification("Kiến trúc sư"), Q::kUniversity);
  EXPECT_EQ(ReadQualification("Cao đẳng Kế toán"), Q::kCollege);
  EXPECT_EQ(ReadQualification("Trung cấp Điện"), Q::kIntermediate);
  EXPECT_EQ(ReadQualification("Sơ cấp nghề"), Q::kElementary);
  EXPECT_EQ(ReadQualification("Công nhân kỹ thuật"), Q::kElementary);
}

TEST(ReadQualification, TheHighestLevelNamedCounts) {
  EXPECT_EQ(ReadQualification("Kỹ sư Điện, Thạc sĩ Quản lý"), Q::kMaster);
  EXPECT_EQ(ReadQualification("Cao đẳng, sau đó Đại học tại chức"), Q::kUniversity);
}

TEST(ReadQualification, WhatItCannotReadIsUnknown) {
  for (const char* text : {"", "Chuyên viên", "Kế toán", "tsunami", "12/12"}) {
    EXPECT_EQ(ReadQualification(text), Q::kUnknown) << text;
  }
}

}  // namespace
}  // namespace dangbo::reporting
