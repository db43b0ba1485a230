// Server reflection (grpc.reflection.v1alpha, the only version gRPC 1.51 serves), spoken through a
// generic stub with hand-encoded messages: the reflection protos are compiled into
// grpc++_reflection and cannot be generated a second time into the same binary.

#include <string>
#include <vector>

#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "test_server.h"

namespace dangbo::testing {
namespace {

// Waits for the next event on `cq`, which must be `tag` completing successfully.
bool Completes(grpc::CompletionQueue& cq, intptr_t tag) {
  void* got = nullptr;
  bool ok = false;
  return cq.Next(&got, &ok) && ok && got == reinterpret_cast<void*>(tag);
}

TEST(Reflection, ListServices_IncludesRegisteredService) {
  TestServer server;
  ASSERT_TRUE(server.Start().ok());
  grpc::GenericStub stub(server.NewChannel());
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  SetDeadline(context, absl::Seconds(5));
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(Completes(cq, 1));

  // ServerReflectionRequest{list_services: "*"}: field 7, length-delimited, one byte.
  grpc::Slice request(std::string("\x3a\x01*", 3));
  grpc::ByteBuffer request_buffer(&request, 1);
  call->Write(request_buffer, reinterpret_cast<void*>(2));
  ASSERT_TRUE(Completes(cq, 2));
  call->WritesDone(reinterpret_cast<void*>(3));
  ASSERT_TRUE(Completes(cq, 3));

  grpc::ByteBuffer reply;
  call->Read(&reply, reinterpret_cast<void*>(4));
  ASSERT_TRUE(Completes(cq, 4));
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(reply.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  EXPECT_NE(bytes.find("dangbo.testing.EchoService"), std::string::npos);

  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  ASSERT_TRUE(Completes(cq, 5));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace dangbo::testing
