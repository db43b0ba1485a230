// Random and malformed input to every inspection RPC: the service answers each call with a
// status a client can act on (never INTERNAL, UNKNOWN or a dropped connection), names the field
// at fault in a google.rpc.BadRequest, and stays healthy and consistent afterwards.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "tests/inspection/e2e/inspection_fixture.h"

namespace dangbo::inspection::testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The fields a google.rpc.BadRequest in the trailers names; empty when there is none.
std::vector<std::string> BadRequestFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  google::rpc::Status rich;
  if (status.error_details().empty() || !rich.ParseFromString(status.error_details())) {
    return fields;
  }
  for (const google::protobuf::Any& any : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

// Fills a request with random values drawn towards what breaks parsers: names of the right and
// wrong collections, out-of-range numbers and enums, impossible dates, huge and control-laden
// strings. Resource names point at records the test owns, so that random writes that succeed
// touch nothing another test relies on.
class RandomFiller {
 public:
  RandomFiller(uint64_t seed, std::vector<std::string> names)
      : rng_(seed), names_(std::move(names)) {}

  void Fill(Message& message, int depth = 0) {
    const Reflection* reflection = message.GetReflection();
    const auto* descriptor = message.GetDescriptor();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      if (Coin(3)) continue;  // leave about a third of the fields unset
      const int count = field->is_repeated() ? static_cast<int>(rng_() % 4) : 1;
      for (int n = 0; n < count; ++n) SetOne(message, reflection, field, depth);
    }
  }

 private:
  bool Coin(int one_in) { return rng_() % one_in == 0; }

  std::string RandomString() {
    static const std::vector<std::string> interesting = {
        "",
        "organizations/999999999",
        "members/999999999",
        "inspections/999999999",
        "organizations/-5",
        "members/abc",
        "inspections/0",
        "inspections/1/conclusionNotices/0",
        "inspections/1/conclusionNotices/-1",
        "disciplinaryDecisions/1/appeals/x",
        "ruleVersions/2025-02-30",
        "ruleVersions/abcd",
        "programmes/",
        std::string("Nguy\0ễn", 9),
        "Nguyễn Văn An",
        "\x01\x02",
        "\"7\"",
        "\"-1\"",
        "W/\"3\"",
        "*",
        "%",
        "_",
        "/1/2/",
        "999999999999999999999999",
        std::string(30000, 'x'),
        "'; DROP TABLE inspections; --",
        "INSPECTION_STAGE_CLOSED"};
    if (Coin(3)) return names_[rng_() % names_.size()];
    if (Coin(2)) return interesting[rng_() % interesting.size()];
    std::string s(rng_() % 40, ' ');
    for (char& c : s) c = static_cast<char>(32 + rng_() % 95);
    return s;
  }

  int64_t RandomInt() {
    static const std::vector<int64_t> interesting = {
        0,    1,    -1,    2,      12,     13,        29,        30,       31,       32,
        2019, 2025, 1900,  1929,   10000,  1000,      1001,      100000,   INT32_MAX, INT32_MIN,
        INT64_MAX, INT64_MIN};
    return interesting[rng_() % interesting.size()];
  }

  void SetOne(Message& m, const Reflection* r, const FieldDescriptor* f, int depth) {
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string v = RandomString();
        if (f->type() == FieldDescriptor::TYPE_STRING) {
          // proto3 refuses invalid UTF-8 at the client; keep strings valid UTF-8.
          for (char& c : v) {
            if (static_cast<unsigned char>(c) >= 0x80 && v.find("ễ") == std::string::npos &&
                v.find("ă") == std::string::npos) {
              c = '?';
            }
          }
        }
        rep ? r->AddString(&m, f, v) : r->SetString(&m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_INT32:
        rep ? r->AddInt32(&m, f, static_cast<int32_t>(RandomInt()))
            : r->SetInt32(&m, f, static_cast<int32_t>(RandomInt()));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        rep ? r->AddInt64(&m, f, RandomInt()) : r->SetInt64(&m, f, RandomInt());
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        rep ? r->AddBool(&m, f, Coin(2)) : r->SetBool(&m, f, Coin(2));
        break;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int v = static_cast<int>(rng_() % 25) - 2;  // includes unknown values
        rep ? r->AddEnumValue(&m, f, v) : r->SetEnumValue(&m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (depth < 4) {
          Message* sub = rep ? r->AddMessage(&m, f) : r->MutableMessage(&m, f);
          Fill(*sub, depth + 1);
        }
        break;
      default:
        break;
    }
  }

  std::mt19937_64 rng_;
  std::vector<std::string> names_;
};

class RobustnessTest : public InspectionE2E {
 protected:
  struct Own {
    mv1::Organization company;
    mv1::Organization cell;
    mv1::Member member;
    v1::Inspection inspection;
  };
  static Own MakeOwn(const std::string& label) {
    Own o;
    o.company = CreateOrganization(Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE,
                                   "Đảng bộ Công ty Thử nghiệm " + label);
    o.cell = CreateOrganization(o.company.name(), mv1::ORGANIZATION_KIND_CELL,
                                "Chi bộ Thử nghiệm " + label);
    o.member = CreateFullMember(o.cell.name(), "Hồ Văn Thử " + label);
    o.inspection = DecidedInspection({o.cell.name(), o.member.name()});
    return o;
  }

  static void ExpectHealthyAndAnswering(const std::string& inspection) {
    auto health = grpc::health::v1::Health::NewStub(InspectionService().channel());
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
    v1::GetInspectionRequest get;
    get.set_name(inspection);
    v1::Inspection out;
    grpc::Status st = Inspection().GetInspection(AdminContext().get(), get, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
  }

  static int RuleVersionCount() {
    v1::ListRuleVersionsRequest req;
    v1::ListRuleVersionsResponse resp;
    EXPECT_TRUE(Inspection().ListRuleVersions(AdminContext().get(), req, &resp).ok());
    return resp.rule_versions_size();
  }
};

// A status a well-behaved service may answer bad input with.
bool IsClientError(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::OUT_OF_RANGE:
      return true;
    default:
      return false;
  }
}

TEST_F(RobustnessTest, RandomRequestsToEveryRpcGetAClientStatusAndTheServiceStaysUp) {
  const Own own = MakeOwn("R");
  const int rule_versions = RuleVersionCount();
  const auto* service = v1::InspectionService::service_full_name();
  const auto* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
  ASSERT_NE(descriptor, nullptr);
  grpc::GenericStub stub(InspectionService().channel());
  RandomFiller filler(20261123, {own.company.name(), own.cell.name(), own.member.name(),
                                 own.inspection.name(), own.inspection.etag(),
                                 own.inspection.name() + "/conclusionNotices/1"});
  int calls = 0;
  for (int i = 0; i < descriptor->method_count(); ++i) {
    const auto* method = descriptor->method(i);
    if (method->client_streaming() || method->server_streaming()) continue;
    const Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(method->input_type());
    // The rule book is shared by every test of the binary: random rule changes are sent as an
    // inspector, who may not make them; malformed ones are sent as an administrator below.
    const bool rules = absl::StrContains(method->name(), "RuleVersion") &&
                       !absl::StartsWith(method->name(), "Get") &&
                       !absl::StartsWith(method->name(), "List");
    for (int round = 0; round < 50; ++round) {
      std::unique_ptr<Message> request(prototype->New());
      filler.Fill(*request);
      grpc::ByteBuffer sent;
      bool own_buffer = false;
      ASSERT_TRUE(
          grpc::SerializationTraits<Message>::Serialize(*request, &sent, &own_buffer).ok());
      auto ctx = rules ? InspectorContext() : AdminContext();
      grpc::ByteBuffer received;
      std::mutex mu;
      std::condition_variable cv;
      bool done = false;
      grpc::Status status;
      stub.UnaryCall(ctx.get(), absl::StrCat("/", service, "/", method->name()),
                     grpc::StubOptions(), &sent, &received, [&](grpc::Status s) {
                       std::lock_guard<std::mutex> lock(mu);
                       status = std::move(s);
                       done = true;
                       cv.notify_one();
                     });
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return done; });
      ++calls;
      const std::string context = absl::StrCat(method->name(), ": ", status.error_code(), " ",
                                               status.error_message(), "\n",
                                               request->ShortDebugString().substr(0, 2000));
      EXPECT_TRUE(IsClientError(status.error_code())) << context;
      if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
        // The field at fault is data, and the message starts with it.
        const std::vector<std::string> fields = BadRequestFields(status);
        ASSERT_EQ(fields.size(), 1u) << context;
        EXPECT_FALSE(fields[0].empty()) << context;
        EXPECT_TRUE(absl::StartsWith(status.error_message(), fields[0] + ": ")) << context;
      }
    }
  }
  EXPECT_GT(calls, 1000);
  ExpectHealthyAndAnswering(own.inspection.name());
  EXPECT_EQ(RuleVersionCount(), rule_versions);
}

