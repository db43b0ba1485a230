#include "bench/dataset/inspection_loader.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/auth/authenticator.h"
#include "common/runtime/bounded_queue.h"

namespace dangbo::bench {
namespace {

namespace mv1 = ::dangbo::membership::v1;

google::type::Date ToDate(absl::CivilDay day) {
  google::type::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

int64_t IdOf(absl::string_view name) {
  const size_t slash = name.rfind('/');
  int64_t id = 0;
  if (slash == absl::string_view::npos || !absl::SimpleAtoi(name.substr(slash + 1), &id)) return 0;
  return id;
}

// The first error of several workers.
class FirstError {
 public:
  void Set(absl::Status status) {
    absl::MutexLock lock(&mu_);
    if (status_.ok()) status_ = std::move(status);
  }
  bool Failed() {
    absl::MutexLock lock(&mu_);
    return !status_.ok();
  }
  absl::Status Get() {
    absl::MutexLock lock(&mu_);
    return status_;
  }

 private:
  absl::Mutex mu_;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
};

bool Transient(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED;
}

}  // namespace

// One load: the names to map generated references to, the stub, and the totals.
class InspectionLoader::Run {
 public:
  Run(inspection::v1::InspectionService::Stub& stub, const InspectionLoadOptions& options,
      const std::vector<std::string>& organizations, const std::vector<int64_t>& members)
      : stub_(stub), options_(options), organizations_(organizations), members_(members) {}

  // A unary call, retried while the service is unreachable: every mutation carries its
  // request id, so a retry never does the work twice.
  template <typename Request, typename Response>
  absl::Status Call(grpc::Status (inspection::v1::InspectionService::Stub::*method)(
                        grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response, absl::string_view what) {
    grpc::Status status;
    for (int attempt = 0; attempt < 5; ++attempt) {
      if (attempt > 0) absl::SleepFor(absl::Milliseconds(200 << attempt));
      grpc::ClientContext context;
      if (!options_.token.empty()) auth::AttachToken(context, options_.token);
      context.set_deadline(absl::ToChronoTime(absl::Now() + options_.deadline));
      status = (stub_.*method)(&context, request, response);
      calls_.fetch_add(1, std::memory_order_relaxed);
      if (!Transient(status.error_code())) break;
    }
    if (status.ok()) return absl::OkStatus();
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat(what, ": ", status.error_message()));
  }

  std::string Subject(const SubjectRef& ref) const {
    return ref.member ? absl::StrCat("members/", members_[ref.id - 1]) : organizations_[ref.id];
  }

  // FAILED_PRECONDITION for a roster row whose member the service does not have.
  absl::Status CheckMember(int64_t row) const {
    if (members_[row - 1] != 0) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("member row ", row, " is not in membership: load the members first"));
  }

  absl::Status CheckMembers(const GeneratedInspection& g) const {
    for (const GeneratedSubject& s : g.subjects) {
      if (!s.ref.member) continue;
      if (absl::Status st = CheckMember(s.ref.id); !st.ok()) return st;
    }
    for (const GeneratedTeamMember& t : g.team) {
      if (absl::Status st = CheckMember(t.row); !st.ok()) return st;
    }
    return absl::OkStatus();
  }

  std::string RequestId(const GeneratedInspection& g, absl::string_view step) const {
    return absl::StrCat(options_.request_id_prefix, "/inspections/", g.sequence, "/", step);
  }

  // The inspection as decided: what CreateInspection takes.
  inspection::v1::Inspection Decided(const GeneratedInspection& g) const {
    namespace i = inspection::v1;
    i::Inspection in;
    in.set_type(g.type);
    in.set_conducting_body(g.body);
    in.set_conducting_organization(organizations_[g.conducting_organization]);
    in.set_conducting_level(g.level);
    in.mutable_decision()->set_number(g.decision_number);
    *in.mutable_decision()->mutable_date() = ToDate(g.decided);
    in.mutable_decision()->set_issuer(organizations_[g.conducting_organization]);
    in.set_content(g.content);
    *in.mutable_period_start() = ToDate(g.period_start);
    *in.mutable_period_end() = ToDate(g.period_end);
    in.set_planned_duration_working_days(g.planned_working_days);
    for (const GeneratedTeamMember& t : g.team) {
      i::TeamMember* member = in.add_team_members();
      member->set_member(absl::StrCat("members/", members_[t.row - 1]));
      member->set_full_name(absl::StrCat("Thành viên đoàn ", t.row));
      member->set_role(t.role);
    }
    for (const GeneratedSubject& s : g.subjects) {
      i::InspectionSubject* subject = in.add_subjects();
      subject->set_subject(Subject(s.ref));
      subject->set_committee_member(s.committee_member);
    }
    return in;
  }

