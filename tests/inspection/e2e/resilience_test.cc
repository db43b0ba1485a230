// Crashes and outages with membership and inspection running on the private MariaDB: an
// expulsion queued while membership is down reaches it once it is back, and writes acknowledged
// before a crash of the inspection service or of MariaDB are all there afterwards, none twice.
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

class ResilienceTest : public InspectionE2E {};

v1::DisciplinaryDecision GetDecision(const std::string& name) {
  v1::GetDisciplinaryDecisionRequest get;
  get.set_name(name);
  v1::DisciplinaryDecision d;
  grpc::Status st = InspectionE2E::Inspection().GetDisciplinaryDecision(
      InspectionE2E::AdminContext().get(), get, &d);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return d;
}

TEST_F(ResilienceTest, AnExpulsionReachesMembershipAfterMembershipWasDown) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Mất Kết Nối");
  const mv1::Member member = CreateFullMember(company.name(), "Lương Văn Vắng");

  // The decision is taken while this replica does not deliver: the call waits in the queue.
  RestartInspectionWith({"--membership_dispatch=false"});
  v1::CreateDisciplinaryDecisionRequest req;
  req.set_request_id(RequestId());
  v1::DisciplinaryDecision* d = req.mutable_disciplinary_decision();
  d->set_subject(member.name());
  d->set_form(v1::DISCIPLINE_FORM_EXPULSION);
  d->set_deciding_organization(Bloc().name());
  d->set_deciding_body(v1::DECIDING_BODY_UPPER_STANDING_COMMITTEE);
  d->set_number("301-QĐ/ĐUK");
  *d->mutable_decision_date() = DaysFromToday(-3);
  *d->add_violation_dates() = DaysFromToday(-200);
  d->set_violation_category(v1::VIOLATION_CATEGORY_CORRUPTION_AND_WASTE);
  d->set_reasons("Lợi dụng chức vụ, quyền hạn trong quản lý vốn nhà nước");
  v1::DisciplinaryDecision decision;
  grpc::Status st = Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &decision);
  ASSERT_TRUE(st.ok()) << st.error_message();

  // Membership goes down; a replica that delivers starts and keeps failing.
  ASSERT_TRUE(MembershipService().Kill().ok());
  RestartInspectionWith({});
  v1::MembershipSync sync;
  for (int i = 0; i < 200 && sync.last_error().empty(); ++i) {
    sync = GetDecision(decision.name()).membership_sync();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(sync.state(), v1::MembershipSync::STATE_PENDING);
  EXPECT_NE(sync.last_error().find("UNAVAILABLE"), std::string::npos) << sync.last_error();

  // Back up: the retry records the expulsion, once.
  ASSERT_TRUE(MembershipService().Start().ok());
  for (int i = 0; i < 600 && sync.state() != v1::MembershipSync::STATE_DONE; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    sync = GetDecision(decision.name()).membership_sync();
  }
  ASSERT_EQ(sync.state(), v1::MembershipSync::STATE_DONE);
  mv1::GetMemberRequest get;
  get.set_name(member.name());
  mv1::Member after;
  ASSERT_TRUE(Membership().GetMember(AdminContext().get(), get, &after).ok());
  EXPECT_EQ(after.state(), mv1::MEMBER_STATE_EXPELLED);
  mv1::ListMemberEventsRequest events;
  events.set_member(member.name());
  mv1::ListMemberEventsResponse listed;
  ASSERT_TRUE(Membership().ListMemberEvents(AdminContext().get(), events, &listed).ok());
  int expulsions = 0;
  for (const mv1::MemberEvent& e : listed.events()) {
    expulsions += e.type() == mv1::MEMBER_EVENT_TYPE_EXPEL;
  }
  EXPECT_EQ(expulsions, 1);
}

struct Writer {
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::set<std::string> names;  // acknowledged inspections
  std::mutex mu;
};

// Creates inspections one by one; each request is retried with the same request_id until it is
// acknowledged, as a careful client would.
void WriteUntilStopped(Writer& w, const std::string& subject) {
  for (int i = 0; !w.stop.load(); ++i) {
    v1::CreateInspectionRequest req;
    req.set_request_id(absl::StrCat("resilience-", getpid(), "-", i));
    v1::Inspection* in = req.mutable_inspection();
    in->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
    in->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
    in->set_conducting_organization(InspectionE2E::Bloc().name());
    in->set_content(absl::StrCat("Giám sát chuyên đề số ", i));
    in->add_subjects()->set_subject(subject);
    for (int attempt = 0; attempt < 600; ++attempt) {
      v1::Inspection out;
      auto ctx = InspectionE2E::AdminContext();
      ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
      grpc::Status st = InspectionE2E::Inspection().CreateInspection(ctx.get(), req, &out);
      if (st.ok()) {
        std::lock_guard<std::mutex> lock(w.mu);
        w.names.insert(out.name());
        ++w.acknowledged;
        break;
      }
      ASSERT_TRUE(st.error_code() == grpc::StatusCode::UNAVAILABLE ||
                  st.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                  st.error_code() == grpc::StatusCode::ABORTED ||
                  st.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED)
          << st.error_code() << " " << st.error_message();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void WaitForAcks(Writer& w, int more) {
  const int target = w.acknowledged.load() + more;
  const absl::Time deadline = absl::Now() + absl::Seconds(90);
  while (w.acknowledged.load() < target && absl::Now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GE(w.acknowledged.load(), target);
}

TEST_F(ResilienceTest, CrashesOfInspectionAndDatabaseLoseNoAcknowledgedWrite) {
  const mv1::Organization company = CreateOrganization(
      Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Bền Bỉ");
  Writer w;
  std::thread writer([&] { WriteUntilStopped(w, company.name()); });
  WaitForAcks(w, 15);
  ASSERT_TRUE(InspectionService().Kill().ok());
  ASSERT_TRUE(InspectionService().Start().ok());
  WaitForAcks(w, 15);
  ASSERT_TRUE(Database().Kill().ok());
  ASSERT_TRUE(Database().Start().ok());
  WaitForAcks(w, 15);
  w.stop = true;
  writer.join();

  // Every acknowledged inspection is there, and there are no others of this subject.
  std::set<std::string> stored;
  v1::ListInspectionsRequest list;
  list.set_subject(company.name());
  list.set_page_size(1000);
  do {
    v1::ListInspectionsResponse page;
    grpc::Status st = Inspection().ListInspections(AdminContext().get(), list, &page);
    ASSERT_TRUE(st.ok()) << st.error_message();
    for (const v1::Inspection& i : page.inspections()) stored.insert(i.name());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  EXPECT_EQ(stored, w.names);
  EXPECT_GE(stored.size(), 45u);
}

}  // namespace
}  // namespace dangbo::inspection::testing