// One malformed request and what the service must answer.
struct BadCase {
  std::string what;
  std::function<grpc::Status()> call;
  grpc::StatusCode code;
  std::string field;  // the BadRequest field, for INVALID_ARGUMENT
};

TEST_F(RobustnessTest, MalformedRequestsNameTheFieldAtFault) {
  const Own own = MakeOwn("M");
  const int rule_versions = RuleVersionCount();
  const std::string name = own.inspection.name();
  const std::string etag = own.inspection.etag();
  const google::type::Date feb30 = MakeDate(2025, 2, 30);
  const google::type::Date month13 = MakeDate(2025, 13, 1);
  const google::type::Date feb29 = MakeDate(2023, 2, 29);
  const std::string huge(30000, 'x');

  // A valid creation request each case spoils in one place.
  auto create = [&](const std::function<void(v1::CreateInspectionRequest&)>& spoil) {
    return [=, &own]() {
      v1::CreateInspectionRequest req;
      req.set_request_id(RequestId());
      v1::Inspection* in = req.mutable_inspection();
      in->set_type(v1::INSPECTION_TYPE_THEMATIC_SUPERVISION);
      in->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
      in->set_conducting_organization(own.company.name());
      in->set_conducting_level(v1::LEVEL_GRASSROOTS);
      in->set_content("Giám sát việc thực hiện quy chế làm việc");
      in->add_subjects()->set_subject(own.cell.name());
      spoil(req);
      v1::Inspection out;
      return Inspection().CreateInspection(AdminContext().get(), req, &out);
    };
  };
  auto advance = [&](const std::function<void(v1::AdvanceInspectionStageRequest&)>& spoil) {
    return [=]() {
      v1::AdvanceInspectionStageRequest req;
      req.set_inspection(name);
      req.set_stage(v1::INSPECTION_STAGE_IN_PROGRESS);
      req.set_etag(etag);
      req.set_request_id(RequestId());
      spoil(req);
      v1::Inspection out;
      return Inspection().AdvanceInspectionStage(AdminContext().get(), req, &out);
    };
  };
  auto decision = [&](const std::function<void(v1::DisciplinaryDecision&)>& spoil) {
    return [=, &own]() {
      v1::CreateDisciplinaryDecisionRequest req;
      req.set_request_id(RequestId());
      v1::DisciplinaryDecision* d = req.mutable_disciplinary_decision();
      d->set_subject(own.member.name());
      d->set_form(v1::DISCIPLINE_FORM_REPRIMAND);
      d->set_deciding_organization(own.company.name());
      d->set_deciding_body(v1::DECIDING_BODY_GRASSROOTS_EXECUTIVE);
      d->set_number("3-QĐ/ĐU");
      *d->mutable_decision_date() = DaysFromToday(-3);
      *d->add_violation_dates() = DaysFromToday(-100);
      d->set_violation_category(v1::VIOLATION_CATEGORY_PARTY_ACTIVITY);
      d->set_reasons("Không sinh hoạt đảng ba tháng liền không có lý do");
      spoil(*d);
      v1::DisciplinaryDecision out;
      return Inspection().CreateDisciplinaryDecision(AdminContext().get(), req, &out);
    };
  };
  auto list = [&](const std::function<void(v1::ListInspectionsRequest&)>& spoil) {
    return [=]() {
      v1::ListInspectionsRequest req;
      spoil(req);
      v1::ListInspectionsResponse out;
      return Inspection().ListInspections(AdminContext().get(), req, &out);
    };
  };

  // A page token of one query, used with another.
  std::string other_query_token;
  {
    v1::ListInspectionsRequest req;
    req.set_page_size(1);
    v1::ListInspectionsResponse out;
    ASSERT_TRUE(Inspection().ListInspections(AdminContext().get(), req, &out).ok());
    other_query_token = out.next_page_token();
    ASSERT_FALSE(other_query_token.empty()) << "the suite has made more than one inspection";
  }

  const std::vector<BadCase> cases = {
      // Names.
      {"inspection name not a number",
       [&] {
         v1::GetInspectionRequest r;
         r.set_name("inspections/abc");
         v1::Inspection o;
         return Inspection().GetInspection(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      {"inspection name of another collection",
       [&] {
         v1::GetInspectionRequest r;
         r.set_name(own.member.name());
         v1::Inspection o;
         return Inspection().GetInspection(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      {"negative inspection id",
       [&] {
         v1::GetInspectionRequest r;
         r.set_name("inspections/-4");
         v1::Inspection o;
         return Inspection().GetInspection(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      {"unknown inspection",
       [&] {
         v1::GetInspectionRequest r;
         r.set_name("inspections/987654321");
         v1::Inspection o;
         return Inspection().GetInspection(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::NOT_FOUND, ""},
      {"notice revision not a number",
       [&] {
         v1::GetConclusionNoticeRequest r;
         r.set_name(name + "/conclusionNotices/first");
         v1::ConclusionNotice o;
         return Inspection().GetConclusionNotice(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      {"notice of an inspection without one",
       [&] {
         v1::GetConclusionNoticeRequest r;
         r.set_name(name + "/conclusionNotices/1");
         v1::ConclusionNotice o;
         return Inspection().GetConclusionNotice(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::NOT_FOUND, ""},
      {"appeal name with a wrong collection",
       [&] {
         v1::GetAppealRequest r;
         r.set_name("disciplinaryDecisions/1/complaints/1");
         v1::Appeal o;
         return Inspection().GetAppeal(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      {"rule version of an impossible day",
       [&] {
         v1::GetRuleVersionRequest r;
         r.set_name("ruleVersions/2025-02-30");
         v1::RuleVersion o;
         return Inspection().GetRuleVersion(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      {"programme name empty",
       [&] {
         v1::GetProgrammeRequest r;
         v1::Programme o;
         return Inspection().GetProgramme(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      // CreateInspection, one field spoilt at a time.
      {"unknown type", create([](auto& r) { r.mutable_inspection()->set_type(
                           static_cast<v1::InspectionType>(99)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.type"},
      {"unknown conducting body", create([](auto& r) {
         r.mutable_inspection()->set_conducting_body(static_cast<v1::ConductingBody>(-3));
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.conducting_body"},
      {"no conducting organization",
       create([](auto& r) { r.mutable_inspection()->clear_conducting_organization(); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.conducting_organization"},
      {"unknown conducting organization", create([](auto& r) {
         r.mutable_inspection()->set_conducting_organization("organizations/987654321");
       }),
       grpc::StatusCode::NOT_FOUND, ""},
      {"huge content", create([&](auto& r) { r.mutable_inspection()->set_content(huge); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.content"},
      {"control character in content",
       create([](auto& r) { r.mutable_inspection()->set_content("Giám sát\x01"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.content"},
      {"decision dated 30 February", create([&](auto& r) {
         r.mutable_inspection()->mutable_decision()->set_number("1-QĐ/ĐU");
         *r.mutable_inspection()->mutable_decision()->mutable_date() = feb30;
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.decision.date"},
      {"period ending in month 13",
       create([&](auto& r) { *r.mutable_inspection()->mutable_period_end() = month13; }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.period_end"},
      {"negative planned duration",
       create([](auto& r) { r.mutable_inspection()->set_planned_duration_working_days(-3); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.planned_duration_working_days"},
      {"negative extension",
       create([](auto& r) { r.mutable_inspection()->set_extension_working_days(-2); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.extension_working_days"},
      {"subject of no collection",
       create([](auto& r) { r.mutable_inspection()->mutable_subjects(0)->set_subject("42"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.subjects[0].subject"},
      {"subject with a non-numeric id", create([](auto& r) {
         r.mutable_inspection()->add_subjects()->set_subject("members/abc");
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.subjects[1].subject"},
      {"unknown subject outcome", create([](auto& r) {
         r.mutable_inspection()->mutable_subjects(0)->set_outcome(
             static_cast<v1::SubjectOutcome>(40));
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.subjects[0].outcome"},
      {"team member without a member", create([](auto& r) {
         r.mutable_inspection()->add_team_members()->set_role(v1::TEAM_ROLE_LEADER);
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.team_members[0].member"},
      {"unknown team role", create([&](auto& r) {
         v1::TeamMember* t = r.mutable_inspection()->add_team_members();
         t->set_member(own.member.name());
         t->set_role(static_cast<v1::TeamRole>(42));
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.team_members[0].role"},
      {"no request id", create([](auto& r) { r.clear_request_id(); }),
       grpc::StatusCode::INVALID_ARGUMENT, "request_id"},
      {"negative planned item", create([](auto& r) { r.set_planned_item_number(-1); }),
       grpc::StatusCode::INVALID_ARGUMENT, "planned_item_number"},
      {"created at a later stage", create([](auto& r) {
         r.mutable_inspection()->set_stage(v1::INSPECTION_STAGE_CLOSED);
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.stage"},
      // AdvanceInspectionStage.
      {"unknown stage",
       advance([](auto& r) { r.set_stage(static_cast<v1::InspectionStage>(77)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "stage"},
      {"stage date 30 February", advance([&](auto& r) { *r.mutable_date() = feb30; }),
       grpc::StatusCode::INVALID_ARGUMENT, "date"},
      {"stage date 29 February of a common year",
       advance([&](auto& r) { *r.mutable_date() = feb29; }), grpc::StatusCode::INVALID_ARGUMENT,
       "date"},
      {"no etag", advance([](auto& r) { r.clear_etag(); }), grpc::StatusCode::INVALID_ARGUMENT,
       "etag"},
      {"stale etag", advance([](auto& r) { r.set_etag("\"999\""); }), grpc::StatusCode::ABORTED,
       ""},
      {"etag that is not ours", advance([](auto& r) { r.set_etag("W/abc"); }),
       grpc::StatusCode::ABORTED, ""},
      {"no inspection", advance([](auto& r) { r.clear_inspection(); }),
       grpc::StatusCode::INVALID_ARGUMENT, "inspection"},
      {"reason on a stage that is not CANCELLED",
       advance([](auto& r) { r.set_cancellation_reason("Không cần"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "cancellation_reason"},
      {"stage date in the future",
       advance([](auto& r) { *r.mutable_date() = DaysFromToday(3); }),
       grpc::StatusCode::FAILED_PRECONDITION, ""},
      {"skipping stages", advance([](auto& r) { r.set_stage(v1::INSPECTION_STAGE_CLOSED); }),
       grpc::StatusCode::FAILED_PRECONDITION, ""},
      // UpdateInspection.
      {"update of a field that is not updatable",
       [&] {
         v1::UpdateInspectionRequest r;
         r.set_request_id(RequestId());
         r.mutable_inspection()->set_name(name);
         r.mutable_inspection()->set_etag(etag);
         r.mutable_update_mask()->add_paths("stage");
         v1::Inspection o;
         return Inspection().UpdateInspection(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "update_mask"},
      {"update without a mask",
       [&] {
         v1::UpdateInspectionRequest r;
         r.set_request_id(RequestId());
         r.mutable_inspection()->set_name(name);
         r.mutable_inspection()->set_etag(etag);
         v1::Inspection o;
         return Inspection().UpdateInspection(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "update_mask"},
      {"update with a negative extension",
       [&] {
         v1::UpdateInspectionRequest r;
         r.set_request_id(RequestId());
         r.mutable_inspection()->set_name(name);
         r.mutable_inspection()->set_etag(etag);
         r.mutable_inspection()->set_extension_working_days(-1);
         r.mutable_update_mask()->add_paths("extension_working_days");
         v1::Inspection o;
         return Inspection().UpdateInspection(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "inspection.extension_working_days"},
      // Subjects, findings, outcomes.
      {"no subjects to add",
       [&] {
         v1::AddInspectionSubjectsRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         v1::Inspection o;
         return Inspection().AddInspectionSubjects(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "subjects"},
      {"removing a subject with a bad name",
       [&] {
         v1::RemoveInspectionSubjectsRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         r.add_subjects("organizations/x");
         v1::Inspection o;
         return Inspection().RemoveInspectionSubjects(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "subjects[0]"},
      {"finding without text",
       [&] {
         v1::RecordFindingsRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         r.add_findings()->set_subject(own.member.name());
         v1::Inspection o;
         return Inspection().RecordFindings(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "findings[0].text"},
      {"finding with an unknown category",
       [&] {
         v1::RecordFindingsRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         v1::Finding* f = r.add_findings();
         f->set_subject(own.member.name());
         f->set_text("Chưa kê khai tài sản");
         f->set_violation_category(static_cast<v1::ViolationCategory>(300));
         v1::Inspection o;
         return Inspection().RecordFindings(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "findings[0].violation_category"},
      {"outcome unknown",
       [&] {
         v1::RecordSubjectOutcomesRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         v1::InspectionSubject* s = r.add_outcomes();
         s->set_subject(own.member.name());
         s->set_outcome(static_cast<v1::SubjectOutcome>(99));
         v1::Inspection o;
         return Inspection().RecordSubjectOutcomes(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "outcomes[0].outcome"},
      // Notices and tasks.
      {"notice task due in month 13",
       [&] {
         v1::IssueConclusionNoticeRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         v1::RequiredTask* t = r.mutable_notice()->add_required_tasks();
         t->set_text("Khắc phục");
         t->set_assignee("Chi ủy");
         *t->mutable_due_date() = month13;
         v1::ConclusionNotice o;
         return Inspection().IssueConclusionNotice(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "notice.required_tasks[0].due_date"},
      {"notice with a huge assignee",
       [&] {
         v1::IssueConclusionNoticeRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         r.mutable_notice()->add_required_tasks()->set_assignee(huge);
         v1::ConclusionNotice o;
         return Inspection().IssueConclusionNotice(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "notice.required_tasks[0].assignee"},
      {"notice issued before the conclusion",
       [&] {
         v1::IssueConclusionNoticeRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         r.mutable_notice()->set_number("1-TB/ĐU");
         *r.mutable_notice()->mutable_issued_date() = Today();
         v1::ConclusionNotice o;
         return Inspection().IssueConclusionNotice(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::FAILED_PRECONDITION, ""},
      {"task number negative",
       [&] {
         v1::RecordTaskCompletionRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         r.mutable_completion()->set_task_number(-1);
         *r.mutable_completion()->mutable_completed_date() = Today();
         v1::Inspection o;
         return Inspection().RecordTaskCompletion(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "completion.task_number"},
      {"task completion without a date",
       [&] {
         v1::RecordTaskCompletionRequest r;
         r.set_inspection(name);
         r.set_etag(etag);
         r.set_request_id(RequestId());
         r.mutable_completion()->set_task_number(1);
         v1::Inspection o;
         return Inspection().RecordTaskCompletion(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "completion.completed_date"},
      {"notices of a bad parent",
       [&] {
         v1::ListConclusionNoticesRequest r;
         r.set_parent("inspections/");
         v1::ListConclusionNoticesResponse o;
         return Inspection().ListConclusionNotices(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "parent"},
      // Lists.
      {"negative page size", list([](auto& r) { r.set_page_size(-1); }),
       grpc::StatusCode::INVALID_ARGUMENT, "page_size"},
      {"garbage page token", list([](auto& r) { r.set_page_token("%%%not-a-token"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"page token of another query", list([&](auto& r) {
         r.add_types(v1::INSPECTION_TYPE_THEMATIC_INSPECTION);
         r.set_page_token(other_query_token);
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"unknown type filter",
       list([](auto& r) { r.add_types(static_cast<v1::InspectionType>(99)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "types[0]"},
      {"unknown stage filter", list([](auto& r) {
         r.add_stages(v1::INSPECTION_STAGE_PLANNED);
         r.add_stages(static_cast<v1::InspectionStage>(-1));
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "stages[1]"},
      {"decided from 30 February",
       list([&](auto& r) { *r.mutable_decided_from() = feb30; }),
       grpc::StatusCode::INVALID_ARGUMENT, "decided_from"},
      {"subject filter of another collection",
       list([](auto& r) { r.set_subject("inspections/1"); }), grpc::StatusCode::INVALID_ARGUMENT,
       "subject"},
      {"subtree of a member", list([&](auto& r) { r.set_subtree(own.member.name()); }),
       grpc::StatusCode::INVALID_ARGUMENT, "subtree"},
      {"unknown subtree", list([](auto& r) { r.set_subtree("organizations/987654321"); }),
       grpc::StatusCode::NOT_FOUND, ""},
      {"notice page token of another inspection",
       [&] {
         v1::ListConclusionNoticesRequest r;
         r.set_parent(name);
         r.set_page_token(other_query_token);
         v1::ListConclusionNoticesResponse o;
         return Inspection().ListConclusionNotices(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"overdue as of 30 February",
       [&] {
         v1::ListOverdueRequest r;
         *r.mutable_as_of() = feb30;
         v1::ListOverdueResponse o;
         return Inspection().ListOverdue(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "as_of"},
      {"changes after a negative sequence",
       [&] {
         v1::ListChangesRequest r;
         r.set_after_sequence(-7);
         v1::ListChangesResponse o;
         return Inspection().ListChanges(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "after_sequence"},
      {"programmes of a negative year",
       [&] {
         v1::ListProgrammesRequest r;
         r.set_year(-2019);
         v1::ListProgrammesResponse o;
         return Inspection().ListProgrammes(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "year"},
      {"decisions of an unknown form",
       [&] {
         v1::ListDisciplinaryDecisionsRequest r;
         r.add_forms(static_cast<v1::DisciplineForm>(17));
         v1::ListDisciplinaryDecisionsResponse o;
         return Inspection().ListDisciplinaryDecisions(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "forms[0]"},
      // Programmes.
      {"programme of year 0",
       [&] {
         v1::CreateProgrammeRequest r;
         r.set_request_id(RequestId());
         r.mutable_programme()->set_organization(own.company.name());
         r.mutable_programme()->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
         v1::Programme o;
         return Inspection().CreateProgramme(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "programme.year"},
      {"programme item without a type",
       [&] {
         v1::CreateProgrammeRequest r;
         r.set_request_id(RequestId());
         r.mutable_programme()->set_organization(own.company.name());
         r.mutable_programme()->set_conducting_body(v1::CONDUCTING_BODY_STANDING_COMMITTEE);
         r.mutable_programme()->set_year(2026);
         r.mutable_programme()->add_planned_items()->set_content("Giám sát");
         v1::Programme o;
         return Inspection().CreateProgramme(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "programme.planned_items[0].type"},
      {"programme update with a stale etag",
       [&] {
         v1::UpdateProgrammeRequest r;
         r.set_request_id(RequestId());
         r.mutable_programme()->set_name("programmes/987654321");
         r.mutable_programme()->set_etag("\"1\"");
         r.mutable_update_mask()->add_paths("decision");
         v1::Programme o;
         return Inspection().UpdateProgramme(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::NOT_FOUND, ""},
      // Disciplinary decisions.
      {"decision without a subject", decision([](auto& d) { d.clear_subject(); }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.subject"},
      {"decision of an unknown form",
       decision([](auto& d) { d.set_form(static_cast<v1::DisciplineForm>(99)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.form"},
      {"decision dated 30 February",
       decision([&](auto& d) { *d.mutable_decision_date() = feb30; }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.decision_date"},
      {"violation on 29 February of a common year", decision([&](auto& d) {
         *d.add_violation_dates() = feb29;
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.violation_dates[1]"},
      {"reasons with a NUL",
       decision([](auto& d) { d.set_reasons(std::string("Vi phạm\0", 10)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.reasons"},
      {"huge number", decision([&](auto& d) { d.set_number(huge); }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.number"},
      {"unknown deciding body",
       decision([](auto& d) { d.set_deciding_body(static_cast<v1::DecidingBody>(12)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.deciding_body"},
      {"source inspection of a bad name",
       decision([](auto& d) { d.set_source_inspection("inspections/zero"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "disciplinary_decision.source_inspection"},
      {"unknown subject", decision([](auto& d) { d.set_subject("members/987654321"); }),
       grpc::StatusCode::NOT_FOUND, ""},
      // Appeals.
      {"appeal of a bad parent",
       [&] {
         v1::CreateAppealRequest r;
         r.set_parent("disciplinaryDecisions/");
         r.set_request_id(RequestId());
         v1::Appeal o;
         return Inspection().CreateAppeal(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "parent"},
      {"resolution of a bad name",
       [&] {
         v1::ResolveAppealRequest r;
         r.set_name("disciplinaryDecisions/1/appeals/-1");
         r.set_etag("\"1\"");
         r.set_request_id(RequestId());
         v1::Appeal o;
         return Inspection().ResolveAppeal(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "name"},
      // Rules, as an administrator: refused before anything is stored.
      {"rule version of 30 February",
       [&] {
         v1::CreateRuleVersionRequest r;
         r.set_request_id(RequestId());
         *r.mutable_rule_version()->mutable_effective_date() = feb30;
         v1::RuleVersion o;
         return Inspection().CreateRuleVersion(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "rule_version.effective_date"},
      {"negative limitation period",
       [&] {
         v1::CreateRuleVersionRequest r;
         r.set_request_id(RequestId());
         *r.mutable_rule_version()->mutable_effective_date() = MakeDate(2031, 1, 1);
         r.mutable_rule_version()->set_reprimand_limitation_years(-5);
         v1::RuleVersion o;
         return Inspection().CreateRuleVersion(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "rule_version.reprimand_limitation_years"},
      {"unknown form in the rules",
       [&] {
         v1::CreateRuleVersionRequest r;
         r.set_request_id(RequestId());
         *r.mutable_rule_version()->mutable_effective_date() = MakeDate(2031, 1, 1);
         r.mutable_rule_version()->add_organization_forms(static_cast<v1::DisciplineForm>(88));
         v1::RuleVersion o;
         return Inspection().CreateRuleVersion(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "rule_version.organization_forms[0]"},
      {"rule update with a stale etag",
       [&] {
         v1::UpdateRuleVersionRequest r;
         r.set_request_id(RequestId());
         r.mutable_rule_version()->set_name("ruleVersions/1930-02-03");
         r.mutable_rule_version()->set_etag("\"999\"");
         r.mutable_rule_version()->set_reprimand_limitation_years(5);
         r.mutable_update_mask()->add_paths("reprimand_limitation_years");
         v1::RuleVersion o;
         return Inspection().UpdateRuleVersion(AdminContext().get(), r, &o);
       },
       grpc::StatusCode::ABORTED, ""},
      // Callers outside their scope.
      {"inspection conducted outside the caller's subtree",
       [&] {
         v1::GetInspectionRequest r;
         r.set_name(name);
         const mv1::Organization elsewhere = CreateOrganization(
             Bloc().name(), mv1::ORGANIZATION_KIND_GRASSROOTS_COMMITTEE, "Đảng bộ Công ty Khác");
         v1::Inspection o;
         return Inspection().GetInspection(
             Context(Token({"inspector"}, {IdOf(elsewhere.name())})).get(), r, &o);
       },
       grpc::StatusCode::PERMISSION_DENIED, ""},
      {"rule change by an inspector",
       [&] {
         v1::CreateRuleVersionRequest r;
         r.set_request_id(RequestId());
         *r.mutable_rule_version()->mutable_effective_date() = MakeDate(2031, 1, 1);
         v1::RuleVersion o;
         return Inspection().CreateRuleVersion(InspectorContext().get(), r, &o);
       },
       grpc::StatusCode::PERMISSION_DENIED, ""},
  };

  for (const BadCase& c : cases) {
    const grpc::Status st = c.call();
    EXPECT_EQ(st.error_code(), c.code) << c.what << ": " << st.error_message();
    if (c.code == grpc::StatusCode::INVALID_ARGUMENT) {
      const std::vector<std::string> fields = BadRequestFields(st);
      ASSERT_EQ(fields.size(), 1u) << c.what << ": " << st.error_message();
      EXPECT_EQ(fields[0], c.field) << c.what << ": " << st.error_message();
      EXPECT_TRUE(absl::StartsWith(st.error_message(), c.field + ": "))
          << c.what << ": " << st.error_message();
    }
  }

  // Nothing of it changed the inspection or the rules, and the service still answers.
  v1::GetInspectionRequest get;
  get.set_name(name);
  v1::Inspection after;
  ASSERT_TRUE(Inspection().GetInspection(AdminContext().get(), get, &after).ok());
  EXPECT_EQ(after.etag(), etag);
  EXPECT_EQ(after.stage(), v1::INSPECTION_STAGE_DECIDED);
  EXPECT_EQ(RuleVersionCount(), rule_versions);
  ExpectHealthyAndAnswering(name);
}

}  // namespace
}  // namespace dangbo::inspection::testing
