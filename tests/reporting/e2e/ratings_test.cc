// Ratings against targets end to end: ratings recorded through membership's API, followed by the
// reporting service, counted number by number for a year against the targets an administrator
// set for the scope's term; a ratings snapshot; the caller's role and scopes; bad input.
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/reporting/e2e/reporting_fixture.h"

namespace dangbo::reporting::testing {
namespace {

using inspection::testing::Today;

class RatingsTest : public ReportingE2E {
 protected:
  // The last full year: membership rates no year after the current one.
  static int RatingYear() { return Today().year() - 1; }

  static mv1::Rating Rating(const std::string& subject, mv1::RatingLevel level) {
    mv1::Rating r;
    r.set_subject(subject);
    r.set_year(RatingYear());
    r.set_level(level);
    return r;
  }

  static void Record(const std::vector<mv1::Rating>& ratings) {
    mv1::BatchRecordRatingsRequest req;
    req.set_request_id(RequestId());
    for (const mv1::Rating& r : ratings) *req.add_ratings() = r;
    mv1::BatchRecordRatingsResponse out;
    grpc::Status st = Membership().BatchRecordRatings(AdminContext().get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // A target of the term around the rating year.
  static rv1::SetTargetRequest TargetRequest(const std::string& scope, const std::string& key,
                                             int64_t value, bool at_least) {
    rv1::SetTargetRequest req;
    req.set_scope(scope);
    req.set_request_id(RequestId());
    rv1::Target* t = req.mutable_target();
    t->set_key(key);
    t->set_value(value);
    t->set_at_least(at_least);
    t->set_term_start_year(RatingYear() - 2);
    t->set_term_end_year(RatingYear() + 3);
    return req;
  }

  static rv1::Target SetTarget(const rv1::SetTargetRequest& req) {
    rv1::Target out;
    grpc::Status st = Reporting().SetTarget(AdminContext().get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  static grpc::Status GetRatings(const std::string& token, const std::string& scope, int year,
                                 rv1::Statistics* out) {
    rv1::GetRatingStatisticsRequest req;
    req.set_scope(scope);
    req.set_year(year);
    return Reporting().GetRatingStatistics(Context(token).get(), req, out);
  }

  static int64_t ValueOf(const rv1::Statistics& s, const std::string& key) {
    const rv1::Figure& f = FigureOf(s, key);
    EXPECT_EQ(f.distinct(), f.occurrences()) << key;
    return f.distinct();
  }

  static bool Has(const rv1::Statistics& s, const std::string& key) {
    for (const rv1::Figure& f : s.figures()) {
      if (f.key() == key) return true;
    }
    return false;
  }
};

TEST_F(RatingsTest, AYearsRatingsAreCountedNumberByNumberAgainstTheTermsTargets) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Tổng công ty Xếp loại");
  const mv1::Organization cell_a =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Kỹ thuật");
  const mv1::Organization cell_b =
      CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ Kinh doanh");
  const mv1::Organization other = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ cơ sở Công ty Bên ngoài");
  const mv1::Member a1 = CreateFullMember(cell_a.name(), "Đỗ Văn Xuất");
  const mv1::Member a2 = CreateFullMember(cell_a.name(), "Ngô Thị Tốt");
  const mv1::Member b1 = CreateFullMember(cell_b.name(), "Bùi Văn Hoàn");
  const mv1::Member b2 = CreateFullMember(cell_b.name(), "Lý Văn Chưa");
  const mv1::Member o1 = CreateFullMember(other.name(), "Mai Thị Ngoài");
  Record({Rating(a1.name(), mv1::RATING_LEVEL_EXCELLENT), Rating(a2.name(), mv1::RATING_LEVEL_GOOD),
          Rating(b1.name(), mv1::RATING_LEVEL_COMPLETED), Rating(b2.name(), mv1::RATING_LEVEL_GOOD),
          Rating(o1.name(), mv1::RATING_LEVEL_GOOD), Rating(company.name(), mv1::RATING_LEVEL_GOOD),
          Rating(cell_a.name(), mv1::RATING_LEVEL_EXCELLENT),
          Rating(other.name(), mv1::RATING_LEVEL_NOT_COMPLETED)});
  // b2 is rated again: the later rating replaces the first.
  Record({Rating(b2.name(), mv1::RATING_LEVEL_NOT_COMPLETED)});
  // Targets are set on organizations the reporting service has seen.
  WaitCaughtUp();

  const rv1::Target members_target = SetTarget(
      TargetRequest(company.name(), "ratings.members.good_or_better_percent", 9000, true));
  EXPECT_EQ(members_target.name(),
            absl::StrCat(company.name(), "/targets/", RatingYear() - 2, "-", RatingYear() + 3,
                         "/ratings.members.good_or_better_percent"));
  EXPECT_FALSE(members_target.etag().empty());
  SetTarget(TargetRequest(company.name(), "ratings.grassroots.not_completed", 0, false));

  rv1::Statistics s;
  grpc::Status st =
      GetRatings(ReporterToken({IdOf(company.name())}), company.name(), RatingYear(), &s);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(s.scope(), company.name());
  EXPECT_EQ(s.period().kind(), rv1::Period::KIND_YEAR);
  EXPECT_EQ(s.period().year(), RatingYear());
  EXPECT_EQ(s.as_of().year(), RatingYear());
  EXPECT_EQ(s.as_of().month(), 12);
  EXPECT_EQ(s.as_of().day(), 31);
  EXPECT_GT(s.freshness().membership_sequence(), 0);

  EXPECT_EQ(ValueOf(s, "ratings.members.rated"), 4);
  EXPECT_EQ(ValueOf(s, "ratings.members.excellent"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.members.good"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.members.completed"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.members.not_completed"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.members.good_or_better_percent"), 5000);
  // The company (grassroots) and cell A (a cell under it, not grassroots).
  EXPECT_EQ(ValueOf(s, "ratings.organizations.rated"), 2);
  EXPECT_EQ(ValueOf(s, "ratings.organizations.excellent"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.organizations.good"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.organizations.not_completed"), 0);
  EXPECT_EQ(ValueOf(s, "ratings.grassroots.rated"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.grassroots.good"), 1);
  EXPECT_EQ(ValueOf(s, "ratings.grassroots.not_completed"), 0);
  EXPECT_EQ(ValueOf(s, "ratings.grassroots.good_or_better_percent"), 10000);
  // 50 % against at least 90 %: missed; no grassroots organization failed: attained.
  EXPECT_EQ(ValueOf(s, "target.ratings.members.good_or_better_percent"), 9000);
  EXPECT_EQ(ValueOf(s, "target.ratings.members.good_or_better_percent.attained"), 0);
  EXPECT_EQ(ValueOf(s, "target.ratings.grassroots.not_completed"), 0);
  EXPECT_EQ(ValueOf(s, "target.ratings.grassroots.not_completed.attained"), 1);
  EXPECT_FALSE(Has(s, "target.ratings.grassroots.good_or_better_percent"));

  // Drill-down: the members behind the percent's numerator, each with its rating as source;
  // rating figures are asked for by a whole year.
  rv1::ListFigureSubjectsRequest drill;
  drill.set_scope(company.name());
  drill.mutable_period()->set_kind(rv1::Period::KIND_YEAR);
  drill.mutable_period()->set_year(RatingYear());
  drill.set_key("ratings.members.good_or_better_percent");
  rv1::ListFigureSubjectsResponse behind;
  grpc::Status drilled = Reporting().ListFigureSubjects(AdminContext().get(), drill, &behind);
  ASSERT_TRUE(drilled.ok()) << drilled.error_message();
  ASSERT_EQ(behind.subjects_size(), 2);
  EXPECT_EQ(behind.subjects(0).subject(), a1.name());
  EXPECT_EQ(behind.subjects(0).organization(), cell_a.name());
  ASSERT_EQ(behind.subjects(0).sources_size(), 1);
  EXPECT_EQ(behind.subjects(0).sources(0), absl::StrCat(a1.name(), "/ratings/", RatingYear()));
  EXPECT_EQ(behind.subjects(1).subject(), a2.name());
  drill.set_key("ratings.organizations.rated");
  ASSERT_TRUE(Reporting().ListFigureSubjects(AdminContext().get(), drill, &behind).ok());
  ASSERT_EQ(behind.subjects_size(), 2);
  EXPECT_EQ(behind.subjects(0).sources(0),
            absl::StrCat(behind.subjects(0).subject(), "/ratings/", RatingYear()));
  drill.mutable_period()->set_kind(rv1::Period::KIND_QUARTER);
  drill.mutable_period()->set_number(1);
  drilled = Reporting().ListFigureSubjects(AdminContext().get(), drill, &behind);
  EXPECT_EQ(drilled.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(drilled.error_message().find("period"), std::string::npos) << drilled.error_message();

  // The organization outside the company, with no targets of its own.
  rv1::Statistics outside;
  ASSERT_TRUE(GetRatings(AdminToken(), other.name(), RatingYear(), &outside).ok());
  EXPECT_EQ(ValueOf(outside, "ratings.members.rated"), 1);
  EXPECT_EQ(ValueOf(outside, "ratings.grassroots.not_completed"), 1);
  EXPECT_EQ(ValueOf(outside, "ratings.grassroots.good_or_better_percent"), 0);
  EXPECT_FALSE(Has(outside, "target.ratings.grassroots.not_completed"));

  // A year nobody was rated in counts nothing, under the same term's targets.
  rv1::Statistics empty;
  ASSERT_TRUE(GetRatings(AdminToken(), company.name(), RatingYear() + 1, &empty).ok());
  EXPECT_EQ(ValueOf(empty, "ratings.members.rated"), 0);
  EXPECT_EQ(ValueOf(empty, "target.ratings.members.good_or_better_percent.attained"), 0);
  EXPECT_EQ(ValueOf(empty, "target.ratings.grassroots.not_completed.attained"), 1);

  // Lowering the members' percent target to what was reached attains it.
  rv1::SetTargetRequest lower =
      TargetRequest(company.name(), "ratings.members.good_or_better_percent", 5000, true);
  lower.mutable_target()->set_etag(members_target.etag());
  const rv1::Target lowered = SetTarget(lower);
  EXPECT_NE(lowered.etag(), members_target.etag());
  ASSERT_TRUE(GetRatings(AdminToken(), company.name(), RatingYear(), &s).ok());
  EXPECT_EQ(ValueOf(s, "target.ratings.members.good_or_better_percent"), 5000);
  EXPECT_EQ(ValueOf(s, "target.ratings.members.good_or_better_percent.attained"), 1);
}

TEST_F(RatingsTest, TargetsReadBackListAndReplayUnderTheirRequestId) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Chỉ tiêu");
  WaitCaughtUp();
  const rv1::SetTargetRequest first =
      TargetRequest(company.name(), "ratings.members.good_or_better_percent", 9000, true);
  const rv1::Target set = SetTarget(first);
  // The same request again answers the same target, not a new version.
  EXPECT_EQ(SetTarget(first).SerializeAsString(), set.SerializeAsString());
  SetTarget(TargetRequest(company.name(), "ratings.grassroots.good_or_better_percent", 9500, true));
  SetTarget(TargetRequest(company.name(), "ratings.grassroots.not_completed", 0, false));

  const std::string token = ReporterToken({IdOf(company.name())});
  rv1::GetTargetRequest get;
  get.set_name(set.name());
  rv1::Target read;
  ASSERT_TRUE(Reporting().GetTarget(Context(token).get(), get, &read).ok());
  EXPECT_EQ(read.SerializeAsString(), set.SerializeAsString());

  rv1::ListTargetsRequest list;
  list.set_scope(company.name());
  list.set_page_size(2);
  std::vector<std::string> keys;
  for (;;) {
    rv1::ListTargetsResponse page;
    grpc::Status st = Reporting().ListTargets(Context(token).get(), list, &page);
    ASSERT_TRUE(st.ok()) << st.error_message();
    for (const rv1::Target& t : page.targets()) keys.push_back(t.key());
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"ratings.grassroots.good_or_better_percent",
                                            "ratings.grassroots.not_completed",
                                            "ratings.members.good_or_better_percent"}));

  // A stale etag is refused.
  rv1::SetTargetRequest stale =
      TargetRequest(company.name(), "ratings.members.good_or_better_percent", 8000, true);
  stale.mutable_target()->set_etag(set.etag());
  SetTarget(TargetRequest(company.name(), "ratings.members.good_or_better_percent", 8500, true));
  rv1::Target out;
  EXPECT_EQ(Reporting().SetTarget(AdminContext().get(), stale, &out).error_code(),
            grpc::StatusCode::ABORTED);

  get.set_name(absl::StrCat(company.name(), "/targets/2000-2005/ratings.members.rated"));
  EXPECT_EQ(Reporting().GetTarget(AdminContext().get(), get, &read).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RatingsTest, ARatingsSnapshotFreezesTheYear) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ cơ sở Công ty Nộp");
  const mv1::Member m = CreateFullMember(company.name(), "Tạ Văn Nộp");
  Record({Rating(m.name(), mv1::RATING_LEVEL_GOOD)});
  WaitCaughtUp();
  rv1::CreateSnapshotRequest create;
  create.set_scope(company.name());
  create.set_kind(rv1::Snapshot::KIND_RATINGS);
  create.mutable_period()->set_kind(rv1::Period::KIND_YEAR);
  create.mutable_period()->set_year(RatingYear());
  create.set_request_id(RequestId());
  rv1::Snapshot snapshot;
  grpc::Status st = Reporting().CreateSnapshot(AdminContext().get(), create, &snapshot);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(ValueOf(snapshot.statistics(), "ratings.members.good"), 1);
  EXPECT_EQ(ValueOf(snapshot.statistics(), "ratings.members.good_or_better_percent"), 10000);

  create.set_request_id(RequestId());
  *create.mutable_period() = LastDays(30);
  st = Reporting().CreateSnapshot(AdminContext().get(), create, &snapshot);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("period.kind"), std::string::npos) << st.error_message();
}

TEST_F(RatingsTest, AReporterOutsideTheScopeIsRefused) {
  const mv1::Organization mine = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ cơ sở Của tôi");
  const mv1::Organization theirs = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ cơ sở Của họ");
  WaitCaughtUp();
  const rv1::Target target =
      SetTarget(TargetRequest(theirs.name(), "ratings.members.good_or_better_percent", 9000, true));
  const std::string token = ReporterToken({IdOf(mine.name())});
  rv1::Statistics s;
  EXPECT_TRUE(GetRatings(token, mine.name(), RatingYear(), &s).ok());
  EXPECT_EQ(GetRatings(token, theirs.name(), RatingYear(), &s).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  rv1::GetTargetRequest get;
  get.set_name(target.name());
  rv1::Target read;
  EXPECT_EQ(Reporting().GetTarget(Context(token).get(), get, &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  rv1::ListTargetsRequest list;
  list.set_scope(theirs.name());
  rv1::ListTargetsResponse listed;
  EXPECT_EQ(Reporting().ListTargets(Context(token).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(RatingsTest, OnlyAnAdministratorSetsTargets) {
  const mv1::Organization mine = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_CELL, "Chi bộ cơ sở Báo cáo viên");
  WaitCaughtUp();
  rv1::Target out;
  grpc::Status st = Reporting().SetTarget(
      Context(ReporterToken({IdOf(mine.name())})).get(),
      TargetRequest(mine.name(), "ratings.members.good_or_better_percent", 9000, true), &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
}

TEST_F(RatingsTest, BadInputIsRefusedNamingTheField) {
  WaitCaughtUp();
  rv1::Statistics s;
  struct StatisticsCase {
    std::string scope;
    int year;
    grpc::StatusCode code;
    std::string field;
  };
  for (const StatisticsCase& c : std::vector<StatisticsCase>{
           {"", RatingYear(), grpc::StatusCode::INVALID_ARGUMENT, "scope"},
           {"members/1", RatingYear(), grpc::StatusCode::INVALID_ARGUMENT, "scope"},
           {"organizations/999999", RatingYear(), grpc::StatusCode::NOT_FOUND, "scope"},
           {Bloc().name(), 0, grpc::StatusCode::INVALID_ARGUMENT, "year"},
           {Bloc().name(), 1800, grpc::StatusCode::INVALID_ARGUMENT, "year"},
       }) {
    grpc::Status st = GetRatings(AdminToken(), c.scope, c.year, &s);
    EXPECT_EQ(st.error_code(), c.code) << c.scope << " " << c.year << ": " << st.error_message();
    EXPECT_NE(st.error_message().find(c.field), std::string::npos) << st.error_message();
  }

  struct TargetCase {
    rv1::SetTargetRequest request;
    std::string field;
  };
  std::vector<TargetCase> cases;
  cases.push_back({TargetRequest(Bloc().name(), "members.total", 10, true), "target.key"});
  cases.push_back(
      {TargetRequest(Bloc().name(), "ratings.members.good_or_better_percent", 10001, true),
       "target.value"});
  cases.push_back({TargetRequest(Bloc().name(), "ratings.members.good", -1, true), "target.value"});
  rv1::SetTargetRequest backwards = TargetRequest(Bloc().name(), "ratings.members.good", 1, true);
  backwards.mutable_target()->set_term_end_year(backwards.target().term_start_year());
  cases.push_back({backwards, "target.term_end_year"});
  rv1::SetTargetRequest misnamed = TargetRequest(Bloc().name(), "ratings.members.good", 1, true);
  misnamed.mutable_target()->set_name("organizations/1/targets/2000-2005/ratings.members.good");
  cases.push_back({misnamed, "target.name"});
  rv1::SetTargetRequest no_request_id =
      TargetRequest(Bloc().name(), "ratings.members.good", 1, true);
  no_request_id.clear_request_id();
  cases.push_back({no_request_id, "request_id"});
  cases.push_back({TargetRequest("", "ratings.members.good", 1, true), "scope"});
  for (const TargetCase& c : cases) {
    rv1::Target out;
    grpc::Status st = Reporting().SetTarget(AdminContext().get(), c.request, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field << ": " << st.error_message();
    EXPECT_NE(st.error_message().find(c.field), std::string::npos) << st.error_message();
  }

  rv1::GetTargetRequest get;
  get.set_name("organizations/1/targets/oops");
  rv1::Target out;
  grpc::Status st = Reporting().GetTarget(AdminContext().get(), get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("name"), std::string::npos) << st.error_message();
  rv1::ListTargetsRequest list;
  list.set_scope(Bloc().name());
  list.set_page_token("not-a-token");
  rv1::ListTargetsResponse listed;
  st = Reporting().ListTargets(AdminContext().get(), list, &listed);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_token"), std::string::npos) << st.error_message();
}

}  // namespace
}  // namespace dangbo::reporting::testing
