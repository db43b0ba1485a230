// Random input to every unary RPC: the service answers each call with a status that is not
// INTERNAL or UNKNOWN (those mean a bug), and stays healthy.
#include <random>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/membership/e2e/membership_fixture.h"

namespace dangbo::membership::testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

class RandomFiller {
 public:
  explicit RandomFiller(uint64_t seed) : rng_(seed) {}

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
    static const std::vector<std::string> interesting = {"",
                                                         "organizations/1",
                                                         "members/1",
                                                         "organizations/-5",
                                                         "members/abc",
                                                         "organizations/",
                                                         std::string("Nguy\0ễn", 9),
                                                         "Nguyễn Văn An",
                                                         "\x01\x02",
                                                         "*",
                                                         "%",
                                                         "_",
                                                         "/1/2/",
                                                         "999999999999999999999999",
                                                         "001090012345",
                                                         "\"7\"",
                                                         std::string(5000, 'x'),
                                                         "ORGANIZATION_KIND_CELL",
                                                         "members/1/events/2",
                                                         "'; DROP TABLE members; --"};
    if (Coin(2)) return interesting[rng_() % interesting.size()];
    std::string s(rng_() % 40, ' ');
    for (char& c : s) c = static_cast<char>(32 + rng_() % 95);
    return s;
  }

  int64_t RandomInt() {
    static const std::vector<int64_t> interesting = {
        0, 1, -1, 2, 12, 31, 2025, 1900, 1, 1000, 1001, 100000, INT32_MAX, INT32_MIN, INT64_MAX};
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
};

class RobustnessE2E : public MembershipE2E {};

TEST_F(RobustnessE2E, RandomRequestsToEveryUnaryRpc_NeverInternalAndServiceStaysUp) {
  const auto* service = v1::MembershipService::service_full_name();
  const auto* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
  ASSERT_NE(descriptor, nullptr);
  grpc::GenericStub stub(Service().channel());
  RandomFiller filler(20261123);
  int calls = 0;
  for (int i = 0; i < descriptor->method_count(); ++i) {
    const auto* method = descriptor->method(i);
    if (method->client_streaming() || method->server_streaming()) continue;
    const Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(method->input_type());
    for (int round = 0; round < 60; ++round) {
      std::unique_ptr<Message> request(prototype->New());
      filler.Fill(*request);
      grpc::ByteBuffer sent;
      bool own = false;
      ASSERT_TRUE(grpc::SerializationTraits<Message>::Serialize(*request, &sent, &own).ok());
      auto ctx = AdminContext();
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
      EXPECT_NE(status.error_code(), grpc::StatusCode::INTERNAL)
          << method->name() << ": " << status.error_message() << "\n"
          << request->ShortDebugString();
      EXPECT_NE(status.error_code(), grpc::StatusCode::UNKNOWN)
          << method->name() << ": " << status.error_message() << "\n"
          << request->ShortDebugString();
    }
  }
  EXPECT_GT(calls, 1000);

  auto health = grpc::health::v1::Health::NewStub(Service().channel());
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse resp;
  ASSERT_TRUE(health->Check(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace dangbo::membership::testing
