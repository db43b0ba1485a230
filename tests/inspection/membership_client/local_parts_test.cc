// The parts of the membership client that need no membership: mapping its answers, the
// organization cache, the retry schedule, the call contexts.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/client/call_context.h"
#include "gtest/gtest.h"
#include "services/inspection/membership_client/dispatcher.h"
#include "services/inspection/membership_client/membership_mapping.h"
#include "services/inspection/membership_client/organization_cache.h"

namespace dangbo::inspection {
namespace {

namespace v1 = ::dangbo::membership::v1;

v1::Organization Organization(const std::vector<std::string>& ancestors) {
  v1::Organization org;
  org.set_name(ancestors.empty() ? "organizations/23" : ancestors.back());
  for (const std::string& a : ancestors) org.add_ancestors(a);
  org.set_display_name("Chi bộ Phòng Kỹ thuật");
  org.set_state(v1::ORGANIZATION_STATE_ACTIVE);
  return org;
}

TEST(MembershipMappingTest, OrganizationPath_FromAncestorsRootFirst) {
  absl::StatusOr<OrganizationInfo> info = OrganizationInfoFromProto(
      Organization({"organizations/1", "organizations/5", "organizations/23"}));
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->id, 23);
  EXPECT_EQ(info->path, "/1/5/23/");
  EXPECT_TRUE(info->active);
  EXPECT_EQ(info->display_name, "Chi bộ Phòng Kỹ thuật");
}

TEST(MembershipMappingTest, DissolvedOrMergedOrganization_IsNotActive) {
  v1::Organization org = Organization({"organizations/1", "organizations/23"});
  org.set_state(v1::ORGANIZATION_STATE_MERGED);
  absl::StatusOr<OrganizationInfo> info = OrganizationInfoFromProto(org);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_FALSE(info->active);
}

TEST(MembershipMappingTest, MalformedAnswers_AreErrorsNotPaths) {
  EXPECT_FALSE(OrganizationInfoFromProto(Organization({})).ok());
  EXPECT_FALSE(
      OrganizationInfoFromProto(Organization({"organizations/1", "organizations/x"})).ok());
  v1::Organization not_last = Organization({"organizations/23", "organizations/1"});
  not_last.set_name("organizations/23");
  EXPECT_FALSE(OrganizationInfoFromProto(not_last).ok());
  v1::Member member;
  member.set_name("members/9");
  member.set_organization("");
  EXPECT_FALSE(MemberInfoFromProto(member, "/1/").ok());
}

TEST(MembershipMappingTest, Member_StandingPostAndOrganization) {
  v1::Member member;
  member.set_name("members/300");
  member.set_full_name("Nguyễn Thị Hồng Nhung");
  member.set_organization("organizations/20");
  member.set_state(v1::MEMBER_STATE_PROBATIONARY);
  member.set_position("Phó Bí thư Chi bộ");
  absl::StatusOr<MemberInfo> info = MemberInfoFromProto(member, "/1/20/");
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->id, 300);
  EXPECT_EQ(info->organization_id, 20);
  EXPECT_EQ(info->organization_path, "/1/20/");
  EXPECT_EQ(info->full_name, "Nguyễn Thị Hồng Nhung");
  EXPECT_EQ(info->standing, MemberStanding::kProbationary);
  EXPECT_TRUE(info->holds_post);
}

TEST(MembershipMappingTest, OnlyProbationaryAndFullHaveStanding) {
  EXPECT_EQ(StandingOf(v1::MEMBER_STATE_FULL), MemberStanding::kFull);
  EXPECT_EQ(StandingOf(v1::MEMBER_STATE_PROBATIONARY), MemberStanding::kProbationary);
  for (v1::MemberState s :
       {v1::MEMBER_STATE_UNSPECIFIED, v1::MEMBER_STATE_APPLICANT, v1::MEMBER_STATE_STRUCK_OFF,
        v1::MEMBER_STATE_EXPELLED, v1::MEMBER_STATE_DECEASED, v1::MEMBER_STATE_WITHDRAWN}) {
    EXPECT_EQ(StandingOf(s), MemberStanding::kUnspecified) << s;
  }
  EXPECT_EQ(StandingOf(static_cast<v1::MemberState>(99)), MemberStanding::kUnspecified);
}

OrganizationInfo Info(int64_t id) { return OrganizationInfo{id, absl::StrCat("/1/", id, "/")}; }

