// What the reporting schema keeps of a feed payload: the fields statistics read, never a
// member's name, citizen id or address, nor an inspection's texts.
#include "gtest/gtest.h"
#include "services/reporting/feed/source_payloads.h"

namespace dangbo::reporting {
namespace {

namespace ipb = dangbo::inspection::v1;
namespace mpb = dangbo::membership::v1;

TEST(StoredPayload, AMemberKeepsWhatStatisticsCountAndNoPersonalIdentity) {
  mpb::Member member;
  member.set_name("members/7");
  member.set_full_name("Nguyễn Văn An");
  member.set_gender(mpb::GENDER_FEMALE);
  member.set_state(mpb::MEMBER_STATE_FULL);
  member.set_organization("organizations/3");
  member.set_party_card_number("12345678");
  member.mutable_personal_data()->set_citizen_id("001190000001");
  member.mutable_personal_data()->set_address("12 Lý Thái Tổ, Hà Nội");
  member.mutable_personal_data()->set_ethnicity("Tày");
  member.set_political_theory_level(mpb::POLITICAL_THEORY_LEVEL_INTERMEDIATE);
  member.mutable_personal_data()->mutable_birth_date()->set_year(1980);
  google::protobuf::Any any;
  any.PackFrom(member);

  google::protobuf::Any stored;
  ASSERT_TRUE(stored.ParseFromString(StoredPayload(any)));
  mpb::Member kept;
  ASSERT_TRUE(stored.UnpackTo(&kept));
  EXPECT_EQ(kept.name(), "members/7");
  EXPECT_EQ(kept.gender(), mpb::GENDER_FEMALE);
  EXPECT_EQ(kept.state(), mpb::MEMBER_STATE_FULL);
  EXPECT_EQ(kept.organization(), "organizations/3");
  EXPECT_EQ(kept.personal_data().ethnicity(), "Tày");
  EXPECT_EQ(kept.political_theory_level(), mpb::POLITICAL_THEORY_LEVEL_INTERMEDIATE);
  EXPECT_EQ(kept.personal_data().birth_date().year(), 1980);
  EXPECT_EQ(kept.full_name(), "");
  EXPECT_EQ(kept.party_card_number(), "");
  EXPECT_EQ(kept.personal_data().citizen_id(), "");
  EXPECT_EQ(kept.personal_data().address(), "");
}

TEST(StoredPayload, AnInspectionKeepsItsSubjectsAndDecisionButNotItsTexts) {
  ipb::Inspection in;
  in.set_name("inspections/4");
  in.set_type(ipb::INSPECTION_TYPE_THEMATIC_INSPECTION);
  in.set_stage(ipb::INSPECTION_STAGE_DECIDED);
  in.mutable_decision()->set_number("251-QĐ/ĐUK");
  in.set_content("Kiểm tra việc thực hiện Quy định số 144-QĐ/TW");
  in.add_subjects()->set_subject("members/7");
  in.add_findings()->set_text("Chưa gương mẫu");
  google::protobuf::Any any;
  any.PackFrom(in);

  google::protobuf::Any stored;
  ASSERT_TRUE(stored.ParseFromString(StoredPayload(any)));
  ipb::Inspection kept;
  ASSERT_TRUE(stored.UnpackTo(&kept));
  EXPECT_EQ(kept.decision().number(), "251-QĐ/ĐUK");
  ASSERT_EQ(kept.subjects_size(), 1);
  EXPECT_EQ(kept.subjects(0).subject(), "members/7");
  EXPECT_EQ(kept.stage(), ipb::INSPECTION_STAGE_DECIDED);
  EXPECT_EQ(kept.content(), "");
  EXPECT_EQ(kept.findings_size(), 0);
}

TEST(StoredPayload, APayloadThatDoesNotParseIsKeptAsItCame) {
  google::protobuf::Any any;
  any.set_type_url("type.googleapis.com/dangbo.membership.v1.Member");
  any.set_value("\xff\xff not a member");
  EXPECT_EQ(StoredPayload(any), any.SerializeAsString());
}

}  // namespace
}  // namespace dangbo::reporting
