#include "bench/load/member_names.h"

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/authenticator.h"
#include "dangbo/membership/v1/membership_service.grpc.pb.h"

namespace dangbo::bench {

namespace v1 = ::dangbo::membership::v1;

absl::StatusOr<std::vector<std::string>> ListMemberNames(const std::string& target,
                                                         const std::string& token, int64_t limit) {
  auto stub = v1::MembershipService::NewStub(
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  std::vector<std::string> names;
  v1::ListMembersRequest req;
  req.set_page_size(1000);
  while (static_cast<int64_t>(names.size()) < limit) {
    grpc::ClientContext ctx;
    if (!token.empty()) auth::AttachToken(ctx, token);
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    v1::ListMembersResponse resp;
    grpc::Status status = stub->ListMembers(&ctx, req, &resp);
    if (!status.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          absl::StrCat("ListMembers: ", status.error_message()));
    }
    for (const v1::Member& m : resp.members()) {
      if (static_cast<int64_t>(names.size()) >= limit) break;
      names.push_back(m.name());
    }
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  return names;
}

std::vector<std::string> MemberNamesInRange(int64_t first, int64_t last) {
  std::vector<std::string> names;
  for (int64_t id = first; id <= last; ++id) names.push_back(absl::StrCat("members/", id));
  return names;
}

}  // namespace dangbo::bench
