#include "tools/dangboctl/proto_values.h"

#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/membership_service.pb.h"
#include "dangbo/membership/v1/organization.pb.h"
#include "dangbo/membership/v1/rating.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.pb.h"
#include "gtest/gtest.h"

namespace dangbo::ctl {
namespace {

namespace v1 = ::dangbo::membership::v1;
using ::testing::HasSubstr;

TEST(ParseEnum, ShortNameInLowerCase_IsTheFullValue) {
  EXPECT_EQ(*ParseEnumAs<v1::OrganizationKind>("grassroots_cell"),
            v1::ORGANIZATION_KIND_GRASSROOTS_CELL);
}

TEST(ParseEnum, FullNameAndHyphens_AreAccepted) {
  EXPECT_EQ(*ParseEnumAs<v1::OrganizationKind>("ORGANIZATION_KIND_CELL"),
            v1::ORGANIZATION_KIND_CELL);
  EXPECT_EQ(*ParseEnumAs<v1::MemberEventType>("Recognize-Full"),
            v1::MEMBER_EVENT_TYPE_RECOGNIZE_FULL);
}

TEST(ParseEnum, NestedEnum_UsesItsOwnPrefix) {
  EXPECT_EQ(*ParseEnumAs<v1::DueAction::Kind>("badge"), v1::DueAction::KIND_BADGE);
}

TEST(ParseEnum, Unspecified_IsRefused) {
  EXPECT_FALSE(ParseEnumAs<v1::OrganizationKind>("unspecified").ok());
}

TEST(ParseEnum, UnknownName_ListsTheChoices) {
  auto kind = ParseEnumAs<v1::Gender>("other");
  ASSERT_FALSE(kind.ok());
  EXPECT_THAT(kind.status().message(), HasSubstr("male, female"));
}

TEST(EnumValuePrefix, EnumWithoutUnspecified_UsesTheCommonPrefix) {
  google::protobuf::FileDescriptorProto file;
  file.set_name("prefix_test.proto");
  auto* e = file.add_enum_type();
  e->set_name("Color");
  for (auto [name, number] : {std::pair{"COLOR_RED", 0}, std::pair{"COLOR_ROSE", 1}}) {
    auto* v = e->add_value();
    v->set_name(name);
    v->set_number(number);
  }
  google::protobuf::DescriptorPool pool;
  const google::protobuf::FileDescriptor* built = pool.BuildFile(file);
  ASSERT_NE(built, nullptr);
  EXPECT_EQ(EnumValuePrefix(*built->enum_type(0)), "COLOR_");
}

TEST(ParseDate, IsoDate_IsParsed) {
  auto date = ParseDate("2024-02-29");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date->year(), 2024);
  EXPECT_EQ(date->month(), 2);
  EXPECT_EQ(date->day(), 29);
}

TEST(ParseDate, DayThatDoesNotExist_IsRefused) {
  EXPECT_FALSE(ParseDate("2025-02-29").ok());
  EXPECT_FALSE(ParseDate("2025-13-01").ok());
  EXPECT_FALSE(ParseDate("0000-01-01").ok());
}

TEST(ParseDate, OtherShapes_AreRefused) {
  EXPECT_FALSE(ParseDate("2025-3-1").ok());
  EXPECT_FALSE(ParseDate("01/03/2025").ok());
  EXPECT_FALSE(ParseDate("2025-03-01T00:00").ok());
}

TEST(FormatDate, UnsetDate_IsEmpty) {
  EXPECT_EQ(FormatDate(google::type::Date()), "");
  EXPECT_EQ(FormatDate(*ParseDate("2025-03-01")), "2025-03-01");
}

TEST(SetFieldFromText, NestedPath_CreatesTheMessagesOnTheWay) {
  v1::Member member;
  ASSERT_TRUE(SetFieldFromText(member, "personal_data.birth_date", "1980-05-19").ok());
  EXPECT_EQ(member.personal_data().birth_date().year(), 1980);
}

TEST(SetFieldFromText, EnumBoolAndText_AreConverted) {
  v1::Member member;
  ASSERT_TRUE(SetFieldFromText(member, "political_theory_level", "advanced").ok());
  ASSERT_TRUE(SetFieldFromText(member, "department_leader", "có").ok());
  ASSERT_TRUE(SetFieldFromText(member, "full_name", "Trần Thị Bình").ok());
  EXPECT_EQ(member.political_theory_level(), v1::POLITICAL_THEORY_LEVEL_ADVANCED);
  EXPECT_TRUE(member.department_leader());
  EXPECT_EQ(member.full_name(), "Trần Thị Bình");
}

TEST(SetFieldFromText, EmptyText_ClearsTheField) {
  v1::Member member;
  member.set_position("Bí thư");
  ASSERT_TRUE(SetFieldFromText(member, "position", "").ok());
  EXPECT_EQ(member.position(), "");
}

TEST(SetFieldFromText, BadValue_IsInvalidArgumentNamingThePath) {
  v1::Member member;
  absl::Status status = SetFieldFromText(member, "personal_data.birth_date", "19/05/1980");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("personal_data.birth_date"));
}

TEST(SetFieldFromText, UnknownField_IsInvalidArgument) {
  v1::Member member;
  EXPECT_FALSE(SetFieldFromText(member, "nickname", "x").ok());
}

TEST(SetFieldFromText, IntegerOutOfRange_IsInvalidArgument) {
  v1::Rating rating;
  EXPECT_FALSE(SetFieldFromText(rating, "year", "99999999999").ok());
  EXPECT_TRUE(SetFieldFromText(rating, "year", "2025").ok());
}

TEST(FormatFieldAtPath, EnumIsShortAndDateIsIso) {
  v1::Organization organization;
  organization.set_kind(v1::ORGANIZATION_KIND_GRASSROOTS_CELL);
  *organization.mutable_established_date() = *ParseDate("2001-09-02");
  EXPECT_EQ(FormatFieldAtPath(organization, "kind"), "GRASSROOTS_CELL");
  EXPECT_EQ(FormatFieldAtPath(organization, "established_date"), "2001-09-02");
  EXPECT_EQ(FormatFieldAtPath(organization, "state"), "");
}

TEST(FormatFieldAtPath, OptionalScore_UnsetIsEmptyAndZeroIsZero) {
  v1::Rating rating;
  EXPECT_EQ(FormatFieldAtPath(rating, "score"), "");
  rating.set_score(0);
  EXPECT_EQ(FormatFieldAtPath(rating, "score"), "0");
}

TEST(FormatFieldAtPath, UnsetParentMessage_IsEmpty) {
  v1::Member member;
  EXPECT_EQ(FormatFieldAtPath(member, "personal_data.citizen_id"), "");
}

TEST(FormatFieldAtPath, RepeatedValues_AreJoined) {
  v1::Organization organization;
  organization.add_ancestors("organizations/1");
  organization.add_ancestors("organizations/7");
  EXPECT_EQ(FormatFieldAtPath(organization, "ancestors"), "organizations/1, organizations/7");
}

TEST(FlattenSetFields, OnlySetFieldsWithDottedPaths) {
  v1::Member member;
  member.set_full_name("Lê Văn Cường");
  member.mutable_personal_data()->set_citizen_id("001080012345");
  auto fields = FlattenSetFields(member);
  EXPECT_THAT(fields,
              ::testing::ElementsAre(
                  std::pair<std::string, std::string>{"full_name", "Lê Văn Cường"},
                  std::pair<std::string, std::string>{"personal_data.citizen_id", "001080012345"}));
}

}  // namespace
}  // namespace dangbo::ctl
