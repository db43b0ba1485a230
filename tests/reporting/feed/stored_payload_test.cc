// What the reporting schema keeps of a feed payload: the fields statistics read, never a
// member's name, citizen id or address, nor an inspection's texts.
#include "services/reporting/feed/stored_payload.h"

#include <string>

#include "dangbo/inspection/v1/inspection.pb.h"
#include "dangbo/membership/v1/member.pb.h"
#include "dangbo/membership/v1/member_event.pb.h"
#include "dangbo/membership/v1/membership_service.pb.h"
#include "dangbo/membership/v1/rating.pb.h"
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

  const std::string payload = StoredPayload(any);
  StoredMessage stored;
  ASSERT_TRUE(ReadStoredPayload(payload, stored));
  EXPECT_EQ(stored.type, "dangbo.membership.v1.Member");
  mpb::Member kept;
  ASSERT_TRUE(kept.ParseFromString(std::string(stored.bytes)));
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

  const std::string payload = StoredPayload(any);
  StoredMessage stored;
  ASSERT_TRUE(ReadStoredPayload(payload, stored));
  EXPECT_EQ(stored.type, "dangbo.inspection.v1.Inspection");
  ipb::Inspection kept;
  ASSERT_TRUE(kept.ParseFromString(std::string(stored.bytes)));
  EXPECT_EQ(kept.decision().number(), "251-QĐ/ĐUK");
  ASSERT_EQ(kept.subjects_size(), 1);
  EXPECT_EQ(kept.subjects(0).subject(), "members/7");
  EXPECT_EQ(kept.stage(), ipb::INSPECTION_STAGE_DECIDED);
  EXPECT_EQ(kept.content(), "");
  EXPECT_EQ(kept.findings_size(), 0);
}

TEST(StoredPayload, IsSmallerThanTheAnyItCameIn) {
  mpb::Rating rating;
  rating.set_subject("members/7");
  rating.set_year(2024);
  rating.set_level(mpb::RATING_LEVEL_GOOD);
  google::protobuf::Any any;
  any.PackFrom(rating);

  const std::string payload = StoredPayload(any);
  EXPECT_EQ(payload.size(), 1 + rating.ByteSizeLong());
  StoredMessage stored;
  ASSERT_TRUE(ReadStoredPayload(payload, stored));
  EXPECT_EQ(stored.type, "dangbo.membership.v1.Rating");
  EXPECT_EQ(stored.bytes, rating.SerializeAsString());
}

TEST(StoredPayload, AnOrganizationHistoryReadsBackWhole) {
  mpb::ListOrganizationChangesResponse history;
  mpb::OrganizationChange* change = history.add_changes();
  change->set_kind(mpb::OrganizationChange::KIND_DISSOLVED);
  change->mutable_effective_date()->set_year(2020);

  const std::string payload = StoredOrganizationHistory(history);
  StoredMessage stored;
  ASSERT_TRUE(ReadStoredPayload(payload, stored));
  EXPECT_EQ(stored.type, "dangbo.membership.v1.ListOrganizationChangesResponse");
  EXPECT_EQ(stored.bytes, history.SerializeAsString());
}

// Rows written before V002 hold the whole Any; they are read as they are, without a rebuild.
TEST(ReadStoredPayload, ReadsAnAnyStoredBeforeTheCompactForm) {
  mpb::MemberEvent event;
  event.set_name("members/7/events/3");
  event.set_type(mpb::MEMBER_EVENT_TYPE_ADMIT);
  google::protobuf::Any any;
  any.PackFrom(event);

  StoredMessage stored;
  ASSERT_TRUE(ReadStoredPayload(any.SerializeAsString(), stored));
  EXPECT_EQ(stored.type, "dangbo.membership.v1.MemberEvent");
  mpb::MemberEvent read;
  ASSERT_TRUE(read.ParseFromString(std::string(stored.bytes)));
  EXPECT_EQ(read.name(), "members/7/events/3");
  EXPECT_EQ(read.type(), mpb::MEMBER_EVENT_TYPE_ADMIT);
}

TEST(ReadStoredPayload, RefusesBytesInNeitherForm) {
  StoredMessage stored;
  EXPECT_FALSE(ReadStoredPayload("\xff\xff\xff", stored));
}

// Membership's feed names a badge by its member: kept apart from the member's own row, with its
// decision left out, and read back as a badge.
TEST(StoredPayload, ABadgeKeepsItsOwnRowAndReadsBack) {
  mpb::Badge badge;
  badge.set_member("members/7");
  badge.set_years(30);
  badge.mutable_award_date()->set_year(2024);
  badge.mutable_award_date()->set_month(2);
  badge.mutable_award_date()->set_day(3);
  badge.mutable_decision()->set_number("12-QĐ/TW");
  dangbo::type::v1::Change change;
  change.set_resource("members/7");
  change.mutable_payload()->PackFrom(badge);
  EXPECT_EQ(FeedResourceKey(change), "members/7/badges/30");

  StoredMessage stored;
  const std::string bytes = StoredPayload(change.payload());
  ASSERT_TRUE(ReadStoredPayload(bytes, stored));
  EXPECT_EQ(stored.type, "dangbo.membership.v1.Badge");
  mpb::Badge kept;
  ASSERT_TRUE(kept.ParseFromArray(stored.bytes.data(), static_cast<int>(stored.bytes.size())));
  EXPECT_EQ(kept.decision().number(), "");
  absl::StatusOr<membership::Badge> value = BadgeFromFeed(kept);
  ASSERT_TRUE(value.ok()) << value.status();
  EXPECT_EQ(value->member_id, 7);
  EXPECT_EQ(value->years, 30);
  EXPECT_EQ(value->award_date, Date(2024, 2, 3));
  kept.clear_award_date();
  EXPECT_EQ(BadgeFromFeed(kept).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(StoredPayload, APayloadThatDoesNotParseIsKeptAsItCame) {
  google::protobuf::Any any;
  any.set_type_url("type.googleapis.com/dangbo.membership.v1.Member");
  any.set_value("\xff\xff not a member");
  EXPECT_EQ(StoredPayload(any), any.SerializeAsString());
}

}  // namespace
}  // namespace dangbo::reporting