  static inspection::v1::ConclusionNotice Notice(const GeneratedInspection& g) {
    namespace i = inspection::v1;
    i::ConclusionNotice notice;
    notice.set_number(g.notice_number);
    *notice.mutable_issued_date() = ToDate(g.notice_issued);
    for (const std::string& text : g.strengths) notice.add_strengths(text);
    for (const std::string& text : g.shortcomings) notice.add_shortcomings(text);
    for (const GeneratedTask& t : g.tasks) {
      i::RequiredTask* task = notice.add_required_tasks();
      task->set_text(t.text);
      task->set_assignee(t.assignee);
      *task->mutable_due_date() = ToDate(t.due);
    }
    notice.add_distribution("Như trên");
    notice.add_distribution("Lưu văn phòng");
    notice.set_signed_by("T/M Ban Thường vụ");
    return notice;
  }

  static inspection::v1::TaskCompletion Completion(const GeneratedInspection& g, size_t task) {
    inspection::v1::TaskCompletion completion;
    completion.set_task_number(static_cast<int>(task) + 1);
    *completion.mutable_completed_date() = ToDate(g.tasks[task].completed);
    completion.set_note("Đã hoàn thành, có báo cáo kết quả");
    return completion;
  }

  inspection::v1::DisciplinaryDecision Decision(const GeneratedDecision& d) const {
    inspection::v1::DisciplinaryDecision decision;
    decision.set_subject(Subject(d.subject));
    decision.set_form(d.form);
    decision.set_deciding_organization(organizations_[d.deciding_organization]);
    decision.set_deciding_body(d.deciding_body);
    decision.set_number(d.number);
    *decision.mutable_decision_date() = ToDate(d.decided);
    *decision.mutable_effective_date() = ToDate(d.decided);
    *decision.add_violation_dates() = ToDate(d.violation);
    decision.set_violation_category(d.category);
    decision.set_reasons(d.reasons);
    return decision;
  }

  inspection::v1::Appeal Appeal(const GeneratedAppeal& a) const {
    inspection::v1::Appeal appeal;
    *appeal.mutable_received_date() = ToDate(a.received);
    *appeal.mutable_filed_date() = ToDate(a.filed);
    appeal.set_resolving_organization(organizations_[a.resolving_organization]);
    appeal.set_resolving_level(a.resolving_level);
    return appeal;
  }

  static inspection::v1::AppealResolution Resolution(const GeneratedAppeal& a) {
    inspection::v1::AppealResolution r;
    r.set_outcome(a.outcome);
    *r.mutable_date() = ToDate(a.resolved);
    r.set_number(a.resolution_number);
    r.set_new_form(a.new_form);
    r.set_reasons("Xem xét đơn khiếu nại và hồ sơ kỷ luật");
    return r;
  }

