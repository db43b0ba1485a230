#include "common/status/errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/absl_compat.h"
#include "common/status/details.h"
#include "google/rpc/error_details.pb.h"

namespace dangbo::status {
namespace {

absl::Status WithResourceInfo(absl::Status status, std::string_view resource_type,
                              std::string_view resource_name) {
  google::rpc::ResourceInfo info;
  info.set_resource_type(std::string(resource_type));
  info.set_resource_name(std::string(resource_name));
  AttachDetail(status, info);
  return status;
}

}  // namespace

absl::Status InvalidField(std::string_view field, std::string_view description) {
  const FieldViolation violation{std::string(field), std::string(description)};
  return InvalidFields({&violation, 1});
}

absl::Status InvalidFields(absl::Span<const FieldViolation> violations) {
  google::rpc::BadRequest bad_request;
  std::vector<std::string> parts;
  parts.reserve(violations.size());
  for (const FieldViolation& v : violations) {
    google::rpc::BadRequest::FieldViolation* out = bad_request.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
    parts.push_back(absl::StrCat(v.field, ": ", v.description));
  }
  absl::Status status = absl::InvalidArgumentError(absl::StrJoin(parts, "; "));
  AttachDetail(status, bad_request);
  return status;
}

absl::Status WithErrorInfo(absl::Status status, std::string_view reason, std::string_view domain,
                           const std::map<std::string, std::string>& metadata) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(domain));
  info.mutable_metadata()->insert(metadata.begin(), metadata.end());
  AttachDetail(status, info);
  return status;
}

absl::Status NotFound(std::string_view resource_type, std::string_view resource_name) {
  return WithResourceInfo(absl::NotFoundError(absl::StrCat(ToAbsl(resource_type), " \"",
                                                           ToAbsl(resource_name), "\" not found")),
                          resource_type, resource_name);
}

absl::Status AlreadyExists(std::string_view resource_type, std::string_view resource_name) {
  return WithResourceInfo(
      absl::AlreadyExistsError(
          absl::StrCat(ToAbsl(resource_type), " \"", ToAbsl(resource_name), "\" already exists")),
      resource_type, resource_name);
}

absl::Status FailedPrecondition(std::string_view type, std::string_view subject,
                                std::string_view description) {
  google::rpc::PreconditionFailure failure;
  google::rpc::PreconditionFailure::Violation* v = failure.add_violations();
  v->set_type(std::string(type));
  v->set_subject(std::string(subject));
  v->set_description(std::string(description));
  absl::Status status =
      absl::FailedPreconditionError(absl::StrCat(ToAbsl(subject), ": ", ToAbsl(description)));
  AttachDetail(status, failure);
  return status;
}

absl::Status StateTransitionNotAllowed(std::string_view resource_name, std::string_view from,
                                       std::string_view to) {
  return WithErrorInfo(FailedPrecondition("STATE", resource_name,
                                          absl::StrCat("cannot change state from ", ToAbsl(from),
                                                       " to ", ToAbsl(to))),
                       kReasonStateTransitionNotAllowed, kErrorDomain,
                       {{"resource", std::string(resource_name)},
                        {"from", std::string(from)},
                        {"to", std::string(to)}});
}

absl::Status EtagMismatch(std::string_view resource_name) {
  return WithErrorInfo(
      absl::AbortedError(absl::StrCat("etag: does not match the current version of ",
                                      ToAbsl(resource_name), "; read it again and retry")),
      kReasonEtagMismatch, kErrorDomain,
      {{"resource", std::string(resource_name)}, {"field", "etag"}});
}

std::string_view FieldNamedBy(std::string_view message) {
  const size_t colon = message.find(": ");
  if (colon == std::string_view::npos || colon == 0) return {};
  const std::string_view field = message.substr(0, colon);
  return field.find(' ') == std::string_view::npos ? field : std::string_view();
}

absl::Status Prefixed(std::string_view field, absl::Status status) {
  if (status.ok() || field.empty()) return status;
  // Domain rules write "<their field>: <description>"; the request's path to it is
  // "<field>.<their field>".
  const absl::string_view message = status.message();
  const bool names_a_field = !FieldNamedBy(FromAbsl(message)).empty();
  absl::Status out(status.code(), names_a_field ? absl::StrCat(ToAbsl(field), ".", message)
                                                : absl::StrCat(ToAbsl(field), ": ", message));
  status.ForEachPayload([&out](absl::string_view type_url, const absl::Cord& payload) {
    out.SetPayload(type_url, payload);
  });
  return out;
}

}  // namespace dangbo::status
