// Concurrent writers: optimistic concurrency on the inspection's etag (one winner per etag, the
// others ABORTED), disciplinary decisions about the same subject decided at once, and replays
// of one request_id racing each other (one resource, the same answer to all).
#include <functional>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

constexpr int kWriters = 8;

// Runs `call(i)` on kWriters threads released together; returns their statuses by index.
std::vector<grpc::Status> Race(const std::function<grpc::Status(int)>& call) {
  std::vector<grpc::Status> statuses(kWriters);
  std::latch start(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      statuses[i] = call(i);
    });
  }
  for (std::thread& t : threads) t.join();
  return statuses;
}

class ConcurrencyTest : public InspectionE2E {
 protected:
  static v1::Inspection Get(const std::string& name) {
    v1::GetInspectionRequest get;
    get.set_name(name);
    v1::Inspection out;
    grpc::Status st = Inspection().GetInspection(AdminContext().get(), get, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  static int64_t FeedHead() {
    v1::ListChangesRequest req;
    req.set_page_size(1);
    v1::ListChangesResponse resp;
    EXPECT_TRUE(Inspection().ListChanges(AdminContext().get(), req, &resp).ok());
    return resp.head_sequence();
  }

  // The change types about `resource` committed after `after`, in feed order.
  static std::vector<std::string> ChangesOf(const std::string& resource, int64_t after) {
    std::vector<std::string> out;
    while (true) {
      v1::ListChangesRequest req;
      req.set_after_sequence(after);
      req.set_page_size(1000);
      v1::ListChangesResponse resp;
      grpc::Status st = Inspection().ListChanges(AdminContext().get(), req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok() || resp.changes().empty()) return out;
      for (const dangbo::type::v1::Change& c : resp.changes()) {
        after = c.sequence();
        if (c.resource() == resource) out.push_back(c.change_type());
      }
    }
  }

  static std::vector<v1::DisciplinaryDecision> DecisionsAbout(const std::string& subject) {
    v1::ListDisciplinaryDecisionsRequest req;
    req.set_subject(subject);
    v1::ListDisciplinaryDecisionsResponse resp;
    grpc::Status st = Inspection().ListDisciplinaryDecisions(AdminContext().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return {resp.disciplinary_decisions().begin(), resp.disciplinary_decisions().end()};
  }

  static mv1::Organization Cell(const std::string& label) {
    const mv1::Organization company = CreateOrganization(
        Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty " + label);
    return CreateOrganization(company.name(), mv1::ORGANIZATION_KIND_CELL, "Chi bộ " + label);
  }

  static v1::CreateDisciplinaryDecisionRequest DecisionRequest(const std::string& subject,
                                                               v1::DisciplineForm form,
                                                               const std::string& number) {
    v1::CreateDisciplinaryDecisionRequest req;
    req.set_request_id(RequestId());
    v1::DisciplinaryDecision* d = req.mutable_disciplinary_decision();
    d->set_subject(subject);
    d->set_form(form);
    d->set_deciding_organization(Bloc().name());
    d->set_deciding_body(v1::DECIDING_BODY_UPPER_INSPECTION_COMMITTEE);
    d->set_number(number);
    *d->mutable_decision_date() = DaysFromToday(-2);
    *d->add_violation_dates() = DaysFromToday(-200);
    d->set_violation_category(v1::VIOLATION_CATEGORY_FINANCE_AND_ASSETS);
    d->set_reasons("Sử dụng kinh phí sai mục đích");
    return req;
  }
};

int Count(const std::vector<grpc::Status>& statuses, grpc::StatusCode code) {
  int n = 0;
  for (const grpc::Status& s : statuses) n += s.error_code() == code ? 1 : 0;
  return n;
}

std::string Describe(const std::vector<grpc::Status>& statuses) {
  std::string out;
  for (const grpc::Status& s : statuses) {
    absl::StrAppend(&out, "\n  ", s.error_code(), " ", s.error_message());
  }
  return out;
}

TEST_F(ConcurrencyTest, OneWriterWinsPerEtagTheOthersAreAborted) {
  const mv1::Organization cell = Cell("Đồng Thời A");
  const mv1::Member member = CreateFullMember(cell.name(), "Mai Văn Đồng");
  v1::Inspection in = DecidedInspection({cell.name(), member.name()});
  const std::string name = in.name();
  const int64_t head = FeedHead();

  // Half the writers advance the stage (while there is a next stage that needs nothing more),
  // half change the content, all from the same etag.
  const int rounds = 4;
  int stage_changes = 0;
  int updates = 0;
  for (int round = 0; round < rounds; ++round) {
    const v1::Inspection before = Get(name);
    const v1::InspectionStage next =
        before.stage() == v1::INSPECTION_STAGE_DECIDED       ? v1::INSPECTION_STAGE_IN_PROGRESS
        : before.stage() == v1::INSPECTION_STAGE_IN_PROGRESS ? v1::INSPECTION_STAGE_REPORTED
                                                             : v1::INSPECTION_STAGE_UNSPECIFIED;
    std::vector<v1::Inspection> results(kWriters);
    const std::vector<grpc::Status> statuses = Race([&](int i) {
      if (i % 2 == 0 && next != v1::INSPECTION_STAGE_UNSPECIFIED) {
        v1::AdvanceInspectionStageRequest req;
        req.set_inspection(name);
        req.set_stage(next);
        req.set_etag(before.etag());
        req.set_request_id(RequestId());
        return Inspection().AdvanceInspectionStage(AdminContext().get(), req, &results[i]);
      }
      v1::UpdateInspectionRequest req;
      req.set_request_id(RequestId());
      req.mutable_inspection()->set_name(name);
      req.mutable_inspection()->set_etag(before.etag());
      req.mutable_inspection()->set_content(absl::StrCat("Nội dung vòng ", round, " của ", i));
      req.mutable_update_mask()->add_paths("content");
      return Inspection().UpdateInspection(AdminContext().get(), req, &results[i]);
    });
    ASSERT_EQ(Count(statuses, grpc::StatusCode::OK), 1) << Describe(statuses);
    ASSERT_EQ(Count(statuses, grpc::StatusCode::ABORTED), kWriters - 1) << Describe(statuses);
    int winner = 0;
    while (!statuses[winner].ok()) ++winner;
    const v1::Inspection after = Get(name);
    EXPECT_EQ(after.SerializeAsString(), results[winner].SerializeAsString())
        << "the winner's answer is what is stored";
    EXPECT_NE(after.etag(), before.etag());
    if (after.stage() != before.stage()) {
      ++stage_changes;
      EXPECT_EQ(after.stage(), next);
      EXPECT_EQ(after.content(), before.content());
    } else {
      ++updates;
      EXPECT_EQ(after.content(), absl::StrCat("Nội dung vòng ", round, " của ", winner));
    }
  }
  // One change per round, nothing from the losers.
  const std::vector<std::string> changes = ChangesOf(name, head);
  ASSERT_EQ(static_cast<int>(changes.size()), rounds);
  int stage_changed = 0;
  for (const std::string& c : changes) {
    stage_changed += c == "dangbo.inspection.v1.Inspection.stage_changed" ? 1 : 0;
  }
  EXPECT_EQ(stage_changed, stage_changes);
  EXPECT_EQ(static_cast<int>(changes.size()) - stage_changed, updates);
}

TEST_F(ConcurrencyTest, EveryWriterOfTheSameEtagButOneIsAbortedOnEveryKindOfChange) {
  const mv1::Organization cell = Cell("Đồng Thời B");
  const mv1::Member member = CreateFullMember(cell.name(), "Lý Thị Song");
  v1::Inspection in = DecidedInspection({cell.name(), member.name()});
  v1::AdvanceInspectionStageRequest start;
  start.set_inspection(in.name());
  start.set_stage(v1::INSPECTION_STAGE_IN_PROGRESS);
  start.set_etag(in.etag());
  start.set_request_id(RequestId());
  ASSERT_TRUE(Inspection().AdvanceInspectionStage(AdminContext().get(), start, &in).ok());

  // Findings, outcomes and subjects from the same etag, at once.
  const mv1::Member added = CreateFullMember(cell.name(), "Lý Văn Thêm");
  const std::vector<grpc::Status> statuses = Race([&](int i) {
    v1::Inspection out;
    switch (i % 3) {
      case 0: {
        v1::RecordFindingsRequest req;
        req.set_inspection(in.name());
        req.set_etag(in.etag());
        req.set_request_id(RequestId());
        v1::Finding* f = req.add_findings();
        f->set_subject(member.name());
        f->set_text(absl::StrCat("Phát hiện của người ghi ", i));
        return Inspection().RecordFindings(AdminContext().get(), req, &out);
      }
      case 1: {
        v1::RecordSubjectOutcomesRequest req;
        req.set_inspection(in.name());
        req.set_etag(in.etag());
        req.set_request_id(RequestId());
        v1::InspectionSubject* s = req.add_outcomes();
        s->set_subject(cell.name());
        s->set_outcome(v1::SUBJECT_OUTCOME_GOOD);
        return Inspection().RecordSubjectOutcomes(AdminContext().get(), req, &out);
      }
      default: {
        v1::AddInspectionSubjectsRequest req;
        req.set_inspection(in.name());
        req.set_etag(in.etag());
        req.set_request_id(RequestId());
        req.add_subjects()->set_subject(added.name());
        return Inspection().AddInspectionSubjects(AdminContext().get(), req, &out);
      }
    }
  });
  ASSERT_EQ(Count(statuses, grpc::StatusCode::OK), 1) << Describe(statuses);
  EXPECT_EQ(Count(statuses, grpc::StatusCode::ABORTED), kWriters - 1) << Describe(statuses);
  const v1::Inspection after = Get(in.name());
  const int changed = (after.findings_size() == 1 ? 1 : 0) +
                      (after.subjects(0).outcome() == v1::SUBJECT_OUTCOME_GOOD ? 1 : 0) +
                      (after.subjects_size() == 3 ? 1 : 0);
  EXPECT_EQ(changed, 1) << after.DebugString();
}

TEST_F(ConcurrencyTest, DecisionsAboutTheSameMemberAtOnceAreAllKeptWhole) {
  const mv1::Organization cell = Cell("Đồng Thời C");
  const mv1::Member member = CreateFullMember(cell.name(), "Trịnh Văn Cảnh Cáo");
  const int64_t head = FeedHead();
  std::vector<v1::DisciplinaryDecision> made(kWriters);
  const std::vector<grpc::Status> statuses = Race([&](int i) {
    // Reprimands and warnings for separate violations: each may stand.
    v1::CreateDisciplinaryDecisionRequest req = DecisionRequest(
        member.name(), i % 2 == 0 ? v1::DISCIPLINE_FORM_REPRIMAND : v1::DISCIPLINE_FORM_WARNING,
        absl::StrCat(100 + i, "-QĐ/UBKTĐUK"));
    return Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &made[i]);
  });
  ASSERT_EQ(Count(statuses, grpc::StatusCode::OK), kWriters) << Describe(statuses);
  std::set<std::string> names;
  for (int i = 0; i < kWriters; ++i) {
    names.insert(made[i].name());
    EXPECT_EQ(made[i].number(), absl::StrCat(100 + i, "-QĐ/UBKTĐUK"));
    EXPECT_EQ(made[i].subject(), member.name());
    EXPECT_EQ(made[i].subject_organization(), cell.name());
    EXPECT_EQ(made[i].member_standing(), v1::MEMBER_STANDING_FULL);
  }
  EXPECT_EQ(static_cast<int>(names.size()), kWriters);
  const std::vector<v1::DisciplinaryDecision> listed = DecisionsAbout(member.name());
  ASSERT_EQ(static_cast<int>(listed.size()), kWriters);
  for (const v1::DisciplinaryDecision& d : listed) {
    EXPECT_TRUE(names.contains(d.name())) << d.name();
    v1::GetDisciplinaryDecisionRequest get;
    get.set_name(d.name());
    v1::DisciplinaryDecision reread;
    ASSERT_TRUE(Inspection().GetDisciplinaryDecision(AdminContext().get(), get, &reread).ok());
    EXPECT_EQ(reread.SerializeAsString(), d.SerializeAsString());
    EXPECT_EQ(ChangesOf(d.name(), head),
              std::vector<std::string>{"dangbo.inspection.v1.DisciplinaryDecision.created"});
  }
}

TEST_F(ConcurrencyTest, ExpulsionsOfTheSameMemberAtOnceExpelHerOnce) {
  const mv1::Organization cell = Cell("Đồng Thời D");
  const mv1::Member member = CreateFullMember(cell.name(), "Quách Thị Khai Trừ");
  std::vector<v1::DisciplinaryDecision> made(kWriters);
  const std::vector<grpc::Status> statuses = Race([&](int i) {
    v1::CreateDisciplinaryDecisionRequest req = DecisionRequest(
        member.name(), v1::DISCIPLINE_FORM_EXPULSION, absl::StrCat(200 + i, "-QĐ/UBKTĐUK"));
    return Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &made[i]);
  });
  // One expulsion stands; every other is refused as the member already has one, cleanly.
  ASSERT_EQ(Count(statuses, grpc::StatusCode::OK), 1) << Describe(statuses);
  EXPECT_EQ(Count(statuses, grpc::StatusCode::FAILED_PRECONDITION), kWriters - 1)
      << Describe(statuses);
  int winner = 0;
  while (!statuses[winner].ok()) ++winner;
  const std::vector<v1::DisciplinaryDecision> listed = DecisionsAbout(member.name());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name(), made[winner].name());

  // Membership records the one EXPEL event, and the decision says so.
  mv1::Member after;
  v1::DisciplinaryDecision reread;
  for (int i = 0; i < 100; ++i) {
    mv1::GetMemberRequest get;
    get.set_name(member.name());
    ASSERT_TRUE(Membership().GetMember(AdminContext().get(), get, &after).ok());
    v1::GetDisciplinaryDecisionRequest get_decision;
    get_decision.set_name(made[winner].name());
    ASSERT_TRUE(
        Inspection().GetDisciplinaryDecision(AdminContext().get(), get_decision, &reread).ok());
    if (after.state() == mv1::MEMBER_STATE_EXPELLED &&
        reread.membership_sync().state() == v1::MembershipSync::STATE_DONE) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(after.state(), mv1::MEMBER_STATE_EXPELLED);
  EXPECT_EQ(reread.membership_sync().state(), v1::MembershipSync::STATE_DONE);
  mv1::ListMemberEventsRequest events;
  events.set_member(member.name());
  mv1::ListMemberEventsResponse listed_events;
  ASSERT_TRUE(Membership().ListMemberEvents(AdminContext().get(), events, &listed_events).ok());
  int expulsions = 0;
  for (const mv1::MemberEvent& e : listed_events.events()) {
    expulsions += e.type() == mv1::MEMBER_EVENT_TYPE_EXPEL ? 1 : 0;
  }
  EXPECT_EQ(expulsions, 1);
}

TEST_F(ConcurrencyTest, ConcurrentReplaysOfOneRequestIdCreateOneResource) {
  const mv1::Organization cell = Cell("Đồng Thời E");
  const mv1::Member member = CreateFullMember(cell.name(), "Vương Văn Lặp");
  const int64_t head = FeedHead();

  // One CreateInspection sent by every writer under the same request_id.
  v1::CreateInspectionRequest create;
  create.set_request_id(RequestId());
  v1::Inspection* in = create.mutable_inspection();
  in->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
  in->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
  in->set_conducting_organization(Bloc().name());
  in->set_content("Giám sát việc chấp hành chế độ sinh hoạt đảng");
  in->add_subjects()->set_subject(cell.name());
  std::vector<v1::Inspection> created(kWriters);
  std::vector<grpc::Status> statuses = Race([&](int i) {
    return Inspection().CreateInspection(AdminContext().get(), create, &created[i]);
  });
  ASSERT_EQ(Count(statuses, grpc::StatusCode::OK), kWriters) << Describe(statuses);
  for (int i = 1; i < kWriters; ++i) {
    EXPECT_EQ(created[i].SerializeAsString(), created[0].SerializeAsString());
  }
  v1::ListInspectionsRequest list;
  list.set_subject(cell.name());
  v1::ListInspectionsResponse listed;
  ASSERT_TRUE(Inspection().ListInspections(AdminContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.inspections_size(), 1);
  EXPECT_EQ(listed.inspections(0).name(), created[0].name());

  // One stage change replayed at once: one change, the same answer to all.
  v1::AdvanceInspectionStageRequest cancel;
  cancel.set_inspection(created[0].name());
  cancel.set_stage(v1::INSPECTION_STAGE_CANCELLED);
  cancel.set_cancellation_reason("Đưa vào chương trình năm sau");
  cancel.set_etag(created[0].etag());
  cancel.set_request_id(RequestId());
  std::vector<v1::Inspection> cancelled(kWriters);
  statuses = Race([&](int i) {
    return Inspection().AdvanceInspectionStage(AdminContext().get(), cancel, &cancelled[i]);
  });
  ASSERT_EQ(Count(statuses, grpc::StatusCode::OK), kWriters) << Describe(statuses);
  for (int i = 0; i < kWriters; ++i) {
    EXPECT_EQ(cancelled[i].stage(), v1::INSPECTION_STAGE_CANCELLED);
    EXPECT_EQ(cancelled[i].SerializeAsString(), cancelled[0].SerializeAsString());
  }
  EXPECT_EQ(ChangesOf(created[0].name(), head),
            (std::vector<std::string>{"dangbo.inspection.v1.Inspection.created",
                                      "dangbo.inspection.v1.Inspection.stage_changed"}));

  // One disciplinary decision replayed at once.
  const v1::CreateDisciplinaryDecisionRequest decide =
      DecisionRequest(member.name(), v1::DISCIPLINE_FORM_REPRIMAND, "300-QĐ/UBKTĐUK");
  std::vector<v1::DisciplinaryDecision> decided(kWriters);
  statuses = Race([&](int i) {
    return Inspection().CreateDisciplinaryDecision(AdminContext().get(), decide, &decided[i]);
  });
  ASSERT_EQ(Count(statuses, grpc::StatusCode::OK), kWriters) << Describe(statuses);
  for (int i = 1; i < kWriters; ++i) EXPECT_EQ(decided[i].name(), decided[0].name());
  const std::vector<v1::DisciplinaryDecision> decisions = DecisionsAbout(member.name());
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].name(), decided[0].name());
}

}  // namespace
}  // namespace dangbo::inspection::testing