  // The inspection as it ended, with its decisions and their appeals, as ImportInspectionWork
  // takes it; keyed by the inspection's place in the generated work.
  absl::StatusOr<inspection::v1::InspectionWorkRecord> Record(const GeneratedInspection& g) const {
    namespace i = inspection::v1;
    if (absl::Status s = CheckMembers(g); !s.ok()) return s;
    i::InspectionWorkRecord record;
    record.set_source_key(absl::StrCat(options_.request_id_prefix, "/inspections/", g.sequence));
    i::Inspection& in = *record.mutable_inspection();
    in = Decided(g);
    in.set_stage(i::INSPECTION_STAGE_CLOSED);
    for (int s = 0; s < in.subjects_size(); ++s)
      in.mutable_subjects(s)->set_outcome(g.subjects[s].outcome);
    for (const GeneratedSubject& s : g.subjects) {
      if (s.finding.empty()) continue;
      i::Finding* f = in.add_findings();
      f->set_subject(Subject(s.ref));
      f->set_text(s.finding);
      f->set_violation_category(s.violation_category);
    }
    *in.mutable_started_date() = ToDate(g.started);
    *in.mutable_reported_date() = ToDate(g.reported);
    *in.mutable_concluded_date() = ToDate(g.concluded);
    *in.mutable_conclusion_notice() = Notice(g);
    for (size_t t = 0; t < g.tasks.size(); ++t) *in.add_task_completions() = Completion(g, t);
    *in.mutable_closed_date() = ToDate(g.closed);
    for (const GeneratedDecision& d : g.decisions) {
      if (d.subject.member) {
        if (absl::Status s = CheckMember(d.subject.id); !s.ok()) return s;
      }
      i::ImportedDecision* imported = record.add_disciplinary_decisions();
      *imported->mutable_disciplinary_decision() = Decision(d);
      if (d.appeal.has_value()) {
        i::Appeal* appeal = imported->add_appeals();
        *appeal = Appeal(*d.appeal);
        *appeal->mutable_resolution() = Resolution(*d.appeal);
      }
    }
    return record;
  }

  // Takes one inspection through its stages; returns its name.
  absl::StatusOr<std::string> LoadInspection(const GeneratedInspection& g) {
    namespace i = inspection::v1;
    if (absl::Status s = CheckMembers(g); !s.ok()) return s;
    const std::string what = absl::StrCat("inspection ", g.sequence);
    i::CreateInspectionRequest create;
    create.set_request_id(RequestId(g, "create"));
    *create.mutable_inspection() = Decided(g);
    i::Inspection current;
    if (absl::Status s = Call(&i::InspectionService::Stub::CreateInspection, create, &current,
                              absl::StrCat(what, " create"));
        !s.ok()) {
      return s;
    }
    const std::string name = current.name();

    auto advance = [&](i::InspectionStage stage, absl::CivilDay day,
                       absl::string_view step) -> absl::Status {
      i::AdvanceInspectionStageRequest req;
      req.set_inspection(name);
      req.set_stage(stage);
      *req.mutable_date() = ToDate(day);
      req.set_etag(current.etag());
      req.set_request_id(RequestId(g, step));
      i::Inspection next;
      absl::Status s = Call(&i::InspectionService::Stub::AdvanceInspectionStage, req, &next,
                            absl::StrCat(what, " ", step));
      if (s.ok()) current = std::move(next);
      return s;
    };
    if (absl::Status s = advance(i::INSPECTION_STAGE_IN_PROGRESS, g.started, "start"); !s.ok()) {
      return s;
    }
    if (absl::Status s = advance(i::INSPECTION_STAGE_REPORTED, g.reported, "report"); !s.ok()) {
      return s;
    }
    i::RecordFindingsRequest findings;
    i::RecordSubjectOutcomesRequest outcomes;
    for (const GeneratedSubject& s : g.subjects) {
      if (!s.finding.empty()) {
        i::Finding* f = findings.add_findings();
        f->set_subject(Subject(s.ref));
        f->set_text(s.finding);
        f->set_violation_category(s.violation_category);
      }
      i::InspectionSubject* o = outcomes.add_outcomes();
      o->set_subject(Subject(s.ref));
      o->set_outcome(s.outcome);
    }
    if (!findings.findings().empty()) {
      findings.set_inspection(name);
      findings.set_etag(current.etag());
      findings.set_request_id(RequestId(g, "findings"));
      i::Inspection next;
      if (absl::Status s = Call(&i::InspectionService::Stub::RecordFindings, findings, &next,
                                absl::StrCat(what, " findings"));
          !s.ok()) {
        return s;
      }
      current = std::move(next);
    }
    outcomes.set_inspection(name);
    outcomes.set_etag(current.etag());
    outcomes.set_request_id(RequestId(g, "outcomes"));
    {
      i::Inspection next;
      if (absl::Status s = Call(&i::InspectionService::Stub::RecordSubjectOutcomes, outcomes, &next,
                                absl::StrCat(what, " outcomes"));
          !s.ok()) {
        return s;
      }
      current = std::move(next);
    }
    if (absl::Status s = advance(i::INSPECTION_STAGE_CONCLUDED, g.concluded, "conclude"); !s.ok()) {
      return s;
    }
    i::IssueConclusionNoticeRequest issue;
    issue.set_inspection(name);
    issue.set_etag(current.etag());
    issue.set_request_id(RequestId(g, "notice"));
    *issue.mutable_notice() = Notice(g);
    i::ConclusionNotice issued;
    if (absl::Status s = Call(&i::InspectionService::Stub::IssueConclusionNotice, issue, &issued,
                              absl::StrCat(what, " notice"));
        !s.ok()) {
      return s;
    }
    // The notice carries no etag of the inspection, so the inspection is read again. On a
    // replay it may already be further along: go on from where it stands.
    i::GetInspectionRequest get;
    get.set_name(name);
    if (absl::Status s = Call(&i::InspectionService::Stub::GetInspection, get, &current,
                              absl::StrCat(what, " get"));
        !s.ok()) {
      return s;
    }
    if (current.stage() == i::INSPECTION_STAGE_CLOSED) return name;
    if (!g.tasks.empty()) {
      if (current.stage() == i::INSPECTION_STAGE_NOTICE_ISSUED) {
        if (absl::Status s = advance(i::INSPECTION_STAGE_FOLLOW_UP, g.notice_issued, "follow");
            !s.ok()) {
          return s;
        }
      }
      for (size_t t = 0; t < g.tasks.size(); ++t) {
        const int number = static_cast<int>(t) + 1;
        const bool done =
            std::any_of(current.task_completions().begin(), current.task_completions().end(),
                        [&](const i::TaskCompletion& c) { return c.task_number() == number; });
        if (done) continue;
        i::RecordTaskCompletionRequest complete;
        complete.set_inspection(name);
        complete.set_etag(current.etag());
        complete.set_request_id(RequestId(g, absl::StrCat("task", number)));
        *complete.mutable_completion() = Completion(g, t);
        i::Inspection next;
        if (absl::Status s = Call(&i::InspectionService::Stub::RecordTaskCompletion, complete,
                                  &next, absl::StrCat(what, " task ", number));
            !s.ok()) {
          return s;
        }
        current = std::move(next);
      }
    }
    if (absl::Status s = advance(i::INSPECTION_STAGE_CLOSED, g.closed, "close"); !s.ok()) return s;
    return name;
  }