TEST(OrganizationCacheTest, EntriesExpireAfterTheirTimeToLive) {
  OrganizationCache cache(absl::Seconds(30), 100);
  const absl::Time t0 = absl::FromUnixSeconds(1'700'000'000);
  cache.Put(Info(5), t0);
  ASSERT_TRUE(cache.Find(5, t0 + absl::Seconds(29)).has_value());
  EXPECT_EQ(cache.Find(5, t0 + absl::Seconds(29))->path, "/1/5/");
  EXPECT_FALSE(cache.Find(5, t0 + absl::Seconds(30)).has_value());
  EXPECT_FALSE(cache.Find(6, t0).has_value());
}

TEST(OrganizationCacheTest, NeverHoldsMoreThanItsCapacity) {
  OrganizationCache cache(absl::Seconds(30), 10);
  const absl::Time t0 = absl::FromUnixSeconds(1'700'000'000);
  for (int64_t id = 1; id <= 25; ++id) cache.Put(Info(id), t0);
  EXPECT_LE(cache.size(), 10u);
  EXPECT_TRUE(cache.Find(25, t0).has_value());  // the newest is kept
  // Expired entries make room before fresh ones are dropped.
  cache.Put(Info(100), t0 + absl::Minutes(1));
  EXPECT_EQ(cache.size(), 1u);
}

TEST(OrganizationCacheTest, ZeroTimeToLive_KeepsNothing) {
  OrganizationCache cache(absl::ZeroDuration(), 10);
  cache.Put(Info(5), absl::Now());
  EXPECT_EQ(cache.size(), 0u);
}

TEST(RetryDelayTest, DoublesFromTheFirstRetryUpToTheCap) {
  EXPECT_EQ(RetryDelay(1, absl::Seconds(1), absl::Minutes(5)), absl::Seconds(1));
  EXPECT_EQ(RetryDelay(2, absl::Seconds(1), absl::Minutes(5)), absl::Seconds(2));
  EXPECT_EQ(RetryDelay(5, absl::Seconds(1), absl::Minutes(5)), absl::Seconds(16));
  EXPECT_EQ(RetryDelay(9, absl::Seconds(1), absl::Minutes(5)), absl::Seconds(256));
  EXPECT_EQ(RetryDelay(10, absl::Seconds(1), absl::Minutes(5)), absl::Minutes(5));
  EXPECT_EQ(RetryDelay(1'000'000, absl::Seconds(1), absl::Minutes(5)), absl::Minutes(5));
  EXPECT_EQ(RetryDelay(0, absl::Seconds(1), absl::Minutes(5)), absl::Seconds(1));
}

class CallContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/dangbo-callctx-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    token_file_ = dir_ + "/token";
  }
  void TearDown() override {
    std::remove(token_file_.c_str());
    rmdir(dir_.c_str());
  }
  void WriteToken(const std::string& text) { std::ofstream(token_file_) << text; }

  std::string dir_;
  std::string token_file_;
};

TEST_F(CallContextTest, WithoutIncomingCall_TheDefaultDeadlineBoundsTheCall) {
  client::CallContextFactory contexts("", absl::Seconds(5));
  const auto before = std::chrono::system_clock::now();
  absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context = contexts.New(nullptr);
  ASSERT_TRUE(context.ok()) << context.status();
  const auto deadline = (*context)->deadline();
  EXPECT_GE(deadline, before + std::chrono::milliseconds(4900));
  EXPECT_LE(deadline, std::chrono::system_clock::now() + std::chrono::seconds(5));
}

TEST_F(CallContextTest, TokenFileThatNeverExisted_IsUnavailable) {
  client::CallContextFactory contexts(token_file_, absl::Seconds(5));
  EXPECT_EQ(contexts.New(nullptr).status().code(), absl::StatusCode::kUnavailable);
  WriteToken("");
  EXPECT_EQ(contexts.New(nullptr).status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(CallContextTest, TokenFileRemovedAfterAGoodRead_KeepsTheLastToken) {
  WriteToken("header.payload.signature\n");
  client::CallContextFactory contexts(token_file_, absl::Seconds(5));
  ASSERT_TRUE(contexts.New(nullptr).ok());
  std::remove(token_file_.c_str());
  EXPECT_TRUE(contexts.New(nullptr).ok());
}

}  // namespace
}  // namespace dangbo::inspection
