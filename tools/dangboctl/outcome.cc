#include "tools/dangboctl/outcome.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace dangbo::ctl {
namespace {

constexpr absl::string_view kExitPayload = "dangboctl/exit_code";
constexpr absl::string_view kDetailsPayload = "dangboctl/rpc_status_details";
constexpr absl::string_view kHintPayload = "dangboctl/hint";

void PrintDetail(const google::protobuf::Any& any, std::ostream& err) {
  google::rpc::BadRequest bad_request;
  google::rpc::PreconditionFailure precondition;
  google::rpc::ResourceInfo resource;
  google::rpc::ErrorInfo info;
  google::rpc::RetryInfo retry;
  google::rpc::Help help;
  google::rpc::LocalizedMessage localized;
  google::rpc::QuotaFailure quota;
  if (any.UnpackTo(&bad_request)) {
    for (const auto& v : bad_request.field_violations()) {
      err << "  field " << v.field() << ": " << v.description() << '\n';
    }
  } else if (any.UnpackTo(&precondition)) {
    for (const auto& v : precondition.violations()) {
      err << "  precondition " << v.type() << " " << v.subject() << ": " << v.description() << '\n';
    }
  } else if (any.UnpackTo(&resource)) {
    err << "  resource " << resource.resource_type() << " " << resource.resource_name();
    if (!resource.description().empty()) err << ": " << resource.description();
    err << '\n';
  } else if (any.UnpackTo(&info)) {
    err << "  reason " << info.reason();
    if (!info.domain().empty()) err << " (" << info.domain() << ")";
    for (const auto& [key, value] : info.metadata()) err << " " << key << "=" << value;
    err << '\n';
  } else if (any.UnpackTo(&retry)) {
    err << "  retry after " << retry.retry_delay().seconds() << "s\n";
  } else if (any.UnpackTo(&help)) {
    for (const auto& link : help.links()) {
      err << "  see " << link.description() << ": " << link.url() << '\n';
    }
  } else if (any.UnpackTo(&localized)) {
    err << "  " << localized.message() << '\n';
  } else if (any.UnpackTo(&quota)) {
    for (const auto& v : quota.violations()) {
      err << "  quota " << v.subject() << ": " << v.description() << '\n';
    }
  } else {
    err << "  detail " << any.type_url() << '\n';
  }
}

}  // namespace

absl::Status RpcError(const grpc::Status& status) {
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  if (out.ok()) out = absl::UnknownError(status.error_message());
  out.SetPayload(kExitPayload, absl::Cord(absl::StrCat(kExitRpcError)));
  if (!status.error_details().empty()) {
    out.SetPayload(kDetailsPayload, absl::Cord(status.error_details()));
  }
  return out;
}

absl::Status WithHint(absl::Status status, absl::string_view hint) {
  if (hint.empty()) return status;
  std::string hints;
  if (auto existing = status.GetPayload(kHintPayload); existing.has_value()) {
    hints = absl::StrCat(std::string(*existing), "\n");
  }
  status.SetPayload(kHintPayload, absl::Cord(absl::StrCat(hints, hint)));
  return status;
}

absl::Status RowsRefused(absl::string_view summary) {
  absl::Status out = absl::FailedPreconditionError(summary);
  out.SetPayload(kExitPayload, absl::Cord(absl::StrCat(kExitRowsRefused)));
  return out;
}

std::vector<std::pair<std::string, std::string>> FieldViolations(const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> out;
  auto details = status.GetPayload(kDetailsPayload);
  google::rpc::Status rich;
  if (!details.has_value() || !rich.ParseFromString(std::string(*details))) return out;
  for (const google::protobuf::Any& any : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations())
      out.emplace_back(v.field(), v.description());
  }
  return out;
}

int ExitCodeOf(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  auto code = status.GetPayload(kExitPayload);
  if (!code.has_value()) return kExitUsage;
  const std::string text(*code);
  if (text == absl::StrCat(kExitRpcError)) return kExitRpcError;
  if (text == absl::StrCat(kExitRowsRefused)) return kExitRowsRefused;
  return kExitUsage;
}

void PrintError(const absl::Status& status, std::ostream& err) {
  if (status.ok()) return;
  switch (ExitCodeOf(status)) {
    case kExitRpcError:
      err << "error: " << absl::StatusCodeToString(status.code()) << ": " << status.message()
          << '\n';
      break;
    case kExitRowsRefused:
      err << "error: " << status.message() << '\n';
      break;
    default:
      err << "usage error: " << status.message() << '\n';
      break;
  }
  if (auto details = status.GetPayload(kDetailsPayload); details.has_value()) {
    google::rpc::Status rich;
    if (rich.ParseFromString(std::string(*details))) {
      for (const google::protobuf::Any& any : rich.details()) PrintDetail(any, err);
    }
  }
  if (auto hint = status.GetPayload(kHintPayload); hint.has_value()) {
    err << std::string(*hint) << '\n';
  }
}

}  // namespace dangbo::ctl