  absl::Status LoadDecision(const GeneratedDecision& d, const std::string& inspection_name,
                            int64_t sequence, int index) {
    namespace i = inspection::v1;
    const std::string id =
        absl::StrCat(options_.request_id_prefix, "/decisions/", sequence, "-", index);
    if (d.subject.member) {
      if (absl::Status s = CheckMember(d.subject.id); !s.ok()) return s;
    }
    i::CreateDisciplinaryDecisionRequest create;
    create.set_request_id(absl::StrCat(id, "/create"));
    i::DisciplinaryDecision& decision = *create.mutable_disciplinary_decision();
    decision = Decision(d);
    decision.set_source_inspection(inspection_name);
    i::DisciplinaryDecision created;
    const std::string what = absl::StrCat("decision ", sequence, "-", index);
    if (absl::Status s =
            Call(&i::InspectionService::Stub::CreateDisciplinaryDecision, create, &created, what);
        !s.ok()) {
      // The service checks the subject before it looks the request id up, so replaying the
      // expulsion of a member is refused (the member no longer belongs to the party). The
      // decision of an earlier load is then found by its number.
      if (!absl::IsFailedPrecondition(s)) return s;
      absl::StatusOr<std::optional<i::DisciplinaryDecision>> earlier =
          FindDecision(decision.subject(), d.number);
      if (!earlier.ok()) return earlier.status();
      if (!earlier->has_value()) return s;
      created = **earlier;
    }
    if (!d.appeal.has_value()) return absl::OkStatus();
    const GeneratedAppeal& a = *d.appeal;
    i::CreateAppealRequest appeal;
    appeal.set_parent(created.name());
    appeal.set_request_id(absl::StrCat(id, "/appeal"));
    *appeal.mutable_appeal() = Appeal(a);
    i::Appeal filed;
    if (absl::Status s = Call(&i::InspectionService::Stub::CreateAppeal, appeal, &filed,
                              absl::StrCat(what, " appeal"));
        !s.ok()) {
      return s;
    }
    i::ResolveAppealRequest resolve;
    resolve.set_name(filed.name());
    resolve.set_etag(filed.etag());
    resolve.set_request_id(absl::StrCat(id, "/resolve"));
    *resolve.mutable_resolution() = Resolution(a);
    i::Appeal resolved;
    return Call(&i::InspectionService::Stub::ResolveAppeal, resolve, &resolved,
                absl::StrCat(what, " resolve"));
  }

  int64_t calls() const { return calls_.load(); }

 private:
  // The decision about `subject` numbered `number`, if one was recorded.
  absl::StatusOr<std::optional<inspection::v1::DisciplinaryDecision>> FindDecision(
      const std::string& subject, const std::string& number) {
    namespace i = inspection::v1;
    i::ListDisciplinaryDecisionsRequest list;
    list.set_subject(subject);
    list.set_page_size(1000);
    while (true) {
      i::ListDisciplinaryDecisionsResponse page;
      if (absl::Status s = Call(&i::InspectionService::Stub::ListDisciplinaryDecisions, list, &page,
                                absl::StrCat("decisions of ", subject));
          !s.ok()) {
        return s;
      }
      for (const i::DisciplinaryDecision& d : page.disciplinary_decisions()) {
        if (d.number() == number) return d;
      }
      if (page.next_page_token().empty()) return std::nullopt;
      list.set_page_token(page.next_page_token());
    }
  }

  inspection::v1::InspectionService::Stub& stub_;
  const InspectionLoadOptions& options_;
  const std::vector<std::string>& organizations_;
  const std::vector<int64_t>& members_;
  std::atomic<int64_t> calls_{0};
};

InspectionLoader::InspectionLoader(std::shared_ptr<grpc::Channel> membership,
                                   std::shared_ptr<grpc::Channel> inspection,
                                   InspectionLoadOptions options)
    : membership_(mv1::MembershipService::NewStub(std::move(membership))),
      inspection_(inspection::v1::InspectionService::NewStub(std::move(inspection))),
      options_(std::move(options)) {}

absl::StatusOr<std::vector<int64_t>> InspectionLoader::MatchMembers(
    const Dataset& dataset, const MemberRoster& roster,
    const std::vector<std::string>& organization_names, int64_t* matched) {
  absl::flat_hash_map<uint64_t, int64_t> row_of;
  row_of.reserve(static_cast<size_t>(roster.size()));
  for (int64_t row = 1; row <= roster.size(); ++row) row_of[roster.CitizenId(row)] = row;
  std::vector<int64_t> ids(static_cast<size_t>(roster.size()), 0);

  // Every member is registered below a top-level organization (roots hold none).
  std::vector<std::string> subtrees;
  for (const GeneratedOrganization& org : dataset.organizations) {
    if (org.depth == 1) subtrees.push_back(organization_names[org.index]);
  }
  std::atomic<size_t> next{0};
  std::atomic<int64_t> found{0};
  FirstError error;
  auto worker = [&] {
    while (!error.Failed()) {
      const size_t i = next.fetch_add(1);
      if (i >= subtrees.size()) return;
      mv1::ListMembersRequest request;
      request.set_subtree(subtrees[i]);
      // Every state: members expelled by an earlier load are still subjects of its decisions.
      const auto* states = google::protobuf::GetEnumDescriptor<mv1::MemberState>();
      for (int v = 0; v < states->value_count(); ++v) {
        if (states->value(v)->number() != 0) {
          request.add_states(static_cast<mv1::MemberState>(states->value(v)->number()));
        }
      }
      request.set_page_size(1000);
      while (true) {
        grpc::ClientContext context;
        if (!options_.token.empty()) auth::AttachToken(context, options_.token);
        context.set_deadline(absl::ToChronoTime(absl::Now() + options_.deadline));
        mv1::ListMembersResponse response;
        grpc::Status status = membership_->ListMembers(&context, request, &response);
        if (!status.ok()) {
          error.Set(absl::Status(
              static_cast<absl::StatusCode>(status.error_code()),
              absl::StrCat("ListMembers ", subtrees[i], ": ", status.error_message())));
          return;
        }
        for (const mv1::Member& m : response.members()) {
          uint64_t citizen = 0;
          // Members created without a citizen id are not this dataset's.
          if (!absl::SimpleAtoi(m.personal_data().citizen_id(), &citizen)) continue;
          auto it = row_of.find(citizen);
          if (it == row_of.end()) continue;  // a member this dataset did not generate
          ids[it->second - 1] = IdOf(m.name());
          found.fetch_add(1, std::memory_order_relaxed);
        }
        if (response.next_page_token().empty()) break;
        request.set_page_token(response.next_page_token());
      }
    }
  };
  std::vector<std::thread> pool;
  const int threads = std::max(1, options_.resolve_concurrency);
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  if (absl::Status st = error.Get(); !st.ok()) return st;
  if (found.load() == 0 && roster.size() > 0) {
    return absl::FailedPreconditionError(
        "no generated member was found in membership: load the members first, with a token "
        "that has the personal_data role (members are matched by citizen id)");
  }
  if (matched != nullptr) *matched = found.load();
  return ids;
}

absl::StatusOr<InspectionLoad> InspectionLoader::Load(
    const Dataset& dataset, const MemberRoster& roster, const InspectionWorkSpec& spec,
    const std::vector<std::string>& organization_names) {
  if (organization_names.size() != dataset.organizations.size()) {
    return absl::InvalidArgumentError("organization_names does not match the dataset");
  }
  InspectionLoad load;
  const absl::Time start = absl::Now();
  absl::StatusOr<std::vector<int64_t>> members =
      MatchMembers(dataset, roster, organization_names, &load.members_matched);
  if (!members.ok()) return members.status();
  load.match_elapsed = absl::Now() - start;

  Run run(*inspection_, options_, organization_names, *members);
  if (options_.bulk_import) {
    if (absl::Status s = Import(run, dataset, roster, spec, load); !s.ok()) return s;
    load.elapsed = absl::Now() - start;
    return load;
  }
  FirstError error;
  absl::Mutex mu;  // guards load.loaded and the year's pending decisions
  struct Pending {
    std::string inspection;
    int64_t sequence;
    int index;
    GeneratedDecision decision;
  };
  std::vector<Pending> pending;
  const int threads = std::max(1, options_.concurrency);

  // A year's decisions once its inspections are in: an expulsion decided in a year must not
  // reach membership while an inspection of the same year still names the member.
  auto decide_year = [&] {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      while (!error.Failed()) {
        const size_t i = next.fetch_add(1);
        if (i >= pending.size()) return;
        const Pending& p = pending[i];
        if (absl::Status s = run.LoadDecision(p.decision, p.inspection, p.sequence, p.index);
            !s.ok()) {
          error.Set(s);
          return;
        }
        absl::MutexLock lock(&mu);
        auto& by_form = p.decision.subject.member ? load.loaded.member_decisions_by_form
                                                  : load.loaded.organization_decisions_by_form;
        ++by_form[p.decision.form];
        if (p.decision.appeal.has_value()) {
          ++load.loaded.appeals_by_outcome[p.decision.appeal->outcome];
        }
      }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
    pending.clear();
  };

  InspectionWorkGenerator generator(dataset, roster, spec);
  GeneratedInspection g;
  bool more = generator.Next(g);
  while (more && !error.Failed()) {
    const int year = g.year;
    runtime::BoundedQueue<GeneratedInspection> queue(static_cast<size_t>(threads) * 2);
    auto worker = [&] {
      while (std::optional<GeneratedInspection> item = queue.Pop()) {
        if (error.Failed()) continue;  // drain
        absl::StatusOr<std::string> name = run.LoadInspection(*item);
        if (!name.ok()) {
          error.Set(name.status());
          continue;
        }
        absl::MutexLock lock(&mu);
        GeneratedInspection counted = *item;
        counted.decisions.clear();  // counted when they are loaded
        load.loaded.Add(counted);
        for (size_t d = 0; d < item->decisions.size(); ++d) {
          pending.push_back(
              {*name, item->sequence, static_cast<int>(d), std::move(item->decisions[d])});
        }
      }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    while (more && g.year == year && !error.Failed()) {
      queue.Push(std::move(g));
      more = generator.Next(g);
    }
    queue.Close();
    for (std::thread& t : pool) t.join();
    if (error.Failed()) break;
    // Decisions in the order they were generated, whatever order the inspections finished in.
    std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      return std::tie(a.sequence, a.index) < std::tie(b.sequence, b.index);
    });
    decide_year();
  }
  if (absl::Status st = error.Get(); !st.ok()) return st;
  load.calls = run.calls();
  load.elapsed = absl::Now() - start;
  return load;
}

absl::Status InspectionLoader::Import(Run& run, const Dataset& dataset, const MemberRoster& roster,
                                      const InspectionWorkSpec& spec, InspectionLoad& load) {
  namespace i = inspection::v1;
  using Message = std::vector<i::InspectionWorkRecord>;
  FirstError error;
  absl::Mutex mu;  // guards load
  runtime::BoundedQueue<Message> queue(static_cast<size_t>(std::max(1, options_.concurrency)) * 2);
  // Each stream has a request id of its own run: a load sent again is recognised by the records'
  // source keys (skipped), not by replaying messages that may be cut differently.
  const std::string run_id = absl::StrCat(absl::ToUnixMillis(absl::Now()));
  auto stream = [&](int number) {
    grpc::ClientContext context;
    if (!options_.token.empty()) auth::AttachToken(context, options_.token);
    i::ImportInspectionWorkResponse response;
    // Opened with the first message: a stream that carries none is refused.
    std::unique_ptr<grpc::ClientWriter<i::ImportInspectionWorkRequest>> writer;
    while (std::optional<Message> records = queue.Pop()) {
      if (error.Failed()) continue;  // drain
      i::ImportInspectionWorkRequest request;
      if (!writer) {
        writer = inspection_->ImportInspectionWork(&context, &response);
        request.set_request_id(
            absl::StrCat(options_.request_id_prefix, "/import/", run_id, "/", number));
      }
      for (i::InspectionWorkRecord& r : *records) *request.add_records() = std::move(r);
      if (!writer->Write(request)) {
        error.Set(absl::UnavailableError("the import stream closed early"));
        continue;
      }
      absl::MutexLock lock(&mu);
      ++load.calls;
    }
    if (!writer) return;
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    if (!status.ok()) {
      error.Set(absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                             absl::StrCat("import stream ", number, ": ", status.error_message())));
      return;
    }
    if (response.error_count() > 0) {
      const i::ImportRecordError& e = response.errors(0);
      error.Set(absl::FailedPreconditionError(
          absl::StrCat("import stream ", number, ": ", response.error_count(),
                       " records refused; the first, ", e.source_key(), ": ", e.message())));
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, options_.concurrency); ++t) pool.emplace_back(stream, t);
  InspectionWorkGenerator generator(dataset, roster, spec);
  GeneratedInspection g;
  Message message;
  const size_t per_message = static_cast<size_t>(std::max(1, options_.records_per_message));
  while (!error.Failed() && generator.Next(g)) {
    absl::StatusOr<i::InspectionWorkRecord> record = run.Record(g);
    if (!record.ok()) {
      error.Set(record.status());
      break;
    }
    message.push_back(*std::move(record));
    {
      absl::MutexLock lock(&mu);
      load.loaded.Add(g);
    }
    if (message.size() == per_message) queue.Push(std::exchange(message, {}));
  }
  if (!message.empty()) queue.Push(std::move(message));
  queue.Close();
  for (std::thread& t : pool) t.join();
  return error.Get();
}

}  // namespace dangbo::bench
